"""CLI commands: ``tm import`` / ``tm export`` (translation memory as TMX 1.4)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import LocalesOpt, moved_file_option, target_language, command, emit_json, project_from_options

tm_app = typer.Typer(help="Translation memory: import and export TMX 1.4.", no_args_is_help=True,
                     rich_markup_mode=None)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.add_typer(tm_app, name="tm")


@tm_app.command("import")
@command
def tm_import(
    tmx: Annotated[Path, typer.Argument(help="TMX file to import.", show_default=False)],
    to: Annotated[Optional[str], typer.Option("--to", help="Target language taken from the TMX, e.g. zh (default: the project file's, else zh).")] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", hidden=True)] = None,
    src: Annotated[Optional[str], typer.Option("--from", help="Source language (default: the TMX header's srclang).")] = None,
    locales: LocalesOpt = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the memory catalog here instead of <locales>/<lang>/LC_MESSAGES/tm-<name>.po.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the import summary as JSON.")] = False,
) -> None:
    """Import a TMX file as a reviewed catalog that translate reuses as translation memory.

    Example: transnews tm import memory.tmx --from en --to zh
    """
    from ..catalog.tmx import import_tmx

    moved_file_option(to)
    project = project_from_options(locales=locales)
    res = import_tmx(tmx, tgt=target_language(to or lang), src=src, locales_dir=project.locales_dir, to=output)
    if as_json:
        emit_json({"catalog": str(res.po_path), "units": res.units, "imported": res.imported,
                   "duplicates": res.duplicates, "conflicts": res.conflicts,
                   "skipped": res.skipped_missing, "kept_existing": res.kept_existing})
        return
    typer.echo(f"{res.po_path}: {res.imported} entries from {res.units} units "
               f"({res.duplicates} duplicate(s) merged, {res.conflicts} conflicting translation(s) noted, "
               f"{res.skipped_missing} unit(s) without both languages)")


@tm_app.command("export")
@command
def tm_export(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="TMX file to write.", show_default=False)] = None,
    to: Annotated[Optional[str], typer.Option("--to", help="Target language of the catalogs to export (default: the project file's, else zh).")] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", hidden=True)] = None,
    src: Annotated[Optional[str], typer.Option("--from", help="Source language (default: the catalogs' X-Source-Language, else en).")] = None,
    locales: LocalesOpt = None,
    with_memories: Annotated[bool, typer.Option("--with-memories", help="Also export the translation memories (tm-*.po) imported with tm import.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the export summary as JSON.")] = False,
) -> None:
    """Export every reviewed (translated, not fuzzy) entry under LOCALES/LANG as TMX 1.4
    (the articles' catalogs; imported memories only with --with-memories).

    Example: transnews tm export --to zh --output memory.tmx
    """
    from ..catalog import write_atomic
    from ..errors import InputError
    from ..text import check_language, is_language_tag

    if to is not None and output is None and not is_language_tag(to):
        output, to = Path(to), None  # the old spelling: --to FILE.tmx
    if output is None:
        raise InputError("give the TMX file to write with --output FILE.tmx")
    to_file = output
    lang = check_language(target_language(to or lang), option="--to")
    src = check_language(src, option="--from") if src else None
    locales = project_from_options(locales=locales).locales_dir
    if not (locales / lang).is_dir():
        raise InputError(f"no catalogs for {lang!r}: {locales / lang}/ does not exist")
    text, units, cats = _export(locales / lang, lang, src, with_memories=with_memories)
    write_atomic({to_file: text})
    if as_json:
        emit_json({"tmx": str(to_file), "units": units, "catalogs": cats})
        return
    typer.echo(f"{to_file}: {units} translation unit(s) from {cats} catalog(s)")


def _export(root: Path, lang: str, src: str | None, *, with_memories: bool) -> tuple[str, int, int]:
    """(TMX text, units, catalogs) for the catalogs under ``root``: as ``export_locales``, but
    an imported memory (tm-*.po) is no reviewed translation of ours unless asked for."""
    import os

    from ..catalog import load_po
    from ..catalog.tmx import export_tmx
    from ..project import is_memory_catalog

    cats = [(os.path.relpath(p), load_po(p)) for p in sorted(root.rglob("*.po"))
            if with_memories or not is_memory_catalog(p)]
    src = src or next((s for _, po in cats if (s := po.metadata.get("X-Source-Language"))), None)
    text, n = export_tmx(cats, src=src or "en", tgt=lang)
    return text, n, len(cats)
