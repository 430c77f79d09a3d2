"""``transnews status``: each article's catalogs, review progress and source state."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import CatalogsArg, GlossaryOpt, JsonOpt, LocalesOpt, command, emit_json, locales_folder, \
    project_from_options, recover_writes


def register(app: typer.Typer) -> None:
    app.command("status")(status)


@command
def status(
    catalogs: CatalogsArg = None,
    locales: LocalesOpt = None,
    glossary: GlossaryOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """For each article catalog: reviewed / fuzzy / untranslated entries, and whether the
    article changed since it was translated (then `transnews translate` has work to do).

    Example: transnews status --locales locales
    """
    from ..review.status import UNCHANGED, project_status

    locales = locales_folder(locales)
    if not catalogs and not locales.is_dir():
        typer.echo(f"no catalogs under {locales} (run transnews translate first)")
        return
    recover_writes(locales)
    project = project_from_options(glossary=glossary, locales=locales)
    rows = project_status(project, catalogs)
    if as_json:
        emit_json([r.as_dict() for r in rows])
        return
    if not rows:
        typer.echo(f"no catalogs under {locales}")
        return
    for r in rows:
        s = r.stats
        arts = ", ".join(Path(a).name for a in r.articles) or "?"
        typer.echo(f"{r.po_path}\n  article: {arts}; {s.translated} reviewed, {s.fuzzy} fuzzy, "
                   f"{s.untranslated} untranslated ({s.percent_translated:.0f}% done); source {r.source}"
                   + ("" if r.source == UNCHANGED or not r.note else f": {r.note}"))
