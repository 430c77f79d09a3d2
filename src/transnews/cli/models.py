"""``transnews models``: list, install and remove Argos translation packages."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..settings import DEFAULT_DOWNLOAD_DEADLINE, DEFAULT_MAX_MODEL_BYTES
from .common import JsonOpt, Progress, command, emit_json, parse_size, project_from_options

models_app = typer.Typer(help="Manage Argos translation models (offline packages).", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(models_app, name="models")


TimeoutOpt = Annotated[Optional[float], typer.Option(
    "--timeout", metavar="SECONDS", show_default=False,
    help=f"Deadline for each whole download (index or package), all links together "
         f"(default {DEFAULT_DOWNLOAD_DEADLINE:g}).")]


def _store(*, timeout: float | None = None, max_size: int | None = None):
    from ..errors import InputError

    settings: dict = {}
    if timeout is not None:
        if not timeout > 0:
            raise InputError(f"--timeout must be a number of seconds above 0, not {timeout:g}")
        settings["download_deadline"] = timeout
    if max_size is not None:
        settings["max_model_bytes"] = max_size
    return project_from_options(**settings).model_store()


@models_app.command("list")
@command
def list_models(
    available: Annotated[bool, typer.Option("--available", help="List packages in the model index instead.")] = False,
    timeout: TimeoutOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List installed models (or, with --available, those in the index)."""
    store = _store(timeout=timeout)
    rows = [m.as_dict() for m in (store.available() if available else store.installed())]
    if as_json:
        emit_json(rows)
        return
    if not rows:
        typer.echo("no models installed; install one with: transnews models install FROM TO" if not available
                   else "the index lists no translation packages")
        return
    for r in rows:
        where = r.get("path") or ", ".join(r.get("links", []))
        typer.echo(f"{r['from']} → {r['to']}  {r['version']}  {where}")


@models_app.command("install")
@command
def install(
    what: Annotated[list[str], typer.Argument(help="FROM TO (download from the index) or a FILE.argosmodel.",
                                              show_default=False)],
    max_size: Annotated[Optional[int], typer.Option(
        "--max-size", parser=parse_size, metavar="SIZE", show_default=False,
        help=f"Largest total unpacked size accepted, e.g. 2G or 500M "
             f"(default {DEFAULT_MAX_MODEL_BYTES >> 30}G; a zip bomb stops there).")] = None,
    timeout: TimeoutOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Install a model: `install en zh` downloads from the index; `install FILE.argosmodel` installs a file.

    The new package is unpacked beside the installed ones and load-tested (tokenizer and
    CTranslate2 model) before it replaces an installed version, which stays if anything fails.
    """
    from ..errors import InputError
    from ..text import check_language

    store = _store(timeout=timeout, max_size=max_size)
    if len(what) == 1:
        info = store.install_file(Path(what[0]))
    elif len(what) == 2:
        src, tgt = check_language(what[0], option="FROM"), check_language(what[1], option="TO")
        progress = Progress(enabled=not as_json)
        try:
            info = store.install_pair(src, tgt, progress)
        finally:
            progress.close()
    else:
        raise InputError("give FROM TO (e.g. `en zh`) or one FILE.argosmodel")
    if as_json:
        emit_json(info.as_dict())
    else:
        typer.echo(f"installed {info.from_code} → {info.to_code} {info.version} in {info.path}")


@models_app.command("remove")
@command
def remove(
    src: Annotated[str, typer.Argument(metavar="FROM", help="Source language code.")],
    tgt: Annotated[str, typer.Argument(metavar="TO", help="Target language code.")],
    as_json: JsonOpt = False,
) -> None:
    """Remove the installed FROM→TO model."""
    from ..text import check_language

    removed = _store().remove(check_language(src, option="FROM"), check_language(tgt, option="TO"))
    if as_json:
        emit_json([m.as_dict() for m in removed])
    else:
        for m in removed:
            typer.echo(f"removed {m.from_code} → {m.to_code} {m.version} ({m.path})")
