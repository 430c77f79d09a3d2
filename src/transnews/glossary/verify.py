"""The one glossary verifier: does a translation honour the glossary for its source segment?

``translate`` (through :func:`~.enforce.enforce`) and ``transnews check`` (the
``glossary`` QA check) both call :func:`verify_segment`, so a draft and a
reviewed entry are judged alike. Three problems are reported:

- an approved target missing: each enforced source occurrence needs one
  occurrence of its approved target ("NCAC … NCAC" needs 国家版权局 twice);
  a treaty or law title counts only with its book-title marks 《》;
- a do-not-translate name changed (it must appear as written);
- a forbidden form used (``zh_forbidden``) for a concept the source names:
  索马里海盗 ("Somali pirates") is no piracy-of-works problem, "online piracy"
  as 网络海盗 is.

Approved targets are found leftmost-longest among every concept's approved
forms; forbidden forms are searched in the translation as it is, never in a
copy with the approved terms masked out, and the two are reconciled by
containment: a forbidden form inside a longer (or equal) approved one is not
used (海盗行为, maritime piracy, is no 海盗 problem), and an approved form inside a
forbidden one does not count (世界知识产权局 is forbidden for WIPO, and it is no 知识产权局).
A Taiwan or Hong Kong edition is judged by the glossary's view for it
(:meth:`~.store.Glossary.target_view`): its regional forms, or converted Simplified ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import TermMatch
from .concept import EN, ZH, Concept
from .recognize import Matcher

MISSING = "missing"  # an approved target is missing, or appears fewer times than in the source
DNT_CHANGED = "dnt-changed"  # a do-not-translate name does not appear as written
FORBIDDEN = "forbidden"  # a forbidden form appears


@dataclass(frozen=True)
class TermProblem:
    """One glossary problem of a translation, in words a reviewer acts on (:attr:`message`)."""

    kind: str  # MISSING | DNT_CHANGED | FORBIDDEN
    concept_id: str
    term: str  # the source form (MISSING, DNT_CHANGED) or the concept's name (FORBIDDEN)
    approved: str  # the approved target form
    expected: int = 0  # source occurrences (MISSING, DNT_CHANGED)
    found: int = 0  # of those, how many the translation has
    form: str = ""  # the forbidden form used (FORBIDDEN)

    @property
    def partial(self) -> bool:
        """The approved target is there, only fewer times than the source has the term."""
        return self.kind != FORBIDDEN and 0 < self.found < self.expected

    @property
    def message(self) -> str:
        if self.kind == FORBIDDEN:
            return f"forbidden variant {self.form!r} used for {self.term} (approved: {self.approved})"
        if self.expected == 1:
            counts = "from the translation"
        else:
            counts = f"{self.expected - self.found} of {self.expected} times: the source has the term " \
                     f"{self.expected} times, the translation {self.found}"
        if self.kind == DNT_CHANGED:
            return f"do-not-translate name changed: {self.term} must stay as written (missing {counts})"
        return f"approved term missing: {self.term} → {self.approved} (approved target missing {counts})"


@dataclass(frozen=True)
class TermReport:
    """The verdict on one segment: ``hits`` of ``occurrences`` enforced source terms have
    their approved target in the translation (the term success rate), and the problems."""

    occurrences: int
    hits: int
    problems: tuple[TermProblem, ...]


def _approved_matcher(glossary, view) -> Matcher:
    """Recogniser of approved forms only (variants removed) in target texts of ``view``."""
    key = f"verify:{view.key}"
    cache = glossary._matchers
    if key not in cache:
        cache[key] = Matcher(view.concepts, view.lang, approved=True)
    return cache[key]


def _forbidden_forms(glossary, view, fam: str) -> tuple[tuple[Concept, str], ...]:
    """(concept, forbidden form) of every concept of ``view`` that has one, in glossary order:
    found once per glossary, so a segment costs the few forbidden forms, not every concept."""
    return glossary.derived(f"forbidden:{view.key}:{fam}", lambda: tuple(
        (c, bad) for c in view.concepts for bad in c.forbidden(fam) if bad))


def _forbidden_uses(glossary, view, fam: str, text: str,
                    approved: list[tuple[int, int, Concept]]) -> list[tuple[int, int, Concept, str]]:
    """Every concept's forbidden forms in ``text``, except those inside an approved occurrence."""
    found = []
    for c, bad in _forbidden_forms(glossary, view, fam):
        at = text.find(bad)
        while at != -1:
            if not any(a <= at and at + len(bad) <= b for a, b, _ in approved):
                found.append((at, at + len(bad), c, bad))
            at = text.find(bad, at + 1)
    return found


