"""Terminology format registries: import by suffix, load by suffix, export by name; the
import destination; a CSV with only separators."""

from __future__ import annotations

import pytest

from transnews.errors import GlossaryError, InputError
from transnews.glossary.importing import IMPORT_FILE, import_destination
from transnews.glossary.interchange import (EXPORT_FORMATS, TERMINOLOGY_FORMATS, exporter, format_csv,
                                            read_csv, read_terminology)
from transnews.glossary.store import GLOSSARY_FORMATS, load_glossary
from transnews.glossary.tbx import format_tbx


def test_terminology_suffixes_and_unknown_one(tmp_path):
    assert {s: name for s, (name, _) in TERMINOLOGY_FORMATS.items()} == {
        ".tbx": "TBX", ".xml": "TBX", ".csv": "CSV", ".tsv": "CSV", ".txt": "CSV"}
    f = tmp_path / "terms.docx"
    f.write_text("x")
    with pytest.raises(GlossaryError, match=r"unknown terminology format '\.docx'; known: "
                                            r"\.tbx \.xml \.csv \.tsv \.txt"):
        read_terminology(f)
    tsv = tmp_path / "terms.TSV"  # suffixes are case-insensitive
    tsv.write_text("source\ttarget\ncopyright\t版权\n", encoding="utf-8")
    assert read_terminology(tsv).entries[0].terms[1].text == "版权"


def test_glossary_suffixes_and_unknown_one(tmp_path):
    assert set(GLOSSARY_FORMATS) == {".tsv", ".tbx", ".xml", ".csv"}
    f = tmp_path / "glossary.txt"
    f.write_text("x")
    with pytest.raises(GlossaryError, match=r"unknown glossary format '\.txt'; known: \.tsv \.tbx \.xml \.csv"):
        load_glossary(f)
    bare = tmp_path / "glossary"
    bare.write_text("x")
    with pytest.raises(GlossaryError, match="unknown glossary format '\\(no suffix\\)'"):
        load_glossary(bare)
    csv_file = tmp_path / "g.csv"
    csv_file.write_text("source,target\nBerne Convention,伯尔尼公约\n", encoding="utf-8")
    assert [c.zh for c in load_glossary(csv_file)] == ["伯尔尼公约"]


def test_export_formats():
    assert EXPORT_FORMATS == {"tbx": format_tbx, "csv": format_csv}
    assert exporter("TBX") is format_tbx
    with pytest.raises(InputError, match="unknown export format 'pdf'; use tbx or csv"):
        exporter("pdf")


def test_csv_of_only_separators_is_empty(tmp_path):
    f = tmp_path / "blank.csv"
    f.write_text(",,\n , \n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="empty CSV file") as err:
        read_csv(f)
    assert err.value.line == 1


def test_import_destination(tmp_path):
    gdir = tmp_path / "glossary"
    gdir.mkdir()
    assert import_destination(gdir, None) == gdir / IMPORT_FILE
    assert import_destination(tmp_path / "one.tsv", None) == tmp_path / "one.tsv"
    assert import_destination(gdir, tmp_path) == tmp_path / IMPORT_FILE
    with pytest.raises(GlossaryError, match="no curated glossary to import into"):
        import_destination(None, None)
    with pytest.raises(GlossaryError, match="must be a .tsv file or a directory"):
        import_destination(gdir, tmp_path / "out.csv")
