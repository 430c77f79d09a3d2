"""The closest earlier sentence, found through an index instead of a scan of all of them.

``update`` looks for the most similar old msgid (rapidfuzz ``fuzz.ratio``, the
normalised Indel similarity msgmerge's ``fstrcmp`` computes) for each changed
sentence. Scoring every old entry for every new sentence is quadratic; this
index answers the same question exactly -- the same best choice, ties going to
the earliest one as in ``process.extractOne`` -- while scoring only the few
choices that could win:

- An insertion or deletion changes at most ``Q`` of a string's ``Q``-grams, so
  two strings at Indel distance ``d`` share at least ``n - Q·d`` of the ``n``
  trigrams either of them has, counted with multiplicity -- and that holds for
  the trigrams of any subset, which lets the index leave out the very common
  ones (their posting lists would cost as much as a scan). With ``d ≥ |len1 −
  len2|`` and ``d ≡ len1 + len2 (mod 2)`` that bounds each choice's ratio from
  shared-trigram counts, which an inverted index computes for all choices at
  once. (Trigrams are hashed into fewer classes when the alphabet is large: a
  merged class can only raise a shared count, so the bound stays a bound.)
- The choice sharing the most trigrams is scored first; its ratio limits the
  lengths a better choice can have (choices are kept sorted by length) and
  the bound then rules out all but a handful, which rapidfuzz scores.

A sentence with a close old version (an edit) therefore costs a few
comparisons; one with no similar old sentence at all still has every choice
the bound cannot exclude scored, in rapidfuzz's C loop.

Small merges (a few changed sentences) use :class:`Scan`, the plain loop, which
needs no numpy import and no index build; :func:`matcher` picks.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

Q = 3
# Trigrams in more than this share of the choices are left out of the counts: " th"
# or "the" would put nearly every choice in every posting walk.
COMMON_SHARE = 0.05
MIN_COMMON = 32
# Slack for float rounding between the bound and rapidfuzz's own arithmetic: a choice
# is ruled out only when its bound is clearly below the score to beat.
EPS = 1e-6
# Up to this many (query, choice) pairs a plain scan costs less than importing numpy and
# building the index (about 0.1 s each way on the 2-core reference machine).
SCAN_PAIRS = 250_000
_SEP = "\x00"  # never in a msgid (PO strings cannot hold NUL)
ANY = object()  # best(prefer=ANY): no group preferred, all choices alike


def matcher(choices: Sequence[str], groups: Sequence[Hashable] | None, queries: int) -> Scan | FuzzyIndex:
    """What answers ``queries`` look-ups among ``choices`` fastest: same answers either way."""
    if queries * len(choices) <= SCAN_PAIRS:
        return Scan(choices, groups)
    return FuzzyIndex(choices, groups)


class Scan:
    """``process.extractOne`` over the choices (of a group, then of the others): for small
    merges."""

    def __init__(self, choices: Sequence[str], groups: Sequence[Hashable] | None = None) -> None:
        self.choices = list(choices)
        self.groups = list(groups) if groups is not None else [None] * len(self.choices)

    def _pool(self, query: str, cutoff: float, take) -> int | None:
        from rapidfuzz import fuzz, process

        at = [i for i, g in enumerate(self.groups) if take(g)]
        hit = process.extractOne(query, [self.choices[i] for i in at], scorer=fuzz.ratio,
                                 score_cutoff=cutoff) if at else None
        return None if hit is None else at[hit[2]]

    def best(self, query: str, cutoff: float, prefer: Hashable = ANY) -> int | None:
        """As :meth:`FuzzyIndex.best`."""
        if prefer is ANY:
            return self._pool(query, cutoff, lambda g: True)
        hit = self._pool(query, cutoff, lambda g: g == prefer)
        return hit if hit is not None else self._pool(query, cutoff, lambda g: g != prefer)


def _codes(texts: Sequence[str]):
    """Code points of ``texts`` joined by NUL, and where each text starts."""
    import numpy as np

    joined = _SEP.join(texts) + _SEP
    cps = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]]) if texts else np.zeros(0, np.int64)
    return cps, starts


class _Alphabet:
    """Code points as small integers, and trigrams as integers over them.

    A code point no choice has takes the rank of a neighbour, and a huge alphabet has its
    trigrams hashed: both only merge classes, which can raise a shared count, never lower
    it, so the bound stays a bound."""

    LIMIT = 1 << 62

    def __init__(self, cps, n_choices: int) -> None:
        import numpy as np

        present = np.zeros(0x110000, dtype=bool)
        present[cps] = True
        present[0] = False
        self.rank = np.cumsum(present, dtype=np.int64)  # 0 = NUL, which ends a text
        self.size = int(self.rank[-1]) + 1
        # Below 2**62 / max(choices, letters): neither a (trigram, choice) key nor the
        # hashing arithmetic overflows int64.
        self.modulus = max(1, min(self.size ** 3, self.LIMIT // max(n_choices, self.size)))

    def grams(self, cps):
        """Trigram ids at each position of ``cps``; -1 where a trigram crosses a NUL."""
        import numpy as np

        if len(cps) < Q:
            return np.zeros(0, np.int64)
        r = self.rank[cps]
        ids = ((r[:-2] * self.size + r[1:-1]) % self.modulus * self.size + r[2:]) % self.modulus
        return np.where((r[:-2] == 0) | (r[1:-1] == 0) | (r[2:] == 0), -1, ids)

    def query(self, text: str):
        import numpy as np

        return self.grams(np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32))


class FuzzyIndex:
    """The ``fuzz.ratio`` best match among ``choices`` (optionally among one group's)."""

    def __init__(self, choices: Sequence[str], groups: Sequence[Hashable] | None = None) -> None:
        import numpy as np

        self.choices = list(choices)
        n = len(self.choices)
        self.group_ids: dict[Hashable, int] = {}
        groups = np.array([self.group_ids.setdefault(g, len(self.group_ids))
                           for g in (groups if groups is not None else [None] * n)], dtype=np.int64)
        lengths = np.array([len(c) for c in self.choices], dtype=np.int64)
        # Internally choices are in length order (a length window is a slice).
        self.order = np.argsort(lengths, kind="stable")
        self.lengths, self.groups = lengths[self.order], groups[self.order]
        cps, starts = _codes(self.choices)
        self.alphabet = _Alphabet(cps, n)
        ids = self.alphabet.grams(cps)
        where = np.empty(n, np.int64)
        where[self.order] = np.arange(n)
        owner = where[np.searchsorted(starts, np.arange(len(ids)), side="right") - 1] if n else ids
        keep = ids >= 0
        keys, counts = np.unique(ids[keep] * max(n, 1) + owner[keep], return_counts=True)
        gram_of = keys // max(n, 1)
        self.post_choice, self.post_count = keys % max(n, 1), counts
        first = np.flatnonzero(np.diff(gram_of, prepend=-1)) if len(keys) else np.zeros(0, np.int64)
        self.vocab, self.starts = gram_of[first], first
        self.df = np.diff(np.append(first, len(keys)))
        self.common = self.df > max(MIN_COMMON, COMMON_SHARE * n)
        common_post = np.repeat(self.common, self.df)
        # Each choice's own count of indexed (not common) trigrams: the bound from its side.
        self.own = np.bincount(self.post_choice, weights=counts * ~common_post, minlength=n)

    def _shared(self, query: str):
        """Per choice (length order): trigrams shared with ``query``; and how many indexed
        trigrams ``query`` has (unseen ones included: no choice shares them)."""
        import numpy as np

        qg, qc = np.unique(self.alphabet.query(query), return_counts=True)
        qc = qc[qg >= 0]
        qg = qg[qg >= 0]
        pos = np.minimum(np.searchsorted(self.vocab, qg), max(len(self.vocab) - 1, 0))
        found = (self.vocab[pos] == qg) if len(self.vocab) else np.zeros(len(qg), bool)
        indexed = found & ~self.common[pos] if len(self.vocab) else found
        n_query = int(qc[~found].sum() + qc[indexed].sum())
        sel, sel_count = pos[indexed], qc[indexed]
        lens = self.df[sel]
        at = np.repeat(self.starts[sel] - (np.cumsum(lens) - lens), lens) + np.arange(int(lens.sum()))
        shared = np.bincount(self.post_choice[at], minlength=len(self.choices),
                             weights=np.minimum(self.post_count[at], np.repeat(sel_count, lens)))
        return shared, n_query

    def _window(self, length: int, score: float) -> slice:
        """The choices whose length allows a ratio of ``score`` against ``length``."""
        import numpy as np

        s = max(0.0, 1.0 - score / 100.0) + EPS  # allowed distance per unit of total length
        lo = length * (1.0 - s) / (1.0 + s)
        hi = length * (1.0 + s) / (1.0 - s) if s < 1.0 else np.inf
        a = int(np.searchsorted(self.lengths, np.floor(lo), side="left"))
        b = int(np.searchsorted(self.lengths, np.ceil(hi), side="right"))
        return slice(a, b)

    def _bound(self, window: slice, length: int, shared, n_query: int):
        """Upper bound of the ratio of the choices in ``window`` (see the module notes)."""
        import numpy as np

        lengths, shared, own = self.lengths[window], shared[window], self.own[window]
        dist = np.maximum(np.abs(lengths - length),
                          np.ceil(np.maximum(n_query - shared, own - shared) / Q).astype(np.int64))
        total = lengths + length
        dist += (total - dist) % 2  # the Indel distance has the parity of the total length
        return np.where(total > 0, 100.0 * (1.0 - dist / np.maximum(total, 1)), 100.0)

    def best(self, query: str, cutoff: float, prefer: Hashable = ANY) -> int | None:
        """The position in ``choices`` of what ``process.extractOne(query, choices,
        scorer=fuzz.ratio, score_cutoff=cutoff)`` returns -- looking among the choices of
        group ``prefer`` first, then (none of them scoring ``cutoff``) among the others;
        None when no choice scores ``cutoff`` or more."""
        if not self.choices:
            return None
        shared, n_query = self._shared(query)
        if prefer is ANY or prefer not in self.group_ids:
            return self._search(query, cutoff, shared, n_query, None)
        mine = self.groups == self.group_ids[prefer]
        hit = self._search(query, cutoff, shared, n_query, mine)
        # The preferred group's choices all scored below the cutoff: the best of all
        # choices is the best of the rest.
        return hit if hit is not None else self._search(query, cutoff, shared, n_query, ~mine)

    def _search(self, query: str, cutoff: float, shared, n_query: int, among) -> int | None:
        """The first best choice (of those ``among`` marks, length order; None: all)."""
        import numpy as np
        from rapidfuzz import fuzz, process

        # The choice sharing the most trigrams is most likely the best: its score is the
        # one to beat, which narrows the lengths and the bound below.
        probe = int(np.argmax(shared if among is None else np.where(among, shared, -1)))
        score = cutoff
        if among is None or among[probe]:
            score = max(cutoff, fuzz.ratio(query, self.choices[self.order[probe]]))
        window = self._window(len(query), score)
        keep = self._bound(window, len(query), shared, n_query) >= score - EPS
        if among is not None:
            keep &= among[window]
        cand = np.sort(self.order[window][keep])  # choices' own order: ties go to the first
        if len(cand) == 0:
            return None
        hit = process.extractOne(query, [self.choices[i] for i in cand], scorer=fuzz.ratio,
                                 score_cutoff=cutoff)
        return None if hit is None else int(cand[hit[2]])
