"""The ``transnews`` entry point: help pages without importing the CLI stack.

Importing typer (and the command modules) costs several times Python's own
start-up, which is all ``transnews --help`` or ``transnews translate --help``
should cost. The help pages are generated from the typer app into
``_help_pages.py`` (``python -m transnews.cli.helpgen``; a test fails when they
drift from what typer prints), and printed from there when the request is a
plain help request that typer would render identically: the program is called
``transnews`` and the terminal is at least as wide as the page. An unchanged
``translate`` re-run is answered the same way (:mod:`.fastpath`). Anything else
goes to typer.
"""

import os
import sys

_HELP = ("-h", "--help")
WIDTH = 80  # click wraps help at min(terminal width, 80) - 2 columns


def _page_key(args: list[str]) -> str | None:
    """The stored page a plain help request asks for: "" (top level), "translate",
    "glossary import" …; None when it is anything else."""
    if not args or args[-1] not in _HELP:
        return None
    words = args[:-1]
    if any(w.startswith("-") for w in words) or len(words) > 2:
        return None
    return " ".join(words)


def stored_help(args: list[str], prog: str, columns: int) -> str | None:
    key = _page_key(args)
    if key is None or prog != "transnews" or columns < WIDTH:
        return None
    try:  # a Python module, not JSON: loading it needs neither json nor re
        from . import _help_pages
    except ImportError:
        return None
    from .. import __version__

    if _help_pages.VERSION != __version__:
        return None
    return _help_pages.PAGES.get(key)


def _columns() -> int:
    """The terminal width as click sees it (``shutil.get_terminal_size`` without its imports)."""
    import os

    try:
        return int(os.environ.get("COLUMNS", "")) or WIDTH
    except ValueError:
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or WIDTH
    except (AttributeError, ValueError, OSError):
        return WIDTH


def _exit_now() -> None:
    """Exit at once, output flushed: the answer is printed and nothing else is pending (no
    file open, no atexit work: neither typer nor logging was imported), and tearing the
    interpreter's modules down costs more than the fast path's whole decision."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `transnews translate … | head -0`: the reader wanted nothing
        pass
    os._exit(0)


def main() -> None:
    prog = sys.argv[0].rsplit("/", 1)[-1] if sys.argv else ""
    page = stored_help(sys.argv[1:], prog, _columns())
    if page is not None:
        sys.stdout.write(page)
        return
    # (not while the shell asks for completions: typer answers those)
    if sys.argv[1:2] == ["translate"] and "_TRANSNEWS_COMPLETE" not in os.environ:
        from .fastpath import unchanged_translate

        try:
            done = unchanged_translate(sys.argv[2:])
        except KeyboardInterrupt:  # as the typer command says it (it had not started writing either)
            sys.stderr.write("transnews: error: interrupted; nothing was written\n")
            raise SystemExit(130) from None
        if done:
            _exit_now()
    from .app import main as typer_main

    typer_main()
