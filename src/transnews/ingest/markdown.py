"""Markdown articles: headings, paragraphs, lists and block quotes become blocks.

markdown-it-py gives the block structure (each block's ``.map`` line range) and
the inline tokens; offsets into the file are recovered by locating each inline
content line in its source line, so a segment's ``start:end`` is exact and
publishing can copy everything between segments (list markers, ``>`` prefixes,
code blocks, front matter) verbatim.

Inline markup stays in the msgid as written (``Read the [report](https://x) now.``)
and is recorded in ``Segment.protected`` so MT never touches it.

:func:`markup_segments` (sentence splitting with markup kept intact) is shared
with the HTML format.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import (ATTRIBUTE, BOILERPLATE, DATE, HEADING, LIST_ITEM, PARAGRAPH, TABLE_CELL, TITLE, Article,
                     Block, Segment)
from ..text import LineIndex, url_spans
from .dates import parse_date
from .frontmatter import DEFAULT_FRONT_MATTER_KEYS, front_matter_blocks, front_matter_lines
from .text import is_breadcrumb

OPEN, CLOSE, ATOM = "open", "close", "atom"
# Inline elements whose content is code or keyboard/program text: never translated.
CODE_ELEMENTS = frozenset({"code", "kbd", "samp", "var", "tt"})
CODE_TAG = re.compile(r"<(/?)(code|kbd|samp|var|tt)\b[^>]*>", re.IGNORECASE)
# The title at the end of a link target: (url "title"), (url 'title'), (url (title)).
_TARGET_TITLE = re.compile(r"""\s("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\))\s*\)\Z""")


@dataclass(frozen=True)
class Piece:
    """A run of markup inside a block's content: kept verbatim, never translated.

    ``open``/``close`` wrap translatable text (``**``, ``[``…``](url)``, ``<em>``) and
    must end up in the same segment as their partner (``pair``); an ``atom`` is
    self-contained (code span, URL, image, entity, ``<br>``).
    """

    start: int
    end: int
    role: str
    pair: int = -1


_NEWLINE_RUN = re.compile(r"[ \t]*\n\s*")
# Msgctxt of attribute values offered for translation (shared with the HTML format).
ALT_TEXT, TITLE_ATTR = "alt text", "title attribute"


@dataclass(frozen=True)
class Attr:
    """An attribute value to translate: ``start:end`` inside the markup ``anchor`` (offsets
    in the content being walked, or in the article once mapped)."""

    start: int
    end: int
    label: str
    anchor: tuple[int, int]


def url_pieces(content: str, start: int, end: int) -> list[Piece]:
    """Atoms for bare URLs in ``content[start:end]`` (sentence punctuation after them excluded)."""
    return [Piece(a, b, ATOM) for a, b in url_spans(content, start, end, emails=False)]


def plain_text(content: str, pieces: Sequence[Piece]) -> str:
    """``content`` without its open/close markup (atoms kept): for date and breadcrumb tests."""
    keep = [True] * len(content)
    for p in pieces:
        if p.role != ATOM:
            for i in range(p.start, p.end):
                keep[i] = False
    return " ".join("".join(c for c, k in zip(content, keep, strict=True) if k).split())


def _has_words(text: str, protected: Sequence[tuple[int, int]]) -> bool:
    covered = set()
    for a, b in protected:
        covered.update(range(a, b))
    return any(ch.isalnum() for i, ch in enumerate(text) if i not in covered)


def _collapse(text: str) -> tuple[str, list[int]]:
    """Join wrapped lines (a newline and the indentation around it → one space).

    Returns the new text and, for each old offset 0..len, its new offset.
    """
    out, mapping, pos, length = [], [], 0, 0
    for m in _NEWLINE_RUN.finditer(text):
        mapping.extend(range(length, length + m.start() - pos))
        out.append(text[pos:m.start()])
        length += m.start() - pos
        mapping.extend([length] * (m.end() - m.start()))
        out.append(" ")
        length += 1
        pos = m.end()
    mapping.extend(range(length, length + len(text) - pos))
    out.append(text[pos:])
    new = "".join(out)
    mapping.append(len(new))
    return new, mapping


