"""HTML articles: the text of the page's block elements, with inline tags kept.

The stdlib ``html.parser`` reports each tag, text run and entity; their offsets
(from ``getpos``) delimit runs of inline content between block boundaries. Each
run is one block; inline tags (``<a href=…>``, ``<em>``), entities and URLs are
protected spans inside the msgid, and so is each ``<code>``, ``<kbd>``, ``<samp>``
and ``<var>`` element with its content (``<pre>`` is not read at all). Navigation
and footers (``<nav>``, ``<footer>``, ``role="navigation"``, breadcrumb classes)
are read as boilerplate, like a text article's breadcrumb. Alt texts, ``title``
attributes and the meta description are entries of their own (msgctxt ``alt text``,
``title attribute``, ``meta description``). Scripts, styles, forms, code and the
rest of the document head (except ``<title>``) are not translated: publishing
copies them, like everything between segments, verbatim.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputError
from ..model import (ATTRIBUTE, BOILERPLATE, DATE, HEADING, LIST_ITEM, PARAGRAPH, TABLE_CELL, TITLE, Article,
                     Block, Segment)
from ..text import LineIndex
from .dates import parse_date
from .markdown import (ALT_TEXT, ATOM, CLOSE, CODE_ELEMENTS, OPEN, TITLE_ATTR, Piece, markup_segments,
                       ordered_blocks, plain_text, url_pieces)
from .text import is_breadcrumb

# Elements whose content is never translated.
SKIP = frozenset({"script", "style", "aside", "noscript", "template", "svg", "math",
                  "form", "iframe", "pre", "select", "button", "textarea", "object", "canvas"})
# Elements whose text is boilerplate: kept in the catalog, never sent to MT.
BOILERPLATE_ELEMENTS = frozenset({"nav", "footer"})
# <meta name|property=…> whose content is offered for translation (msgctxt "meta <name>").
META_NAMES = frozenset({"description", "og:title", "og:description", "twitter:title", "twitter:description"})
# Elements that start or end a block of text; anything else is inline.
BLOCKS = frozenset({
    "html", "body", "main", "article", "section", "header", "div", "p", "h1", "h2", "h3", "h4", "h5",
    "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
    "caption", "figure", "figcaption", "blockquote", "address", "details", "summary", "hr", "title",
    "fieldset", "legend", "center", "hgroup", "head", "nav", "footer",
})
VOID = frozenset({"br", "img", "wbr", "hr", "input", "meta", "link", "source", "area", "col", "embed",
                  "param", "track", "base"})
_NAV_CLASS = re.compile(r"\b(?:breadcrumbs?|nav|navbar|menu|skip-link)\b", re.IGNORECASE)
_LANG_ATTR = re.compile(r"""\blang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)


class _Events(HTMLParser):
    """Collects (kind, tag, attrs, start, end) events with absolute offsets."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.lines = LineIndex(text, newline_only=True)  # HTMLParser counts "\n" only
        self.events: list[tuple[str, str, list, int, int]] = []

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.lines.offset(line, col)

    def _end_of(self, start: int, close: str) -> int:
        i = self.text.find(close, start)
        return i + len(close) if i >= 0 else len(self.text)

    def handle_starttag(self, tag, attrs):
        s = self._pos()
        self.events.append(("start", tag, attrs, s, s + len(self.get_starttag_text() or "")))
        if tag in VOID:
            self.events.append(("end", tag, [], self.events[-1][4], self.events[-1][4]))

    def handle_startendtag(self, tag, attrs):
        s = self._pos()
        e = s + len(self.get_starttag_text() or "")
        self.events.append(("start", tag, attrs, s, e))
        self.events.append(("end", tag, [], e, e))

    def handle_endtag(self, tag):
        s = self._pos()
        self.events.append(("end", tag, [], s, self._end_of(s, ">")))

    def handle_data(self, data):
        s = self._pos()
        self.events.append(("data", "", [], s, s + len(data)))

    def _ref(self, name: str) -> None:
        s = self._pos()
        e = s + len(name) + 1
        if self.text.startswith(";", e):
            e += 1
        self.events.append(("ref", "", [], s, e))

    def handle_entityref(self, name):
        self._ref(name)

    def handle_charref(self, name):
        self._ref("#" + name)

    def handle_comment(self, data):
        s = self._pos()
        self.events.append(("comment", "", [], s, self._end_of(s, "-->")))

    def handle_decl(self, decl):
        s = self._pos()
        self.events.append(("other", "", [], s, self._end_of(s, ">")))

    def handle_pi(self, data):
        s = self._pos()
        self.events.append(("other", "", [], s, self._end_of(s, ">")))


def _skipped(tag: str, attrs: list) -> bool:
    return tag in SKIP or "hidden" in dict(attrs)


def _boilerplate(tag: str, attrs: list) -> bool:
    if tag in BOILERPLATE_ELEMENTS:
        return True
    a = dict(attrs)
    return a.get("role") == "navigation" or bool(_NAV_CLASS.search(a.get("class") or ""))


def attribute_value(text: str, start: int, end: int, name: str) -> tuple[int, int] | None:
    """Span of attribute ``name``'s value in the tag ``text[start:end]`` (quotes excluded)."""
    m = re.compile(rf"""\s{re.escape(name)}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""",
                   re.IGNORECASE).search(text, start, end)
    if m is None:
        return None
    g = next(i for i in (1, 2, 3) if m.group(i) is not None)
    return m.span(g)


