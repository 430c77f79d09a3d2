"""Word-level spelling checks for English news: conservative, name-safe.

Vocabulary
    wordfreq's ``en`` "large" list (≈290k ASCII words with Zipf frequencies). Picked
    over a plain dictionary (hunspell/aspell word lists) or a small frequency list
    (pyspellchecker) because news is full of proper names, acronyms, British and
    American spellings and new coinages: wordfreq is built from eight large, recent,
    mixed-register corpora (Wikipedia, news, subtitles, books, web, social media), so
    "Hussey", "Xiamen", "WIPO", "organisations" and "neighbouring" are all known
    words, and its frequencies are what ranks candidates. It is maintained, needs no
    runtime download (the data ships in the wheel) and loads in a fraction of a
    second. Because it is corpus-derived it also contains common misspellings at low
    frequency ("traning" 1.4, "enviroment" 2.1): a word is therefore judged by how
    much rarer it is than its nearest neighbour, not by mere presence. Glossary terms
    and the project word list (``glossary/words.txt``) are words never changed.

Confidence rule (what is applied, what is only suggested)
    Let ``w`` be the Zipf frequency of the lowercased word in wordfreq (0 when absent;
    Zipf 3 is about once per million words). A word is *attested* when ``w > 0``.

    * Never looked at: fewer than 4 letters; ``w >= KNOWN_ZIPF`` (3.0); a protected
      (glossary) or project word; a British spelling whose American form has Zipf
      >= 2 ("catalogued", "sensitises").
    * Candidates: vocabulary words with Zipf >= ``TARGET_ZIPF`` (3.0), plus project and
      lowercase glossary words, at OSA distance 1 (a transposition is one edit); for
      unattested words of 6+ letters also distance 2 with the same first letter.
      For attested words, a candidate the word is an inflection or derivation of
      ("coronaviruses"/"coronavirus", "unwashed"/"washed") is dropped. Ranked by
      distance, then ``score = zipf + edit prior`` (log10 units: transposition,
      dropped vowel or doubled letter 0; other drop -0.3; extra letter doubling or
      next to a keyboard neighbour 0, other extra letter -0.5; adjacent-key or
      vowel-for-vowel substitution -0.3, other substitution -1.0).
    * An attested word is only considered when the best candidate's edit is a
      *classic misspelling* (see :func:`describe_edit`: swapped letters, a dropped or
      doubled letter, a dropped vowel, vowel-for-vowel, a consonant dropped from a
      cluster) not touching the first letter: wordfreq attests rare real words
      ("dosing", "imaged", "runny") as often as typos, and they differ from a common
      word by exactly the other kinds of edit.
    * Applied only if all hold: the best candidate is at distance 1, does not touch
      the first letter, is at least ``APPLY_GAP`` (2.0 Zipf, i.e. 100x) more frequent
      than the word, no other distance-1 candidate scores within ``RIVAL_MARGIN``
      (1.0) of it ("traning": training 5.18 beats trading 3.63), and no distance-2
      candidate outscores it.
    * A capitalised sentence start or title word is applied only when the fix
      restores a dropped letter (not a doubled one): see :meth:`Speller.check`.
    * Otherwise, if the best candidate is at least ``SUGGEST_GAP`` (1.0) more frequent,
      it is reported as a suggestion ("occured → occurred?"); else nothing.

Capitalisation is decided by the caller (:mod:`transnews.normalize.fix`): ALL-CAPS
words and capitalised words inside a sentence are names and never reach the
speller; a capitalised first word of a sentence or a title word does, and its
replacement keeps the capital.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

KNOWN_ZIPF = 3.0
TARGET_ZIPF = 3.0
APPLY_GAP = 2.0
SUGGEST_GAP = 1.0
RIVAL_MARGIN = 1.0
MIN_LEN = 4
# A British form is accepted when its American spelling is at least this frequent.
BRITISH_US_ZIPF = 2.0
# Zipf given to project/glossary words that wordfreq ranks lower: as a correction
# target they are as plausible as an everyday word.
EXTRA_ZIPF = 3.5

_VOWELS = frozenset("aeiouy")
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_STAGGER = (0.0, 0.25, 0.75)


def _keyboard() -> dict[str, frozenset[str]]:
    pos = {ch: (r, c + _STAGGER[r]) for r, row in enumerate(_ROWS) for c, ch in enumerate(row)}
    return {a: frozenset(b for b, (rb, xb) in pos.items()
                         if b != a and abs(rb - ra) <= 1 and abs(xb - xa) <= 1.0)
            for a, (ra, xa) in pos.items()}


_ADJACENT = _keyboard()

# British → American endings: a word whose American form is known is a British
# spelling, never a typo ("organisation", "centre", "catalogued", "licence").
_BRITISH = (
    ("isation", "ization"), ("isations", "izations"), ("ise", "ize"), ("ised", "ized"),
    ("ises", "izes"), ("ising", "izing"), ("iser", "izer"), ("isers", "izers"),
    ("yse", "yze"), ("ysed", "yzed"), ("ysing", "yzing"), ("our", "or"), ("ours", "ors"),
    ("oured", "ored"), ("ouring", "oring"), ("ourable", "orable"), ("ourite", "orite"),
    ("tre", "ter"), ("tres", "ters"), ("ogue", "og"), ("ogues", "ogs"), ("lled", "led"),
    ("lling", "ling"), ("ller", "ler"), ("llers", "lers"), ("ence", "ense"), ("ences", "enses"),
    ("ement", "ment"), ("mme", "m"), ("mmes", "ms"),
)
_BRITISH_INNER = (("our", "or"), ("isa", "iza"), ("ae", "e"), ("oe", "e"))
# An attested word that is its neighbour plus one of these is an inflection or a
# derivation ("coronaviruses", "recombination", "unwashed"), not a typo of it.
_SUFFIXES = ("s", "es", "d", "ed", "r", "er", "y", "ly", "ing", "al", "ally", "ic", "ist", "ists")
_PREFIXES = ("a", "un", "re", "in", "im", "de", "co", "non", "dis", "pre", "sub", "anti", "over", "under")


@dataclass(frozen=True)
class Candidate:
    word: str
    distance: int
    zipf: float
    score: float  # zipf + edit prior: the ranking key within a distance
    classic: bool = False  # the edit is a typical misspelling (see describe_edit)
    first: bool = False  # the edit touches the first letter
    kind: str = "other"  # the edit's kind (see Edit); "other" at distance 2


@dataclass(frozen=True)
class Verdict:
    """The outcome for one suspect word (lowercase); ``confident`` means apply."""

    word: str
    candidates: tuple[Candidate, ...]
    confident: bool

    @property
    def best(self) -> str:
        return self.candidates[0].word


@dataclass(frozen=True)
class _Base:
    zipf: dict[str, float]
    targets: dict[int, tuple[str, ...]]  # correction targets by length


_from_disk: list[_Base] = []  # the copy read from the disk cache, if one was used


@functools.lru_cache(maxsize=1)
def _base_vocabulary() -> _Base:
    """wordfreq's English list as Zipf values; loaded once per process (from the disk
    cache when :func:`_vocabulary` was given one)."""
    return _from_disk[0] if _from_disk else _build_vocabulary()


def _vocabulary(cache_dir: Path | None) -> _Base:
    """The vocabulary, read on first use from a compact copy in ``cache_dir`` (a marshal
    file built on the first run: about a fifth of the time of decoding wordfreq's msgpack
    and recomputing every Zipf value), keyed by wordfreq's data and code and this module."""
    if cache_dir is not None and _base_vocabulary.cache_info().currsize == 0:
        import importlib.util
        import marshal
        import sys

        from ..cache import cached, fingerprint, source_files

        # Found without importing wordfreq (≈0.1 s of regex/ftfy imports a cache hit never needs).
        spec = importlib.util.find_spec("wordfreq")
        package = Path(spec.origin).parent
        key = fingerprint("vocabulary", files=[package / "data" / "large_en.msgpack.gz", Path(spec.origin),
                                               *source_files(sys.modules[__name__])])
        _from_disk[:] = [cached(Path(cache_dir), "vocabulary", key, _build_vocabulary,
                                dumps=lambda b: marshal.dumps((b.zipf, b.targets)),
                                loads=lambda raw: _Base(*marshal.loads(raw)))]
    return _base_vocabulary()


