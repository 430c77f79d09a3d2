"""The bilingual review page: the corrected source and one edition side by side, row by row.

Rows are cut at the same source offsets in both columns — each top-level block of the
article: an HTML page's paragraph, heading, table, list or figure; a Markdown block; a
text article's block — and a column's row is that span of its edition, segments spliced
in as the edition splices them (:func:`.edition.segment_edits`). So the rows align
whatever a translation does, and each row looks as the edition will: links, tables,
nested lists, line breaks and inline code kept, Markdown rendered as the HTML edition
renders it. Every row is sanitised (:func:`.sanitize.sanitize_html`) and a translation's
tags are markup only where its msgid has them (:func:`.sanitize.restrict_html`): the page
never carries markup or links its source did not have.

Metadata is not body text: an HTML page's ``<title>`` and meta description, alt texts,
title attributes and front matter values are listed, each with its label, in a metadata
section above the body (alt and title attributes also stay in their tags in the rows).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import polib

from ..model import ATTRIBUTE, BOILERPLATE, DATE, FRONT_MATTER, HEADING, LIST_ITEM, TITLE, Article
from ..text import LANGUAGES, babel_locale
from .edition import Resolved, apply_edits, format_date, html_lang, resolve, segment_edits
from .pages import block_markdown, page, strip_tags
from .sanitize import VOID, restrict_html, sanitize_html

# Around a sentence shown in the source language (untranslated or fuzzy): marks spliced
# into the row's source, which become a <span> after rendering. Punctuation (Ps/Pe) to
# CommonMark, so emphasis next to them renders as it would next to a space.
_OPEN, _CLOSE = "\u2e28", "\u2e29"
_UNTRANSLATED = '<span class="untranslated">'
# A text article's blocks: the element each kind is shown in.
_WRAP = {TITLE: ("<h1>", "</h1>"), HEADING: ("<h2>", "</h2>"), LIST_ITEM: ('<p class="li">• ', "</p>"),
         BOILERPLATE: ('<p class="crumb">', "</p>"), DATE: ('<p class="date">', "</p>")}
_METADATA = (ATTRIBUTE, FRONT_MATTER)
_LINE_BREAKS = re.compile(r"[ \t]*[\r\n]\s*")  # a text article's wrapped lines: one paragraph


@dataclass(frozen=True)
class Row:
    """One aligned row: ``article.text[start:end]`` in each column (``kind``: its CSS class)."""

    kind: str
    start: int
    end: int


def language_name(lang: str) -> str:
    """The language's name in itself ("English", "中文"), for column headings."""
    from babel import Locale

    try:
        return Locale.parse(babel_locale(lang)).get_display_name(babel_locale(lang)) or LANGUAGES[lang]
    except (ValueError, LookupError):
        return LANGUAGES.get(lang, lang)


# ------------------------------------------------------------------ rows


def _body_kind(article: Article, start: int, end: int, fallback: str) -> str:
    """The kind of the first body block in ``[start, end)``, else ``fallback``."""
    return next((b.kind for b in article.blocks if b.kind not in _METADATA and start <= b.start < end),
                fallback)


def text_rows(article: Article) -> list[Row]:
    return [Row(b.kind, b.start, b.end) for b in article.blocks if b.kind not in _METADATA]


_GROUPS = {"ul": "list", "ol": "list", "dl": "list", "table": "table", "bullet_list": "list",
           "ordered_list": "list", "blockquote": "quote", "fence": "code", "code_block": "code", "pre": "code"}


def markdown_rows(article: Article) -> list[Row]:
    """Each top-level Markdown block after the front matter (references resolve page-wide)."""
    from ..ingest.frontmatter import find_front_matter
    from ..text import LineIndex

    fm = find_front_matter(article.text)
    base = fm.end if fm else 0
    body = article.text[base:]
    lines = LineIndex(body)
    rows = []
    for tok in block_markdown().parse(body):
        if tok.level != 0 or tok.nesting < 0 or tok.map is None:
            continue
        a, b = base + lines.offset(tok.map[0] + 1), base + lines.span(tok.map[1])[1]
        kind = tok.type.removesuffix("_open")
        rows.append(Row(_GROUPS.get(kind) or _body_kind(article, a, b, kind), a, b))
    return rows


# HTML elements a row is never cut across (a whole table, list, figure…), and those that
# only hold other blocks (a row is cut inside them).
_CONTAINERS = frozenset({"html", "body", "main", "article", "section", "header", "div", "center", "hgroup"})
_HEAD = frozenset({"head", "title"})  # metadata: in the metadata section, not rows


