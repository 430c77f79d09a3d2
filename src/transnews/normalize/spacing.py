"""Spacing fixes: a missing space after a comma/semicolon/full stop between words, a
space before a comma/semicolon between words ("here ,and" → "here, and"), and runs of
spaces (including no-break spaces) inside a line.

Each rule only fires between letters (or, for doubled spaces, between visible
characters on one line), so numbers ("1,500", "3.5"), abbreviations ("U.S.",
"i.e.", "e.g.") and indentation are never touched; URLs, e-mail addresses and
protected spans are excluded by the caller through ``blocked``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..text import is_east_asian  # CJK letters, punctuation, full-width forms: no Latin spacing

# A comma/semicolon glued to the next word: "Wei,Deputy".
_GLUED_COMMA = re.compile(r"(?<=[^\W\d_])[,;](?=[^\W\d_])")
# A comma/semicolon with space before it, between words: "here ,and", "here , and".
_SPACED_COMMA = re.compile(r"(?<=[^\W\d_])[ \u00a0]+[,;](?=[ \u00a0]*[^\W\d_])")
# A full stop glued to a capitalised word: "Law.China". Filtered further below.
_GLUED_STOP = re.compile(r"(?<=[^\W\d_])\.(?=[^\W\d_])")
# Two or more horizontal spaces between visible characters on one line; a no-break
# or thin space next to an ordinary one counts ("improving, \u00a0the"). Tabs are
# left alone (plain-text tables).
_SPACES = re.compile(r"(?<=\S)[ \u00a0\u2000-\u200a\u202f\u205f]{2,}(?=\S)")
# Typewriter convention: two spaces after a sentence end are harmless, left alone.
_SENTENCE_END = frozenset(".!?")


@dataclass(frozen=True)
class SpaceEdit:
    start: int
    end: int
    original: str
    replacement: str


def _word_before(text: str, i: int) -> tuple[str, int]:
    """The run of letters ending at ``i`` (exclusive) and where it starts."""
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    return text[j:i], j


def _word_after(text: str, i: int) -> str:
    j = i
    while j < len(text) and text[j].isalpha():
        j += 1
    return text[i:j]


def spacing_edits(text: str, blocked: Callable[[int, int], bool]) -> list[SpaceEdit]:
    """Edits (offsets into ``text``) that fix spacing; ``blocked(start, end)`` vetoes a span."""
    edits: list[SpaceEdit] = []
    for m in _GLUED_COMMA.finditer(text):
        i = m.start()
        if is_east_asian(text[i - 1]) or is_east_asian(text[i + 1]) or blocked(i - 1, i + 2):
            continue
        edits.append(SpaceEdit(i, i + 1, text[i], text[i] + " "))
    spaced: set[int] = set()  # where the spaced-comma rule takes the spaces
    for m in _SPACED_COMMA.finditer(text):
        a, b = m.span()
        after = b
        while text[after] in " \u00a0":
            after += 1
        if is_east_asian(text[a - 1]) or is_east_asian(text[after]) or blocked(a - 1, after + 1):
            continue
        mark = text[b - 1]
        edits.append(SpaceEdit(a, b, m.group(), mark if after > b else mark + " "))
        spaced.add(a)
    for m in _GLUED_STOP.finditer(text):
        i = m.start()
        left, left_start = _word_before(text, i)
        right = _word_after(text, i + 1)
        # "word.Word" only: the left word has 2+ letters with a lowercase one (not "U.S"),
        # is not itself part of a dotted chain ("e.g", "www.site"), and the right word
        # is capitalised then lowercase ("Deputy", not "S." or "COM").
        if len(left) < 2 or not any(c.islower() for c in left):
            continue
        if left_start > 0 and text[left_start - 1] in ".@/\\_-":
            continue
        if len(right) < 2 or not right[0].isupper() or not right[1:].islower():
            continue
        end_right = i + 1 + len(right)
        if end_right < len(text) and text[end_right] in ".@/\\_":
            continue  # "name.Surname@", "site.Com/..."
        if is_east_asian(text[i - 1]) or blocked(left_start, end_right):
            continue
        edits.append(SpaceEdit(i, i + 1, ".", ". "))
    for m in _SPACES.finditer(text):
        before, after = text[m.start() - 1], text[m.end()]
        if before in _SENTENCE_END or blocked(m.start(), m.end()):
            continue
        if is_east_asian(before) and is_east_asian(after):
            continue  # between CJK characters the fix is no space at all: not ours to guess
        if m.start() in spaced:
            continue  # "here  ,and": the comma rule takes the spaces
        edits.append(SpaceEdit(m.start(), m.end(), m.group(), " "))
    edits.sort(key=lambda e: e.start)
    return edits
