"""The article format registry: suffix → format, format → parser, one message for the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from transnews.errors import InputError
from transnews.ingest import ARTICLE_FORMATS, FORMATS, detect_format, parse


def test_suffixes_pick_the_format():
    assert FORMATS == ("text", "markdown", "html")
    assert set(ARTICLE_FORMATS) == set(FORMATS)
    cases = {"a.md": "markdown", "a.MARKDOWN": "markdown", "a.html": "html", "a.HTM": "html",
             "a.txt": "text", "a.docx": "text", "a": "text"}
    assert {name: detect_format(Path(name)) for name in cases} == cases


def test_each_format_parses_with_its_parser():
    text = "# Title\n\nA sentence. Another one.\n"
    assert parse(text, Path("a.md"), "en").format == "markdown"
    assert parse(text, Path("a.txt"), "en").format == "text"
    assert parse(text, Path("a.txt"), "en", fmt="markdown").format == "markdown"
    page = "<html><body><p>A sentence. Another one.</p></body></html>"
    assert parse(page, Path("a.html"), "en").format == "html"


def test_unknown_format_names_the_known_ones():
    with pytest.raises(InputError, match="unknown article format 'docx'; choose one of text, markdown, html"):
        parse("Some text.", Path("a.docx"), "en", fmt="docx")
