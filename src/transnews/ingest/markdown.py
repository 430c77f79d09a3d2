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
from ..model import BOILERPLATE, DATE, HEADING, LIST_ITEM, PARAGRAPH, TITLE, Article, Block, Segment
from ..text import LineIndex, url_spans
from .dates import parse_date
from .text import is_breadcrumb

OPEN, CLOSE, ATOM = "open", "close", "atom"


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

    md = MarkdownIt("commonmark")
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
        self.handlers = {"text": self.text, "text_special": lambda tok: self.verbatim(tok.markup),
                         "softbreak": self.line_break, "hardbreak": self.line_break,
                         "link_open": self.link_open, "link_close": self.link_close,
                         "code_inline": self.code, "html_inline": lambda tok: self.verbatim(tok.content),
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
        self.atom(p, _dest_end(self.content, _bracket_end(self.content, p + 1)))
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


def inline_pieces(children, content: str) -> list[Piece]:
    """Markup pieces of one inline token, found by walking its children along ``content``."""
    walk = _InlineWalk(content)
    for tok in children or ():
        if walk.in_autolink:
            walk.in_autolink = tok.type != "link_close"
            continue
        handle = walk.handler(tok.type)
        if handle is not None and not handle(tok):
            break  # cannot align (unusual construct): keep what was found
    return walk.pieces


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
    """Number of lines of a leading YAML front matter block (``---`` … ``---``), else 0."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return 0
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return i + 1
    return 0


def parse(text: str, path: Path, lang: str) -> Article:
    md = _parser()
    skip = _front_matter_lines(text)
    line_index = LineIndex(text)
    # Front matter is metadata, not prose: blank it out (keeping line numbers) for the parser.
    src = "\n" * skip + "\n".join(text.splitlines()[skip:]) if skip else text
    tokens = md.parse(src)
    blocks: list[Block] = []
    date = None
    title_seen = False
    list_depth = 0
    for i, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        if tok.type != "inline" or i == 0 or tok.map is None:
            continue
        parent = tokens[i - 1]
        if parent.type not in ("heading_open", "paragraph_open") or not tok.content.strip():
            continue
        atx = parent.type == "heading_open" and parent.markup.startswith("#")
        offsets = _content_offsets(text, line_index, tok.map[0], tok.content, atx)
        if offsets is None:
            raise InputError("cannot locate this Markdown block's text in the file "
                             "(tabs in list or quote indentation?)", path=path, line=tok.map[0] + 1)
        pieces = inline_pieces(tok.children, tok.content)
        plain = plain_text(tok.content, pieces)
        if parent.type == "heading_open":
            kind = TITLE if parent.tag == "h1" and not title_seen else HEADING
            title_seen = title_seen or kind == TITLE
        elif list_depth:
            kind = LIST_ITEM
        elif not blocks and not title_seen and is_breadcrumb(plain):
            kind = BOILERPLATE
        elif date is None and "\n" not in tok.content.strip() and (found := parse_date(plain)) is not None:
            kind, date = DATE, found
        else:
            kind = PARAGRAPH
        segs = markup_segments(tok.content, offsets, pieces, article_text=text, lines=line_index, lang=lang, kind=kind,
                               block=len(blocks), split=kind in (PARAGRAPH, LIST_ITEM))
        if segs:
            blocks.append(Block(kind=kind, start=segs[0].start, end=segs[-1].end, line=segs[0].line,
                                segments=segs))
    return Article(path=path, text=text, lang=lang, format="markdown", blocks=tuple(blocks), date=date)
