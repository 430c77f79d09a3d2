"""Plain-text articles as newsrooms export them.

Layout: an optional navigation/breadcrumb line ("You are here: Home > News > …",
"首页 > 新闻 > …"), then the title line, then paragraphs separated by blank lines
(or one per line). A line holding only a date becomes a date block.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import BOILERPLATE, DATE, PARAGRAPH, TITLE, Article, Block, Segment
from ..text import LineIndex
from .dates import parse_date

# A breadcrumb trail: at least two ">"/"»"/"›" separators, or an explicit "You are here".
_BREADCRUMB = re.compile(
    r"^\s*(?:(?:you are here|当前位置|您的位置|您现在的位置)\s*[:：]|"
    r"[^\n>»›]{1,40}(?:\s*[>»›]\s*[^\n>»›]{1,60}){2,}\s*$)",
    re.IGNORECASE,
)


def is_breadcrumb(line: str) -> bool:
    return bool(_BREADCRUMB.match(line)) and len(line) < 200


def _lines(index: LineIndex) -> list[tuple[int, int, int]]:
    """(start, end-without-line-break, line number) for each line."""
    return [(*index.span(n), n) for n in range(1, len(index) + 1)]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraph_ranges(text: str, lines: list[tuple[int, int, int]], has_blank: bool) -> list[tuple[int, int, int]]:
    """Group body lines into paragraphs: blank-line separated if the article uses blank
    lines anywhere (after the title counts), else one paragraph per line."""
    paras: list[tuple[int, int, int]] = []
    cur: list[tuple[int, int, int]] = []
    for s, e, n in lines:
        blank = not text[s:e].strip()
        if blank or not has_blank:
            if cur:
                paras.append((cur[0][0], cur[-1][1], cur[0][2]))
                cur = []
            if not blank:
                paras.append((s, e, n))
            continue
        cur.append((s, e, n))
    if cur:
        paras.append((cur[0][0], cur[-1][1], cur[0][2]))
    return paras


def single_segment_block(text: str, kind: str, start: int, end: int, line: int, index: int) -> Block:
    s, e = _strip_span(text, start, end)
    seg = Segment(text=text[s:e], start=s, end=e, line=line, kind=kind, block=index)
    return Block(kind=kind, start=s, end=e, line=line, segments=(seg,))


def sentence_block(text: str, kind: str, start: int, end: int, line: int, index: int, lang: str,
                   lines: LineIndex) -> Block:
    from ..segment import segment_spans

    s0, e0 = _strip_span(text, start, end)
    segs = []
    for s, e in segment_spans(text[s0:e0], lang):
        a, b = s0 + s, s0 + e
        # A sentence inside a line-wrapped paragraph keeps its line breaks in ``source``;
        # the msgid is the same sentence on one line.
        sentence = " ".join(text[a:b].split()) if "\n" in text[a:b] else text[a:b]
        segs.append(Segment(text=sentence, start=a, end=b, line=lines.line(a),
                            kind=kind, block=index, source=text[a:b]))
    return Block(kind=kind, start=s0, end=e0, line=line, segments=tuple(segs))


def parse(text: str, path: Path, lang: str) -> Article:
    line_index = LineIndex(text)
    lines = _lines(line_index)
    content = [(s, e, n) for s, e, n in lines if text[s:e].strip()]
    blocks: list[Block] = []
    date = None
    i = 0
    if content and is_breadcrumb(text[content[0][0]:content[0][1]]):
        s, e, n = content[0]
        blocks.append(single_segment_block(text, BOILERPLATE, s, e, n, len(blocks)))
        i = 1
    if i < len(content):
        s, e, n = content[i]
        blocks.append(single_segment_block(text, TITLE, s, e, n, len(blocks)))
        i += 1
    body_start = content[i][0] if i < len(content) else len(text)
    body = [(s, e, n) for s, e, n in lines if s >= body_start]
    end_of_text = len(text.rstrip())
    has_blank = len(content) < len([ln for ln in lines if ln[0] < end_of_text])
    for s, e, n in _paragraph_ranges(text, body, has_blank):
        found = parse_date(text[s:e]) if "\n" not in text[s:e].strip() else None
        if found is not None and date is None:
            date = found
            blocks.append(single_segment_block(text, DATE, s, e, n, len(blocks)))
        else:
            blocks.append(sentence_block(text, PARAGRAPH, s, e, n, len(blocks), lang, line_index))
    return Article(path=path, text=text, lang=lang, format="text", blocks=tuple(blocks), date=date)
