"""Candidate search for glossary forms whose cost does not grow with the glossary.

Scanning a segment with one regular expression per form costs (forms × text).
:class:`FormIndex` instead looks each position of the text up in two tables,
built once from all forms:

- Latin forms by their *normalised word sequence* (lower case, -ise→-ize,
  plural and possessive endings dropped), so "Treaties", "organisation's" and
  "Director-General" find "treaty", "organization" and "director general";
- East Asian forms by their first two characters (one for one-character forms).

A hit is only a candidate: the caller confirms it with the form's own exact
pattern, so the index may over-generate but must never miss a position the
pattern would match (its normalisation is deliberately coarser than the patterns).
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..text import has_east_asian

T = TypeVar("T")

WORDS = re.compile(r"[^\W_]+")  # words as English patterns bound them (\w, CJK included)
ASCII_WORDS = re.compile(r"[A-Za-z0-9]+")  # Latin names inside Chinese text
_IZE = re.compile(r"i[sz](e|es|ed|ing|ation|ations|ational)$")
_MAX_JOIN_VARIANTS = 3  # hyphens per form whose "joined" spellings (e-mail ~ email) are indexed


def normalise_word(word: str) -> str:
    """Fold a word to the key shared by its spelling and inflection variants.

    >>> [normalise_word(w) for w in ("Treaties", "organisations", "Boxes", "IPs", "Access", "viruses", "virus")]
    ['treaty', 'organization', 'box', 'ip', 'access', 'virus', 'virus']
    """
    w = _IZE.sub(lambda m: "iz" + m.group(1), word.lower())
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("es") and w[:-2].endswith(("s", "x", "z", "ch", "sh")):
        return w[:-2]
    if len(w) >= 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):  # virus, analysis
        return w[:-1]
    return w


def _keys(form: str, word: re.Pattern) -> set[tuple[str, ...]]:
    """Word-sequence keys of a Latin form, with each hyphen also read as no break."""
    parts = re.split(r"([-\u2010\u2011\u2013])", form)
    words = [word.findall(p) for p in parts[0::2]]
    hyphens = len(words) - 1
    if hyphens > _MAX_JOIN_VARIANTS or any(not w for w in words):
        return {tuple(normalise_word(w) for ws in words for w in ws)}
    keys = set()
    for joins in itertools.product((False, True), repeat=hyphens):
        seq = list(words[0])
        for join, nxt in zip(joins, words[1:], strict=True):
            seq = seq[:-1] + [seq[-1] + nxt[0]] + nxt[1:] if join else seq + nxt
        keys.add(tuple(normalise_word(w) for w in seq))
    return keys


@dataclass
class FormIndex(Generic[T]):
    """Forms (any payload ``T``) indexed for :meth:`positions`. ``word``: what a word
    of the text is, as the confirming patterns' boundaries see it."""

    word: re.Pattern = WORDS
    _latin: dict[tuple[str, ...], list[T]] = field(default_factory=lambda: defaultdict(list))
    _lengths: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    _cjk: dict[str, list[tuple[str, T]]] = field(default_factory=lambda: defaultdict(list))
    always: list[T] = field(default_factory=list)  # forms the index cannot key: scan them

    def add(self, form: str, item: T, *, substring: bool) -> None:
        """``substring``: the form is found anywhere (East Asian text), not at a word start."""
        if substring:
            self._cjk[form[:2] if len(form) > 1 else form].append((form, item))
            return
        keyable = self.word.match(form) and not has_east_asian(form)
        keys = {k for k in _keys(form, self.word) if k} if keyable else set()
        if not keys:
            self.always.append(item)
        for key in keys:
            self._latin[key].append(item)
            self._lengths[key[0]].add(len(key))

    def positions(self, text: str) -> Iterator[tuple[int, T]]:
        """(start, item) for every place an item may match: word starts for Latin
        forms (confirm with the form's pattern), exact starts for substring forms."""
        if self._latin:
            words = [(m.start(), normalise_word(m.group())) for m in self.word.finditer(text)]
            for i, (start, first) in enumerate(words):
                for n in self._lengths.get(first, ()):
                    key = tuple(w for _, w in words[i:i + n])
                    for item in self._latin.get(key, ()):
                        yield start, item
        if self._cjk:
            for i in range(len(text)):
                for key in {text[i:i + 2], text[i]}:
                    for form, item in self._cjk.get(key, ()):
                        if text.startswith(form, i):
                            yield i, item