def _build_vocabulary() -> _Base:
    import wordfreq

    freqs = wordfreq.get_frequency_dict("en", wordlist="large")
    zipf: dict[str, float] = {}
    targets: dict[int, list[str]] = {}
    shared: dict[float, float] = {}  # one float object per distinct value: a smaller cache file
    for word, freq in freqs.items():
        if word.isascii() and word.isalpha():
            z = round(math.log10(freq) + 9.0, 2)
            zipf[word] = shared.setdefault(z, z)
            if z >= TARGET_ZIPF:
                targets.setdefault(len(word), []).append(word)
    return _Base(zipf, {n: tuple(ws) for n, ws in targets.items()})


@dataclass(frozen=True)
class Edit:
    """The single edit turning a correct word into the observed one."""

    prior: float  # log10-ish plausibility, <= 0
    classic: bool  # a typical misspelling: see :func:`describe_edit`
    first: bool  # touches the first letter (rare in real typos)
    kind: str = "other"  # transposition | substitution | omission | insertion | doubling


def describe_edit(typo: str, word: str) -> Edit:
    """Classify the edit from ``word`` (correct) to ``typo`` (observed), OSA distance 1.

    Classic misspellings: swapped neighbours ("recieve"), a doubled letter dropped or
    added ("begining", "untill"), a vowel dropped ("cultral") or swapped for another
    vowel ("seperate"), a consonant dropped from a cluster ("goverment"). Other
    edits (consonant swaps, stray letters) are as often rare real words ("dosing",
    "imaged", "snouted"), so for words wordfreq attests they are only suggested.
    """
    lt, lw = len(typo), len(word)
    if lt == lw:
        diff = [i for i in range(lt) if typo[i] != word[i]]
        if (len(diff) == 2 and diff[1] == diff[0] + 1 and typo[diff[0]] == word[diff[1]]
                and typo[diff[1]] == word[diff[0]]):
            return Edit(0.0, True, diff[0] == 0, "transposition")
        if len(diff) == 1:
            i = diff[0]
            a, b = typo[i], word[i]
            vowels = a in _VOWELS and b in _VOWELS
            if vowels or b in _ADJACENT.get(a, ()):
                return Edit(-0.3, vowels, i == 0, "substitution")
            return Edit(-1.0, False, i == 0, "substitution")
        return Edit(-2.0, False, True)
    if lt == lw - 1:  # a letter of ``word`` was left out
        best = Edit(-0.3, False, True)
        for i in range(lw):
            if word[:i] + word[i + 1:] != typo:
                continue
            ch = word[i]
            near = [word[j] for j in (i - 1, i + 1) if 0 <= j < lw]
            if ch in near:
                return Edit(0.0, True, i == 0, "doubling")
            if ch in _VOWELS:
                return Edit(0.0, True, i == 0, "omission")
            cluster = any(c not in _VOWELS for c in near)
            best = Edit(-0.3, cluster, i == 0, "omission")
        return best
    if lt == lw + 1:  # an extra letter was typed
        best = Edit(-0.5, False, True)
        for i in range(lt):
            if typo[:i] + typo[i + 1:] != word:
                continue
            ch = typo[i]
            near = {typo[j] for j in (i - 1, i + 1) if 0 <= j < lt}
            if ch in near:
                return Edit(0.0, True, i == 0, "doubling")
            if near & _ADJACENT.get(ch, frozenset()):
                best = Edit(0.0, False, i == 0, "insertion")
            elif best.prior < 0:
                best = Edit(-0.5, False, i == 0, "insertion")
        return best
    return Edit(-2.0, False, True)


