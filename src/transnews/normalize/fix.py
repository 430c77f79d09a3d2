"""Name-safe source correction: typo fixes and spacing fixes with exact offsets.

Which words may be corrected at all (the rest are never touched, not even suggested):

* lowercase words, anywhere;
* a capitalised word at the start of a sentence, or any capitalised word in a title
  or heading — unless the same word appears capitalised inside a sentence elsewhere
  in the article (then it is a name: "Hussey said…" next to "Mr. Geoff Hussey");
  the replacement keeps the capital ("Enviroment" → "Environment").

Never: capitalised words inside a sentence (names), ALL-CAPS and mixed-case tokens
(acronyms, "ZHAO", "iPhone"), words touching digits, underscores or non-ASCII
letters, dotted tokens and abbreviations ("U.S.", "e.g.", "Prof."), anything in a URL,
an e-mail address, a caller-protected span or a protected (glossary) phrase, and
words the speller knows (see :mod:`transnews.normalize.speller` for the confidence
rule deciding between an applied fix and a suggestion).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from ..errors import InputError, InternalError
from ..model import BOILERPLATE, DATE, HEADING, TITLE, Article, Change, Segment
from ..segment.rules import ENGLISH_ABBREVIATIONS
from ..text import LineIndex, language_code, url_spans
from .chinese import DEFAULT_CJK_SPACING, chinese_edits
from .spacing import spacing_edits
from .speller import Speller, match_case

TYPO = "typo"
SPACING = "spacing"
# Chinese text (zh, zt) also gets :mod:`transnews.normalize.chinese`: punctuation width and spacing.
CHINESE_LANGUAGES = frozenset({"zh", "zt"})

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
# Abbreviations whose full stop does not end a sentence; also never spell-checked.
ABBREVIATIONS = ENGLISH_ABBREVIATIONS
_OPENERS = frozenset(" \t\"'“‘«([{—–-")
_TOUCHING = frozenset("_@/\\#&=%$+*<>|~^`")


@dataclass(frozen=True)
class Suggestion:
    """An uncertain correction: reported for a human, never applied."""

    word: str
    replacement: str
    alternatives: tuple[str, ...]
    start: int
    end: int
    line: int

    def describe(self) -> str:
        also = f" (also: {', '.join(self.alternatives)})" if self.alternatives else ""
        return f"{self.word} → {self.replacement}?{also}"

    def as_dict(self) -> dict:
        return {"word": self.word, "replacement": self.replacement, "alternatives": list(self.alternatives),
                "line": self.line, "start": self.start, "end": self.end, "text": self.describe()}


@dataclass(frozen=True)
class FixResult:
    """``text`` corrected; ``changes`` carry offsets into the ORIGINAL text."""

    text: str
    changes: list[Change] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)


def is_english(lang: str) -> bool:
    return language_code(lang) == "en"


def is_chinese(lang: str) -> bool:
    return language_code(lang) in CHINESE_LANGUAGES


class _Spans:
    """Sorted, merged (start, end) spans with an overlap test."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted((int(a), int(b)) for a, b in spans if b > a):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self._starts = [a for a, _ in merged]
        self._spans = merged

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, end - 1) - 1
        return i >= 0 and self._spans[i][1] > start


def protected_spans_in(text: str, speller: Speller | None) -> list[tuple[int, int]]:
    """URLs, e-mail addresses, bare domains, and protected phrases with inner punctuation."""
    spans = list(url_spans(text, domains=True))
    pattern = speller.phrase_pattern if speller is not None else None
    if pattern is not None:
        spans.extend(m.span() for m in pattern.finditer(text))
    return spans


def _sentence_start(text: str, start: int, document: bool) -> bool:
    """Is the word at ``start`` the first of a sentence? (Newlines start one only in
    ``document`` mode; inside a segment they are line wrapping.)"""
    j = start - 1
    while j >= 0 and (text[j] in _OPENERS or (text[j] in "\r\n" and not document)):
        j -= 1
    if j < 0:
        return True
    ch = text[j]
    if ch in "\r\n":
        return True
    if ch in "!?":
        return True
    if ch == ".":
        k = j
        while k > 0 and text[k - 1].isalpha():
            k -= 1
        before = text[k:j]
        # "Mr. Zhao", "U.S. Army": the capital follows an abbreviation, not a sentence end.
        return not (len(before) == 1 or before.lower() in ABBREVIATIONS)
    return False


@dataclass(frozen=True)
class _Token:
    word: str
    start: int
    end: int
    capitalised: bool
    eligible_caps: bool  # sentence start or title word


