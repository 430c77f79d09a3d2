"""What a ``translate`` run did: per catalog (:class:`CatalogResult`) and in all
(:class:`RunSummary`), as data (``as_dict`` for ``--json``) and as the lines the
command prints (:func:`summary_lines`).

Light on purpose (no catalog, glossary or engine import): the launcher reports an
unchanged re-run with these before any of the pipeline is loaded.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

# More catalogs than this (an archive run) are totalled in one line; --json lists each.
LISTED = 20


@dataclass
class CatalogResult:
    """One catalog a run wrote: its files, articles and what happened to its entries."""

    domain: str
    pot_path: Path
    po_path: Path
    articles: list[str]
    entries: int = 0
    kept: int = 0  # reviewed entries left as they were
    from_tm: int = 0
    machine_translated: int = 0
    fuzzy: int = 0
    obsolete: int = 0
    boilerplate: int = 0
    term_occurrences: int = 0
    term_hits: int = 0
    violations: int = 0
    repaired: int = 0


@dataclass
class RunSummary:
    """A whole run: its catalogs, source corrections, MT use and what it left alone."""

    src: str
    tgt: str
    engine: str | None
    catalogs: list[CatalogResult] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)
    suggestions: list[dict] = field(default_factory=list)
    mt_calls: int = 0
    mt_segments: int = 0
    articles: int = 0  # read and translated by this run
    sentences: int = 0
    up_to_date: int = 0  # catalogs left alone: articles, inputs and files as the last run left them
    resumed: bool = False  # the last run was interrupted; its finished catalogs were kept

    @property
    def nothing_to_do(self) -> bool:
        return self.up_to_date > 0 and not self.catalogs

    @property
    def term_success_rate(self) -> float | None:
        occ = sum(c.term_occurrences for c in self.catalogs)
        return None if occ == 0 else sum(c.term_hits for c in self.catalogs) / occ

    @property
    def repair_rate(self) -> float | None:
        """Machine-translated segments whose glossary placeholders needed repair (None: no MT)."""
        mt = sum(c.machine_translated for c in self.catalogs)
        return None if mt == 0 else sum(c.repaired for c in self.catalogs) / mt

    def as_dict(self) -> dict:
        data = dataclasses.asdict(self)
        data["term_success_rate"] = self.term_success_rate
        data["repair_rate"] = self.repair_rate
        data["nothing_to_do"] = self.nothing_to_do
        for cat in data["catalogs"]:
            cat["pot_path"], cat["po_path"] = str(cat["pot_path"]), str(cat["po_path"])
        return data


def summary_lines(summary: RunSummary) -> tuple[list[str], list[str]]:
    """(stdout lines, stderr lines) of ``transnews translate``'s report of a run."""
    err = [f"{ch['file']}:{ch['line']}: source corrected: {ch['shown']}" for ch in summary.changes]
    err += [f"{sug['file']}:{sug['line']}: {sug['suggestion']}" for sug in summary.suggestions]
    if summary.nothing_to_do:
        return [f"nothing to do: {summary.up_to_date} catalog(s) unchanged since they were written "
                "(articles, glossary, settings and catalogs as the last run left them)"], err
    out = _catalog_lines(summary)
    if summary.engine:
        out.append(f"engine: {summary.engine}; {summary.mt_segments} segments in {summary.mt_calls} batch call(s)")
    else:
        out.append("engine: not needed (nothing new to translate)")
    rate = summary.term_success_rate
    if rate is not None:
        cats = summary.catalogs
        repair = f" (repair rate {summary.repair_rate:.3f})" if summary.repair_rate is not None else ""
        out.append(f"glossary: term success rate {rate:.3f} over {sum(c.term_occurrences for c in cats)} term "
                   f"occurrences; {sum(c.violations for c in cats)} violation(s), "
                   f"{sum(c.repaired for c in cats)} repaired segment(s){repair}")
    return out, err


def _catalog_lines(summary: RunSummary) -> list[str]:
    cats = summary.catalogs
    if len(cats) <= LISTED:
        out = [f"{cat.po_path}: {cat.entries} entries, {cat.machine_translated} machine-translated, "
               f"{cat.from_tm} from memory, {cat.kept} kept, {cat.fuzzy} fuzzy, {cat.obsolete} obsolete"
               for cat in cats]
    else:
        total = {k: sum(getattr(c, k) for c in cats) for k in ("entries", "machine_translated", "from_tm", "kept")}
        out = [f"{len(cats)} catalogs: {total['entries']} entries, {total['machine_translated']} "
               f"machine-translated, {total['from_tm']} from memory, {total['kept']} kept"]
    if summary.up_to_date:
        out.append(f"{summary.up_to_date} catalog(s) unchanged since they were written: left as they are")
    return out
