"""TBX and CSV interchange: conformance samples, round trips, safe XML."""

import dataclasses
import re
from pathlib import Path

import pytest

from transnews.errors import GlossaryError
from transnews.glossary import load_glossary
from transnews.glossary.importing import import_terminology
from transnews.glossary.concept import Concept
from transnews.glossary.interchange import concepts_from_entries, exporter, format_csv, read_csv
from transnews.glossary.store import Glossary
from transnews.glossary.tbx import (CONTEXT_PREFIX, FLAG_AMBIGUOUS, FLAG_CASE, FLAG_FIRST_WORD_CASE, FLAG_TARGET_ONLY,
                                    format_tbx, read_tbx)
from transnews.glossary.tsv import ALL_COLUMNS, read_tsv

GLOSSARY = Path(__file__).resolve().parents[2] / "glossary"
INVALID = re.compile(r"(^bad|_bad|notwellformed|poorly_formed)", re.IGNORECASE)


def _tbx_files(conformance):
    return sorted((conformance / "tbx_samples").rglob("*.tbx"))


def _count_entries(path):
    # Independent oracle: count entry start tags in the raw text.
    text = path.read_text(encoding="utf-8-sig")
    return len(re.findall(r"<(?:conceptEntry|termEntry)[\s>]", text))


def test_valid_tbx_samples_import_with_their_entry_counts(conformance):
    valid = [p for p in _tbx_files(conformance) if not INVALID.search(p.stem)]
    assert len(valid) >= 14
    for p in valid:
        tb = read_tbx(p)
        assert len(tb.entries) == _count_entries(p) > 0, p
        assert tb.term_count >= len(tb.entries)
        assert all(t.text for e in tb.entries for t in e.terms)


def test_v2_and_v3_of_the_same_data_agree(conformance):
    conv = conformance / "tbx_samples" / "ltac_tbx_converter"
    for v2 in sorted((conv / "v2").glob("*.tbx")):
        a, b = read_tbx(v2), read_tbx(conv / "v3_expected" / v2.name)
        assert (a.format, b.format) == ("tbx-v2", "tbx-v3")
        assert [(e.id, [(t.text, t.lang) for t in e.terms]) for e in a.entries] == \
               [(e.id, [(t.text, t.lang) for t in e.terms]) for e in b.entries]
    pkg = conformance / "tbx_samples" / "byutrg_tbx_basic_package"
    a, b = read_tbx(pkg / "TBX-basic-sample_v2_martif_2013.tbx"), read_tbx(pkg / "TBX-basic-sample_v3.tbx")
    assert [t.text for e in a.entries for t in e.terms] == [t.text for e in b.entries for t in e.terms]
    statuses = {t.text: t.status for e in b.entries for t in e.terms}
    assert statuses["progressive lens"] == "preferred" and statuses["PAL"] == "deprecated"


def test_dct_and_dca_styles_give_the_same_terms(conformance):
    d = conformance / "tbx_samples" / "ltac_tbx_basic_dialect"
    dca, dct = read_tbx(d / "Example_Astronomy_DCA_VALID.tbx"), read_tbx(d / "Example_Astronomy_DCT_VALID.tbx")
    assert [(t.text, t.status, t.kind) for e in dca.entries for t in e.terms] == \
           [(t.text, t.status, t.kind) for e in dct.entries for t in e.terms]


EXPECTED_ERRORS = {
    "tbx_basic_sample_badattribute": "type='origin'",
    "tbx_basic_sample_badelement": "unknown TBX element <transaction>",
    "tbx_basic_sample_badelementcontent": "'preposition'",
    "tbx_basic_sample_badelementorder": "must come before",
    "tbx_basic_sample_badtargetattribute_value": "target 'C://Path/to/wikipedia'",
    "tbx_basic_sample_notwellformed": "not well-formed",
    "basic_bad": "theWrongType",
    "core_structure_bad": "must be wrapped in <p>",
    "min_bad": "not allowed in TBX-Min",
    "poorly_formed_xml": "not well-formed",
}