def lang_attribute(text: str) -> tuple[int, int] | None:
    """Span of the ``<html lang="…">`` value, or an empty span just after ``<html`` (None: no html tag)."""
    m = re.search(r"<html\b[^>]*>", text, re.IGNORECASE)
    if not m:
        return None
    attr = _LANG_ATTR.search(text, m.start(), m.end())
    if attr is None:
        return (m.start() + 5, m.start() + 5)
    g = next(i for i in (1, 2, 3) if attr.group(i) is not None)
    return attr.span(g)


def parse(text: str, path: Path, lang: str) -> Article:
    parser = _Events(text)
    parser.feed(text)
    parser.close()
    if not any(kind == "start" for kind, *_ in parser.events):
        raise InputError("not an HTML document (no tags found); read it as text or markdown", path=path)
    reader = _BlockReader(text, lang)
    for kind, tag, attrs, s, e in parser.events:
        reader.event(kind, tag, attrs, s, e)
    reader.flush()
    meta: dict = {"html_comments": [(s, e) for kind, _, _, s, e in parser.events if kind == "comment"]}
    if reader.cells:
        meta["cells"] = reader.cells
    span = lang_attribute(text)
    if span is not None:
        meta["html_lang"] = span
    return Article(path=path, text=text, lang=lang, format="html",
                   blocks=ordered_blocks(reader.blocks + reader.attribute_blocks()), date=reader.date, meta=meta)


