"""TBX and CSV interchange: conformance samples, round trips, safe XML."""

import re
from pathlib import Path

import pytest

from transnews.errors import GlossaryError
from transnews.glossary import load_glossary
from transnews.glossary.importing import import_terminology
from transnews.glossary.interchange import concepts_from_entries, format_csv, read_csv
from transnews.glossary.tbx import format_tbx, read_tbx

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


def test_csv_round_trip_of_the_curated_glossary(tmp_path):
    g = load_glossary(GLOSSARY)
    p = tmp_path / "g.csv"
    p.write_text(format_csv(g.concepts), encoding="utf-8")
    back = concepts_from_entries(read_csv(p)).concepts
    assert [(c.id, c.en, c.abbr, c.zh, c.zh_variants, c.zh_forbidden, c.dnt, c.case_sensitive) for c in back] == \
           [(c.id, c.en, c.abbr, c.zh, c.zh_variants, c.zh_forbidden, c.dnt, c.case_sensitive) for c in g.concepts]


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
