"""Chinese source normalisation (zh, zt): what a Chinese copy editor fixes by hand.

* Half-width ``, . ! ? : ;`` inside Chinese text become full-width ``，。！？：；``:
  between two Chinese characters, between a Chinese character and a digit ("期间,200名"),
  or after a Chinese character at the end of a line ("势头." → "势头。"). Never between
  Latin letters or digits on both sides ("1,500", "3.5", "10:30", "WIPO,NCAC"), never in a
  URL, e-mail address or protected span, and never a "." that a digit precedes ("1.中国" is
  a numbered list). A "." glued between two Chinese characters ("约翰.史密斯") may be a
  sentence end or a name's middle dot: it is only suggested, never applied.
* A half-width bracket pair becomes （） when it holds Chinese text or follows a Chinese
  character ("组织(WIPO)"); "f(x)" and "(1)" at a line start stay.
* Spaces between Chinese characters, and beside full-width punctuation, are removed
  (not indentation at a line start nor spaces at a line end).
* Spaces between Chinese and Latin letters or digits follow one style (``CJK_SPACING``):
  ``none`` (the default, mainland news style: "2026年", "约200名代表", "由WIPO主办") removes
  them, ``space`` puts one space there ("2026 年", "由 WIPO 主办"), ``keep`` leaves them.
  A space beside a URL, e-mail address or protected span is never touched.

Every edit is an offset range into the exact text; the caller vetoes spans with ``blocked``.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..text import FULLWIDTH_PUNCT, LATIN, UNSPACED_CHARS, is_fullwidth_punct, is_unspaced_char

NONE, SPACE, KEEP = "none", "space", "keep"
CJK_SPACING = (NONE, SPACE, KEEP)
DEFAULT_CJK_SPACING = NONE

PUNCTUATION = "punctuation"
SPACING = "spacing"

_ENDS = frozenset("，。！？：；、")
_FULL = {",": "，", ".": "。", "!": "！", "?": "？", ":": "：", ";": "；", "(": "（", ")": "）"}
# Horizontal spaces (the ideographic space U+3000 too; tabs are left alone: plain-text tables).
_HSPACE = " \u00a0\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f"
# A Latin word's or number's edge next to Chinese text (units and signs belong to the number).
_LATIN_EDGE = f"{LATIN}0-9"
_UNITS = frozenset("%‰℃°")
_AFTER_NUMBER = f"{LATIN}0-9{''.join(sorted(_UNITS))}"
_HS = f"[{_HSPACE}]"
# Full-width punctuation without the ideographic space (a space here, indentation at a line start).
_FW_MARKS = FULLWIDTH_PUNCT.replace("\u3000-", "\u3001-", 1)
_SPACES_IN_CJK = re.compile(f"(?<=[{UNSPACED_CHARS}{_FW_MARKS}]){_HS}+(?=[{UNSPACED_CHARS}{_FW_MARKS}])")
_SPACE_CJK_LATIN = re.compile(f"(?<=[{UNSPACED_CHARS}]){_HS}+(?=[{_LATIN_EDGE}])"
                              f"|(?<=[{_AFTER_NUMBER}]){_HS}+(?=[{UNSPACED_CHARS}])")
_GLUED_CJK_LATIN = re.compile(f"(?<=[{UNSPACED_CHARS}])(?=[{_LATIN_EDGE}])|(?<=[{_AFTER_NUMBER}])(?=[{UNSPACED_CHARS}])")


@dataclass(frozen=True)
class ZhEdit:
    """One edit (offsets into the text); ``certain`` False: a suggestion with ``alternatives``."""

    kind: str
    start: int
    end: int
    original: str
    replacement: str
    certain: bool = True
    alternatives: tuple[str, ...] = ()


def _chinese(ch: str) -> bool:
    """Han/kana or full-width punctuation (not the ideographic space, which is a space)."""
    return ch != "\u3000" and (is_unspaced_char(ch) or is_fullwidth_punct(ch))


def _neighbour(text: str, i: int, step: int) -> int:
    """Index of the nearest non-space character on the same line from ``i`` (-1: none)."""
    j = i + step
    while 0 <= j < len(text) and text[j] in _HSPACE:
        j += step
    return j if 0 <= j < len(text) and text[j] not in "\r\n" else -1


def _span(text: str, i: int) -> tuple[int, int]:
    """``i`` with the spaces around it that full-width punctuation makes redundant."""
    left, right = _neighbour(text, i, -1), _neighbour(text, i, 1)
    return (left + 1 if left >= 0 else i), (right if right >= 0 else i + 1)


def _punct_edit(text: str, i: int, followed_by: str, brackets: frozenset[int]) -> ZhEdit | None:
    """The full-width form of the half-width sentence punctuation at ``i``, if in Chinese text
    (``brackets``: where half-width brackets are being made full-width)."""
    c = text[i]
    li, ri = _neighbour(text, i, -1), _neighbour(text, i, 1)
    left = "）" if li in brackets else text[li] if li >= 0 else ""
    right = "（" if ri in brackets else text[ri] if ri >= 0 else ""
    if left in _ENDS:
        return None  # "好。." is doubled punctuation, for a human to sort out
    if c == ".":
        if not _chinese(left):
            return None
        if right and not _chinese(right):
            return None  # Latin or a digit goes on: "新华网.cn", "第3.5"
        glued = li == i - 1 and ((ri == i + 1 and is_unspaced_char(right))
                                 or (i == len(text) - 1 and is_unspaced_char(followed_by)))
        if glued:
            # "约翰.史密斯": a sentence end or a name's middle dot; a human decides.
            b = i + 2 if right else i + 1
            return ZhEdit(PUNCTUATION, i - 1, b, text[i - 1:b], f"{left}。{right}", certain=False,
                          alternatives=(f"{left}·{right}",))
    else:
        # A number ("200,其中", "5%,时间") ends before Chinese text; "1,500" and "10:30" are numbers.
        digit_left = (left.isascii() and left.isdigit()) or left in _UNITS
        digit_right = right.isascii() and right.isdigit()
        if not ((_chinese(left) and (not right or _chinese(right) or digit_right))
                or (digit_left and _chinese(right))):
            return None
    a, b = _span(text, i)
    return ZhEdit(PUNCTUATION, a, b, text[a:b], _FULL[c])


def _bracket_edits(text: str, blocked: Callable[[int, int], bool]) -> list[ZhEdit]:
    """Half-width bracket pairs around or after Chinese text, converted together."""
    edits, stack = [], []
    for i, c in enumerate(text):
        if c not in "()" or blocked(i, i + 1):
            continue
        if c == "(":
            stack.append(i)
            continue
        if not stack:
            continue
        o = stack.pop()
        before = _neighbour(text, o, -1)
        if not (re.search(f"[{UNSPACED_CHARS}]", text[o + 1:i]) or (before >= 0 and _chinese(text[before]))):
            continue
        for k in (o, i):
            a, b = _span(text, k)
            edits.append(ZhEdit(PUNCTUATION, a, b, text[a:b], _FULL[text[k]]))
    return edits


def _style_edits(text: str, style: str, blocked: Callable[[int, int], bool]) -> list[ZhEdit]:
    """Spaces between Chinese and Latin letters/digits, per ``style``."""
    edits = []
    if style == NONE:
        for m in _SPACE_CJK_LATIN.finditer(text):
            if not blocked(m.start() - 1, m.end() + 1):  # a URL would swallow the Chinese after it
                edits.append(ZhEdit(SPACING, m.start(), m.end(), m.group(), ""))
    elif style == SPACE:
        for m in _GLUED_CJK_LATIN.finditer(text):
            if not blocked(m.start() - 1, m.start() + 1):
                edits.append(ZhEdit(SPACING, m.start(), m.start(), "", " "))
        for m in _SPACE_CJK_LATIN.finditer(text):
            if m.group() != " " and not blocked(m.start() - 1, m.end() + 1):
                edits.append(ZhEdit(SPACING, m.start(), m.end(), m.group(), " "))
    return edits


def _overlaps(e: ZhEdit, f: ZhEdit) -> bool:
    if e.start == e.end or f.start == f.end:  # an insertion clashes only strictly inside a span
        p, (a, b) = (e.start, (f.start, f.end)) if e.start == e.end else (f.start, (e.start, e.end))
        return a < p < b or (a == b == p)
    return e.start < f.end and f.start < e.end


def chinese_edits(text: str, blocked: Callable[[int, int], bool], style: str = DEFAULT_CJK_SPACING, *,
                  followed_by: str = "") -> list[ZhEdit]:
    """Punctuation-width and spacing edits for Chinese ``text``, sorted, none overlapping.

    ``followed_by``: the character right after ``text`` in its document, when ``text`` is
    one sentence of it ("约翰." split off "约翰.史密斯" is then no sure sentence end).
    """
    if style not in CJK_SPACING:
        raise ValueError(f"unknown CJK spacing style {style!r}")
    found = _bracket_edits(text, blocked)
    brackets = frozenset(i for e in found for i in range(e.start, e.end) if text[i] in "()")
    for i, c in enumerate(text):
        if c in ",.!?:;" and not blocked(i, i + 1):
            edit = _punct_edit(text, i, followed_by, brackets)
            if edit is not None:
                found.append(edit)
    found += [ZhEdit(SPACING, m.start(), m.end(), m.group(), "") for m in _SPACES_IN_CJK.finditer(text)
              if not blocked(m.start(), m.end())]
    found += _style_edits(text, style, blocked)
    kept: list[ZhEdit] = []  # sorted, none overlapping: only the few kept edits near ``e`` can clash
    starts: list[int] = []
    for e in found:  # earlier rules win; a mark gives up the spaces an earlier edit took
        j = bisect.bisect_right(starts, e.end) - 1
        while e is not None and j >= 0 and kept[j].end >= e.start:
            if _overlaps(e, kept[j]):
                e = _trimmed(text, e, kept[j])
            j -= 1
        if e is not None:
            at = bisect.bisect_right(starts, e.start)
            kept.insert(at, e)
            starts.insert(at, e.start)
    return kept


def _trimmed(text: str, e: ZhEdit, k: ZhEdit) -> ZhEdit | None:
    """``e`` without the spaces it shares with ``k``; None when more than spaces clash."""
    a, b = e.start, e.end
    if k.start <= a < k.end:
        a = k.end
    if k.start < b <= k.end:
        b = k.start
    core = e.original.strip(_HSPACE)
    if e.kind != PUNCTUATION or not e.certain or a >= b or not core or core not in text[a:b] or _overlaps(dataclasses.replace(e, start=a, end=b), k):
        return None
    return dataclasses.replace(e, start=a, end=b, original=text[a:b])