def test_invalid_tbx_samples_fail_with_file_and_line(conformance):
    invalid = [p for p in _tbx_files(conformance) if INVALID.search(p.stem)]
    assert {p.stem for p in invalid} == set(EXPECTED_ERRORS)
    for p in invalid:
        with pytest.raises(GlossaryError) as exc:
            read_tbx(p)
        err = exc.value
        assert err.path == str(p) and err.line and err.line > 1, p
        assert EXPECTED_ERRORS[p.stem] in err.message, (p, err.message)
        assert "\n" not in str(err)


# Each error listed in core_structure_bad.tbx's comment, introduced alone into the good file.
CORE_MUTATIONS = [
    ("<p>TBX file, created via MultiTerm Export</p>", "TBX file, created via MultiTerm Export",
     "wrapped in <p>"),
    ("<text>\n", '<text>\n<admin type="x">Wrong place.</admin>\n', "not allowed directly inside <text>"),
    ("<term>open cluster</term>", '<admin type="x">a</admin><term>open cluster</term>', "must come first"),
    ("<term>open cluster</term>", "<term>open cluster</term><term>second</term>", "only one <term>"),
    ("<term>open cluster</term>",
     '<term>open cluster</term><descripGrp><descrip type="a">1</descrip><descrip type="b">2</descrip></descripGrp>',
     "only one <descrip>"),
    ("<term>open cluster</term>", "<term>open cluster</term><descrip>no type</descrip>", "type attribute"),
]