def _containing(spans: list[list[int]], a: int, b: int) -> int | None:
    for i, (s, e) in enumerate(spans):
        if a < e and b > s:
            return i
    return None


def markup_segments(content: str, offsets: Sequence[int], pieces: Sequence[Piece], *, article_text: str,
                    lines: LineIndex, lang: str, kind: str, block: int,
                    split: bool = True) -> tuple[Segment, ...]:
    """Segments of one block whose ``content`` may hold inline markup.

    ``offsets[i]`` is the article offset of ``content[i]``. Sentences are found on a
    masked copy (markup blanked, atoms turned into letters) so punctuation inside
    URLs or code never ends a sentence; then markup between sentences is attached to
    the sentence it belongs to, and sentences that would split an open/close pair
    are merged, so every segment holds balanced markup.
    """
    if len(offsets) != len(content):
        raise ValueError("offsets must map every content character")
    spans = _sentence_spans(_masked(content, pieces), lang, split)
    if not spans:
        return ()
    _attach_markup(spans, pieces)
    merged = _join_paired(_merge_overlaps(spans), pieces)
    segs = []
    for s, e in merged:
        raw = content[s:e]
        text, mapping = _collapse(raw) if "\n" in raw else (raw, list(range(len(raw) + 1)))
        prot = sorted({(mapping[max(p.start, s) - s], mapping[min(p.end, e) - s])
                       for p in pieces if p.start < e and p.end > s})
        prot = [(a, b) for a, b in prot if b > a]
        if not _has_words(text, prot):
            continue  # only markup (an image, a lone link target): nothing to translate
        start, end = offsets[s], offsets[e - 1] + 1
        segs.append(Segment(text=text, start=start, end=end, line=lines.line(start),
                            kind=kind, block=block, source=article_text[start:end], protected=tuple(prot)))
    return tuple(segs)


def _masked(content: str, pieces: Sequence[Piece]) -> str:
    """``content`` with open/close markup blanked and atoms turned into letters (whitespace kept)."""
    masked = list(content)
    for p in pieces:
        fill = " " if p.role != ATOM else "X"
        for i in range(p.start, p.end):
            if not masked[i].isspace():
                masked[i] = fill
    return "".join(masked)


def _sentence_spans(masked_text: str, lang: str, split: bool) -> list[list[int]]:
    """``[start, end]`` of each sentence, or of the whole stripped text when not ``split``."""
    if split:
        from ..segment import segment_spans

        return [list(s) for s in segment_spans(masked_text, lang)]
    stripped = masked_text.strip()
    first = len(masked_text) - len(masked_text.lstrip())
    return [[first, first + len(stripped)]] if stripped else []


def _attach_markup(spans: list[list[int]], pieces: Sequence[Piece]) -> None:
    """Widen the spans over markup: a piece overlapping a sentence joins it; one left in a gap
    between sentences goes with the sentence it starts (an opener) or ends (anything else)."""
    for p in sorted(pieces, key=lambda p: p.start):
        i = _containing(spans, p.start, p.end)
        if i is not None:
            spans[i][0] = min(spans[i][0], p.start)
            spans[i][1] = max(spans[i][1], p.end)
            continue
        prev = max((i for i, s in enumerate(spans) if s[1] <= p.start), default=None)
        nxt = min((i for i, s in enumerate(spans) if s[0] >= p.end), default=None)
        target = nxt if (p.role == OPEN and nxt is not None) or prev is None else prev
        spans[target][0] = min(spans[target][0], p.start)
        spans[target][1] = max(spans[target][1], p.end)


def _merge_overlaps(spans: list[list[int]]) -> list[list[int]]:
    """Sorted spans with the overlapping ones (widened over the same markup) made one."""
    spans.sort()
    merged: list[list[int]] = []
    for s in spans:
        if merged and s[0] < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], s[1])
        else:
            merged.append(s)
    return merged


