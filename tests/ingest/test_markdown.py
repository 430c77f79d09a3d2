"""Markdown ingest: block structure from markdown-it, exact offsets, inline markup protected."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from transnews.errors import InputError
from transnews.ingest import parse, read_article
from transnews.ingest.frontmatter import quote_value
from transnews.model import (ATTRIBUTE, BOILERPLATE, DATE, FRONT_MATTER, HEADING, LIST_ITEM, PARAGRAPH,
                             TABLE_CELL, TITLE)

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
    # The front matter's title and the image's alt text and title are entries of their own.
    assert [b.kind for b in article.blocks] == [FRONT_MATTER, BOILERPLATE, TITLE, DATE, PARAGRAPH, HEADING,
                                               PARAGRAPH, LIST_ITEM, LIST_ITEM, ATTRIBUTE, ATTRIBUTE]
    assert article.date == dt.date(2026, 11, 24)
    texts = [s.text for s in article.segments]
    # Front matter and fenced code are not translated.
    assert not any("code." in t or "tags:" in t for t in texts)


def test_offsets_are_exact_and_lines_right(article):
    for seg in article.segments:
        assert article.text[seg.start:seg.end] == seg.source
        assert seg.line == article.text.count("\n", 0, seg.start) + 1
    title = article.blocks[2].segments[0]
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
    quote = [s for s in article.segments if s.block == 6]
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


# ------------------------------------------------------------------ issue 14: rich Markdown

TABLE = """\
# Programme

| Day | Topic \\| note | Empty |
|:----|:-----:|---:|
| Monday | Copyright `law` | |
Tuesday | Licensing
"""


def test_table_cells_are_segments_with_exact_offsets(tmp_path):
    path = tmp_path / "t.md"
    path.write_text(TABLE, encoding="utf-8")
    art = read_article(path, "en")
    cells = [s for s in art.segments if s.kind == TABLE_CELL]
    assert [s.text for s in cells] == ["Day", "Topic \\| note", "Empty", "Monday", "Copyright `law`", "Tuesday",
                                       "Licensing"]
    assert all(s.context == "table-cell" and art.text[s.start:s.end] == s.source for s in cells)
    assert [cells[1].text[a:b] for a, b in cells[1].protected] == ["\\|"]
    assert not any("---" in s.text for s in art.segments)  # the alignment row is no segment
    # Each cell's place in its table: (table, row line, column).
    assert sorted(art.meta["cells"].values()) == [(1, 3, 0), (1, 3, 1), (1, 3, 2), (1, 5, 0), (1, 5, 1),
                                                  (1, 6, 0), (1, 6, 1)]


FRONT = """\
---
title: "WIPO \\"training\\" held"
description: Plain value: no, a plain value # a comment
summary: 'It''s a summary'
author: Ms. Liu
tags: [copyright]
notes: |
  block scalars are not read
---

Body text here.
"""


def test_yaml_front_matter_values_are_segments_with_their_own_context(tmp_path):
    path = tmp_path / "f.md"
    path.write_text(FRONT.replace("description: Plain value: no, a plain value", "description: A plain value"),
                    encoding="utf-8")
    art = read_article(path, "en")
    fm = [(s.context, s.text, s.source, s.line) for s in art.segments if s.kind == FRONT_MATTER]
    assert fm == [("front matter: title", 'WIPO "training" held', '"WIPO \\"training\\" held"', 2),
                  ("front matter: description", "A plain value", "A plain value", 3),
                  ("front matter: summary", "It's a summary", "'It''s a summary'", 4)]
    assert art.meta["front_matter"] == "yaml"
    # The keys are a setting: translate and publish pass the same ones.
    other = parse(path.read_text(encoding="utf-8"), path, "en", front_matter_keys=("author", "tags", "notes"))
    assert [(s.context, s.text) for s in other.segments if s.kind == FRONT_MATTER] == [
        ("front matter: author", "Ms. Liu")]


def test_toml_front_matter_is_validated_and_read_as_toml(tmp_path):
    path = tmp_path / "t.md"
    path.write_text('+++\ntitle = "Caf\\u00e9 news"\ndescription = \'C:\\\\raw\'\n[extra]\ntitle = "no"\n+++\n\n'
                    "Body text.\n", encoding="utf-8")
    art = read_article(path, "en")
    assert [(s.context, s.text, s.source) for s in art.segments if s.kind == FRONT_MATTER] == [
        ("front matter: title", "Café news", '"Caf\\u00e9 news"'),
        ("front matter: description", "C:\\\\raw", "'C:\\\\raw'")]
    path.write_text('+++\ntitle = "x"\nweight = = 3\n+++\n\nBody text.\n', encoding="utf-8")
    with pytest.raises(InputError, match="TOML front matter does not parse") as err:
        read_article(path, "en")
    assert err.value.line == 3


@pytest.mark.parametrize("source,out,syntax,written", [
    ('"Old"', 'New "quoted"', "yaml", '"New \\"quoted\\""'),
    ("'Old'", "It's new", "yaml", "'It''s new'"),
    ("'Old'", "It's new", "toml", '"It\'s new"'),
    ("Old", "New: with colon", "yaml", '"New: with colon"'),
    ("Old", "新标题", "yaml", "新标题"),
])
def test_front_matter_values_are_written_back_in_their_quoting(source, out, syntax, written):
    assert quote_value(source, out, syntax) == written


def test_code_tags_alt_text_and_titles(tmp_path):
    path = tmp_path / "c.md"
    path.write_text('# Notes\n\nPress <kbd>Ctrl *x*</kbd> and read [the report](r.html "Annual report").\n\n'
                    '![A *venue*](v.jpg)\n', encoding="utf-8")
    art = read_article(path, "en")
    body = next(s for s in art.segments if s.kind == PARAGRAPH)
    assert [body.text[a:b] for a, b in body.protected] == ["<kbd>Ctrl *x*</kbd>", "[", '](r.html "Annual report")']
    attrs = [(s.context, s.text, s.source, art.text[s.anchor[0]:s.anchor[1]]) for s in art.segments
             if s.kind == ATTRIBUTE]
    assert attrs == [("title attribute", "Annual report", "Annual report", '(r.html "Annual report")'),
                     ("alt text", "A *venue*", "A *venue*", "![A *venue*](v.jpg)")]
    assert all(art.text[s.start:s.end] == s.source for s in art.segments)