class _HtmlRows:
    """Top-level block elements (and runs of loose inline content) of an HTML page's body."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.rows: list[Row] = []
        self.leaf: list | None = None  # [tag, depth, start] of the open row element
        self.run: list[int] | None = None  # [start, end] of loose inline content

    def _add(self, tag: str, start: int, end: int) -> None:
        if tag not in _HEAD:
            self.rows.append(Row(_GROUPS.get(tag) or _body_kind(self.article, start, end, tag), start, end))

    def flush(self) -> None:
        if self.run is not None:  # loose inline content, or a <pre> (not a block to the ingest)
            self._add("pre" if self.article.text.startswith("<pre", self.run[0]) else "paragraph", *self.run)
            self.run = None

    def _in_leaf(self, kind: str, tag: str, s: int, e: int) -> bool:
        """Track the open row element; False when this event ends it without belonging to it
        (an unclosed ``<p>`` before the next block) and must be read on its own."""
        from ..ingest.html import BLOCKS

        leaf = self.leaf
        if leaf[0] == "p" and kind == "start" and tag in BLOCKS or kind == "end" and tag in _CONTAINERS:
            self._add("p", leaf[2], s)
            self.leaf = None
            return False
        if tag == leaf[0] and kind in ("start", "end") and tag not in VOID:
            leaf[1] += 1 if kind == "start" else -1
            if leaf[1] == 0:
                self._add(tag, leaf[2], e)
                self.leaf = None
        return True

    def event(self, kind: str, tag: str, s: int, e: int) -> None:
        from ..ingest.html import BLOCKS

        if self.leaf is not None and self._in_leaf(kind, tag, s, e):
            return
        if kind in ("start", "end") and (tag in BLOCKS or tag in _HEAD):
            self.flush()
            if kind == "start" and tag not in _CONTAINERS:
                if tag in VOID:
                    self._add(tag, s, e)
                else:
                    self.leaf = [tag, 1, s]
        elif kind in ("data", "ref", "start", "end") and (kind != "data" or self.article.text[s:e].strip()):
            self.run = [self.run[0] if self.run else s, e]


def html_rows(article: Article) -> list[Row]:
    from ..ingest.html import _Events

    text = article.text
    body = re.search(r"<body\b", text, re.IGNORECASE)
    events = _Events(text)
    events.feed(text)
    events.close()
    rows = _HtmlRows(article)
    for kind, tag, _, s, e in events.events:
        if s >= (body.start() if body else 0):
            rows.event(kind, tag, s, e)
    if rows.leaf is not None:
        rows._add(rows.leaf[0], rows.leaf[2], len(text))
    rows.flush()
    return rows.rows


ROWS = {"text": text_rows, "markdown": markdown_rows, "html": html_rows}


# ------------------------------------------------------------------ one column


class _Balanced(HTMLParser):
    """Sanitised markup with every element closed inside its row: a translation's stray
    ``</em>`` is dropped, an unclosed ``<em>`` closed, so no style leaks into the next cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text() or f"<{tag}>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open:
                last = self.open.pop()
                self.out.append(f"</{last}>")
                if last == tag:
                    break

    def handle_data(self, data):
        self.out.append(html.escape(data, quote=False))

    def text(self) -> str:
        return "".join(self.out) + "".join(f"</{t}>" for t in reversed(self.open))


def balanced(markup: str) -> str:
    parser = _Balanced()
    parser.feed(markup)
    parser.close()
    return parser.text()


@dataclass
class Column:
    """One column: its language, resolved segments and the edits that make its edition."""

    article: Article
    res: Resolved
    edits: list[tuple[int, int, str]]
    env: dict  # a Markdown edition's link reference definitions

    def fragment(self, row: Row) -> str:
        return apply_edits(self.article.text, self.edits, row.start, row.end)

    def cell(self, row: Row) -> str:
        """The row's span of this edition as safe HTML."""
        fmt, text = self.article.format, self.fragment(row)
        if fmt == "text":
            a, b = _WRAP.get(row.kind, ("<p>", "</p>"))
            markup = a + html.escape(_LINE_BREAKS.sub(" ", text.strip()), quote=False) + b
        elif fmt == "markdown":
            markup = sanitize_html(block_markdown().render(text, dict(self.env)))
        else:
            markup = sanitize_html(text)
        return balanced(markup.replace(_OPEN, _UNTRANSLATED).replace(_CLOSE, "</span>")).strip()


