"""Shared CLI plumbing: error mapping, JSON output, progress bars, settings."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer

from ..errors import InputError, TransnewsError

F = TypeVar("F", bound=Callable[..., Any])


def command(fn: F) -> F:
    """Wrap a command so library errors become one line on stderr and an exit code.

    Done per command (not in ``main``) so typer's CliRunner sees the same behaviour.
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except TransnewsError as err:
            fail(str(err), err.exit_code)
        except OSError as err:  # permissions, full disk: still one clear line
            where = f"{err.filename}: " if getattr(err, "filename", None) else ""
            fail(f"{where}{err.strerror or err}", 1)
        except KeyboardInterrupt:
            fail("interrupted; nothing was written", 130)

    return wrapper  # type: ignore[return-value]


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"transnews: error: {message}", err=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    typer.echo(f"transnews: warning: {message}", err=True)


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


class Progress:
    """A progress callback for library code: ``progress(done, total, label)``.

    Draws on stderr so ``--json`` output on stdout stays machine-readable.
    """

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self._bar = None
        self._label = None
        self._done = 0

    def __call__(self, done: int, total: int, label: str = "") -> None:
        if not self.enabled or total <= 0:
            return
        if self._bar is None or label != self._label:
            self.close()
            self._bar = typer.progressbar(length=total, label=label, file=sys.stderr)
            self._bar.__enter__()
            self._label, self._done = label, 0
        self._bar.update(done - self._done)
        self._done = done
        if done >= total:
            self.close()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def settings_from_env(**overrides: Any):
    """Build Settings once per command invocation."""
    from ..settings import Settings

    return Settings.from_env(**overrides)


def glossary_path(given: Path | None, disabled: bool) -> Path | None:
    """The glossary a command uses: none with --no-glossary, else --glossary, else
    ``./glossary`` or the copy shipped with transnews."""
    if disabled:
        return None
    if given is not None:
        return given
    from ..glossary import default_glossary_path

    return default_glossary_path()


def find_catalogs(paths: list[Path] | None, locales: Path) -> list[Path]:
    """The given .po files (directories are searched), else every .po under ``locales``."""
    if not paths:
        if not locales.is_dir():
            raise InputError(f"no catalogs given and {locales}/ does not exist")
        found = sorted(locales.rglob("*.po"))
        if not found:
            raise InputError(f"no .po files under {locales}/")
        return found
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(p.rglob("*.po"))
        elif not p.exists():
            raise InputError("no such catalog", path=p)
        else:
            out.append(p)
    if not out:
        raise InputError("no .po files in the given folders")
    return out
