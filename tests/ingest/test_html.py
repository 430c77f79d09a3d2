"""HTML ingest: body text only, inline tags/entities/URLs protected, exact offsets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from transnews.errors import InputError
from transnews.ingest import read_article
from transnews.ingest.html import lang_attribute
from transnews.model import DATE, HEADING, LIST_ITEM, PARAGRAPH, TITLE

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
    texts = " ".join(s.text for s in article.segments)
    for absent in ("Do not translate", "color", "Home", "All rights reserved", "code.", "editor note"):
        assert absent not in texts
    assert [b.kind for b in article.blocks] == [TITLE, TITLE, DATE, PARAGRAPH, HEADING, LIST_ITEM, LIST_ITEM]
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