class _BlockReader:
    """Turns the parser's events into blocks: each run of inline events between two block
    boundaries (outside skipped elements) is one block."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        self.lines = LineIndex(text)
        self.blocks: list[Block] = []
        self.stack: list[str] = []  # open block elements (for the kind of a run)
        self.skip: list[str] = []  # open skipped elements
        self.run: list[tuple[str, str, int, int]] = []  # (kind, tag, start, end) of inline events
        self.title_seen = False
        self.date = None
        self.code: list = []  # [tag, depth, start] of an open <code>/<kbd>… element
        self.boiler: list = []  # [tag, depth] of the open navigation/footer element
        self.attrs: list[tuple[int, int, str, tuple[int, int]]] = []  # value span, msgctxt, tag span
        self.table = [0, 0, -1]  # tables, rows and the current row's column seen
        self.cells: dict[int, tuple[int, int, int]] = {}  # cell block start → (table, row, column)

    def _in_code(self, kind: str, tag: str, e: int) -> bool:
        """Inside a code element: nothing is read until it closes, then it is one atom."""
        code = self.code
        if not code:
            return False
        if tag == code[0] and tag not in VOID:
            code[1] += 1 if kind == "start" else -1 if kind == "end" else 0
            if code[1] == 0:
                self.run.append(("atom", tag, code[2], e))
                self.code = []
        return True

    def _boiler(self, kind: str, tag: str, attrs: list) -> bool:
        """Track navigation and footers: their runs are boilerplate. True: a boundary."""
        boiler = self.boiler
        if boiler and tag == boiler[0] and tag not in VOID and kind in ("start", "end"):
            boiler[1] += 1 if kind == "start" else -1
            if boiler[1] == 0:
                self.flush()
                self.boiler = []
                return tag not in BLOCKS
        elif not boiler and kind == "start" and tag not in VOID and _boilerplate(tag, attrs):
            self.flush()
            self.boiler = [tag, 1]
            return tag not in BLOCKS
        return False

    def _attributes(self, tag: str, attrs: list, s: int, e: int) -> None:
        """Alt texts, titles and the meta description of a start tag, to translate."""
        a = dict(attrs)
        wanted = []
        if tag == "meta":
            name = (a.get("name") or a.get("property") or "").lower()
            if name in META_NAMES:
                wanted.append(("content", f"meta {name}"))
        elif "head" not in self.stack:
            wanted += [(n, label) for n, label in (("alt", ALT_TEXT), ("title", TITLE_ATTR)) if a.get(n)]
        for name, label in wanted:
            span = attribute_value(self.text, s, e, name)
            if span is not None:
                self.attrs.append((*span, label, (s, e)))

    def attribute_blocks(self) -> list[Block]:
        blocks = []
        for a, b, label, anchor in self.attrs:
            value = " ".join(html.unescape(self.text[a:b]).split())
            if not any(ch.isalnum() for ch in value):
                continue
            seg = Segment(text=value, start=a, end=b, line=self.lines.line(a), kind=ATTRIBUTE, block=0,
                          source=self.text[a:b], label=label, anchor=anchor)
            blocks.append(Block(kind=ATTRIBUTE, start=a, end=b, line=seg.line, segments=(seg,)))
        return blocks

    def event(self, kind: str, tag: str, attrs: list, s: int, e: int) -> None:
        skip = self.skip
        if skip:
            if kind == "start" and tag == skip[-1] and tag not in VOID:
                skip.append(tag)
            elif kind == "end" and tag == skip[-1]:
                skip.pop()
            return
        if self._in_code(kind, tag, e):
            return
        if kind == "start" and _skipped(tag, attrs) and tag not in VOID:
            self.flush()
            skip.append(tag)
            return
        if kind == "start":
            self._attributes(tag, attrs, s, e)
        if kind == "start" and tag in CODE_ELEMENTS:
            self.code = [tag, 1, s]
            return
        if self._boiler(kind, tag, attrs):
            return
        if kind in ("start", "end") and tag in BLOCKS:
            self.flush()
            if kind == "start" and tag in ("table", "tr", "td", "th"):
                self._table_position(tag)
            stack = self.stack
            if kind == "start" and tag not in VOID:
                stack.append(tag)
            elif kind == "end" and tag in stack:
                del stack[len(stack) - 1 - stack[::-1].index(tag):]
            return
        if kind == "other":
            self.flush()
            return
        self.run.append((kind, tag, s, e))

    def _table_position(self, tag: str) -> None:
        t = self.table
        if tag == "table":
            t[0] += 1
        elif tag == "tr":
            t[1], t[2] = t[1] + 1, -1
        else:
            t[2] += 1

    def kind_of(self) -> str:
        """The block kind of the current run, from the innermost open block element that tells."""
        if self.boiler:
            return BOILERPLATE
        for tag in reversed(self.stack):
            if tag in ("td", "th"):
                return TABLE_CELL
            if tag == "title":
                return TITLE
            if tag == "h1":
                return TITLE if not self.title_seen else HEADING
            if tag in ("h2", "h3", "h4", "h5", "h6"):
                return HEADING
            if tag in ("li", "dt", "dd"):
                return LIST_ITEM
        return PARAGRAPH

    def flush(self) -> None:
        """End the current run: its segments become a block (unless it has no text)."""
        text = self.text
        items = [r for r in self.run if r[0] != "data" or text[r[2]:r[3]].strip()]
        self.run.clear()
        if not items:
            return
        start, end = items[0][2], items[-1][3]
        content = text[start:end]
        pieces = _run_pieces(content, items, start)
        plain = plain_text(content, pieces)
        kind = self.kind_of()
        if kind == PARAGRAPH and not self.blocks and is_breadcrumb(plain):
            kind = BOILERPLATE
        elif kind == PARAGRAPH and self.date is None and (found := parse_date(plain)) is not None:
            kind, self.date = DATE, found
        segs = markup_segments(content, range(start, end), pieces, article_text=text, lines=self.lines,
                               lang=self.lang, kind=kind, block=len(self.blocks),
                               split=kind in (PARAGRAPH, LIST_ITEM))
        if not segs:
            return
        if kind == TITLE and "title" not in self.stack:
            self.title_seen = True
        if kind == TABLE_CELL:
            self.cells[segs[0].start] = (self.table[0], self.table[1], max(self.table[2], 0))
        self.blocks.append(Block(kind=kind, start=segs[0].start, end=segs[-1].end, line=segs[0].line,
                                 segments=segs))


def _run_pieces(content: str, items: list[tuple[str, str, int, int]], start: int) -> list[Piece]:
    """Markup pieces of a run's ``content`` (which starts at article offset ``start``)."""
    pieces: list[Piece] = []
    opened: list[tuple[str, int]] = []
    pair = 0
    for kind, tag, s, e in items:
        a, b = s - start, e - start
        if kind == "data":
            pieces.extend(url_pieces(content, a, b))
        elif kind == "start" and tag not in VOID:
            pieces.append(Piece(a, b, OPEN, pair))
            opened.append((tag, pair))
            pair += 1
        elif kind == "end" and tag not in VOID:
            match = next((i for i in range(len(opened) - 1, -1, -1) if opened[i][0] == tag), None)
            if match is None:
                pieces.append(Piece(a, b, ATOM))
            else:
                pieces.append(Piece(a, b, CLOSE, opened[match][1]))
                del opened[match:]
        elif b == a:
            continue
        elif kind == "comment" or tag in ("br", "wbr"):
            # Invisible or a line break: blank for sentence splitting (an atom would
            # glue "end.<br>Next" into one sentence); it stays with the sentence before.
            pieces.append(Piece(a, b, CLOSE))
        elif b > a:
            pieces.append(Piece(a, b, ATOM))
    # Tags left open inside the run (sloppy HTML) no longer need a partner.
    unmatched = {p for _, p in opened}
    return [Piece(p.start, p.end, ATOM) if p.pair in unmatched else p for p in pieces]
