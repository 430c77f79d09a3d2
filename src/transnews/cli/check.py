"""CLI commands: ``check`` (QA findings) and ``stats`` (review progress)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import (CatalogsArg, GlossaryOpt, LocalesOpt, Progress, catalog_folders, command, emit_json,
                     locales_folder,
                     project_from_options, recover_writes, warn)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("check")(check)
    app.command("stats")(stats)


def _project_ignored() -> set[str]:
    from ..review.findings import WEBLATE_NAMES
    from .common import project_config

    return {WEBLATE_NAMES.get(n, n) for n in project_config().check_ignore}


PROGRESS_MIN_ENTRIES = 500  # fewer entries are checked in about a second: no bar


@command
def check(
    catalogs: CatalogsArg = None,
    locales: LocalesOpt = None,
    glossary: GlossaryOpt = None,
    no_glossary: Annotated[bool, typer.Option("--no-glossary", help="Skip glossary checks.")] = False,
    show: Annotated[str, typer.Option("--show", help="Least severe level printed: error, warning or info.")] = "warning",
    as_json: Annotated[bool, typer.Option("--json", help="Print findings and counts as JSON.")] = False,
) -> None:
    """QA-check catalogs: untranslated/fuzzy, glossary, numbers, acronyms, placeholders, markup, punctuation,
    loops, length, identical, leftover (source words left in), whitespace. A flag on an entry such as
    "#, ignore-length" (Weblate's ignore-<check>) silences that check there. Exits 6 when errors are found."""
    from ..errors import InputError, QualityError
    from ..review import SEVERITIES

    levels = {level: rank for rank, level in enumerate(SEVERITIES)}  # most severe first
    if show not in levels:
        raise InputError(f"--show must be one of {', '.join(levels)}, not {show!r}")
    locales = locales_folder(locales)
    recover_writes(*catalog_folders(locales, catalogs))  # a killed run's half-written catalogs, first
    project = project_from_options(glossary=glossary, no_glossary=no_glossary, locales=locales)
    paths = project.find_catalogs(catalogs)
    gloss = project.glossary
    per_catalog = _run_checks(paths, gloss, progress=not as_json)
    findings = [f for found in per_catalog.values() for f in found]
    counts = _counts(findings, levels)
    shown = [f for f in findings if levels[f.severity] <= levels[show]]
    if as_json:
        emit_json({"catalogs": [str(p) for p in paths], "glossary": gloss is not None, "counts": counts,
                   "per_catalog": [{"path": str(p), **_counts(found, levels)} for p, found in per_catalog.items()],
                   "findings": [f.as_dict() for f in shown]})
    else:
        for f in shown:
            typer.echo(f.format())
        if len(paths) > 1:
            _table(["errors", "warnings", "info"],
                   [([str(c) for c in _counts(found, levels).values()], str(p)) for p, found in per_catalog.items()])
        typer.echo(f"{len(paths)} catalog(s): {counts['error']} error(s), {counts['warning']} warning(s), "
                   f"{counts['info']} info" + ("" if gloss is not None else "; glossary checks skipped"))
    if gloss is None and not no_glossary and not as_json:
        warn("no glossary found: glossary checks skipped")
    if counts["error"]:
        raise typer.Exit(QualityError.exit_code)


def _run_checks(paths: list[Path], gloss, *, progress: bool) -> dict[Path, list]:
    """Findings per catalog; a progress bar on a terminal when there are many entries."""
    from ..catalog import load_po
    from ..review import check_catalog, default_checks

    catalogs = {path: load_po(path) for path in paths}
    total = sum(len(po) for po in catalogs.values())
    bar = Progress(enabled=progress and total >= PROGRESS_MIN_ENTRIES)
    ignored = _project_ignored()  # silenced everywhere by the project file (per entry: "#, ignore-<check>")
    checks = [c for c in default_checks(gloss) if c.name not in ignored]
    out, done = {}, 0
    for path, po in catalogs.items():
        out[path] = check_catalog(po, path, checks,
                                  progress=lambda n, _, base=done: bar(base + n, total, "Checking"))
        done += len(po)
    bar.close()
    return out


def _counts(findings: list, levels: dict[str, int]) -> dict[str, int]:
    return {level: sum(1 for f in findings if f.severity == level) for level in levels}


def _table(headers: list[str], rows: list[tuple[list[str], str]]) -> None:
    """Right-aligned number columns sized to their content, then the catalog path last, so
    a long path never pushes the columns out of line."""
    widths = [max([len(h), *(len(cells[i]) for cells, _ in rows)]) for i, h in enumerate(headers)]
    typer.echo("  ".join(h.rjust(w) for h, w in zip(headers, widths, strict=True)) + "  catalog")
    for cells, path in rows:
        typer.echo("  ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)) + f"  {path}")


@command
def stats(
    catalogs: CatalogsArg = None,
    locales: LocalesOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the statistics as JSON.")] = False,
) -> None:
    """Translated / fuzzy / untranslated entries and source words per catalog (each CJK character counts as a word)."""
    from ..catalog import load_po
    from ..review import catalog_stats

    locales = locales_folder(locales)
    recover_writes(*catalog_folders(locales, catalogs))
    paths = project_from_options(locales=locales).find_catalogs(catalogs)
    rows = [catalog_stats(load_po(p), p) for p in paths]
    if as_json:
        emit_json([r.as_dict() for r in rows])
        return
    _table(["translated", "fuzzy", "untranslated", "obsolete", "progress"],
           [([f"{r.translated} ({r.translated_words}w)", f"{r.fuzzy} ({r.fuzzy_words}w)",
              f"{r.untranslated} ({r.untranslated_words}w)", str(r.obsolete), f"{r.percent_translated:.0f}% done"],
             r.path) for r in rows])
