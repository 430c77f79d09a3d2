"""Editions of Markdown and HTML articles in another format: plain text, and HTML as Markdown.

Built from the article's blocks (as :mod:`.pages` builds text articles' pages): one
paragraph, heading or list item per block, table cells back in their rows, the date
line after the title. Metadata is not body text: front matter, attribute values and
an HTML page's ``<head>`` (its ``<title>`` is used only when the body has no ``<h1>``)
are left out.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from html.parser import HTMLParser

from ..model import ATTRIBUTE, DATE, FRONT_MATTER, HEADING, LIST_ITEM, TABLE_CELL, TITLE, Article
from .edition import Resolved, block_texts, format_date
from .pages import strip_tags
from .sanitize import safe_url


@functools.lru_cache(maxsize=1)
def _md():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def plain(text: str, fmt: str) -> str:
    """One block's output as plain text (markup removed, entities decoded)."""
    if fmt == "markdown":
        from ..emphasis import renderable_emphasis

        return strip_tags(_md().renderInline(renderable_emphasis(text)))
    if fmt == "html":
        return strip_tags(text)
    return " ".join(text.split())


def _body_start(article: Article) -> int:
    if article.format != "html":
        return 0
    m = re.search(r"<body\b", article.text, re.IGNORECASE)
    return m.start() if m else 0


def _tables(rows: list[tuple], cells: dict[int, tuple[int, int, int]], block, text: str) -> None:
    """Add a table cell to ``rows``: a new table row (or table) when its position says so."""
    table, row, col = cells.get(block.start, (0, block.line, 0))
    last = rows[-1] if rows else None
    if last is None or last[0] != TABLE_CELL or last[2] != table:
        rows.append((TABLE_CELL, [], table, None))
        last = rows[-1]
    grid = last[1]
    if not grid or grid[-1][0] != row:
        grid.append((row, {}))
    grid[-1][1][col] = text


def body_rows(article: Article, res: Resolved, date: dt.date | None) -> list[tuple]:
    """The edition's body as rows: ``(kind, text)``, or ``(TABLE_CELL, [(row, {column: text})], …)``
    for a table; a date row after the title when the article has no date line."""
    texts = block_texts(article, res)
    body = _body_start(article)
    cells = article.meta.get("cells", {})
    has_h1 = any(b.kind == TITLE and b.start >= body for b in article.blocks)
    rows: list[tuple] = []
    for block, text in zip(article.blocks, texts, strict=True):
        if block.kind in (ATTRIBUTE, FRONT_MATTER) or (block.start < body and not (block.kind == TITLE
                                                                                    and not has_h1)):
            continue
        if block.kind == TABLE_CELL:
            _tables(rows, cells, block, text)
        else:
            rows.append((block.kind, text))
    if not any(r[0] == TITLE for r in rows):
        title = next((t for b, t in zip(article.blocks, texts, strict=True)
                      if b.kind == FRONT_MATTER and b.segments[0].label.endswith(": title")), None)
        if title is not None:
            rows.insert(0, (TITLE, title))
    date = date or article.date
    if date is not None and not any(r[0] == DATE for r in rows):
        at = next((i + 1 for i, r in enumerate(rows) if r[0] == TITLE), 0)
        rows.insert(at, (DATE, format_date(date, res.lang, res.date_format)))
    return rows


def _grid(table) -> list[list[str]]:
    """A table's rows as lists of cells (missing cells empty)."""
    width = max((max(cols) + 1 for _, cols in table if cols), default=0)
    return [[cols.get(c, "") for c in range(width)] for _, cols in table]


def as_text(article: Article, res: Resolved, date: dt.date | None) -> str:
    """A Markdown or HTML article's edition as plain text: a line per block, blank lines between."""
    out = []
    for row in body_rows(article, res, date):
        kind, text = row[0], row[1]
        if kind == TABLE_CELL:
            out.append("\n".join(" | ".join(plain(c, article.format) for c in r) for r in _grid(text)))
        else:
            line = plain(text, article.format)
            out.append(("- " if kind == LIST_ITEM else "") + line)
    return "\n\n".join(o for o in out if o.strip()) + "\n"


# ------------------------------------------------------------------ HTML → Markdown

_INLINE_ESCAPE = re.compile(r"([\\`*_\[\]<>|])")
_BLOCK_START = re.compile(r"^(\s*)([#>+-]|\d+[.)])")
_MARKS = {"em": "*", "i": "*", "strong": "**", "b": "**", "del": "~~", "s": "~~"}
_CODE = frozenset({"code", "kbd", "samp", "var", "tt"})


class _InlineMarkdown(HTMLParser):
    """An HTML block's inline markup as Markdown: emphasis, links (safe targets only),
    code, images; any other tag is dropped and its text kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.links: list[str | None] = []
        self.code = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in _CODE:
            self.code += 1
            if self.code == 1:
                self.out.append("`")
        elif self.code:
            return
        elif tag in _MARKS:
            self.out.append(_MARKS[tag])
        elif tag == "a":
            href = a.get("href") or ""
            ok = bool(href) and safe_url(href)
            self.links.append(href if ok else None)
            if ok:
                self.out.append("[")
        elif tag == "br":
            self.out.append(" ")
        elif tag == "img" and a.get("src") and safe_url(a["src"], "src"):
            alt = _INLINE_ESCAPE.sub(r"\\\1", a.get("alt") or "")
            self.out.append(f"![{alt}]({_target(a['src'])})")

    def handle_endtag(self, tag):
        if tag in _CODE:
            self.code = max(0, self.code - 1)
            if self.code == 0:
                self.out.append("`")
        elif self.code:
            return
        elif tag in _MARKS:
            self.out.append(_MARKS[tag])
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href is not None:
                self.out.append(f"]({_target(href)})")

    def handle_data(self, data):
        self.out.append(data.replace("`", "'") if self.code else _INLINE_ESCAPE.sub(r"\\\1", data))


def _target(url: str) -> str:
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


def inline_markdown(text: str) -> str:
    """HTML inline markup as Markdown (text escaped; line-start markers made literal)."""
    parser = _InlineMarkdown()
    try:
        parser.feed(text)
        parser.close()
    except AssertionError:  # html.parser gives up on some "<![" forms: all of it text
        return _INLINE_ESCAPE.sub(r"\\\1", " ".join(text.split()))
    md = " ".join("".join(parser.out).split())
    return _BLOCK_START.sub(r"\1\\\2", md)


def _md_table(grid: list[list[str]]) -> str:
    cells = [[inline_markdown(c) or " " for c in row] for row in grid]
    lines = ["| " + " | ".join(r) + " |" for r in cells]
    lines.insert(1, "|" + "|".join(" --- " for _ in cells[0]) + "|")
    return "\n".join(lines)


def html_as_markdown(article: Article, res: Resolved, date: dt.date | None) -> str:
    """An HTML article's edition as Markdown: a paragraph, heading or list item per block,
    tables as pipe tables."""
    out = []
    prefix = {TITLE: "# ", HEADING: "## ", LIST_ITEM: "- "}
    for row in body_rows(article, res, date):
        kind, text = row[0], row[1]
        if kind == TABLE_CELL:
            grid = _grid(text)
            if grid and grid[0]:
                out.append(_md_table(grid))
            continue
        md = inline_markdown(text)
        if md:
            out.append(prefix.get(kind, "") + md)
    return "\n\n".join(out) + "\n"
