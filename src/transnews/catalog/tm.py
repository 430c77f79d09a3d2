"""Translation memory: every reviewed entry under ``locales/<lang>/`` is reusable.

Rule used by the pipeline:

- an exact match (same sentence; same msgctxt preferred) is reused without MT,
  with an extracted comment naming the catalog it came from, as a reviewed
  (not fuzzy) translation;
- a close match (rapidfuzz ratio ≥ ``threshold``, default 75) is returned with
  ``exact=False`` and its score; it is offered as a fuzzy draft (``#|`` = the
  memory's source sentence) only when it beats MT, i.e. the pipeline still
  machine-translates and keeps the TM draft instead when the score is high
  enough (see ``pipeline.TM_BEATS_MT``); below the threshold nothing is returned.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import polib

from .entries import display_path, is_reviewed
from ..fsio import Fingerprint
from .pofile import read_po

TM_THRESHOLD = 75.0


@dataclass(frozen=True)
class TMMatch:
    msgid: str  # the memory's source sentence
    msgctxt: str | None
    msgstr: str
    score: float  # 0..100 (100 for exact)
    exact: bool
    origin: str  # catalog path it came from
    line: int = 0


@dataclass(frozen=True)
class _Unit:
    msgid: str
    msgctxt: str | None
    msgstr: str
    origin: str
    line: int


class TranslationMemory:
    """Reviewed (translated, not fuzzy, not obsolete) entries, searchable by source."""

    def __init__(self, units: list[_Unit] | None = None, *, threshold: float = TM_THRESHOLD) -> None:
        self.threshold = threshold
        self._units: list[_Unit] = []
        self._choices: list[str] = []  # msgids, parallel to _units (for rapidfuzz)
        self._exact: dict[str, list[_Unit]] = {}
        self._fuzzy = None  # catalog.fuzzy's index over _choices, once scanning costs more
        self._scans = 0
        for u in units or []:
            self._add(u)

    def __len__(self) -> int:
        return len(self._units)

    def _add(self, unit: _Unit) -> None:
        bucket = self._exact.setdefault(unit.msgid, [])
        if any(u.msgctxt == unit.msgctxt for u in bucket):
            return  # first catalog (sorted by path) wins
        bucket.append(unit)
        self._units.append(unit)
        self._choices.append(unit.msgid)
        self._fuzzy = None

    def add_catalog(self, po: polib.POFile, origin: str) -> int:
        n = 0
        for e in po:
            if is_reviewed(e) and e.msgid and not e.msgid_plural:
                self._add(_Unit(e.msgid, e.msgctxt, e.msgstr, origin, e.linenum))
                n += 1
        return n

    @classmethod
    def from_catalogs(cls, catalogs: Mapping[Path, polib.POFile], *,
                      threshold: float = TM_THRESHOLD) -> "TranslationMemory":
        """A memory of already-parsed catalogs, in the mapping's order (first wins)."""
        tm = cls(threshold=threshold)
        for path, po in catalogs.items():
            tm.add_catalog(po, display_path(path))
        return tm

    @classmethod
    def from_locales(cls, locales_dir: str | Path, lang: str, *,
                     threshold: float = TM_THRESHOLD) -> "TranslationMemory":
        """All ``.po`` files under ``locales_dir/<lang>/`` (a missing folder = empty memory)."""
        return cls.from_catalogs(load_locale(locales_dir, lang), threshold=threshold)

    def lookup(self, msgid: str, msgctxt: str | None = None) -> TMMatch | None:
        """Exact match, else the closest match scoring ≥ threshold, else None."""
        bucket = self._exact.get(msgid)
        if bucket:
            unit = next((u for u in bucket if u.msgctxt == msgctxt), bucket[0])
            return TMMatch(unit.msgid, unit.msgctxt, unit.msgstr, 100.0, True, unit.origin, unit.line)
        if not self._units:
            return None
        from rapidfuzz import fuzz

        at = self._closest(msgid)
        if at is None:
            return None
        unit = self._units[at]
        return TMMatch(unit.msgid, unit.msgctxt, unit.msgstr, fuzz.ratio(msgid, unit.msgid), False, unit.origin,
                       unit.line)

    def _closest(self, msgid: str) -> int | None:
        """What ``process.extractOne(msgid, choices, scorer=fuzz.ratio, score_cutoff=threshold)``
        picks: by a plain scan while few look-ups have been made, then by the candidate index
        (the same answers; a run drafting thousands of new sentences stays linear)."""
        from .fuzzy import SCAN_PAIRS, FuzzyIndex, Scan

        self._scans += 1
        if self._fuzzy is None:
            many = self._scans * len(self._choices) > SCAN_PAIRS
            self._fuzzy = FuzzyIndex(self._choices) if many else Scan(self._choices)
        hit = self._fuzzy.best(msgid, self.threshold)
        if isinstance(self._fuzzy, Scan) and self._scans * len(self._choices) > SCAN_PAIRS:
            self._fuzzy = None  # the next look-up builds the index
        return hit


def load_locale(locales_dir: str | Path, lang: str) -> dict[Path, polib.POFile]:
    """Every ``.po`` under ``locales_dir/<lang>/``, parsed, sorted by path (none when
    the folder is missing). A catalog that does not parse is an error (CatalogError),
    not silently skipped.
    """
    return read_locale(locales_dir, lang)[0]


def read_locale(locales_dir: str | Path, lang: str) -> tuple[dict[Path, polib.POFile], dict[Path, Fingerprint]]:
    """:func:`load_locale`, and each catalog's fingerprint as read (for the write's re-check)."""
    root = Path(locales_dir) / lang
    catalogs: dict[Path, polib.POFile] = {}
    prints: dict[Path, Fingerprint] = {}
    if root.is_dir():
        for path in sorted(root.rglob("*.po")):
            catalogs[path], prints[path] = read_po(path)
    return catalogs, prints
