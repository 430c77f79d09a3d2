"""HTML articles: the text of the page's block elements, with inline tags kept.

The stdlib ``html.parser`` reports each tag, text run and entity; their offsets
(from ``getpos``) delimit runs of inline content between block boundaries. Each
run is one block; inline tags (``<a href=…>``, ``<em>``), entities and URLs are
protected spans inside the msgid. Navigation, scripts, styles, forms, code and
the document head (except ``<title>``) are not translated: publishing copies
them, like everything between segments, verbatim.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputError
from ..model import BOILERPLATE, DATE, HEADING, LIST_ITEM, PARAGRAPH, TITLE, Article, Block
from ..text import LineIndex
from .dates import parse_date
from .markdown import ATOM, CLOSE, OPEN, Piece, markup_segments, plain_text, url_pieces
from .text import is_breadcrumb

# Elements whose content is never translated.
SKIP = frozenset({"script", "style", "nav", "footer", "aside", "noscript", "template", "svg", "math",
                  "form", "iframe", "pre", "select", "button", "textarea", "object", "canvas"})
# Elements that start or end a block of text; anything else is inline.
BLOCKS = frozenset({
    "html", "body", "main", "article", "section", "header", "div", "p", "h1", "h2", "h3", "h4", "h5",
    "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
    "caption", "figure", "figcaption", "blockquote", "address", "details", "summary", "hr", "title",
    "fieldset", "legend", "center", "hgroup", "head",
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
    if tag in SKIP:
        return True
    a = dict(attrs)
    return a.get("role") == "navigation" or bool(_NAV_CLASS.search(a.get("class") or "")) or "hidden" in a


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
    meta = {}
    span = lang_attribute(text)
    if span is not None:
        meta["html_lang"] = span
    return Article(path=path, text=text, lang=lang, format="html", blocks=tuple(reader.blocks),
                   date=reader.date, meta=meta)


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

    def event(self, kind: str, tag: str, attrs: list, s: int, e: int) -> None:
        skip = self.skip
        if skip:
            if kind == "start" and tag == skip[-1] and tag not in VOID:
                skip.append(tag)
            elif kind == "end" and tag == skip[-1]:
                skip.pop()
            return
        if kind == "start" and _skipped(tag, attrs) and tag not in VOID:
            self.flush()
            skip.append(tag)
            return
        if kind in ("start", "end") and tag in BLOCKS:
            self.flush()
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

    def kind_of(self) -> str:
        """The block kind of the current run, from the innermost open block element that tells."""
        for tag in reversed(self.stack):
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