def british_variant(word: str, zipf: dict[str, float]) -> bool:
    """True when ``word`` is a British spelling of an American word wordfreq knows well."""
    for gb, us in _BRITISH:
        if word.endswith(gb) and len(word) > len(gb) + 1:
            if zipf.get(word[: -len(gb)] + us, 0.0) >= BRITISH_US_ZIPF:
                return True
    for gb, us in _BRITISH_INNER:
        i = word.find(gb, 1)
        if i > 0 and zipf.get(word[:i] + us + word[i + len(gb):], 0.0) >= BRITISH_US_ZIPF:
            return True
    return False


def _derived_pair(a: str, b: str) -> bool:
    if len(a) == len(b):  # "comparably"/"comparable", "plausibly"/"plausible"
        return a[:-2] == b[:-2] and {a[-2:], b[-2:]} == {"ly", "le"}
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if long_.startswith(short):
        return long_[len(short):] in _SUFFIXES
    if long_.endswith(short):
        return long_[: len(long_) - len(short)] in _PREFIXES
    return False


def match_case(original: str, replacement: str) -> str:
    """Carry the capital of ``original`` over to ``replacement`` ("Enviroment" → "Environment")."""
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


@dataclass(frozen=True)
class Protection:
    """What a speller takes from a list of words and phrases, independent of the vocabulary:
    computed once per glossary and cached with it (:meth:`Glossary.speller_protection`),
    so a 20k-concept glossary costs no per-run pass over its terms."""

    phrases: frozenset[str]  # the items as given (stripped)
    never: frozenset[str]  # every word in them, lower case: never changed
    targets: tuple[str, ...]  # their lowercase ASCII words of MIN_LEN+ letters: correction targets
    risky: tuple[str, ...]  # phrases a spacing rule could touch, longest first


