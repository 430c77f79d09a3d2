"""Traditional editions (zh_TW, zh_HK): regional glossary forms, their enforcement and verification."""

import re
from pathlib import Path

import pytest

from transnews.engine.base import MemoryEngine
from transnews.engine.convert import ConvertingEngine
from transnews.errors import GlossaryError
from transnews.glossary import enforce, load_glossary, verify_segment, verify_text
from transnews.glossary.tsv import ALL_COLUMNS, format_tsv, read_tsv

GLOSSARY = Path(__file__).resolve().parents[2] / "glossary"
HEADER = "\t".join(ALL_COLUMNS)


@pytest.fixture(scope="module")
def g():
    return load_glossary(GLOSSARY)


def row(**cells) -> str:
    base = {"id": "wipo-x", "en": "World Intellectual Property Organization", "abbr": "WIPO",
            "zh": "世界知识产权组织", "case": "exact", "source": "WIPO official Chinese name"}
    base.update(cells)
    return "\t".join(base.get(c, "") for c in ALL_COLUMNS)


def write(tmp_path, *lines) -> Path:
    p = tmp_path / "g.tsv"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def simplified_mt(table):
    """A deterministic Simplified engine converted like a Traditional edition's MT."""
    return lambda tgt_config: ConvertingEngine(MemoryEngine(table), tgt_config).translate


# --- the TSV columns ----------------------------------------------------------------------

def test_regional_columns_load_and_round_trip(tmp_path):
    p = write(tmp_path, HEADER, row(zh_tw="世界智慧財產權組織", zh_hk="世界知識產權組織",
                                    source="WIPO; zh-TW: TIPO usage; zh-HK: IPD usage"))
    [c] = read_tsv(p)
    assert (c.zh_tw, c.zh_hk) == ("世界智慧財產權組織", "世界知識產權組織")
    assert (c.target("zh-TW"), c.target("zh_HK"), c.target("zh-Hant"), c.target("zh")) == \
        ("世界智慧財產權組織", "世界知識產權組織", "世界智慧財產權組織", "世界知识产权组织")
    again = write(tmp_path, format_tsv([c]))
    assert read_tsv(again)[0] == c


def test_older_files_without_regional_columns_still_load(tmp_path):
    short = "\t".join(ALL_COLUMNS[:10])
    [c] = read_tsv(write(tmp_path, short, "\t".join(row().split("\t")[:10])))
    assert (c.zh_tw, c.zh_hk) == ("", "") and c.target("zh_TW") is None


@pytest.mark.parametrize("cells, words", [
    ({"zh_tw": "世界智慧財產權組織"}, "zh_tw '世界智慧財產權組織' has no citation: add 'zh-TW: <document>' to source"),
    ({"zh_hk": "甲 | 乙", "source": "x; zh-HK: y"}, "one approved zh_hk form only"),
    ({"zh_hk": "甲", "dnt": "yes", "source": "x; zh-HK: y"}, "zh_hk given for a do-not-translate concept"),
])
def test_bad_regional_cells_are_errors_at_file_line(tmp_path, cells, words):
    p = write(tmp_path, HEADER, row(**cells))
    with pytest.raises(GlossaryError) as err:
        read_tsv(p)
    assert words in str(err.value) and err.value.line == 2


def test_bundled_glossary_carries_the_regional_forms(g):
    tw = {cid: g[cid].zh_tw for cid in ("wipo", "copyright", "intellectual-property", "tipo")}
    hk = {cid: g[cid].zh_hk for cid in ("wipo", "copyright", "hk-ipd", "hk-copyright-ordinance")}
    assert tw == {"wipo": "世界智慧財產權組織", "copyright": "著作權", "intellectual-property": "智慧財產權",
                  "tipo": "經濟部智慧財產局"}
    assert hk == {"wipo": "世界知識產權組織", "copyright": "版權", "hk-ipd": "知識產權署",
                  "hk-copyright-ordinance": "《版權條例》"}
    for c in g:  # every regional form names its own source (the loader enforces it)
        for region, form in (("TW", c.zh_tw), ("HK", c.zh_hk)):
            assert not form or f"zh-{region}:" in c.source, c.id


# --- the edition's view -------------------------------------------------------------------

