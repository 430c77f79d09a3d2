"""Markdown ingest: block structure from markdown-it, exact offsets, inline markup protected."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from transnews.errors import InputError
from transnews.ingest import read_article
from transnews.model import BOILERPLATE, DATE, HEADING, LIST_ITEM, PARAGRAPH, TITLE

ARTICLE = """\
---
title: WIPO training
tags: [copyright]
---
You are here: [Home](/) > [News](/news) > Top News

# WIPO and NCAC hold *copyright* training

2026-11-24

Read the [WIPO report](https://www.wipo.int/about-ip/en/index.html?x=1) today. It is *very
useful.* Details are at https://www.ncac.gov.cn/chinacopyright/contents.html.

## Speakers

> Ms. Liu said that WIPO sees great future. The cooperation
> will **deepen. Further** still.

- Lectures on `copyright.law` and risk control. Case studies
  were shared.
- A photo: ![The venue](venue.jpg "Xiamen")

```
print("code. is not translated.")
```
"""


@pytest.fixture
def article(tmp_path: Path):
    path = tmp_path / "news.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return read_article(path, "en")


def test_blocks_kinds_and_date(article):
    assert article.format == "markdown"
    assert [b.kind for b in article.blocks] == [BOILERPLATE, TITLE, DATE, PARAGRAPH, HEADING, PARAGRAPH,
                                               LIST_ITEM, LIST_ITEM]
    assert article.date == dt.date(2026, 11, 24)
    texts = [s.text for s in article.segments]
    # Front matter and fenced code are not translated.
    assert not any("code." in t or "tags:" in t for t in texts)


def test_offsets_are_exact_and_lines_right(article):
    for seg in article.segments:
        assert article.text[seg.start:seg.end] == seg.source
        assert seg.line == article.text.count("\n", 0, seg.start) + 1
    title = article.blocks[1].segments[0]
    assert title.text == "WIPO and NCAC hold *copyright* training" and title.line == 7


def test_sentences_keep_markup_in_msgid_and_protect_it(article):
    para = [s for s in article.segments if s.kind == PARAGRAPH]
    first, second, third = para[:3]
    assert first.text == "Read the [WIPO report](https://www.wipo.int/about-ip/en/index.html?x=1) today."
    assert [first.text[a:b] for a, b in first.protected] == [
        "[", "](https://www.wipo.int/about-ip/en/index.html?x=1)"]
    # A sentence ending inside emphasis keeps the closing marker; the wrapped line is joined.
    assert second.text == "It is *very useful.*"
    assert second.source == "It is *very\nuseful.*"
    # A bare URL is protected without the sentence's full stop.
    assert [third.text[a:b] for a, b in third.protected] == [
        "https://www.ncac.gov.cn/chinacopyright/contents.html"]


def test_emphasis_across_a_sentence_end_makes_one_segment(article):
    quote = [s for s in article.segments if s.block == 5]
    assert quote[-1].text == "The cooperation will **deepen. Further** still."
    # The msgid has no blockquote markers; the source span keeps them (publishing copies them).
    assert "\n> " in quote[-1].source


def test_lists_code_spans_and_images(article):
    items = [s for s in article.segments if s.kind == LIST_ITEM]
    assert items[0].text == "Lectures on `copyright.law` and risk control."
    assert [items[0].text[a:b] for a, b in items[0].protected] == ["`copyright.law`"]
    assert items[1].text == "Case studies were shared."
    img = items[2]
    assert img.text == 'A photo: ![The venue](venue.jpg "Xiamen")'
    assert [img.text[a:b] for a, b in img.protected] == ['![The venue](venue.jpg "Xiamen")']


def test_only_markup_is_not_a_segment(tmp_path):
    path = tmp_path / "img.md"
    path.write_text("# Title\n\n![](a.png)\n\nText here.\n", encoding="utf-8")
    art = read_article(path, "en")
    assert [s.text for s in art.segments] == ["Title", "Text here."]


def test_markdown_without_text_is_an_input_error(tmp_path):
    path = tmp_path / "empty.md"
    path.write_text("```\ncode only\n```\n", encoding="utf-8")
    with pytest.raises(InputError, match="no translatable text"):
        read_article(path, "en")