def _tokens(text: str, blocked: _Spans, *, title: bool, document: bool) -> Iterable[_Token]:
    """Words that are candidates for checking, with the reason filters applied."""
    n = len(text)
    for m in _WORD.finditer(text):
        s, e = m.span()
        word = m.group()
        if "'" in word or "’" in word:
            base, suffix = re.split("['’]", word, maxsplit=1)
            if suffix.lower() != "s":
                continue  # contractions ("don't") are left alone
            word, e = base, s + len(base)
        if len(word) < 4:
            continue
        # A neighbour inside a protected span (an inline-markup placeholder) is a boundary.
        before = text[s - 1] if s and not blocked.overlaps(s - 1, s) else ""
        after = text[e] if e < n and not blocked.overlaps(e, e + 1) else ""
        if before and (before.isalnum() or before in _TOUCHING):
            continue  # digits, non-ASCII letters, paths, handles, hashtags
        if after and (after.isalnum() or after in _TOUCHING):
            continue
        if after == "." and e + 1 < n and text[e + 1].isalnum():
            continue  # dotted token: domain, file name, "e.g"
        if before == "." and s >= 2 and text[s - 2].isalpha():
            continue  # "...U.S.Army", "site.Com"
        if after == "." and word.lower() in ABBREVIATIONS:
            continue
        if after == "." and _next_visible(text, e + 1)[:1].islower():
            continue  # "approx. five": a full stop followed by lowercase is an abbreviation
        first, rest = word[0], word[1:]
        if not rest.islower():
            continue  # ALL-CAPS, mixed case: acronyms and names
        capitalised = first.isupper()
        if blocked.overlaps(s, e):
            continue
        eligible = capitalised and (title or _sentence_start(text, s, document))
        yield _Token(word, s, e, capitalised, eligible)


def _next_visible(text: str, i: int) -> str:
    while i < len(text) and text[i] in " \t":
        i += 1
    return text[i] if i < len(text) else ""


def collect_names(texts: Iterable[tuple[str, bool]]) -> set[str]:
    """Lowercased capitalised words seen inside sentences: ``texts`` are (text, is_title)."""
    names: set[str] = set()
    empty = _Spans(())
    for text, is_title in texts:
        if is_title:
            continue  # title case is no evidence of a name
        for tok in _tokens(text, empty, title=False, document=True):
            if tok.capitalised and not tok.eligible_caps:
                names.add(tok.word.lower())
    return names


def fix_text(text: str, lang: str, speller: Speller | None, *,
             protected_spans: Sequence[tuple[int, int]] = (), kind: str | None = None,
             names: Collection[str] | None = None, cjk_spacing: str = DEFAULT_CJK_SPACING,
             followed_by: str = "") -> FixResult:
    """Correct typos (English with a speller) and spacing (any language) in ``text``.

    ``kind``: None treats ``text`` as a whole document (each line may start a
    sentence); a segment kind ("paragraph", "title", "heading", …) treats it as one
    sentence or title. ``names``: lowercased words known to be names in the wider
    document (default: collected from ``text`` itself). ``protected_spans`` are
    (start, end) offsets never modified. ``cjk_spacing``: the style of spaces between
    Chinese and Latin/digits in Chinese text (see :mod:`transnews.normalize.chinese`);
    ``followed_by``: the character after ``text`` in its document (a segment's neighbour).
    Changes and suggestions carry offsets and 1-based lines of the original ``text``.
    """
    if not isinstance(text, str):
        raise InputError(f"cannot fix {type(text).__name__}: expected text")
    use_speller = speller if speller is not None and is_english(lang) else None
    blocked = _Spans([*protected_spans, *protected_spans_in(text, speller)])
    lines = LineIndex(text)
    edits: list[Change] = []
    suggestions: list[Suggestion] = []
    if is_chinese(lang):
        edits, suggestions = _chinese_changes(text, blocked, lines, cjk_spacing, followed_by)
    taken = _Spans((c.start, c.end) for c in edits)
    for ed in spacing_edits(text, blocked.overlaps):
        # Where a Chinese rule already edits (a comma it made full-width), it wins.
        if not taken.overlaps(ed.start, ed.end):
            edits.append(Change(SPACING, ed.original, ed.replacement, ed.start, ed.end, lines.line(ed.start)))
    if use_speller is not None:
        title = kind in (TITLE, HEADING)
        document = kind is None
        if names is None:
            names = collect_names([(text, title)])
        for tok in _tokens(text, blocked, title=title, document=document):
            if tok.capitalised and (not tok.eligible_caps or tok.word.lower() in names):
                continue
            verdict = use_speller.check(tok.word, capitalised=tok.capitalised)
            if verdict is None:
                continue
            best = match_case(tok.word, verdict.best)
            if verdict.confident:
                edits.append(Change(TYPO, tok.word, best, tok.start, tok.end, lines.line(tok.start)))
            else:
                alts = tuple(match_case(tok.word, c.word) for c in verdict.candidates[1:3])
                suggestions.append(Suggestion(tok.word, best, alts, tok.start, tok.end, lines.line(tok.start)))
    edits.sort(key=lambda c: c.start)
    return FixResult(apply_changes(text, edits), edits, suggestions)


