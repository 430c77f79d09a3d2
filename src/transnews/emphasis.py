"""Markdown emphasis that CommonMark will not render, and the HTML form that does.

CommonMark's flanking rules decide whether ``*`` or ``_`` opens or closes emphasis from the
characters either side. Chinese text breaks them: in ``*《条约》*和`` the closing ``*`` has
punctuation before it and a letter after it, so it is not right-flanking and the reader
sees the asterisks. A translation written the way its English source was can therefore
lose its emphasis. :func:`unrendered_emphasis` finds such pairs (``transnews check`` warns)
and :func:`renderable_emphasis` writes them as ``<em>``/``<strong>``, which every Markdown
renderer passes and the edition sanitiser allows (the Markdown edition writer uses it).

The rule itself is markdown-it's (``StateInline.scanDelims``), so the answer is the one
the renderer gives, not a copy of it.

>>> renderable_emphasis("*《视听表演北京条约》*和**《马拉喀什条约》**")
'<em>《视听表演北京条约》</em>和<strong>《马拉喀什条约》</strong>'
>>> renderable_emphasis("the *Beijing Treaty* and **WIPO**")
'the *Beijing Treaty* and **WIPO**'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Where a * or _ is not emphasis: code spans, autolinks, inline HTML tags, link targets.
_NOT_TEXT = re.compile(r"(`+)[\s\S]*?\1|<[^<>\n]*>|(?<=\])\([^()\n]*\)")
_RUN = re.compile(r"(?<!\\)(?:\\\\)*(\*+|_+)")
_TAGS = {1: ("<em>", "</em>"), 2: ("<strong>", "</strong>"), 3: ("<em><strong>", "</strong></em>")}


@dataclass(frozen=True)
class Pair:
    """An opening and a closing delimiter run a writer meant as one emphasis."""

    open: tuple[int, int]
    close: tuple[int, int]
    renders: bool  # CommonMark reads them as emphasis

    @property
    def inner(self) -> tuple[int, int]:
        return self.open[1], self.close[0]


@functools.lru_cache(maxsize=1)
def _md():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def _masked(text: str) -> str:
    """``text`` with the inside of code spans, tags and link targets blanked (same length;
    their first and last characters kept: the renderer sees those next to a delimiter)."""
    def blank(m: re.Match) -> str:
        g = m.group()
        return g[0] + "\0" * (len(g) - 2) + g[-1]

    return _NOT_TEXT.sub(blank, text)


def emphasis_pairs(text: str) -> list[Pair]:
    """The delimiter runs of ``text`` paired as a writer means them: a run with a non-space
    after it opens, one with a non-space before it closes the last open run of the same
    marker and length. Each pair says whether CommonMark renders it."""
    from markdown_it.rules_inline.state_inline import StateInline

    masked = _masked(text)
    state = StateInline(masked, _md(), {}, [])
    stack: list[tuple[str, int, int, bool]] = []
    pairs: list[Pair] = []
    for m in _RUN.finditer(masked):
        a, b = m.span(1)
        run = masked[a:b]
        if len(run) > 3:
            continue
        before, after = masked[a - 1:a], masked[b:b + 1]
        scan = state.scanDelims(a, run[0] == "*")
        match = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == run), None)
        if before.strip() and match is not None:
            _, sa, sb, can_open = stack.pop(match)
            del stack[match:]
            pairs.append(Pair((sa, sb), (a, b), can_open and scan.can_close))
        elif after.strip():
            stack.append((run, a, b, scan.can_open))
    return [p for p in pairs if not _in_word(text, p)]


def _in_word(text: str, pair: Pair) -> bool:
    """``snake_case_name``: underscores between ASCII letters or digits are not emphasis."""
    if text[pair.open[0]] != "_":
        return False
    around = text[pair.open[0] - 1:pair.open[0]] + text[pair.close[1]:pair.close[1] + 1]
    return any(c.isascii() and c.isalnum() for c in around)


def unrendered_emphasis(text: str) -> list[str]:
    """The emphasised passages of Markdown ``text`` that a renderer shows with their asterisks."""
    return [text[p.open[0]:p.close[1]] for p in emphasis_pairs(text) if not p.renders]


def renderable_emphasis(text: str, tags: dict[int, tuple[str, str]] = _TAGS) -> str:
    """``text`` with each emphasis CommonMark would not render written as HTML tags (or
    ``tags``: delimiter length → opening and closing text)."""
    out, cursor = [], 0
    for p in sorted((p for p in emphasis_pairs(text) if not p.renders), key=lambda p: p.open):
        if p.open[0] < cursor:
            continue  # nested inside a pair already rewritten: its text went in whole
        opening, closing = tags[p.open[1] - p.open[0]]
        a, b = p.inner
        out += [text[cursor:p.open[0]], opening, renderable_emphasis(text[a:b], tags), closing]
        cursor = p.close[1]
    return "".join(out) + text[cursor:]
