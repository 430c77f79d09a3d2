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
    # Every article format publishes to txt, md and html (issue 14: the README's promise).
    every = ("text", "markdown", "html")
    assert OUTPUTS == {"text": every, "markdown": every, "html": every}
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


CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.mark.parametrize("name", ["rich.md", "rich.html", "plain.txt"])
@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_every_article_format_renders_every_format(name, fmt):
    art = parse((CORPUS / name).read_text(encoding="utf-8"), CORPUS / name, "en")
    ed = publish_edition(art, None, lang="en", fmt=fmt, keep_comments=True)
    assert ed.fmt == FORMAT_ALIASES[fmt] and ed.total == ed.translated > 3
    if (art.format, ed.fmt) == (art.format, art.format):
        assert ed.text == art.text  # the article's own format: the source as written
    # Each output reads back in its format with the same prose.
    back = parse(ed.text, Path(f"back.{fmt}"), "en")
    assert any("Case studies were shared." in s.text or "risk control" in s.text for s in back.segments)


def test_html_as_text_and_markdown_keep_blocks_tables_and_safe_links():
    page = ('<html><head><title>T</title></head><body><nav><a href="/">Home</a> &gt; News</nav>'
            '<h1>Title <em>here</em></h1><p>Read <a href="https://x.org/a">this</a> and '
            '<a href="javascript:alert(1)">that</a>; run <code>a*b</code>.</p>'
            '<table><tr><th>K</th><th>V</th></tr><tr><td></td><td>1 | 2</td></tr></table>'
            '<ul><li>One</li><li># Two</li></ul></body></html>')
    art = parse(page, Path("p.html"), "en")
    md = publish_edition(art, None, lang="en", fmt="md").text
    assert md == ("[Home](/) \\> News\n\n# Title *here*\n\n"
                  "Read [this](https://x.org/a) and that; run `a*b`.\n\n"
                  "| K | V |\n| --- | --- |\n|   | 1 \\| 2 |\n\n- One\n\n- \\# Two\n")
    txt = publish_edition(art, None, lang="en", fmt="txt").text
    assert txt == "Home > News\n\nTitle here\n\nRead this and that; run a*b.\n\nK | V\n | 1 | 2\n\n- One\n\n- # Two\n"