def column(article: Article, res: Resolved, *, mark: bool) -> Column:
    """``res`` made safe for the page (a translation's tags kept only where its msgid has
    them) and, with ``mark``, the sentences shown in the source language marked."""
    segs = article.segments
    if article.format != "text":
        for i, _ in res.used:
            if res.outputs[i] != segs[i].source:
                res.outputs[i] = restrict_html(res.outputs[i], segs[i].text)
    marks = mark and _OPEN not in article.text and _CLOSE not in article.text
    spans = [(s.start, s.end) for s, u in zip(segs, res.untranslated, strict=True)
             if marks and u and s.translatable and s.kind not in _METADATA]
    # Equal offsets keep list order: a close mark before a joiner's space, an open one after.
    edits = [(b, b, _CLOSE) for _, b in spans] + segment_edits(article, res) + [(a, a, _OPEN) for a, _ in spans]
    env: dict = {}
    if article.format == "markdown":
        block_markdown().parse(apply_edits(article.text, edits), env)
    return Column(article, res, edits, env)


# ------------------------------------------------------------------ the page


def _metadata(article: Article, cols: tuple[Column, Column]) -> list[tuple[str, str, str]]:
    """(label, source value, edition value) of each segment that is not body text."""
    body = re.search(r"<body\b", article.text, re.IGNORECASE) if article.format == "html" else None
    out = []
    for i, seg in enumerate(article.segments):
        head = body is not None and seg.start < body.start()
        if seg.kind not in _METADATA and not head:
            continue
        label = seg.label or ("page title" if seg.kind == TITLE else seg.kind)
        values = []
        for col in cols:
            shown = col.res.outputs[i]
            value = html.escape(" ".join((seg.text if shown == seg.source else shown).split()), quote=False)
            marked = col is cols[1] and col.res.untranslated[i] and seg.translatable
            values.append(f"{_UNTRANSLATED}{value}</span>" if marked else value)
        out.append((label, *values))
    return out


def _row(kind: str, src: str, tgt: str, tags: tuple[str, str]) -> str:
    return (f'<div class="row {kind}"><div class="cell src" lang="{tags[0]}">{src}</div>'
            f'<div class="cell tgt" lang="{tags[1]}">{tgt}</div></div>')


def _date_row(article: Article, rows: list[Row], cells: list[str], date, langs, date_format) -> None:
    """A date row after the title when the article has no date line (as editions add one)."""
    if date is None or any(b.kind == DATE for b in article.blocks):
        return
    at = next((i + 1 for i, r in enumerate(rows) if r.kind == TITLE), 0)
    shown = [f'<p class="date"><time datetime="{date.isoformat()}">{html.escape(format_date(date, lang, fmt))}'
             "</time></p>" for lang, fmt in zip(langs, (None, date_format), strict=True)]
    cells.insert(at, _row(DATE, *shown, tuple(html_lang(x) for x in langs)))


def render_bilingual(article: Article, po: polib.POFile | None, lang: str, *, date: dt.date | None = None,
                     allow_missing: bool = False, date_format: str | None = None) -> str:
    """A side-by-side page: the corrected source and the ``lang`` edition, one row per block
    (``date_format``: the edition column's date pattern; the source column keeps its locale's)."""
    source = column(article, resolve(article, None, article.lang, date=date), mark=False)
    target = column(article, resolve(article, po, lang, date=date, allow_missing=allow_missing,
                                     date_format=date_format), mark=lang != article.lang)
    tags = (html_lang(article.lang), html_lang(lang))
    head = [f'<div class="row head"><div class="src" lang="{tags[0]}">{html.escape(language_name(article.lang))}'
            f'</div><div class="tgt" lang="{tags[1]}">{html.escape(language_name(lang))}</div></div>']
    meta = [_row("meta", f'<p><span class="key">{html.escape(k)}</span> {s}</p>',
                 f'<p><span class="key">{html.escape(k)}</span> {t}</p>', tags)
            for k, s, t in _metadata(article, (source, target))]
    if meta:
        head.append('<section class="metadata">\n' + "\n".join(meta) + "\n</section>")
    shown = [(row, source.cell(row), target.cell(row)) for row in ROWS[article.format](article)]
    shown = [(row, src, tgt) for row, src, tgt in shown if src or tgt]
    rows = [row for row, _, _ in shown]
    cells = [_row(row.kind, src, tgt, tags) for row, src, tgt in shown]
    _date_row(article, rows, cells, date or article.date, (article.lang, lang), date_format)
    titles = [strip_tags(tgt) for row, _, tgt in shown if row.kind == TITLE]
    meta_title = next((t for k, _, t in _metadata(article, (source, target)) if k.endswith("title")), None)
    title = titles[-1] if titles else strip_tags(meta_title) if meta_title else article.domain
    return page('<main class="bilingual">\n' + "\n".join(head + cells) + "\n</main>", lang=lang, title=title,
                extra_class="bilingual")


__all__ = ["Row", "balanced", "column", "html_rows", "language_name", "markdown_rows", "render_bilingual",
           "text_rows"]