def _join_paired(merged: list[list[int]], pieces: Sequence[Piece]) -> list[list[int]]:
    """An emphasis or link that runs across a sentence end makes one segment of both."""
    by_pair: dict[int, list[Piece]] = {}
    for p in pieces:
        if p.pair >= 0:
            by_pair.setdefault(p.pair, []).append(p)
    changed = True
    while changed:
        changed = False
        for group in by_pair.values():
            idx = sorted({_containing(merged, p.start, p.end) for p in group} - {None})
            if len(idx) > 1:
                lo, hi = idx[0], idx[-1]
                merged[lo:hi + 1] = [[merged[lo][0], merged[hi][1]]]
                changed = True
                break
    return merged


# ---------------------------------------------------------------- Markdown


def _parser():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    # Keep escapes and entities as their own tokens: their source form is needed to
    # find them in the text (text_join would merge them into plain text).
    md.disable("text_join")
    return md


def _dest_end(content: str, i: int) -> int:
    """End of a link's target after its closing ``]`` at ``i - 1``: ``(url "title")``, ``[ref]`` or none."""
    if i < len(content) and content[i] == "(":
        depth, j, quote = 1, i + 1, None
        while j < len(content):
            c = content[j]
            if c == "\\":
                j += 2
                continue
            if quote:
                if c == quote:
                    quote = None
            elif c in "\"'" and content[j - 1].isspace():
                quote = c
            elif c == "<" and j == i + 1:
                close = content.find(">", j)
                j = close if close > 0 else j
            elif c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    return j + 1
            j += 1
        return len(content)
    if i < len(content) and content[i] == "[":
        close = content.find("]", i)
        return close + 1 if close >= 0 else i
    return i


