"""Sentence boundaries for Chinese (and Japanese): no spaces, full-width punctuation.

A sentence ends after a run of terminators (。！？ … and their half-width forms)
plus any closing quotes/brackets, unless the run is inside a book title
《…》 or a quotation/parenthesis that closes later, or the closing quote is
followed by something that continues the sentence (，的 …).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left

from ..text import is_cjk_char, is_fullwidth_punct
from .rules import ChineseRules

_PARAGRAPH = re.compile(r"\n[^\S\n]*\n\s*")
_PAIR_WINDOW = 1000  # a title/quotation longer than this is taken as unclosed
_cache: dict[type, re.Pattern[str]] = {}


def _run_pattern(rules: ChineseRules) -> re.Pattern[str]:
    pat = _cache.get(type(rules))
    if pat is None:
        chars = re.escape("".join(sorted(rules.terminators - {"."})))
        # Runs of terminators; "..." / "……" count as one run; a lone "." is checked separately.
        pat = re.compile(rf"(?:[{chars}]|\.{{2,}})+|\.")
        _cache[type(rules)] = pat
    return pat


def boundaries(text: str, rules: ChineseRules) -> list[int]:
    scan = _Scan(text, rules)
    cuts: set[int] = set(scan.para_cuts)
    # Open pair marks (mark, offset) since the last boundary (for 《…！》 and “…。…”).
    stack: list[tuple[str, int]] = []
    pos = sent_start = 0
    n = len(text)
    for m in _run_pattern(rules).finditer(text):
        start, end = m.span()
        k = bisect_left(scan.para_cuts, start)
        if k and scan.para_cuts[k - 1] > sent_start:
            # A blank line was crossed: marks left open in the previous paragraph are dropped.
            sent_start = pos = scan.para_cuts[k - 1]
            stack = []
        _track(text, pos, start, stack, rules.pairs, scan.closing)
        pos = start
        if not _may_end(text, m):
            continue
        q, closed = scan.close_quotes(end, stack)
        pos = nxt = q
        while nxt < n and text[nxt].isspace():
            nxt += 1
        if nxt >= n or scan.goes_on(m.group(), q, nxt, stack, closed, sent_start):
            continue
        cuts.add(nxt)
        stack = []
        sent_start = nxt
    return sorted(c for c in cuts if 0 < c < n)


def _may_end(text: str, m: re.Match[str]) -> bool:
    """The terminator run can end a sentence at all (a lone "." only after CJK text)."""
    start = m.start()
    if m.group() == "." and not _period_ends(text, start):
        return False
    # "Yahoo!" inside a Chinese sentence
    return not (any(t in "!?" for t in m.group()) and start > 0 and text[start - 1].isascii()
                and text[start - 1].isalnum())


class _Scan:
    """One text's lookup tables for :func:`boundaries`: paragraph breaks and pair marks."""

    def __init__(self, text: str, rules: ChineseRules) -> None:
        self.text = text
        self.rules = rules
        self.closing = {v: k for k, v in rules.pairs.items()}
        paragraphs = list(_PARAGRAPH.finditer(text))
        self.para_cuts = sorted({m.end() for m in paragraphs if m.end() < len(text)})
        self.para_ends = [m.start() for m in paragraphs] + [len(text)]
        # Where each pair mark occurs, to ask "does this pair close later?" in log time.
        self.where: dict[str, list[int]] = {}
        for i, c in enumerate(text):
            if c in self.closing or c in rules.pairs:
                self.where.setdefault(c, []).append(i)

    def close_quotes(self, end: int, stack: list[tuple[str, int]]) -> tuple[int, list[tuple[str, int]]]:
        """Skip the closing quotes/brackets after a terminator run ending at ``end``, popping
        their openers off ``stack``; returns where they end and the marks they closed."""
        text, n = self.text, len(self.text)
        q = end
        closed: list[tuple[str, int]] = []
        while q < n and text[q] in self.rules.closers:
            opener = self.closing.get(text[q])
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == opener:
                    closed.extend(stack[k:])
                    del stack[k:]
                    break
            q += 1
        return q, closed

    def goes_on(self, run: str, q: int, nxt: int, stack: list[tuple[str, int]],
                closed: list[tuple[str, int]], sent_start: int) -> bool:
        """The sentence continues after the terminator ``run`` (closers end at ``q``; the
        next non-space character is at ``nxt``)."""
        text, rules = self.text, self.rules
        limit = min(self.para_ends[bisect_left(self.para_ends, q)], q + _PAIR_WINDOW)
        if stack and _closes_later(stack, q, limit, self.where, rules.pairs):
            return True  # inside 《》 / “” / （） that closes later: the sentence goes on
        if closed and text[nxt] in rules.continuation:
            return True  # “好！”，他说 — the quotation is part of a longer sentence
        if closed and "。" not in run and "." not in run \
                and _embedded(text, closed[0][1], sent_start) and is_cjk_char(text[nxt]):
            return True  # 去看“摔跤吧！”好吗 — an exclamation quoted inside a clause
        if closed and _speech_tag(text, nxt, rules):
            return True
        return text[nxt].isascii() and text[nxt].islower()


def _track(text: str, a: int, b: int, stack: list[tuple[str, int]], pairs: dict[str, str],
           closing: dict[str, str]) -> None:
    for i in range(a, b):
        c = text[i]
        if c in pairs:
            stack.append((c, i))
        elif c in closing:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == closing[c]:
                    del stack[k:]
                    break


def _speech_tag(text: str, pos: int, rules: ChineseRules) -> bool:
    """“…。”他说。 — a short clause with a speech verb, up to the next terminator."""
    end = pos
    limit = min(len(text), pos + rules.speech_tag_max + 1)
    while end < limit and text[end] not in rules.terminators and text[end] not in "“「\n":
        end += 1
    if end >= limit or text[end] not in rules.terminators:
        return False
    tag = text[pos:end]
    return any(v in tag for v in rules.speech_verbs)


def _embedded(text: str, open_at: int, sent_start: int) -> bool:
    """A quotation inside a clause, not direct speech after "：" or at the sentence start."""
    j = open_at
    while j > sent_start and text[j - 1].isspace():
        j -= 1
    return j > sent_start and text[j - 1] not in "：:，,"


def _closes_later(stack: list[tuple[str, int]], q: int, limit: int, where: dict[str, list[int]],
                  pairs: dict[str, str]) -> bool:
    """Some open mark's partner comes before ``limit`` and before the same mark opens again."""
    for o, _ in stack:
        found = where.get(pairs[o], [])
        k = bisect_left(found, q)
        if k < len(found) and found[k] < limit:
            reopened = where.get(o, [])
            j = bisect_left(reopened, q)
            if j >= len(reopened) or reopened[j] > found[k]:
                return True
    return False


def _period_ends(text: str, i: int) -> bool:
    """An ASCII "." ends a Chinese sentence only right after CJK text (MT output "合作.")."""
    prev = text[i - 1] if i > 0 else ""
    return is_cjk_char(prev) or (is_fullwidth_punct(prev) and unicodedata.category(prev) == "Pe")