@pytest.mark.parametrize("old, new, message", CORE_MUTATIONS)
def test_core_structure_rules(conformance, tmp_path, old, new, message):
    good = (conformance / "tbx_samples" / "ltac_tbx_test_files" / "core_structure_good.tbx").read_text(
        encoding="utf-8-sig")
    assert old in good
    p = tmp_path / "mutated.tbx"
    p.write_text(good.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(GlossaryError) as exc:
        read_tbx(p)
    assert message in exc.value.message and exc.value.line


def test_entity_declarations_are_refused(tmp_path):
    p = tmp_path / "laughs.tbx"
    p.write_text('<?xml version="1.0"?>\n<!DOCTYPE tbx [\n <!ENTITY a "aaaaaaaaaa">\n'
                 ' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<tbx type="TBX-Basic">&b;</tbx>\n')
    with pytest.raises(GlossaryError) as exc:
        read_tbx(p)
    assert "entity declarations are not allowed" in exc.value.message and exc.value.line == 3
    ext = tmp_path / "xxe.tbx"
    ext.write_text('<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                   '<tbx>&x;</tbx>\n')
    with pytest.raises(GlossaryError):
        read_tbx(ext)


def test_not_tbx(tmp_path):
    p = tmp_path / "x.tbx"
    p.write_text("<html><body/></html>")
    with pytest.raises(GlossaryError, match="not a TBX file"):
        read_tbx(p)


def test_tbx_round_trip_of_the_curated_glossary(tmp_path):
    g = load_glossary(GLOSSARY)
    p = tmp_path / "g.tbx"
    p.write_text(format_tbx(g.concepts), encoding="utf-8")
    tb = read_tbx(p)  # our own export passes our TBX-Basic validation
    assert (tb.format, tb.dialect, len(tb.entries), tb.warnings) == ("tbx-v3", "TBX-Basic", len(g), [])
    back = concepts_from_entries(tb)
    assert back.skipped == []
    strip = [(c.id, c.en, c.abbr, c.zh, c.zh_variants, c.zh_forbidden, c.dnt, c.case_sensitive, c.note, c.source)
             for c in g.concepts]
    assert [(c.id, c.en, c.abbr, c.zh, c.zh_variants, c.zh_forbidden, c.dnt, c.case_sensitive, c.note, c.source)
            for c in back.concepts] == strip
    # ... and the file loads directly as a glossary.
    assert len(load_glossary(p)) == len(g)
    assert _bare(back.concepts) == _bare(g.concepts)  # every column, the source-side rules too


def test_csv_round_trip_of_the_curated_glossary(tmp_path):
    g = load_glossary(GLOSSARY)
    p = tmp_path / "g.csv"
    p.write_text(format_csv(g.concepts), encoding="utf-8")
    back = concepts_from_entries(read_csv(p)).concepts
    assert [(c.id, c.en, c.abbr, c.zh, c.zh_variants, c.zh_forbidden, c.dnt, c.case_sensitive) for c in back] == \
           [(c.id, c.en, c.abbr, c.zh, c.zh_variants, c.zh_forbidden, c.dnt, c.case_sensitive) for c in g.concepts]
    assert _bare(back) == _bare(g.concepts)


def _bare(concepts):
    """Concepts without where they were read from: everything a TSV column holds."""
    return [dataclasses.replace(c, path=None, line=None) for c in concepts]


def _row(**cells: str) -> str:
    return "\t".join(cells.get(col, "") for col in ALL_COLUMNS) + "\n"


# One concept per newer TSV column (issue 12): the case rule "first", Chinese forms that are
# targets only, ambiguous forms with and without context words, the regional forms.
RULES_TSV = "\t".join(ALL_COLUMNS) + "\n" + "".join([
    _row(id="madrid-system", en="Madrid System", zh="马德里体系", case="first", source="Madrid Protocol, Art. 1"),
    _row(id="ratification", en="ratification | ratify", zh="批准", zh_variants="核准", case="any",
         source="VCLT Art. 14", zh_target_only="批准 | 核准"),
    _row(id="intellectual-property", en="intellectual property", abbr="IP | IPR", zh="知识产权", case="any",
         source="WIPO Convention Art. 2", ambiguous="IP | IPR"),
    _row(id="director-general", en="Director General", zh="司长", case="exact", note="note, with a comma",
         source="NCAC news", ambiguous="Director General", context="Department | department | Ministry"),
    _row(id="boss-young", en="Boss & Young", dnt="yes", case="exact", source="firm's site"),
    _row(id="wipo", en="World Intellectual Property Organization", abbr="WIPO", zh="世界知识产权组织",
         case="exact", source="WIPO Convention; zh-TW: TIPO, WIPO page; zh-HK: IPD, WIPO page",
         zh_tw="世界智慧財產權組織", zh_hk="世界知識產權組織"),
])


@pytest.fixture
def rules_glossary(tmp_path):
    p = tmp_path / "rules.tsv"
    p.write_text(RULES_TSV, encoding="utf-8")
    return read_tsv(p)


@pytest.mark.parametrize("fmt", ["tbx", "csv"])
def test_export_import_keeps_the_newer_columns(tmp_path, rules_glossary, fmt):
    exported = tmp_path / f"g.{fmt}"
    exported.write_text(exporter(fmt)(rules_glossary), encoding="utf-8")  # what `glossary export` writes
    dest = tmp_path / "imported.tsv"
    res = import_terminology(exported, None, to=dest)  # what `glossary import --to` does
    assert res.written and res.report.conflicts == [] and res.source.warnings == []
    back = read_tsv(dest)
    assert _bare(back) == _bare(rules_glossary)
    by_id = {c.id: c for c in back}
    assert by_id["madrid-system"].first_word_case and by_id["madrid-system"].case_sensitive
    assert by_id["ratification"].zh_target_only == ("批准", "核准")
    assert by_id["director-general"].context == ("Department", "department", "Ministry")
    assert (by_id["wipo"].zh_tw, by_id["wipo"].zh_hk) == ("世界智慧財產權組織", "世界知識產權組織")
    # The rules still act after the round trip: 批准 is not recognised in a Chinese source.
    assert [m.concept_id for m in Glossary(back).recognize("全国人大常委会批准了该条约。", "zh")] == []


def test_tbx_export_carries_the_rules_in_notes(rules_glossary, tmp_path):
    text = format_tbx(rules_glossary)
    assert text.count(f"<note>{FLAG_FIRST_WORD_CASE}</note>") == 1
    assert text.count(f"<note>{FLAG_TARGET_ONLY}</note>") == 2  # 批准, 核准: term level
    assert text.count(f"<note>{FLAG_AMBIGUOUS}</note>") == 3  # IP, IPR, Director General
    assert f"<note>{CONTEXT_PREFIX} Department | department | Ministry</note>" in text
    assert "<term>批准</term>\n" in text and "transnews:" not in text.split("<body>")[0]
    p = tmp_path / "g.tbx"
    p.write_text(text, encoding="utf-8")
    tb = read_tbx(p)  # still valid TBX-Basic, no warnings
    assert tb.warnings == [] and tb.dialect == "TBX-Basic"
    assert '<langSec xml:lang="zh-TW">' in text and '<langSec xml:lang="zh-HK">' in text
    wipo = next(e for e in tb.entries if e.id == "wipo")
    assert [(t.text, t.lang, t.status) for t in wipo.terms][-2:] == [
        ("世界智慧財產權組織", "zh-TW", "preferred"), ("世界知識產權組織", "zh-HK", "preferred")]
    dg = next(e for e in tb.entries if e.id == "director-general")
    assert dg.notes == ["note, with a comma", FLAG_CASE] and dg.ambiguous == ["Director General"]


def test_imported_rules_that_the_tsv_would_refuse_are_dropped(tmp_path):
    # A hand-written TBX flags a deprecated form as target-only and gives context words
    # without an ambiguous form: the import keeps what loads, never writes a broken TSV.
    p = tmp_path / "hand.tbx"
    p.write_text(format_tbx([Concept(id="x", en=("licence",), zh="许可", zh_forbidden=("执照",))])
                 .replace("<term>执照</term>\n            <termNote type=\"administrativeStatus\">"
                          "deprecatedTerm-admn-sts</termNote>",
                          "<term>执照</term>\n            <termNote type=\"administrativeStatus\">"
                          f"deprecatedTerm-admn-sts</termNote>\n            <note>{FLAG_TARGET_ONLY}</note>")
                 .replace("<langSec xml:lang=\"en\">", f"<note>{CONTEXT_PREFIX} law</note>\n"
                                                       "        <langSec xml:lang=\"en\">"),
                 encoding="utf-8")
    tb = read_tbx(p)
    assert tb.entries[0].target_only == ["执照"] and tb.entries[0].context == ["law"]
    (c,) = concepts_from_entries(tb).concepts
    assert (c.zh_target_only, c.ambiguous, c.context) == ((), (), ())
    dest = tmp_path / "out.tsv"
    import_terminology(p, None, to=dest)
    assert _bare(read_tsv(dest)) == [dataclasses.replace(c, path=None, line=None)]


def test_csv_import_reads_the_rule_columns_by_name(tmp_path):
    p = tmp_path / "hand.csv"
    p.write_text("source,target,variants,case,zh_target_only,ambiguous,context_words,context\n"
                 "Copyright Department,版权管理司,,exact,,Copyright Department,NCAC | 国家版权局,weblate-ctx\n"
                 "grant,授予,授权,first,授予,,,\n", encoding="utf-8")
    a, b = concepts_from_entries(read_csv(p)).concepts
    assert (a.ambiguous, a.context, a.case_sensitive, a.first_word_case) == (
        ("Copyright Department",), ("NCAC", "国家版权局"), True, False)
    assert (b.zh_target_only, b.case_sensitive, b.first_word_case) == (("授予",), True, True)
    assert a.note == ""  # Weblate's own "context" column is not the context words


def test_tico19_csv_import(conformance):
    for p in sorted((conformance / "tico19").glob("*.csv")):
        tb = read_csv(p)
        rows = len(p.read_text(encoding="utf-8-sig").splitlines())
        assert 0 < len(tb.entries) <= rows - 1
    g = read_csv(conformance / "tico19" / "g_en_zh-CN.csv")
    cdc = next(e for e in g.entries if e.terms[0].text == "CDC")
    assert cdc.notes[0].startswith('Short for "Centers for Disease Control and Prevention": a US federal agency')
    zt = concepts_from_entries(read_csv(conformance / "tico19" / "f_en-zh_TW.csv"))
    assert zt.concepts == [] and len(zt.skipped) == len(read_csv(conformance / "tico19" / "f_en-zh_TW.csv").entries)
    rev = concepts_from_entries(read_csv(conformance / "tico19" / "g_zh-CN_en.csv"))
    assert len(rev.concepts) == 50  # zh→en lists are turned around


def test_weblate_csv_with_quoted_commas(tmp_path):
    p = tmp_path / "weblate.csv"
    p.write_text('"location","source","target","id","fuzzy","context","translator_comments","developer_comments"\n'
                 '"","Boss & Young, Attorneys at Law","Boss & Young, Attorneys at Law","","False","","",""\n'
                 '"","Madrid System","马德里体系","","False","","","international marks, trademarks"\n',
                 encoding="utf-8")
    tb = read_csv(p)
    assert [(t.text, t.lang) for e in tb.entries for t in e.terms] == [
        ("Boss & Young, Attorneys at Law", "en"), ("Boss & Young, Attorneys at Law", "zh"),
        ("Madrid System", "en"), ("马德里体系", "zh")]
    assert tb.entries[1].notes == ["international marks, trademarks"]
    conv = concepts_from_entries(tb)
    assert conv.concepts[0].dnt  # identical source and target


def test_bad_csv(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("source,target\nWIPO,世界知识产权组织\n,空\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as exc:
        read_csv(p)
    assert exc.value.line == 3
    q = tmp_path / "cols.csv"
    q.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="source and target columns"):
        read_csv(q)


def test_import_merges_atomically_with_report(tmp_path, conformance):
    gdir = tmp_path / "glossary"
    gdir.mkdir()
    for f in GLOSSARY.glob("*.tsv"):
        (gdir / f.name).write_bytes(f.read_bytes())
    before = {f.name: f.read_bytes() for f in gdir.iterdir()}
    csv_file = tmp_path / "new.csv"
    csv_file.write_text("source,target\nNational Copyright Administration of China,国家版权局\n"
                        "WIPO,世界知识产权署\nLocarno Classification,洛迦诺分类\n", encoding="utf-8")
    res = import_terminology(csv_file, gdir)
    assert [c.id for c in res.report.added] == ["locarno-classification"]
    assert len(res.report.skipped) == 1 and len(res.report.conflicts) == 1
    assert "世界知识产权署" in res.report.conflicts[0]
    assert {f.name: f.read_bytes() for f in gdir.iterdir() if f.name in before} == before  # curated files untouched
    assert not list(gdir.glob(".*tmp"))
    g = load_glossary(gdir)
    assert g["locarno-classification"].zh == "洛迦诺分类"
    again = import_terminology(csv_file, gdir)  # idempotent
    assert again.report.added == [] and not again.written
    with pytest.raises(GlossaryError):
        import_terminology(conformance / "tbx_samples" / "ltac_tbx_test_files" / "basic_bad.tbx", gdir)
    assert len(load_glossary(gdir)) == len(g)


def test_uncited_regional_forms_are_left_out_with_a_warning(tmp_path):
    p = tmp_path / "regional.csv"
    p.write_text("source,target,zh_tw,zh_hk,origin\n"
                 "copyright,版权,著作權,版權,Copyright Law Art. 62; zh-HK: Copyright Ordinance (Cap. 528)\n",
                 encoding="utf-8")
    tb = read_csv(p)
    (c,) = concepts_from_entries(tb).concepts
    assert (c.zh_tw, c.zh_hk) == ("", "版權")
    assert tb.warnings == [f"{p}:2: zh_tw form '著作權' of 'copyright' not imported: "
                           "its source cites no 'zh-TW:' document"]
    dest = tmp_path / "out.tsv"
    res = import_terminology(p, None, to=dest)
    assert res.written and len(res.source.warnings) == 1 and read_tsv(dest)[0].zh_hk == "版權"


def test_capitalised_terms_of_a_list_without_case_are_acronyms(tmp_path):
    # TICO-19 says nothing about case: "WHO" must not match the pronoun "who".
    p = tmp_path / "tico.csv"
    p.write_text("sourceLang,targetLang,sourceString,targetString\nen,zh,WHO,世卫组织\nen,zh,quarantine,隔离\n"
                 "en,zh,COVID-19,新冠肺炎\n", encoding="utf-8")
    who, quarantine, covid = concepts_from_entries(read_csv(p)).concepts
    assert (who.en, who.case_sensitive, quarantine.case_sensitive, covid.case_sensitive) == (
        ("WHO",), True, False, True)
    g = Glossary([who, quarantine])
    assert [m.concept_id for m in g.recognize("People who travel meet WHO staff in quarantine.", "en")] == [
        "who", "quarantine"]
    # A list with a case or kind column is taken at its word.
    q = tmp_path / "cased.csv"
    q.write_text("source,target,case\nWHO,世卫组织,any\n", encoding="utf-8")
    assert not concepts_from_entries(read_csv(q)).concepts[0].case_sensitive
