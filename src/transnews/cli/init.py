"""``transnews init``: write a commented project file (transnews.toml)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import command


def register(app: typer.Typer) -> None:
    app.command("init")(init)


@command
def init(
    folder: Annotated[Path, typer.Argument(help="Project folder (default: the working folder).")] = Path("."),
    src: Annotated[str, typer.Option("--from", help="Language of the articles.")] = "en",
    tgt: Annotated[Optional[list[str]], typer.Option("--to", help="Edition language; repeat for several.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing transnews.toml.")] = False,
) -> None:
    """Write a commented transnews.toml: the defaults (languages, locales folder, glossary,
    catalog naming, date format, checks to silence) every command run below it uses.

    Example: transnews init --from en --to zh --to zh-TW
    """
    from ..config import FILENAME, parse_config, starter_text
    from ..errors import InputError
    from ..fsio import write_atomic

    path = folder / FILENAME
    if path.exists() and not force:
        raise InputError("already exists; edit it, or pass --force to replace it", path=path)
    if not folder.is_dir():
        raise InputError("is not a folder", path=folder)
    text = starter_text(source=src, targets=tuple(tgt or ["zh"]))
    parse_config(text, path.resolve())  # the languages given are valid before anything is written
    write_atomic(path, text)
    typer.echo(f"wrote {path}")
