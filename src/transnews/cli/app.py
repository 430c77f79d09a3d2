"""The ``transnews`` command. Each command group lives in its own module.

Only typer and the light command modules are imported here; stage modules
(and CTranslate2) are imported inside the commands, so ``--help`` stays fast.
"""

from __future__ import annotations

import typer

from . import check, fix, glossary, init, models, publish, status, tm, translate

app = typer.Typer(
    name="transnews",
    help="Offline news translation with an enforced IP glossary and gettext review.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"transnews {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """Offline news translation with an enforced IP glossary and gettext review."""


translate.register(app)
fix.register(app)
models.register(app)
glossary.register(app)
tm.register(app)
check.register(app)
publish.register(app)
status.register(app)
init.register(app)


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
