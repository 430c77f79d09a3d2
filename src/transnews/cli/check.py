"""CLI commands: ``check`` (QA findings) and ``stats`` (review progress)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..settings import DEFAULT_LOCALES
from .common import CatalogsArg, GlossaryOpt, LocalesOpt, command, emit_json, project_from_options, warn


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("check")(check)
    app.command("stats")(stats)


@command
def check(
    catalogs: CatalogsArg = None,
    locales: LocalesOpt = Path(DEFAULT_LOCALES),
    glossary: GlossaryOpt = None,
    no_glossary: Annotated[bool, typer.Option("--no-glossary", help="Skip glossary checks.")] = False,
    show: Annotated[str, typer.Option("--show", help="Least severe level printed: error, warning or info.")] = "warning",
    as_json: Annotated[bool, typer.Option("--json", help="Print findings and counts as JSON.")] = False,
) -> None:
    """QA-check catalogs: untranslated/fuzzy, glossary, numbers, acronyms, placeholders, punctuation, loops, length, whitespace. Exits 6 when errors are found."""
    from ..catalog import load_po
    from ..errors import InputError, QualityError
    from ..review import SEVERITIES, check_catalog, default_checks

    levels = {level: rank for rank, level in enumerate(SEVERITIES)}  # most severe first
    if show not in levels:
        raise InputError(f"--show must be one of {', '.join(levels)}, not {show!r}")
    project = project_from_options(glossary=glossary, no_glossary=no_glossary, locales=locales)
    paths = project.find_catalogs(catalogs)
    gloss = project.glossary
    checks = default_checks(gloss)
    findings = []
    for path in paths:
        findings += check_catalog(load_po(path), path, checks)
    counts = {level: sum(1 for f in findings if f.severity == level) for level in levels}
    shown = [f for f in findings if levels[f.severity] <= levels[show]]
    if as_json:
        emit_json({"catalogs": [str(p) for p in paths], "glossary": gloss is not None,
                   "counts": counts, "findings": [f.as_dict() for f in shown]})
    else:
        for f in shown:
            typer.echo(f.format())
        typer.echo(f"{len(paths)} catalog(s): {counts['error']} error(s), {counts['warning']} warning(s), "
                   f"{counts['info']} info" + ("" if gloss is not None else "; glossary checks skipped"))
    if gloss is None and not no_glossary and not as_json:
        warn("no glossary found: glossary checks skipped")
    if counts["error"]:
        raise typer.Exit(QualityError.exit_code)


@command
def stats(
    catalogs: CatalogsArg = None,
    locales: LocalesOpt = Path(DEFAULT_LOCALES),
    as_json: Annotated[bool, typer.Option("--json", help="Print the statistics as JSON.")] = False,
) -> None:
    """Translated / fuzzy / untranslated entries and source words per catalog (each CJK character counts as a word)."""
    from ..catalog import load_po
    from ..review import catalog_stats

    paths = project_from_options(locales=locales).find_catalogs(catalogs)
    rows = [catalog_stats(load_po(p), p) for p in paths]
    if as_json:
        emit_json([r.as_dict() for r in rows])
        return
    typer.echo(f"{'catalog':<48} {'translated':>14} {'fuzzy':>14} {'untranslated':>14} {'obsolete':>8}")
    for r in rows:
        typer.echo(f"{r.path:<48} {f'{r.translated} ({r.translated_words}w)':>14} "
                   f"{f'{r.fuzzy} ({r.fuzzy_words}w)':>14} {f'{r.untranslated} ({r.untranslated_words}w)':>14} "
                   f"{r.obsolete:>8}  {r.percent_translated:.0f}% done")
