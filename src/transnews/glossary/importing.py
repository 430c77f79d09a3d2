"""``glossary import``: merge an external terminology file into a curated TSV glossary.

Above both :mod:`.store` (the Glossary that validates the result) and
:mod:`.interchange` (reading the file), so neither needs the other's caller.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..errors import GlossaryError
from .concept import EN, ZH, Concept
from .interchange import MergeReport, concepts_from_entries, merge, read_terminology
from .store import Glossary, glossary_files
from .tbx import TermBase
from .tsv import format_tsv, read_tsv, write_atomic

IMPORT_FILE = "imported.tsv"


@dataclass
class ImportResult:
    source: TermBase
    dest: Path
    report: MergeReport
    unusable: list[tuple[str, str]]  # entries with no en↔zh pair
    written: bool

    def as_dict(self) -> dict:
        return {"file": str(self.source.path), "format": self.source.format, "dialect": self.source.dialect,
                "entries": len(self.source.entries), "terms": self.source.term_count, "dest": str(self.dest),
                "written": self.written, **self.report.as_dict(),
                "unusable": [{"term": t, "reason": r} for t, r in self.unusable],
                "warnings": self.source.warnings}


def import_destination(glossary: Path | None, to: Path | None) -> Path:
    """``to`` (a .tsv file, or a directory → its imported.tsv), else the glossary's imported.tsv
    (or the glossary itself when it is one .tsv file)."""
    if to is not None:
        dest = to / IMPORT_FILE if to.is_dir() else to
    elif glossary is not None and glossary.is_dir():
        dest = glossary / IMPORT_FILE
    elif glossary is not None and glossary.suffix.lower() == ".tsv":
        dest = glossary
    else:
        raise GlossaryError("no curated glossary to import into; give --to FILE.tsv", path=glossary)
    if dest.suffix.lower() != ".tsv":
        raise GlossaryError("the import destination must be a .tsv file or a directory", path=dest)
    return dest


def _curated(glossary: Path | None, dest: Path) -> tuple[list[Concept], list[Concept]]:
    """(every concept already curated, including the destination's; the destination's).

    Each curated file is parsed once; the destination reuses its parse when it is one of them.
    """
    parsed: dict[Path, list[Concept]] = {}
    if glossary is not None and glossary.exists():
        for f in glossary_files(glossary):
            if f.suffix.lower() == ".tsv":
                parsed[f.resolve()] = read_tsv(f)
    existing = [c for concepts in parsed.values() for c in concepts]
    if not dest.exists():
        return existing, []
    if dest.resolve() in parsed:
        return existing, parsed[dest.resolve()]
    dest_concepts = read_tsv(dest)
    return existing + dest_concepts, dest_concepts


def import_terminology(file: Path, glossary: Path | None, *, to: Path | None = None, src: str = EN,
                       tgt: str = ZH, dry_run: bool = False) -> ImportResult:
    """Merge the en↔zh concepts of a TBX/CSV file into a curated TSV glossary, atomically.

    The destination is ``to`` (a .tsv file or a directory → its imported.tsv) or else the
    glossary's ``imported.tsv``. Concepts whose English term is already known are skipped
    (same approved Chinese) or reported as conflicts (another one); nothing else changes.
    """
    tb = read_terminology(file, src=src, tgt=tgt)
    conv = concepts_from_entries(tb)
    dest = import_destination(glossary, to)
    existing, dest_concepts = _curated(glossary, dest)
    report = merge(existing, conv.concepts)
    written = False
    if report.added and not dry_run:
        added = [dataclasses.replace(c, path=None, line=None) for c in report.added]
        Glossary(existing + added)  # the result must load: validate before writing
        write_atomic(dest, format_tsv(dest_concepts + added,
                                      comment="Concepts imported with `transnews glossary import`; "
                                              "review and move them to a curated file."))
        written = True
    return ImportResult(source=tb, dest=dest, report=report, unusable=conv.skipped, written=written)