def _chinese_changes(text: str, blocked: _Spans, lines: LineIndex, style: str,
                     followed_by: str) -> tuple[list[Change], list[Suggestion]]:
    changes, suggestions = [], []
    for ed in chinese_edits(text, blocked.overlaps, style, followed_by=followed_by):
        line = lines.line(ed.start)
        if ed.certain:
            changes.append(Change(ed.kind, ed.original, ed.replacement, ed.start, ed.end, line))
        else:
            suggestions.append(Suggestion(ed.original, ed.replacement, ed.alternatives, ed.start, ed.end, line))
    return changes, suggestions


def apply_changes(text: str, changes: Iterable[Change]) -> str:
    """``text`` with ``changes`` (offsets into ``text``) applied; they must match and not overlap."""
    out, pos = [], 0
    for ch in sorted(changes, key=lambda c: (c.start, c.end)):
        if ch.start < pos or text[ch.start:ch.end] != ch.original:
            # Changes are computed from this very text: a mismatch is a bug, not bad input.
            raise InternalError(f"change {ch.original!r} → {ch.replacement!r} (line {ch.line}) does not "
                                f"match the text at offset {ch.start}")
        out.append(text[pos:ch.start])
        out.append(ch.replacement)
        pos = ch.end
    out.append(text[pos:])
    return "".join(out)


# -- segments ------------------------------------------------------------------------

def _shift(offset: int, edits: Sequence[Change]) -> int:
    """Where ``offset`` of the original text lands after ``edits`` (sorted, none inside
    the protected span or term that ``offset`` bounds)."""
    delta = 0
    for ed in edits:
        if ed.end > offset:
            break
        delta += len(ed.replacement) - (ed.end - ed.start)
    return offset + delta


def _collapse(source: str) -> tuple[str, list[int]]:
    """``" ".join(source.split())`` and, for each of its characters, the source offset."""
    parts, where = [], []
    for m in re.finditer(r"\S+", source):
        if parts:
            parts.append(" ")
            where.append(m.start() - 1)
        parts.append(m.group())
        where.extend(range(m.start(), m.end()))
    return "".join(parts), where


def _to_source(spans: Sequence[tuple[int, int]], where: list[int]) -> list[tuple[int, int]]:
    return [(where[a], where[b - 1] + 1) for a, b in spans if 0 <= a < b <= len(where)]


def _from_source(spans: Sequence[tuple[int, int]], where: list[int]) -> list[tuple[int, int]]:
    out = []
    for a, b in spans:
        i = bisect.bisect_left(where, a)
        out.append((i, max(i, bisect.bisect_left(where, b))))
    return out


def _locate(change: Change, text: str, source: str) -> int | None:
    """Offset in ``source`` of a change made in ``text`` (markup formats), if unambiguous."""
    if change.kind == TYPO:
        pat = re.compile(r"(?<![A-Za-z])" + re.escape(change.original) + r"(?![A-Za-z])")
        k = len(pat.findall(text, 0, change.start))
        hits = [m.start() for m in pat.finditer(source)]
        return hits[k] if k < len(hits) and len(hits) == len(pat.findall(text)) else None
    a, b = change.start, change.end
    while a > 0 and change.start - a < 12 and text[a - 1].isalnum():
        a -= 1
    while b < len(text) and b - change.end < 12 and text[b].isalnum():
        b += 1
    left = text[a:change.start]
    window = text[a:b]
    if source.count(window) == 1:
        return source.index(window) + len(left)
    return None


