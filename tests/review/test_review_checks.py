"""QA checks on en→zh (and zh→en) entries, and statistics."""

import polib
import pytest

from transnews.review import (Acronyms, Glossary, Identical, LengthRatio, Numbers, Placeholders, Punctuation,
                              Repetition, Untranslated, Whitespace, catalog_stats, check_catalog, count_words)


def E(msgid, msgstr, **kw):
    return polib.POEntry(msgid=msgid, msgstr=msgstr, **kw)


def names(check, entry, src="en", tgt="zh"):
    return [f.message for f in check.check(entry, src, tgt)]


@pytest.mark.parametrize("src, tgt, ok", [
    ("It was held on July 7 to 9, 2021 in Xiamen.", "2021年7月7日至9日在厦门举行。", True),
    ("Sales rose 11% to 1,500 units, 3.5 times the 100 of last year.", "销量增长11%，达到1500台，是去年100台的3.5倍。", True),
    ("Revenue reached 1.5 million yuan.", "收入达到150万元。", True),
    ("Two experts spoke.", "两位专家发言。", True),
    ("It was held on July 7 to 9, 2021 in Xiamen.", "2021年7月8日至9日在厦门举行。", False),
    ("Sales rose 11% to 1,500 units.", "销量增长11%，达到1600台。", False),
])
def test_numbers_and_dates(src, tgt, ok):
    msgs = names(Numbers(), E(src, tgt))
    assert (msgs == []) is ok, msgs


def small_glossary():
    """A one-concept glossary: WIPO, its approved target and one forbidden form."""
    from transnews.glossary import Concept, Glossary as TermGlossary

    return TermGlossary([Concept(id="wipo", en=("World Intellectual Property Organization",), abbr=("WIPO",),
                                 zh="世界知识产权组织", zh_forbidden=("世界知识产权局",), case_sensitive=True)])


def test_glossary_and_acronyms():
    g = small_glossary()
    good = E("WIPO held a training.", "世界知识产权组织举办了培训。")
    assert names(Glossary(g), good) == [] and names(Acronyms(g), good) == []
    bad = E("WIPO held a training.", "世界知识产权局举办了培训。")
    msgs = names(Glossary(g), bad)
    assert any("approved term missing" in m for m in msgs) and any("forbidden variant" in m for m in msgs)
    assert names(Acronyms(g), E("WIPO and NCAC met.", "WIPO与国家版权局会面。")) == ["'NCAC' not found in translation"]
    assert names(Acronyms(), E("WIPO met.", "WIPO会面。")) == []


@pytest.mark.parametrize("src, tgt, expect", [
    ("Hello %s, you have %d files", "你好%s，你有%d个文件", []),
    ("Hello %s", "你好", ["placeholders differ"]),
    ("Hi {name}", "嗨 {nom}", ["placeholders differ"]),
    ("Read <b>this</b> now", "现在阅读<b>这个", ["markup tags differ"]),
    ("See [the report](https://wipo.int/r)", "见[报告](https://wipo.int/r)", []),
    ("See [the report](https://wipo.int/r)", "见报告", ["Markdown links differ"]),
])
def test_placeholders_and_markup(src, tgt, expect):
    msgs = names(Placeholders(), E(src, tgt))
    assert [m.split(":")[0] for m in msgs] == expect


def test_punctuation_repetition_length_identical_whitespace():
    assert names(Punctuation(), E("Yes, it is.", "是的，是这样。")) == []
    f = Punctuation().check(E("Yes, it is.", "是的，，是这样。。"), "en", "zh")
    assert {x.severity for x in f} == {"error"} and len(f) == 2
    assert "half-width" in names(Punctuation(), E("Yes, it is.", "是的,是这样."))[0]
    assert "full-width" in names(Punctuation(), E("是的，是这样。", "Yes，it is。"), "zh", "en")[0]
    loop = Repetition().check(E("Copyright protection.", "版权保护版权保护版权保护版权保护。"), "en", "zh")
    assert loop and loop[0].severity == "error"
    assert names(Repetition(), E("The cat.", "The the cat."), "zh", "en") == ["repeated word 'The the'"]
    assert names(Repetition(), E("Bye bye bye.", "再见再见再见。")) == []  # repeated in the source too
    long_src = "The training covered overseas risk prevention and control in detail."
    assert names(LengthRatio(), E(long_src, "培训详细介绍了海外风险防控。")) == []
    assert "shorter" in names(LengthRatio(), E(long_src, "培训。"))[0]
    assert names(Identical(), E("Copyright matters.", "Copyright matters.")) != []
    assert names(Identical(), E("WIPO 2021", "WIPO 2021")) == []
    assert "double space" in names(Whitespace(), E("A b.", "甲  乙。"))[0]
    assert "leading/trailing" in names(Whitespace(), E("A b.", "甲乙。 "))[0]
    assert "between Chinese" in names(Whitespace(), E("A b.", "版权 保护。"))[0]


def test_check_catalog_locations(tmp_path):
    po = polib.POFile()
    po.metadata = {"Language": "zh_CN", "X-Source-Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(E("Untranslated here.", ""))
    po.append(E("On July 7, 2021.", "2021年7月8日。"))
    path = tmp_path / "zh" / "LC_MESSAGES" / "a.po"
    path.parent.mkdir(parents=True)
    po.save(str(path))
    from transnews.catalog import load_po

    findings = check_catalog(load_po(path), path)
    by = {f.check: f for f in findings}
    assert by["untranslated"].severity == "warning" and by["numbers"].severity == "error"
    assert by["numbers"].path == str(path) and by["numbers"].line > by["untranslated"].line > 0
    assert by["numbers"].format().startswith(f"{path}:{by['numbers'].line}: error: numbers:")


def test_stats_words():
    assert count_words("WIPO held a training in Xiamen.") == 6
    assert count_words("世界知识产权组织") == 8  # one per CJK character
    po = polib.POFile()
    po.append(E("One two three.", "一二三。"))
    po.append(E("Four five.", "四五。", flags=["fuzzy"]))
    po.append(E("Six.", ""))
    po.append(E("Gone.", "没了。", obsolete=True))
    st = catalog_stats(po, "x.po")
    assert (st.translated, st.fuzzy, st.untranslated, st.obsolete) == (1, 1, 1, 1)
    assert (st.translated_words, st.fuzzy_words, st.untranslated_words) == (3, 2, 1)
    assert round(st.percent_translated, 1) == 33.3


def test_untranslated_boilerplate_is_info():
    f = Untranslated().check(E("Home > News", "", msgctxt="boilerplate"), "en", "zh")
    assert f[0].severity == "info"
