"""Translation memory: every reviewed entry under ``locales/<lang>/`` is reusable.

Rule used by the pipeline:

- an exact match (same sentence; same msgctxt preferred) is reused without MT,
  with an extracted comment naming the catalog it came from; whether it is
  flagged fuzzy is the caller's choice (``exact_fuzzy``);
- a close match (rapidfuzz ratio ≥ ``threshold``, default 75) is returned with
  ``exact=False`` and its score; it is offered as a fuzzy draft (``#|`` = the
  memory's source sentence) only when it beats MT, i.e. the pipeline still
  machine-translates and keeps the TM draft instead when the score is high
  enough (see ``pipeline._tm_beats_mt``); below the threshold nothing is returned.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import polib

from .entries import is_reviewed
from .pofile import load_po

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

    def add_catalog(self, po: polib.POFile, origin: str) -> int:
        n = 0
        for e in po:
            if is_reviewed(e) and e.msgid and not e.msgid_plural:
                self._add(_Unit(e.msgid, e.msgctxt, e.msgstr, origin, e.linenum))
                n += 1
        return n

    @classmethod
    def from_locales(cls, locales_dir: str | Path, lang: str, *, threshold: float = TM_THRESHOLD,
                     exclude: tuple[Path, ...] = ()) -> "TranslationMemory":
        """All ``.po`` files under ``locales_dir/<lang>/`` (a missing folder = empty memory).

        A catalog that does not parse is an error (CatalogError), not silently skipped.
        """
        tm = cls(threshold=threshold)
        root = Path(locales_dir) / lang
        if not root.is_dir():
            return tm
        skip = {p.resolve() for p in exclude}
        for path in sorted(root.rglob("*.po")):
            if path.resolve() in skip:
                continue
            tm.add_catalog(load_po(path), _display(path))
        return tm

    def lookup(self, msgid: str, msgctxt: str | None = None) -> TMMatch | None:
        """Exact match, else the closest match scoring ≥ threshold, else None."""
        bucket = self._exact.get(msgid)
        if bucket:
            unit = next((u for u in bucket if u.msgctxt == msgctxt), bucket[0])
            return TMMatch(unit.msgid, unit.msgctxt, unit.msgstr, 100.0, True, unit.origin, unit.line)
        if not self._units:
            return None
        from rapidfuzz import fuzz, process

        hit = process.extractOne(msgid, self._choices, scorer=fuzz.ratio,
                                 score_cutoff=self.threshold)
        if hit is None:
            return None
        unit = self._units[hit[2]]
        return TMMatch(unit.msgid, unit.msgctxt, unit.msgstr, float(hit[1]), False, unit.origin, unit.line)


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
