"""Glossary enforcement through MT: protect, translate once, restore, repair, verify.

Each term occurrence (and each extra protected span: inline markup, URLs) is
replaced by a short numbered Latin token (``ZX1``, ``ZX2`` …) that MT models
copy through like an acronym. Of the prefixes absent from the batch, the one the
engine's tokenizer splits into the fewest pieces is used (``choose_prefix``): digits and
Latin letters are always in an Argos SentencePiece vocabulary, so no form becomes
``<unk>``, while brackets, ``#``, ``@``, ``§`` may, and ``_`` is decoded as a space by
Argos' tokenizer. After translation the tokens are found again
tolerantly (any case, full-width letters/digits, spaces inside: ``zx 1``,
``ＺＸ１``) and replaced by the approved target form. A token the model drops
leads to a repair: the segment is re-translated piece by piece around the terms
(one extra batched call for all such segments), so the result always contains
every term; duplicated or garbled tokens are removed. No token ever survives
into the result. Finally every segment is checked by the one glossary verifier
(:func:`.verify.verify_segment`, also behind ``transnews check``): each source term
occurrence must have its approved target in the translation and no forbidden
variant may appear; the counts give the term success rate (WMT 2023 terminology task).
A Taiwan or Hong Kong edition takes the glossary's regional forms as targets
(:mod:`.regional`); its engine converts MT output to Traditional before the tokens are
restored, so those forms are put in as approved, never converted.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..text import CJK_LANGUAGES as CJK
from ..model import TermMatch
from .concept import ZH, lang_family
from ..text import is_east_asian as _is_cjk
from .store import Glossary
from .verify import verify_segment

# Two-letter prefixes that (almost) never occur in English or Chinese text; the first
# one absent from the whole batch is used, so any occurrence in the output is ours.
PREFIXES = ("ZX", "QX", "XQ", "ZQ", "QZ", "JX", "XJ", "VQ")
PiecesFn = Callable[[str], "int | None"]  # Engine.pieces: tokens the tokenizer makes of a text
_CJK_PUNCT = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", ".": "。", "!": "！", "?": "？"}


@dataclass
class Enforced:
    """The enforced translation of one segment."""

    text: str  # final translation, no placeholder residue
    terms: list[str] = field(default_factory=list)  # "WIPO → 世界知识产权组织"
    violations: list[str] = field(default_factory=list)  # glossary problems: keep the entry fuzzy
    notes: list[str] = field(default_factory=list)  # what the repair path did
    repaired: bool = False
    occurrences: int = 0  # source term occurrences with a target in this language
    hits: int = 0  # of those, how many have their approved target in the translation
    raw: str = ""  # the engine's output for the protected text (for diagnostics)
    # Targets of a Traditional edition converted from Simplified (no regional form): review them.
    to_check: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Item:
    start: int
    end: int
    replacement: str
    match: TermMatch | None  # None: an extra protected span restored verbatim


def _letter_class(ch: str) -> str:
    full = chr(ord(ch.upper()) - 0x21 + 0xFF01)
    return f"[{ch.upper()}{ch.lower()}{full}{chr(ord(full) + 0x20)}]"


def placeholder_regex(prefix: str) -> re.Pattern:
    """Tolerant finder for ``PREFIX<n>``: case, full-width forms and inner spaces allowed;
    a bare prefix without its number (garbled token) matches with group 1 empty."""
    a, b = (_letter_class(c) for c in prefix)
    return re.compile(rf"{a}[ \t]?{b}(?:[ \t]?[-_]?[ \t]?([0-9０-９]+))?")


def placeholder_cost(prefix: str, pieces: PiecesFn) -> int | None:
    """Tokens the model's tokenizer makes of this prefix's placeholders, after a space and
    glued to punctuation as ``_mask`` puts them (None: the engine has no tokenizer)."""
    counts = [pieces(f"{lead}{prefix}{n}") for lead in (" ", "(") for n in (1, 2, 12)]
    return None if None in counts else sum(counts)


def choose_prefix(texts: Sequence[str], pieces: PiecesFn | None = None) -> str:
    """The placeholder prefix: absent from every text, and of those the one the engine's
    tokenizer splits into the fewest pieces (a model copies a short token sequence through
    more reliably than a long one; ties and engines without a tokenizer: ``PREFIXES`` order)."""
    low = [t.casefold() for t in texts]
    free = [p for p in PREFIXES
            if not any(p.casefold() in t or placeholder_regex(p).search(t) for t in low)]
    if free and pieces is not None:
        costs = {p: placeholder_cost(p, pieces) for p in free}
        if None not in costs.values():
            free.sort(key=costs.__getitem__)  # stable: ties keep PREFIXES order
    if free:
        return free[0]
    # Pathological input containing every prefix: lengthen until unique.
    p = PREFIXES[0]
    while any(p.casefold() in t for t in low):
        p += "Q"
    return p


def _num(s: str) -> int:
    return int("".join(str(unicodedata.digit(ch)) for ch in s))


def _items(text: str, matches: Sequence[TermMatch], spans: Sequence[tuple[int, int]],
           glossary: Glossary, tgt: str) -> list[_Item]:
    keep = sorted((s, e) for s, e in spans if 0 <= s < e <= len(text))
    items = [_Item(s, e, text[s:e], None) for s, e in keep]
    view = glossary.target_view(tgt)  # a Traditional edition's regional targets
    for m in matches:
        if not m.enforced:
            continue  # an ambiguous term without context: left to MT, noted for the reviewer
        if any(m.start < e and s < m.end for s, e in keep):
            continue  # inside markup/URL: that span wins
        concept = view.by_id.get(m.concept_id)
        target = concept.target(view.lang, m.text) if concept is not None else m.target
        if target is None:
            continue
        items.append(_Item(m.start, m.end, target, dataclasses.replace(m, target=target)))
    items.sort(key=lambda it: it.start)
    out: list[_Item] = []
    for it in items:  # defensive: callers may pass overlapping spans
        if out and it.start < out[-1].end:
            continue
        out.append(it)
    return out


def _mask(text: str, items: list[_Item], prefix: str, cjk_src: bool) -> str:
    parts, pos = [], 0
    for n, it in enumerate(items, 1):
        parts.append(text[pos:it.start])
        token = f"{prefix}{n}"
        # A token glued to letters would be read as part of a word by the tokenizer.
        before = text[it.start - 1] if it.start > 0 else " "
        after = text[it.end] if it.end < len(text) else " "
        if not cjk_src:
            token = (" " if before.isalnum() else "") + token + (" " if after.isalnum() else "")
        parts.append(token)
        pos = it.end
    parts.append(text[pos:])
    return "".join(parts)


def _is_tight(ch: str) -> bool:
    """Characters beside which a CJK text takes no space."""
    return _is_cjk(ch) or ch in "《》“”‘’（）【】"


def _latin(ch: str) -> bool:
    return ch.isalnum() and not _is_cjk(ch)


def _join(left: str, piece: str, cjk_tgt: bool) -> str:
    """Append ``piece`` to ``left`` fixing the whitespace at the seam."""
    if not left:
        return piece
    if not piece:
        return left
    if cjk_tgt:
        # Between two CJK characters/marks no space belongs; beside Latin text (a DNT
        # name, a number) keep whatever spacing the engine produced.
        l_strip, p_strip = left.rstrip(), piece.lstrip()
        a, b = l_strip[-1:] or " ", p_strip[:1] or " "
        if _is_tight(a) and _is_tight(b):
            return l_strip + p_strip
        if _latin(a) and _latin(b) and l_strip == left and p_strip == piece:
            return left + " " + piece  # two Latin words must not merge ("Boss & Young" + "Partner")
        return left + piece
    a, b = left[-1], piece[0]
    if a.isalnum() and b.isalnum():
        return left + " " + piece
    return left + piece


def _restore(raw: str, items: list[_Item], prefix: str, cjk_tgt: bool) -> tuple[str, set[int], list[str]]:
    """Replace tokens by targets; returns (text, restored numbers, problems seen)."""
    rx = placeholder_regex(prefix)
    out, pos, used, problems = "", 0, set(), []
    for m in rx.finditer(raw):
        out = _join(out, raw[pos:m.start()], cjk_tgt)
        pos = m.end()
        if m.group(1) is None:
            problems.append(f"garbled placeholder {m.group(0)!r} removed")
            continue
        digits = m.group(1)
        n = _num(digits)
        if not 1 <= n <= len(items):
            # Digits glued after a token ("ZX2" + "2021" → "ZX22021"): the longest prefix that
            # is a token number is ours, the rest is text.
            cut = next((k for k in range(len(digits) - 1, 0, -1)
                        if 1 <= _num(digits[:k]) <= len(items) and _num(digits[:k]) not in used), 0)
            if not cut:
                problems.append(f"unknown placeholder {m.group(0)!r} removed")
                continue
            n, pos = _num(digits[:cut]), m.end() - (len(digits) - cut)
        if n in used:
            problems.append(f"duplicated placeholder for {items[n - 1].replacement!r} removed")
            continue
        used.add(n)
        out = _join(out, items[n - 1].replacement, cjk_tgt)
    out = _join(out, raw[pos:], cjk_tgt)
    return _tidy(out, cjk_tgt), used, problems


def _tidy(text: str, cjk_tgt: bool) -> str:
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    if not cjk_tgt:
        text = re.sub(r" +([,.;:!?)”])", r"\1", text)
        text = re.sub(r"([(“]) +", r"\1", text)
    return text


def _chunks(text: str, items: list[_Item]) -> list[str | _Item]:
    pieces: list[str | _Item] = []
    pos = 0
    for it in items:
        pieces.append(text[pos:it.start])
        pieces.append(it)
        pos = it.end
    pieces.append(text[pos:])
    return pieces


def _needs_mt(chunk: str) -> bool:
    return any(ch.isalpha() for ch in chunk)


def _assemble(pieces: list[str | _Item], translated: dict[int, str], cjk_tgt: bool) -> str:
    parts = []
    for k, p in enumerate(pieces):
        if isinstance(p, _Item):
            s = p.replacement
        elif k in translated:
            s = translated[k].strip()
        else:  # punctuation/space only: kept, in full-width form for Chinese
            s = p.strip()
            if cjk_tgt:
                s = "".join(_CJK_PUNCT.get(ch, ch) for ch in s.replace(" ", ""))
        if s:
            parts.append(s)
    if not cjk_tgt:
        return _tidy(" ".join(parts), False)
    out = ""
    for s in parts:
        out = _join(out, s, True)
    return _tidy(out, True)


def _protect_and_translate(texts: list[str], all_items: list[list[_Item]], translate: Callable[[list[str]], list[str]],
                           prefix: str, cjk_src: bool) -> list[str]:
    """Step 1: every segment with its terms as tokens, translated in one call."""
    masked = [_mask(t, items, prefix, cjk_src) for t, items in zip(texts, all_items, strict=True)]
    raws = list(translate(masked)) if masked else []
    if len(raws) != len(masked):
        raise RuntimeError(f"engine returned {len(raws)} translations for {len(masked)} segments")
    return raws


def _restore_all(texts: list[str], all_items: list[list[_Item]], raws: list[str], prefix: str,
                 cjk_tgt: bool, repair: str) -> tuple[list[Enforced], list[int]]:
    """Step 2: tokens back to targets; returns the results and the segments to repair."""
    results: list[Enforced] = []
    retry: list[int] = []
    for i, (raw, items) in enumerate(zip(raws, all_items, strict=True)):
        text, used, problems = _restore(raw, items, prefix, cjk_tgt)
        res = Enforced(text=text, raw=raw)
        if problems:
            res.repaired = True
            res.notes.extend(problems)
        missing = [n for n in range(1, len(items) + 1) if n not in used]
        if missing:
            what = ", ".join(repr(texts[i][items[n - 1].start:items[n - 1].end]) for n in missing)
            if repair == "retranslate":
                retry.append(i)
                res.notes.append(f"MT dropped the placeholder(s) for {what}; "
                                 "re-translated in pieces around the protected terms")
            else:
                res.violations.append(f"MT dropped {what}; the term is missing from the translation")
        results.append(res)
    return results, retry


def _repair(texts: list[str], all_items: list[list[_Item]], retry: list[int], results: list[Enforced],
            translate: Callable[[list[str]], list[str]], prefix: str, cjk_tgt: bool) -> None:
    """Step 3: the segments whose tokens MT dropped, re-translated in pieces around their
    terms (one more call for all of them) and reassembled with the targets."""
    plan: list[tuple[int, list[str | _Item], dict[int, int]]] = []
    batch: list[str] = []
    for i in retry:
        pieces = _chunks(texts[i], all_items[i])
        index = {}
        for k, p in enumerate(pieces):
            if isinstance(p, str) and _needs_mt(p):
                index[k] = len(batch)
                batch.append(p.strip())
        plan.append((i, pieces, index))
    outs = list(translate(batch)) if batch else []
    if len(outs) != len(batch):
        raise RuntimeError(f"engine returned {len(outs)} translations for {len(batch)} pieces")
    scrub = placeholder_regex(prefix)
    for i, pieces, index in plan:
        translated = {k: scrub.sub("", outs[j]) for k, j in index.items()}
        results[i].text = _assemble(pieces, translated, cjk_tgt)
        results[i].repaired = True


def _verify_result(res: Enforced, items: list[_Item], glossary: Glossary, tgt: str) -> None:
    """Step 4: the final text checked by the one glossary verifier (counts and problems)."""
    term_items = [it.match for it in items if it.match is not None]
    res.occurrences = len(term_items)
    view = glossary.target_view(tgt)
    flags = {m.concept_id: view.flag(m.concept_id, glossary.by_id[m.concept_id].zh)
             for m in term_items if m.concept_id in glossary.by_id}
    res.terms = list(dict.fromkeys(f"{m.text} → {m.target}" + (f" ({flags[m.concept_id]})" if flags.get(m.concept_id)
                                                               else "") for m in term_items))
    res.to_check = list(dict.fromkeys(f"{m.text} → {m.target}" for m in term_items if flags.get(m.concept_id)))
    report = verify_segment(term_items, res.text, glossary, tgt)
    res.hits = report.hits
    for p in report.problems:
        if p.message not in res.violations:
            res.violations.append(p.message)


def enforce(
    texts: list[str],
    matches: list[list[TermMatch]],
    translate: Callable[[list[str]], list[str]],
    src: str,
    tgt: str,
    glossary: Glossary,
    protected_spans: list[list[tuple[int, int]]] | None = None,
    *,
    repair: str = "retranslate",
    pieces: PiecesFn | None = None,
) -> list[Enforced]:
    """Translate ``texts`` with glossary terms enforced; see the module docstring.

    ``translate`` is called once with every protected segment; when the model drops
    placeholders and ``repair`` is ``"retranslate"`` it is called once more with the
    pieces of the affected segments. With ``repair="flag"`` there is no second call:
    a dropped term is reported as a violation instead. ``pieces`` (the engine's
    :meth:`~transnews.engine.base.Engine.pieces`) picks the placeholder form its tokenizer
    keeps shortest, so that dropping, and so repair, stays the exception.
    """
    if repair not in ("retranslate", "flag"):
        raise ValueError(f"repair must be 'retranslate' or 'flag', not {repair!r}")
    if len(matches) != len(texts):
        raise ValueError("texts and matches differ in length")
    spans = protected_spans or [[] for _ in texts]
    cjk_src, cjk_tgt = src in CJK or lang_family(src) == ZH, lang_family(tgt) in CJK or lang_family(tgt) == ZH
    prefix = choose_prefix(texts, pieces)
    all_items = [_items(t, m, spans[i] if i < len(spans) else [], glossary, tgt)
                 for i, (t, m) in enumerate(zip(texts, matches, strict=True))]
    raws = _protect_and_translate(texts, all_items, translate, prefix, cjk_src)
    results, retry = _restore_all(texts, all_items, raws, prefix, cjk_tgt, repair)
    if retry:
        _repair(texts, all_items, retry, results, translate, prefix, cjk_tgt)
    for res, items in zip(results, all_items, strict=True):
        _verify_result(res, items, glossary, tgt)
    return results


def term_success_rate(results: Sequence[Enforced]) -> float | None:
    """Share of source term occurrences whose approved target appears (None: no terms)."""
    occ = sum(r.occurrences for r in results)
    return None if occ == 0 else sum(r.hits for r in results) / occ