def test_view_uses_regional_forms_else_converted_and_flagged(g):
    tw, hk = g.target_view("zh-TW"), g.target_view("zh_HK")
    assert tw.by_id["wipo"].zh == "世界智慧財產權組織" and "wipo" not in tw.converted
    assert hk.by_id["wipo"].zh == "世界知識產權組織" and "wipo" not in hk.converted
    # No regional form: the Simplified one, converted as MT output is, and flagged.
    assert tw.by_id["ncac"].zh == "國家版權局" and "ncac" in tw.converted
    assert "check" in tw.flag("ncac", "国家版权局") and tw.flag("wipo", "世界知识产权组织") == ""
    assert g.target_view("zh-Hant-TW") is tw and g.target_view("zh").concepts == tuple(g.concepts)


def test_forbidden_forms_are_converted_and_never_the_regions_approved_form(g):
    tw, hk = g.target_view("zh_TW"), g.target_view("zh_HK")
    # 智慧财产权 is forbidden in Simplified editions; it is Taiwan's approved form.
    assert tw.by_id["intellectual-property"].zh == "智慧財產權"
    assert "智慧財產權" not in tw.by_id["intellectual-property"].zh_forbidden
    assert "智慧財產權" in hk.by_id["intellectual-property"].zh_forbidden
    assert "世界智慧財產權組織" in hk.by_id["wipo"].zh_forbidden


def test_recognize_gives_the_editions_targets(g):
    text = "WIPO and NCAC met."
    assert [m.target for m in g.recognize(text, "en", "zh_TW")] == ["世界智慧財產權組織", "國家版權局"]
    assert [m.target for m in g.recognize(text, "en", "zh-HK")] == ["世界知識產權組織", "國家版權局"]
    assert [m.target for m in g.recognize(text, "en")] == ["世界知识产权组织", "国家版权局"]


# --- enforcement through converted MT ------------------------------------------------------

TABLE = {"ZX1 and ZX2 signed an agreement on software.": "ZX1和ZX2签署了软件协议。",
         "ZX1 met officials of ZX2.": "ZX1会见了ZX2官员。"}


@pytest.mark.parametrize("tgt, config, wipo, software", [
    ("zh_TW", "s2twp", "世界智慧財產權組織", "軟體"), ("zh_HK", "s2hk", "世界知識產權組織", "軟件")])
def test_regional_forms_survive_conversion_and_converted_ones_are_flagged(g, tgt, config, wipo, software):
    texts = ["WIPO and NCAC signed an agreement on software."]
    mt = simplified_mt(TABLE)(config)
    [res] = enforce(texts, [g.recognize(texts[0], "en")], mt, "en", tgt, g)
    assert res.text == f"{wipo}和國家版權局簽署了{software}協議。"
    assert (res.occurrences, res.hits, res.violations) == (2, 2, [])
    assert res.terms[0] == f"WIPO → {wipo}"
    assert res.terms[1] == f"NCAC → 國家版權局 (converted from 国家版权局: no {tgt.replace('_', '-')} glossary form, check)"
    assert res.to_check == ["NCAC → 國家版權局"]
    assert not re.search("[国权组织]", res.text)  # no Simplified form left


def test_hong_kong_bodies_get_their_own_names(g):
    texts = ["WIPO met officials of the Intellectual Property Department of Hong Kong."]
    table = {"ZX1 met officials of the ZX2.": "ZX1会见了ZX2官员。"}
    [res] = enforce(texts, [g.recognize(texts[0], "en")], simplified_mt(table)("s2hk"), "en", "zh_HK", g)
    assert res.text == "世界知識產權組織會見了知識產權署官員。" and res.to_check == []


def test_verifier_judges_the_edition_by_its_regional_forms(g):
    src = "WIPO trains examiners."
    # A Taiwan draft that kept the mainland/Hong Kong name misses the approved form.
    report = verify_text(src, "世界知識產權組織培訓審查員。", g, "en", "zh_TW")
    assert [p.message for p in report.problems] == \
        ["approved term missing: WIPO → 世界智慧財產權組織 (approved target missing from the translation)"]
    assert verify_text(src, "世界智慧財產權組織培訓審查員。", g, "en", "zh-TW").problems == ()
    # Taiwan's term in a Hong Kong edition is a forbidden variant there.
    matches = g.recognize("intellectual property", "en", "zh_HK")
    report = verify_segment(matches, "智慧財產權", g, "zh_HK")
    assert any("forbidden variant '智慧財產權'" in p.message for p in report.problems)
