"""Sentence boundaries for space-separated (Latin-script) languages.

One left-to-right pass: every run of terminators ("." "?!" ". . ." "…") followed
by whitespace is a candidate; the word before it, the token after it and the
sentence so far decide. List items and blank lines give boundaries of their
own. All regexes are linear (no nested quantifiers) and compiled once per rules
class.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .rules import LanguageRules

_MULTI_PERIOD = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # "U.S", "a.m", "Ph.D"
_SINGLE_INITIAL = re.compile(r"[^\W\d_]\.")  # "K." as a whole token
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n\s*")
_FIRST_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_LINE_START = re.compile(r"\n[^\S\n]*")

_LIST_WINDOW = 2000  # characters searched for the next list item
_BRACKET_WINDOW = 1000  # a parenthetical longer than this is taken as unclosed

_cache: dict[type, dict[str, re.Pattern[str]]] = {}


def _patterns(rules: LanguageRules) -> dict[str, re.Pattern[str]]:
    pats = _cache.get(type(rules))
    if pats is None:
        others = "".join(sorted(rules.terminators - {".", "…"}))
        bullets = re.escape("".join(sorted(rules.bullets)))
        pats = {
            # Longest forms first: spaced/unspaced ellipses, "…", "?!" runs, one period.
            "run": re.compile(rf"\.(?:[ \u00a0]?\.){{2,}}|…+|[{re.escape(others)}]+|\."),
            "marker": re.compile(r"(\d{1,3}|[^\W\d_])(\.\)|\)|\.)(?=\s)"),
            "bullet_inline": re.compile(rf"(?<=\s)[{bullets}]"),
            "line_start": re.compile(rf"\n[^\S\n]*(?=[{bullets}]|(?:\d{{1,3}}|[^\W\d_])(?:\.\)|\)|\.)\s)"),
            # Any later list item: value and style are compared in Python (one pattern for
            # every item number, not one compiled per item).
            "item": re.compile(rf"(?<=[\s{bullets}])(\d+|[^\W\d_])(\.\)|\)|\.)(?=\s)"),
        }
        _cache[type(rules)] = pats
    return pats


def boundaries(text: str, rules: LanguageRules) -> list[int]:
    """Offsets where a sentence starts (0 excluded), sorted, unique."""
    pats = _patterns(rules)
    forced: set[int] = set()
    list_periods: set[int] = set()

    paragraphs = list(_PARAGRAPH.finditer(text))
    paragraph_ends = [m.start() for m in paragraphs] + [len(text)]
    for m in paragraphs:
        if m.end() < len(text):
            forced.add(m.end())
    for m in pats["line_start"].finditer(text):
        forced.add(m.end())
    for m in pats["bullet_inline"].finditer(text):
        forced.add(m.start())
    _lists(text, rules, pats, forced, list_periods, paragraph_ends)

    forced_sorted = sorted(forced)
    open_at = [i for i, c in enumerate(text) if c in "([{"]
    close_at = [i for i, c in enumerate(text) if c in ")]}"]

    cuts = set(forced)
    last_cut = 0
    for m in pats["run"].finditer(text):
        start, end = m.span()
        if start in list_periods:
            continue
        q = end
        while q < len(text) and text[q] in rules.closers:
            q += 1
        if q >= len(text) or not text[q].isspace():
            continue  # "U.S.A", "3.5", "mean...see", "Jr.'s": not followed by a space
        nxt = q
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt >= len(text):
            continue  # end of text: nothing to separate
        i = bisect_right(forced_sorted, start)
        sent_start = max(last_cut, forced_sorted[i - 1] if i else 0)
        # Inside an unclosed parenthesis that closes a little later (before any new one
        # opens) in the same paragraph: not a boundary.
        opened = bisect_left(open_at, q) - bisect_left(open_at, sent_start)
        if opened > bisect_left(close_at, q) - bisect_left(close_at, sent_start):
            limit = min(paragraph_ends[bisect_right(paragraph_ends, q - 1)], q + _BRACKET_WINDOW)
            k = bisect_right(close_at, q - 1)
            if k < len(close_at) and close_at[k] < limit:
                j = bisect_right(open_at, q - 1)
                if j >= len(open_at) or open_at[j] > close_at[k]:
                    continue
        cut = _decide(text, rules, start, end, nxt, sent_start)
        if cut is not None:
            cuts.add(cut)
            last_cut = cut
    return sorted(c for c in cuts if 0 < c < len(text))


def _lists(text: str, rules: LanguageRules, pats: dict[str, re.Pattern[str]],
           forced: set[int], list_periods: set[int], paragraph_ends: list[int]) -> None:
    """Numbered/lettered items: a marker at a list position, then its successors in order."""
    marker = pats["marker"]
    positions = {0}
    positions.update(m.end() for m in _LINE_START.finditer(text))
    positions.update(m.start() for m in pats["bullet_inline"].finditer(text))
    if text and text[0] in rules.bullets:
        positions.add(0)
    chained: set[int] = set()  # markers already reached from an earlier item
    for pos in sorted(positions):
        while pos < len(text) and (text[pos].isspace() or text[pos] in rules.bullets):
            pos += 1
        if pos in chained:
            continue
        m = marker.match(text, pos)
        if not m:
            continue
        _mark(m, list_periods)
        value, style = m.group(1), m.group(2)
        while True:
            value = _successor(value)
            if value is None:
                break
            # The next item follows within the paragraph and within a bounded window,
            # which keeps the search linear on long texts.
            limit = min(paragraph_ends[bisect_right(paragraph_ends, m.end() - 1)], m.end() + _LIST_WINDOW)
            found = next((f for f in pats["item"].finditer(text, m.end(), limit)
                          if f.group(1) == value and f.group(2) == style), None)
            if not found:
                break
            cut = found.start()
            chained.add(cut)
            back = cut
            while back > 0 and text[back - 1].isspace():
                back -= 1
            if back > 0 and text[back - 1] in rules.bullets:
                cut = back - 1
            forced.add(cut)
            _mark(found, list_periods)
            m = found


def _mark(m: re.Match[str], list_periods: set[int]) -> None:
    for k in range(m.start(), m.end()):
        if m.string[k] == ".":
            list_periods.add(k)


def _successor(value: str) -> str | None:
    if value.isdigit():
        return str(int(value) + 1)
    if value in "zZ":
        return None
    return chr(ord(value) + 1)


def _word_before(text: str, pos: int, rules: LanguageRules) -> tuple[str, int]:
    """The whitespace-delimited token ending at ``pos`` (openers stripped) and its start."""
    s = pos
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    word = text[s:pos]
    k = 0
    while k < len(word) and word[k] in rules.openers:
        k += 1
    return word[k:], s


def _next_token(text: str, pos: int, rules: LanguageRules) -> str:
    e = pos
    while e < len(text) and not text[e].isspace():
        e += 1
    tok = text[pos:e]
    k = 0
    while k < len(tok) - 1 and tok[k] in rules.openers:
        k += 1
    return tok[k:]


def _kind(token: str) -> str:
    c = token[0]
    if c.islower():
        return "lower"
    if c.isupper() or c.istitle() or c.isalpha():  # scripts without case count as a start
        return "upper"
    if c.isdigit():
        return "digit"
    return "other"


def _decide(text: str, rules: LanguageRules, start: int, end: int, nxt: int, sent_start: int) -> int | None:
    """Where the next sentence starts if the run ``text[start:end]`` ends one, else None."""
    run = text[start:end]
    token = _next_token(text, nxt, rules)
    kind = _kind(token)
    if kind == "lower":
        return None  # "co. at noon", "Yahoo! in", "'great.' she said", "... well"
    starter = _is_starter(token, rules)
    dots = run.count(".") + 3 * run.count("…")

    if run[0] in "!?‽" or run[0] not in ".…":
        return nxt

    if dots >= 3:
        if start > 0 and text[start - 1] in "[(":
            return None  # "[...]": an omission mark, never a boundary
        attached = start > 0 and not text[start - 1].isspace()
        if attached and dots >= 4 and run[1].isspace():
            # "compounds. . . . The": the period ends the sentence; the ellipsis opens the next.
            return start + 1
        if dots >= 4:
            return nxt  # ellipsis plus a period
        # A bare ellipsis is weak evidence; "I" is capitalised anywhere, so it proves nothing.
        if kind == "upper" and _first_word(token) != "I":
            return nxt
        return None

    word, wstart = _word_before(text, start, rules)
    if not word:
        return nxt  # a lone "." after a space
    abbr = rules.abbreviation_kind(word)
    if abbr == "prepositive" or abbr == "never_final":
        return None
    if abbr == "numeric":
        if kind == "digit" or token[0] in "#(":
            return None
        return nxt
    if abbr == "time":
        if kind == "digit" or (kind == "upper" and _fronted_phrase(text, sent_start, wstart, rules)):
            return None
        return nxt
    if abbr == "abbreviation" or _MULTI_PERIOD.fullmatch(word):
        return nxt if starter else None
    if len(word) == 1 and word.isalpha():
        if _SINGLE_INITIAL.fullmatch(token):
            return None  # "J. K. Rowling"
        prev, _ = _word_before(text, _skip_space_back(text, wstart), rules)
        if word.isupper() and (_SINGLE_INITIAL.fullmatch(prev) or (prev[:1].isupper() and prev.isalpha())):
            return nxt if starter else None  # "Jonas E. Smith", "Albert I. Jones"
        if word.islower():
            return nxt if starter else None  # "p.", "v." and other one-letter shorthands
        return nxt  # "you and I. Did"
    return nxt


def _skip_space_back(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def _first_word(token: str) -> str:
    m = _FIRST_WORD.match(token)
    return m.group(0) if m else ""


def _is_starter(token: str, rules: LanguageRules) -> bool:
    word = _first_word(token).rstrip("'’")
    return word in rules.sentence_starters or word.capitalize() in rules.sentence_starters and word.isupper()


def _fronted_phrase(text: str, sent_start: int, wstart: int, rules: LanguageRules) -> bool:
    """True if the sentence so far is only a short prepositional phrase ("At 5 a.m.")."""
    words = text[sent_start:wstart].split()
    return 0 < len(words) <= 3 and words[0].lower() in rules.fronting_prepositions