def _outermost(found: list[tuple[int, int, Concept, str]]) -> list[tuple[int, int, Concept, str]]:
    """Forbidden occurrences not inside a longer one (世界智慧财产权组织, not also 智慧财产权)."""
    kept: list[tuple[int, int, Concept, str]] = []
    for s, e, c, bad in sorted(found, key=lambda f: (f[0] - f[1], f[0])):  # longest first
        if not any(a <= s and e <= b for a, b, _, _ in kept):
            kept.append((s, e, c, bad))
    return sorted(kept, key=lambda f: f[0])


def _counts(fam: str, text: str, approved: list[tuple[int, int, Concept]],
            forbidden: list[tuple[int, int, Concept, str]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for s, e, c in approved:
        if any(a <= s and e <= b for a, b, _, _ in forbidden):
            continue  # 知识产权局 inside a forbidden 世界知识产权局 is not the approved term
        if fam == ZH and not c.dnt and c.zh.startswith("《") and not text[s:e].startswith("《"):
            continue  # a treaty/law title must keep its book-title marks
        counts[c.id] += 1
    return counts


def _missing(matches: Sequence[TermMatch], counts: Counter[str]) -> tuple[int, list[TermProblem]]:
    need: Counter[str] = Counter(m.concept_id for m in matches)
    first: dict[str, TermMatch] = {}
    for m in matches:
        first.setdefault(m.concept_id, m)
    hits, problems = 0, []
    for cid, n in need.items():
        got = min(n, counts[cid])
        hits += got
        if got < n:
            m = first[cid]
            problems.append(TermProblem(DNT_CHANGED if m.dnt else MISSING, cid, m.text, m.target,
                                        expected=n, found=got))
    return hits, problems


def verify_segment(matches: Sequence[TermMatch], translation: str, glossary, tgt: str) -> TermReport:
    """Verify ``translation`` against the glossary terms ``matches`` found in its source
    segment (``Glossary.recognize``). Approved targets are required for the enforced
    matches only; forbidden forms are reported for every concept the source names, an
    ambiguous one left to MT included ("piracy" never becomes 海盗)."""
    view = glossary.target_view(tgt)
    fam = view.lang
    if fam not in (EN, ZH):
        return TermReport(0, 0, ())
    enforced = [m for m in matches if m.enforced and m.target]
    approved = _approved_matcher(glossary, view).find(translation)
    forbidden = _forbidden_uses(glossary, view, fam, translation, approved)
    hits, problems = _missing(enforced, _counts(fam, translation, approved, forbidden))
    named = {m.concept_id for m in matches}
    seen = set()
    for _, _, c, bad in _outermost([f for f in forbidden if f[2].id in named]):
        if (c.id, bad) not in seen:
            seen.add((c.id, bad))
            problems.append(TermProblem(FORBIDDEN, c.id, c.preferred, c.target(fam) or "", form=bad))
    return TermReport(len(enforced), hits, tuple(problems))


def verify_text(source: str, translation: str, glossary, src: str, tgt: str) -> TermReport:
    """:func:`verify_segment` for a source text taken on its own (a catalog entry)."""
    return verify_segment(glossary.recognize(source, src, tgt), translation, glossary, tgt)


def verify(source_items: Sequence[TermMatch], translation: str, glossary, tgt: str) -> tuple[int, list[str]]:
    """(hits, problem messages): :func:`verify_segment` in the form scripts have used."""
    report = verify_segment(source_items, translation, glossary, tgt)
    return report.hits, [p.message for p in report.problems]
