"""Loading and validating curated glossary files: every problem is one GlossaryError at file:line."""

from pathlib import Path

import pytest

from transnews.errors import GlossaryError
from transnews.glossary import default_glossary_path, load_glossary
from transnews.glossary.tsv import COLUMNS, format_tsv, read_tsv

HEADER = "\t".join(COLUMNS)
NCAC = "ncac\tNational Copyright Administration of China\tNCAC\t国家版权局\t\t\t\texact\t\tNCAC"


def write(tmp_path, *lines, name="g.tsv"):
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def error_of(path):
    with pytest.raises(GlossaryError) as exc:
        load_glossary(path)
    return exc.value


def test_valid_file_with_comments_and_blank_lines(tmp_path):
    p = write(tmp_path, "# a comment", "", HEADER, NCAC)
    g = load_glossary(p)
    c = g["ncac"]
    assert (c.en, c.abbr, c.zh, c.case_sensitive, c.line) == (
        ("National Copyright Administration of China",), ("NCAC",), "国家版权局", True, 4)


def test_duplicate_concept_id(tmp_path):
    p = write(tmp_path, HEADER, NCAC, NCAC.replace("National Copyright Administration of China", "NCA"))
    err = error_of(p)
    assert (err.path, err.line) == (str(p), 3)
    assert "duplicate concept id 'ncac'" in err.message and f"{p}:2" in err.message


def test_one_english_term_with_two_targets_across_files(tmp_path):
    write(tmp_path, HEADER, NCAC, name="a.tsv")
    b = write(tmp_path, HEADER, "other\tNCAC\t\t国家版权管理局\t\t\t\tany\t\tx", name="b.tsv")
    err = error_of(tmp_path)
    assert (err.path, err.line) == (str(b), 2)
    assert "mapped to two approved targets" in err.message
    assert str(err).startswith(f"{b}:2: ")


def test_duplicate_concept_same_target(tmp_path):
    p = write(tmp_path, HEADER, NCAC, "dup\tNational Copyright Administration of China\t\t国家版权局\t\t\t\tany\t\tx")
    err = error_of(p)
    assert err.line == 3 and "duplicate concept" in err.message


@pytest.mark.parametrize("row, message", [
    ("x1\t\t\t版权\t\t\t\tany\t\tsrc", "empty required field 'en'"),
    ("x1\tcopyright\t\t\t\t\t\tany\t\tsrc", "empty required field 'zh'"),
    ("x1\tcopyright\t\t版权\t\t\t\t\t\tsrc", "empty required field 'case'"),
    ("x1\tcopyright\t\t版权\t\t\t\tany\t\t", "empty required field 'source'"),
    ("x1\tcopyright\t\t版权\t\t\tmaybe\tany\t\tsrc", "dnt must be"),
    ("x1\tcopyright\t\t版权\t\t\t\tsometimes\t\tsrc", "case must be"),
    ("X 1\tcopyright\t\t版权\t\t\t\tany\t\tsrc", "bad concept id"),
    ("x1\tcopyright\t\t版权\t\t版权\t\tany\t\tsrc", "both approved/variant and forbidden"),
    ("x1\tcopyright\t\t版权 | 著作权\t\t\t\tany\t\tsrc", "one approved Chinese term"),
    ("x1\tcopyright\t\t版权\t\t\t\tany\t\tsrc\textra", "11 tab-separated fields"),
])
def test_bad_rows(tmp_path, row, message):
    p = write(tmp_path, HEADER, row)
    err = error_of(p)
    assert err.line == 2 and message in err.message
    assert "\n" not in str(err)


def test_bad_header_empty_file_and_encoding(tmp_path):
    assert "missing column" in error_of(write(tmp_path, "id\ten\tzh", name="h.tsv")).message
    assert "empty glossary file" in error_of(write(tmp_path, "# nothing", name="e.tsv")).message
    bad = tmp_path / "latin1.tsv"
    bad.write_bytes((HEADER + "\nx\tcaf\xe9\t\tx\t\t\t\tany\t\tsrc\n").encode("latin-1"))
    err = error_of(bad)
    assert err.line == 2 and "UTF-8" in err.message


def test_missing_and_empty_directory(tmp_path):
    assert "not found" in error_of(tmp_path / "nope").message
    (tmp_path / "empty").mkdir()
    assert "no glossary files" in error_of(tmp_path / "empty").message


def test_format_round_trip(tmp_path):
    g = load_glossary(Path(__file__).resolve().parents[2] / "glossary")
    p = tmp_path / "all.tsv"
    p.write_text(format_tsv(g.concepts), encoding="utf-8")
    assert read_tsv(p) == g.concepts


def test_default_glossary_path_prefers_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bundled = default_glossary_path()
    assert bundled is not None and any(bundled.glob("*.tsv"))
    write(tmp_path / "glossary" if (tmp_path / "glossary").mkdir() is None else tmp_path, HEADER, NCAC)
    assert default_glossary_path() == tmp_path / "glossary"
