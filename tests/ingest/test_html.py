"""HTML ingest: body text only, inline tags/entities/URLs protected, exact offsets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from transnews.errors import InputError
from transnews.ingest import read_article
from transnews.ingest.html import lang_attribute
from transnews.model import ATTRIBUTE, BOILERPLATE, DATE, HEADING, LIST_ITEM, PARAGRAPH, TABLE_CELL, TITLE

PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>WIPO training held in Xiamen</title>
  <style>p { color: red; } /* Not text. */</style>
  <script>var msg = "Do not translate this.";</script>
</head>
<body>
<nav class="top"><a href="/">Home</a> &gt; <a href="/news">News</a></nav>
<div class="breadcrumb">Home &gt; News &gt; Top News</div>
<article>
<h1>WIPO and NCAC hold <em>copyright</em> training</h1>
<p class="date"><time datetime="2026-11-24">November 24, 2026</time></p>
<p>Read the <a href="https://www.wipo.int/x.html">WIPO report</a> today. It was
<strong>very useful.</strong> Tom &amp; Jerry saw https://example.org/a.html.<br>
A new line.</p>
<h2>Speakers</h2>
<ul><li>First item. Second <em>item</em></li><li>Other</li></ul>
<!-- editor note: not text -->
<pre>code. not translated.</pre>
</article>
<footer>Copyright 2026. All rights reserved.</footer>
</body>
</html>
"""


@pytest.fixture
def article(tmp_path: Path):
    path = tmp_path / "news.html"
    path.write_text(PAGE, encoding="utf-8")
    return read_article(path, "en")


def test_only_article_text_is_segmented(article):
    texts = " ".join(s.text for s in article.segments if s.translatable)
    for absent in ("Do not translate", "color", "Home", "All rights reserved", "code.", "editor note"):
        assert absent not in texts
    # Navigation, the breadcrumb and the footer are boilerplate: in the catalog, never sent to MT.
    assert [b.kind for b in article.blocks] == [TITLE, BOILERPLATE, BOILERPLATE, TITLE, DATE, PARAGRAPH, HEADING,
                                                LIST_ITEM, LIST_ITEM, BOILERPLATE]
    boiler = [s.text for s in article.segments if s.kind == BOILERPLATE]
    assert boiler == ['<a href="/">Home</a> &gt; <a href="/news">News</a>', "Home &gt; News &gt; Top News",
                      "Copyright 2026. All rights reserved."]
    assert not any("code." in s.text or "editor note" in s.text or "translate this" in s.text
                   for s in article.segments)
    assert article.date == dt.date(2026, 11, 24)


def test_offsets_exact(article):
    for seg in article.segments:
        assert article.text[seg.start:seg.end] == seg.source
        assert seg.line == article.text.count("\n", 0, seg.start) + 1


def test_inline_tags_entities_and_urls_are_protected(article):
    by_text = {s.text: s for s in article.segments}
    s = by_text['Read the <a href="https://www.wipo.int/x.html">WIPO report</a> today.']
    assert [s.text[a:b] for a, b in s.protected] == ['<a href="https://www.wipo.int/x.html">', "</a>"]
    s = by_text["It was <strong>very useful.</strong>"]  # line break joined, closing tag kept
    assert "\n" in s.source
    s = by_text["Tom &amp; Jerry saw https://example.org/a.html.<br>"]
    assert [s.text[a:b] for a, b in s.protected] == ["&amp;", "https://example.org/a.html", "<br>"]
    assert "A new line." in by_text
    assert [s.text for s in article.segments if s.kind == LIST_ITEM] == ["First item.", "Second <em>item</em>",
                                                                        "Other"]


def test_lang_attribute_span():
    text = '<html class="x" lang="en-GB"><body><p>Hi.</p></body></html>'
    a, b = lang_attribute(text)
    assert text[a:b] == "en-GB"
    a, b = lang_attribute("<html><body><p>Hi.</p></body></html>")
    assert a == b == 5
    assert lang_attribute("<p>Fragment.</p>") is None


def test_fragment_without_html_element(tmp_path):
    path = tmp_path / "frag.htm"
    path.write_text("<h1>Title</h1>\n<p>One. Two.</p>\n<div>Loose text in a div.</div>\n", encoding="utf-8")
    art = read_article(path, "en")
    assert [(s.kind, s.text) for s in art.segments] == [
        (TITLE, "Title"), (PARAGRAPH, "One."), (PARAGRAPH, "Two."), (PARAGRAPH, "Loose text in a div.")]


def test_page_without_body_text_is_an_input_error(tmp_path):
    path = tmp_path / "nav.html"
    path.write_text("<html><body><nav>Home &gt; News</nav><script>x()</script></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="no translatable text"):
        read_article(path, "en")


# ------------------------------------------------------------------ issue 14: rich HTML

RICH = """\
<html lang="en"><head><title>Page &amp; title</title>
<meta name="description" content="What the page is about.">
<meta property="og:title" content='Shared title'>
<meta name="keywords" content="not, offered">
<link rel="alternate" title="RSS feed" href="/rss"></head>
<body>
<!-- a note -->
<h1>Notes</h1>
<p>Run <code>fix <em>--all</em></code> then <kbd>Enter</kbd>. Read <abbr title="World Intellectual
Property Organization">WIPO</abbr> news.</p>
<p><img src="a.jpg" alt="A &quot;venue&quot;"><img src="b.jpg" alt=""></p>
<table><tr><th>Day</th><td>Monday. Tuesday.</td></tr><tr><td></td><td>Friday</td></tr></table>
<footer><p>Contact us.</p></footer>
</body></html>
"""


@pytest.fixture
def rich(tmp_path):
    path = tmp_path / "rich.html"
    path.write_text(RICH, encoding="utf-8")
    return read_article(path, "en")


def test_code_elements_are_one_protected_span(rich):
    run = next(s for s in rich.segments if s.text.startswith("Run "))
    assert run.text == "Run <code>fix <em>--all</em></code> then <kbd>Enter</kbd>."
    assert [run.text[a:b] for a, b in run.protected] == ["<code>fix <em>--all</em></code>", "<kbd>Enter</kbd>"]


def test_alt_title_and_meta_are_attribute_segments(rich):
    attrs = [(s.context, s.text, s.source) for s in rich.segments if s.kind == ATTRIBUTE]
    assert attrs == [("meta description", "What the page is about.", "What the page is about."),
                     ("meta og:title", "Shared title", "Shared title"),
                     ("title attribute", "World Intellectual Property Organization",
                      "World Intellectual\nProperty Organization"),
                     ("alt text", 'A "venue"', "A &quot;venue&quot;")]
    for s in rich.segments:
        assert rich.text[s.start:s.end] == s.source
        if s.anchor:
            tag = rich.text[s.anchor[0]:s.anchor[1]]
            assert tag.startswith("<") and tag.endswith(">") and s.source in tag
    assert [s.text for s in rich.segments if s.kind == TITLE][0] == "Page &amp; title"


def test_table_cells_and_footer(rich):
    cells = [(s.text, rich.meta["cells"][s.start]) for s in rich.segments if s.kind == TABLE_CELL]
    assert cells == [("Day", (1, 1, 0)), ("Monday. Tuesday.", (1, 1, 1)), ("Friday", (1, 2, 1))]
    assert [s.text for s in rich.segments if s.kind == BOILERPLATE] == ["Contact us."]
    assert [rich.text[a:b] for a, b in rich.meta["html_comments"]] == ["<!-- a note -->"]