def protection(items: Iterable[str]) -> Protection:
    phrases = frozenset(p.strip() for p in items if p and p.strip())
    never: set[str] = set()
    targets: dict[str, None] = {}
    for item in phrases:
        for part in item.replace("’", "'").split():
            word = part.strip(".,;:()[]\"'")
            if not word:
                continue
            never.add(word.lower())
            if word.isascii() and word.isalpha() and word.islower() and len(word) >= MIN_LEN:
                targets[word] = None
    risky = sorted((p for p in phrases if _RISKY.search(p)), key=lambda p: (-len(p), p))
    return Protection(phrases, frozenset(never), tuple(sorted(targets)), tuple(risky))


_RISKY = re.compile(r"[,;.](?=\S)| {2}")


class Speller:
    """English word checker over wordfreq + glossary terms + the project word list.

    Build with :meth:`load`; the wordfreq vocabulary is loaded once per process and
    shared by all spellers. Verdicts are cached per word. ``protected``: words and
    phrases, or their :func:`protection` (a glossary's, computed once and cached).
    """

    def __init__(self, base: _Base, extra_words: Iterable[str] = (),
                 protected: Iterable[str] | Protection = ()) -> None:
        self._zipf = base.zipf
        self._targets = base.targets
        own = protection(extra_words)
        prot = protected if isinstance(protected, Protection) else protection(protected)
        self.protected: frozenset[str] = prot.phrases
        self._risky = prot.risky
        self._never = own.never | prot.never
        extra: dict[int, dict[str, float]] = {}
        for word in (*own.targets, *prot.targets):
            if self._zipf.get(word, 0.0) < TARGET_ZIPF:
                extra.setdefault(len(word), {})[word] = EXTRA_ZIPF
        self._extra = extra
        self._cache: dict[str, Verdict | None] = {}

    @classmethod
    def load(cls, extra_words: Iterable[str] = (), protected: Iterable[str] | Protection = (), *,
             cache_dir: Path | None = None) -> "Speller":
        """A speller knowing wordfreq's English words plus ``extra_words`` (the project
        word list) and ``protected`` (glossary and do-not-translate terms: phrases or
        words; every word in them is never changed, phrases are also kept intact by
        the spacing rules). ``cache_dir``: where the compact vocabulary is kept
        (``Settings.cache_dir``); None reads wordfreq's own files."""
        return cls(_vocabulary(cache_dir), extra_words, protected)

    @functools.cached_property
    def phrase_pattern(self) -> re.Pattern | None:
        """Protected phrases a spacing rule could touch ("wipo.int", "Ernst,Young"); single
        words need no span, the word list protects them."""
        if not self._risky:
            return None
        return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, self._risky)) + r")(?!\w)", re.IGNORECASE)

    def zipf(self, word: str) -> float:
        return self._zipf.get(word.lower(), 0.0)

    def is_known(self, word: str) -> bool:
        """A word never treated as a typo (frequent, protected, or a British spelling)."""
        lw = word.lower()
        return (lw in self._never or self._zipf.get(lw, 0.0) >= KNOWN_ZIPF
                or british_variant(lw, self._zipf))

    def candidates(self, word: str) -> tuple[Candidate, ...]:
        """Correction candidates for a lowercase word, best first.

        Distance 1; distance 2 too for words wordfreq does not know at all, when they
        have 6+ letters and the candidate keeps the first letter. For attested words,
        inflections and derivations of the candidate are not typos of it.
        """
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        n = len(word)
        attested = self._zipf.get(word, 0.0) > 0
        max_dist = 2 if n >= 6 and not attested else 1
        found: dict[str, Candidate] = {}
        for length in range(max(1, n - max_dist), n + max_dist + 1):
            extra = self._extra.get(length, {})
            choices = self._targets.get(length, ()) + tuple(extra)
            if not choices:
                continue
            for cand, dist, _ in process.extract(word, choices, scorer=OSA.distance,
                                                 score_cutoff=max_dist, limit=None):
                if dist == 0 or cand in found or (attested and _derived_pair(word, cand)):
                    continue
                z = max(self._zipf.get(cand, 0.0), extra.get(cand, 0.0))
                if dist == 1:
                    ed = describe_edit(word, cand)
                    found[cand] = Candidate(cand, 1, z, round(z + ed.prior, 2), ed.classic, ed.first, ed.kind)
                elif cand[0] == word[0]:
                    found[cand] = Candidate(cand, int(dist), z, round(z - 2.0, 2))
        return tuple(sorted(found.values(), key=lambda c: (c.distance, -c.score, c.word)))

    def check(self, word: str, *, capitalised: bool = False) -> Verdict | None:
        """None when ``word`` is fine (or too unsure even to suggest), else a verdict.

        ``capitalised``: the word is a capitalised sentence start or title word (the
        caller never passes capitalised words from inside a sentence). Names differ
        from common words mostly by vowels, doubled letters and swaps (Johnsen/Johnson,
        Halland/Holland, Mathew/Matthew, Merkle/Merkel), so for these only a dropped
        letter is applied ("Enviroment", "Traning"); other fixes become suggestions.
        """
        lw = word.lower()
        try:
            verdict = self._cache[lw]
        except KeyError:
            verdict = self._cache[lw] = self._judge(lw)
        if capitalised and verdict is not None and verdict.confident \
                and verdict.candidates[0].kind != "omission":
            return Verdict(verdict.word, verdict.candidates, False)
        return verdict

    def _judge(self, lw: str) -> Verdict | None:
        if len(lw) < MIN_LEN or not (lw.isascii() and lw.isalpha()):
            return None
        if self.is_known(lw):
            return None
        w = self._zipf.get(lw, 0.0)
        cands = self.candidates(lw)
        if not cands:
            return None
        best = cands[0]
        if best.zipf - w < SUGGEST_GAP:
            return None
        if w > 0 and (best.first or not best.classic):
            return None  # as often a rare real word as a typo: leave it alone
        # A rival: another candidate at the same distance nearly as good, or one at
        # distance 2 that outscores the best even after its -2 edit penalty.
        rivals = [c for c in cands[1:] if (c.distance == best.distance and c.score > best.score - RIVAL_MARGIN)
                  or (c.distance > best.distance and c.score > best.score)]
        confident = (best.distance == 1 and best.zipf - w >= APPLY_GAP and not rivals
                     and not best.first)
        return Verdict(lw, cands[:4], confident)
