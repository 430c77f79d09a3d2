"""The edition format registry: names, extensions, and which article formats each is made from."""

from __future__ import annotations

from pathlib import Path

import pytest

from transnews.errors import InputError
from transnews.ingest import parse
from transnews.publish import EXTENSIONS, FORMAT_ALIASES, OUTPUTS, publish_edition
from transnews.publish.render import RENDERERS


def test_registry_tables():
    assert EXTENSIONS == {"text": "txt", "markdown": "md", "html": "html"}
    assert FORMAT_ALIASES == {"txt": "text", "text": "text", "md": "markdown", "markdown": "markdown",
                              "html": "html", "htm": "html"}
    # Structure can be added, not invented back out of markup.
    assert OUTPUTS == {"text": ("text", "markdown", "html"), "markdown": ("markdown", "html"), "html": ("html",)}
    assert set(RENDERERS) == {(a, o) for a, outs in OUTPUTS.items() for o in outs}


def test_each_pair_renders_and_unknown_names_the_known_ones():
    text = parse("Title\n\nA sentence. Another one.\n", Path("a.txt"), "en")
    md = publish_edition(text, None, lang="en", fmt="MD")
    assert (md.fmt, md.text) == ("markdown", "# Title\n\nA sentence. Another one.\n")
    page = publish_edition(text, None, lang="en", fmt="htm")
    assert page.fmt == "html" and page.text.startswith("<!DOCTYPE html>")
    assert publish_edition(text, None, lang="en").text == text.text
    with pytest.raises(InputError, match="unknown edition format 'pdf'; choose one of txt, md, html"):
        publish_edition(text, None, lang="en", fmt="pdf")