def _bracket_end(content: str, i: int) -> int:
    """Index after the ``]`` matching the ``[`` at ``i``."""
    depth, j = 0, i
    while j < len(content):
        c = content[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return len(content)


class _InlineWalk:
    """Walks an inline token's children along ``content``, collecting markup pieces.

    Each handler finds its token's source text from ``cur`` on and returns False when it
    cannot (an unusual construct): the walk then stops and keeps what it found.
    """

    def __init__(self, content: str) -> None:
        self.content = content
        self.pieces: list[Piece] = []
        self.stack: list[tuple[str, int]] = []  # open (markup kind, pair id)
        self.cur = 0
        self.pair = 0
        self.in_autolink = False
        self.attrs: list[Attr] = []  # alt texts and titles of images and links
        self.code_open: list[tuple[str, int, int, int]] = []  # raw <code>/<kbd>…: tag, pieces, stack, start
        self.handlers = {"text": self.text, "text_special": lambda tok: self.verbatim(tok.markup),
                         "softbreak": self.line_break, "hardbreak": self.line_break,
                         "link_open": self.link_open, "link_close": self.link_close,
                         "code_inline": self.code, "html_inline": self.html_inline,
                         "image": self.image}

    def add(self, a: int, b: int, role: str, pid: int = -1) -> None:
        self.pieces.append(Piece(a, b, role, pid))

    def opener(self, a: int, b: int, kind: str) -> None:
        self.add(a, b, OPEN, self.pair)
        self.stack.append((kind, self.pair))
        self.pair += 1
        self.cur = b

    def closer(self, a: int, b: int) -> None:
        self.add(a, b, CLOSE, self.stack.pop()[1])
        self.cur = b

    def atom(self, a: int, b: int) -> None:
        self.add(a, b, ATOM)
        self.cur = b

    def text(self, tok) -> bool:
        if not tok.content:
            return True
        p = self.content.find(tok.content, self.cur)
        if p < 0:
            return False
        self.pieces.extend(url_pieces(self.content, p, p + len(tok.content)))
        self.cur = p + len(tok.content)
        return True

    def verbatim(self, source: str) -> bool:
        """An atom whose source is ``source`` (escape, entity, inline HTML)."""
        p = self.content.find(source, self.cur)
        if p < 0:
            return False
        self.atom(p, p + len(source))
        return True

    def html_inline(self, tok) -> bool:
        """Raw inline HTML: each tag an atom; ``<code>``, ``<kbd>``, ``<samp>``… with their
        content one atom (never translated)."""
        start = self.content.find(tok.content, self.cur)
        if not self.verbatim(tok.content):
            return False
        m = CODE_TAG.match(tok.content)
        if m and not m.group(1):
            self.code_open.append((m.group(2).lower(), len(self.pieces) - 1, len(self.stack), start))
        elif m and self.code_open and self.code_open[-1][0] == m.group(2).lower():
            _, first, depth, a = self.code_open.pop()
            del self.pieces[first:], self.stack[depth:]
            self.atom(a, self.cur)
        return True

    def link_title(self, a: int, b: int, anchor: tuple[int, int] | None = None) -> None:
        """The ``"title"`` of a link or image target ``content[a:b]`` (``(url "title")``)."""
        m = _TARGET_TITLE.search(self.content, a, b)
        if m and m.end(1) - m.start(1) > 2:
            self.attrs.append(Attr(m.start(1) + 1, m.end(1) - 1, TITLE_ATTR, anchor or (a, b)))

    def line_break(self, tok) -> bool:
        p = self.content.find("\n", self.cur)
        if p >= 0:
            self.cur = p + 1
        return True

    def link_open(self, tok) -> bool:
        if tok.info == "auto" or tok.markup == "autolink":
            p = self.content.find("<", self.cur)
            q = self.content.find(">", p) + 1 if p >= 0 else 0
            if p < 0 or q <= 0:
                return False
            self.atom(p, q)
            self.in_autolink = True  # its text and close are inside the atom
            return True
        p = self.content.find("[", self.cur)
        if p < 0:
            return False
        self.opener(p, p + 1, "link")
        return True

    def link_close(self, tok) -> bool:
        p = self.content.find("]", self.cur)
        if p < 0 or not self.stack:
            return False
        self.closer(p, _dest_end(self.content, p + 1))
        self.link_title(p + 1, self.cur)
        return True

    def emphasis_open(self, tok) -> bool:  # em, strong (and s with plugins)
        p = self.content.find(tok.markup, self.cur)
        if p < 0 or not tok.markup:
            return False
        self.opener(p, p + len(tok.markup), tok.type[:-5])
        return True

    def emphasis_close(self, tok) -> bool:
        p = self.content.find(tok.markup, self.cur)
        if p < 0 or not self.stack or not tok.markup:
            return False
        self.closer(p, p + len(tok.markup))
        return True

    def code(self, tok) -> bool:
        p = self.content.find(tok.markup, self.cur)
        q = self.content.find(tok.markup, p + len(tok.markup)) if p >= 0 else -1
        if q < 0:
            return False
        self.atom(p, q + len(tok.markup))
        return True

    def image(self, tok) -> bool:
        p = self.content.find("![", self.cur)
        if p < 0:
            return False
        close = _bracket_end(self.content, p + 1)
        self.atom(p, _dest_end(self.content, close))
        if self.content[p + 2:close - 1].strip():
            self.attrs.append(Attr(p + 2, close - 1, ALT_TEXT, (p, self.cur)))
        self.link_title(close, self.cur, (p, self.cur))
        return True

    def handler(self, t: str):
        """The method for token type ``t`` (None: the token adds nothing)."""
        if t in self.handlers:
            return self.handlers[t]
        if t.endswith("_open"):
            return self.emphasis_open
        if t.endswith("_close"):
            return self.emphasis_close
        return None


def inline_walk(children, content: str) -> _InlineWalk:
    """Walk one inline token's children along ``content``: its markup pieces and attributes."""
    walk = _InlineWalk(content)
    for tok in children or ():
        if walk.in_autolink:
            walk.in_autolink = tok.type != "link_close"
            continue
        handle = walk.handler(tok.type)
        if handle is not None and not handle(tok):
            break  # cannot align (unusual construct): keep what was found
    return walk


def inline_pieces(children, content: str) -> list[Piece]:
    """Markup pieces of one inline token, found by walking its children along ``content``."""
    return inline_walk(children, content).pieces


def _content_offsets(text: str, lines: LineIndex, first_line: int, content: str,
                     atx: bool) -> list[int] | None:
    """Article offset of each character of an inline token's content (None: cannot align)."""
    offsets: list[int] = []
    parts = content.split("\n")
    for n, part in enumerate(parts):
        if first_line + n >= len(lines):
            return None
        ls, le = lines.span(first_line + n + 1)  # token maps count lines from 0
        src = text[ls:le]
        if atx:
            hashes = src.lstrip(" ").lstrip("#")
            pos = src.find(part, len(src) - len(hashes))
        else:
            body, want = src.rstrip(), part.rstrip()
            pos = len(body) - len(want) if body.endswith(want) else -1
        if pos < 0:
            return None
        offsets.extend(ls + pos + i for i in range(len(part)))
        if n < len(parts) - 1:
            offsets.append(le)  # the line break
    return offsets


def _front_matter_lines(text: str) -> int:
    """Number of lines of a leading YAML (``---``) or TOML (``+++``) front matter block, else 0."""
    return front_matter_lines(text)


def _escaped(row: str, i: int) -> bool:
    n = 0
    while i - n > 0 and row[i - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def _row_cells(text: str, lines: LineIndex, line: int) -> list[tuple[int, int]]:
    """Article spans of the cells of the table row on ``line`` (from 1), whitespace stripped."""
    ls, le = lines.span(line)
    row = text[ls:le]
    bars = [i for i, c in enumerate(row) if c == "|" and not _escaped(row, i)]
    edges = [-1, *bars, len(row)]
    cells = [(edges[k] + 1, edges[k + 1]) for k in range(len(edges) - 1)]
    lead = len(row) - len(row.lstrip(" \t>"))
    if bars and not row[lead:bars[0]].strip():
        cells = cells[1:]  # a leading pipe
    if bars and not row[bars[-1] + 1:].strip():
        cells = cells[:-1]  # a trailing pipe
    out = []
    for a, b in cells:
        raw = row[a:b]
        a += len(raw) - len(raw.lstrip())
        b = a + len(raw.strip())
        out.append((ls + a, ls + b))
    return out


def _attr_blocks(attrs: list[Attr], offsets, content: str, article_text: str, lines: LineIndex) -> list[Block]:
    """One block per attribute value (alt text, title) found in ``content``."""
    blocks = []
    for at in attrs:
        start, end = offsets[at.start], offsets[at.end - 1] + 1
        value = " ".join(content[at.start:at.end].split())
        if not value or not any(ch.isalnum() for ch in value):
            continue
        anchor = (offsets[at.anchor[0]], offsets[at.anchor[1] - 1] + 1)
        seg = Segment(text=value, start=start, end=end, line=lines.line(start), kind=ATTRIBUTE, block=0,
                      source=article_text[start:end], label=at.label, anchor=anchor)
        blocks.append(Block(kind=ATTRIBUTE, start=start, end=end, line=seg.line, segments=(seg,)))
    return blocks


def ordered_blocks(blocks: list[Block]) -> tuple[Block, ...]:
    """Blocks in document order, each segment's ``block`` its block's index."""
    import dataclasses

    out = []
    for n, b in enumerate(sorted(blocks, key=lambda b: (b.start, b.kind == ATTRIBUTE))):
        segs = tuple(dataclasses.replace(s, block=n) for s in b.segments)
        out.append(dataclasses.replace(b, segments=segs))
    return tuple(out)


class _MarkdownReader:
    """Turns markdown-it's tokens into blocks (see :func:`parse`)."""

    def __init__(self, text: str, path: Path, lang: str) -> None:
        self.text, self.path, self.lang = text, path, lang
        self.lines = LineIndex(text)
        self.blocks: list[Block] = []
        self.attrs: list[Block] = []
        self.date = None
        self.title_seen = False
        self.row: list[tuple[int, int]] = []  # the current table row's cells
        self.cell = 0
        self.table = 0  # tables seen
        # Where each table cell's block sits: block start → (table, row line, column).
        self.cells: dict[int, tuple[int, int, int]] = {}

    def _kind(self, parent, plain: str, content: str, list_depth: int) -> str:
        if parent.type == "heading_open":
            kind = TITLE if parent.tag == "h1" and not self.title_seen else HEADING
            self.title_seen = self.title_seen or kind == TITLE
            return kind
        if list_depth:
            return LIST_ITEM
        if not self.blocks and not self.title_seen and is_breadcrumb(plain):
            return BOILERPLATE
        if self.date is None and "\n" not in content.strip() and (found := parse_date(plain)) is not None:
            self.date = found
            return DATE
        return PARAGRAPH

    def _add(self, content: str, offsets, walk: _InlineWalk, kind: str) -> None:
        segs = markup_segments(content, offsets, walk.pieces, article_text=self.text, lines=self.lines,
                               lang=self.lang, kind=kind, block=len(self.blocks),
                               split=kind in (PARAGRAPH, LIST_ITEM))
        if segs:
            self.blocks.append(Block(kind=kind, start=segs[0].start, end=segs[-1].end, line=segs[0].line,
                                     segments=segs))
        self.attrs += _attr_blocks(walk.attrs, offsets, content, self.text, self.lines)

    def block(self, tok, parent, list_depth: int) -> None:
        """A heading's or paragraph's inline token."""
        atx = parent.type == "heading_open" and parent.markup.startswith("#")
        offsets = _content_offsets(self.text, self.lines, tok.map[0], tok.content, atx)
        if offsets is None:
            raise InputError("cannot locate this Markdown block's text in the file "
                             "(tabs in list or quote indentation?)", path=self.path, line=tok.map[0] + 1)
        walk = inline_walk(tok.children, tok.content)
        kind = self._kind(parent, plain_text(tok.content, walk.pieces), tok.content, list_depth)
        self._add(tok.content, offsets, walk, kind)

    def table_cell(self, md) -> None:
        """The next cell of the current row: its source as written (escaped pipes kept)."""
        k, self.cell = self.cell, self.cell + 1
        if k >= len(self.row):
            return  # a cell the row does not write (markdown-it pads short rows)
        start, end = self.row[k]
        raw = self.text[start:end]
        if raw.strip():
            walk = inline_walk(md.parseInline(raw)[0].children, raw)
            before = len(self.blocks)
            self._add(raw, range(start, end), walk, TABLE_CELL)
            if len(self.blocks) > before:
                self.cells[self.blocks[-1].start] = (self.table, self.lines.line(start), k)


def parse(text: str, path: Path, lang: str, *,
          front_matter_keys: tuple[str, ...] = DEFAULT_FRONT_MATTER_KEYS) -> Article:
    md = _parser()
    reader = _MarkdownReader(text, path, lang)
    fm, fm_blocks = front_matter_blocks(text, path, reader.lines, front_matter_keys)
    skip = fm.lines if fm else 0
    # Front matter is metadata, not prose: blank it out (keeping line numbers) for the parser.
    src = "\n" * skip + "\n".join(text.splitlines()[skip:]) if skip else text
    tokens = md.parse(src)
    list_depth = 0
    for i, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif tok.type == "table_open":
            reader.table += 1
        elif tok.type == "tr_open" and tok.map is not None:
            reader.row, reader.cell = _row_cells(text, reader.lines, tok.map[0] + 1), 0
        if tok.type != "inline" or i == 0 or tok.map is None:
            continue
        parent = tokens[i - 1]
        if parent.type in ("th_open", "td_open"):
            reader.table_cell(md)
        elif parent.type in ("heading_open", "paragraph_open") and tok.content.strip():
            reader.block(tok, parent, list_depth)
    blocks = ordered_blocks(fm_blocks + reader.blocks + reader.attrs)
    meta: dict = {"front_matter": fm.syntax} if fm else {}
    if reader.cells:
        meta["cells"] = reader.cells
    return Article(path=path, text=text, lang=lang, format="markdown", blocks=blocks, date=reader.date,
                   meta=meta)