def _fix_segment(seg: Segment, article: Article, speller: Speller | None, names: Collection[str],
                 lines: LineIndex, cjk_spacing: str) -> tuple[Segment, list[Suggestion]]:
    """The fixed segment and its suggestions (offsets into the article text)."""
    kind = seg.kind
    after = article.text[seg.end:seg.end + 1]
    if seg.text == seg.source or seg.text == " ".join(seg.source.split()):
        # Plain text: fix the source itself (so the CLI can rebuild the file exactly);
        # the msgid is the fixed source, re-collapsed if the sentence was line-wrapped.
        same = seg.text == seg.source
        where = [] if same else _collapse(seg.source)[1]
        prot = list(seg.protected) if same else _to_source(seg.protected, where)
        res = fix_text(seg.source, article.lang, speller, protected_spans=prot, kind=kind, names=names,
                       cjk_spacing=cjk_spacing, followed_by=after)
        local = res.changes
        sugg_at = [(seg.start + g.start, seg.start + g.end) for g in res.suggestions]
        if same:
            new_text = res.text

            def remap(spans):
                return [(_shift(a, local), _shift(b, local)) for a, b in spans]
        else:
            new_text, new_where = _collapse(res.text)

            def remap(spans):
                moved = [(_shift(a, local), _shift(b, local)) for a, b in _to_source(spans, where)]
                return _from_source(moved, new_where)
    else:
        # Markup formats: the msgid differs from the source (placeholders). Fix the
        # msgid and keep only changes that can be found unambiguously in the source.
        res = fix_text(seg.text, article.lang, speller, protected_spans=seg.protected, kind=kind, names=names,
                       cjk_spacing=cjk_spacing, followed_by=after)
        kept, local = [], []
        for ch in res.changes:
            at = _locate(ch, seg.text, seg.source)
            if at is not None:
                kept.append(ch)
                local.append(dataclasses.replace(ch, start=at, end=at + len(ch.original)))
        new_text = apply_changes(seg.text, kept)
        sugg_at = []
        for g in res.suggestions:
            at = _locate(Change(TYPO, g.word, g.replacement, g.start, g.end, g.line), seg.text, seg.source)
            # Not found in the source: anchor it at the segment start, zero width.
            sugg_at.append((seg.start + at, seg.start + at + len(g.word)) if at is not None
                           else (seg.start, seg.start))

        def remap(spans):
            return [(_shift(a, kept), _shift(b, kept)) for a, b in spans]
    base = seg.start
    changes = tuple(dataclasses.replace(ch, start=base + ch.start, end=base + ch.end,
                                        line=lines.line(base + ch.start)) for ch in local)
    suggestions = [dataclasses.replace(g, start=a, end=b, line=lines.line(a))
                   for g, (a, b) in zip(res.suggestions, sugg_at, strict=True)]
    sugg = tuple(g.describe() for g in res.suggestions)
    if not changes and not sugg:
        return seg, []
    terms = seg.terms
    if terms and new_text != seg.text:
        spans = remap([(t.start, t.end) for t in terms])
        terms = tuple(dataclasses.replace(t, start=a, end=b) for t, (a, b) in zip(terms, spans, strict=False))
    fixed = dataclasses.replace(seg, text=new_text, source=seg.source, protected=tuple(remap(seg.protected)),
                                changes=seg.changes + changes, suggestions=seg.suggestions + sugg, terms=terms)
    return fixed, suggestions


def fix_segments(article: Article, speller: Speller | None, *, cjk_spacing: str = DEFAULT_CJK_SPACING) -> Article:
    """A new Article whose segments' ``text`` is corrected (``source`` unchanged), with
    ``changes`` (offsets into ``article.text``) and ``suggestions`` filled in.

    Spelling is English-only (``speller`` None or a non-English article: spacing rules
    only); Chinese articles also get punctuation-width and spacing fixes in the
    ``cjk_spacing`` style. Boilerplate and date segments are left as they are.
    """
    return fix_article(article, speller, cjk_spacing=cjk_spacing)[0]


def fix_article(article: Article, speller: Speller | None, *,
                cjk_spacing: str = DEFAULT_CJK_SPACING) -> tuple[Article, list[Suggestion]]:
    """:func:`fix_segments` plus the suggestions as objects with article offsets."""
    spelling = speller if speller is not None and is_english(article.lang) else None
    names: set[str] = set()
    if spelling is not None:
        names = collect_names((s.text, s.kind in (TITLE, HEADING)) for s in article.segments
                              if s.kind not in (BOILERPLATE, DATE))
    lines = LineIndex(article.text)
    blocks, suggestions = [], []
    for block in article.blocks:
        segs = []
        for seg in block.segments:
            if seg.kind in (BOILERPLATE, DATE):
                segs.append(seg)
                continue
            fixed, sugg = _fix_segment(seg, article, spelling, names, lines, cjk_spacing)
            segs.append(fixed)
            suggestions.extend(sugg)
        blocks.append(dataclasses.replace(block, segments=tuple(segs)))
    return dataclasses.replace(article, blocks=tuple(blocks)), suggestions


def article_changes(article: Article) -> list[Change]:
    """Every change recorded on the article's segments, in document order."""
    return sorted((c for s in article.segments for c in s.changes), key=lambda c: c.start)


def load_word_list(path) -> list[str]:
    """The project word list: one word or phrase per line, ``#`` comments, blank lines."""
    from pathlib import Path

    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("word list not found", path=path) from None
    except UnicodeDecodeError as err:
        raise InputError(f"word list is not UTF-8 ({err.reason})", path=path) from None
    words = []
    for line in raw.splitlines():
        item = line.split("#", 1)[0].strip()
        if item:
            words.append(item)
    return words
