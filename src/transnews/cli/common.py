"""Shared CLI plumbing: error mapping, JSON output, progress bars, the project, shared options."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional, TypeVar

import typer

from ..errors import InternalError, TransnewsError
from .resolve import (engine_options, locales_folder, project_config, project_from_options,  # noqa: F401
                      source_language, target_language)

F = TypeVar("F", bound=Callable[..., Any])


def command(fn: F) -> F:
    """Wrap a command so library errors become one line on stderr and an exit code.

    Done per command (not in ``main``) so typer's CliRunner sees the same behaviour.
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        project_config.cache_clear()  # the working folder or the file may differ from the last command
        try:
            return fn(*args, **kwargs)
        except TransnewsError as err:
            fail(str(err), err.exit_code)
        except InternalError as err:  # a bug: say so, so it is reported rather than "fixed" by the user
            fail(f"internal error: {err} (this is a bug in transnews; please report it)", err.exit_code)
        except BrokenPipeError:  # `transnews glossary list | head`: the reader has all it wants
            _quiet_stdout()
            raise typer.Exit(0) from None
        except OSError as err:  # permissions, full disk: still one clear line
            where = f"{err.filename}: " if getattr(err, "filename", None) else ""
            fail(f"{where}{err.strerror or err}", 1)
        except KeyboardInterrupt:
            fail("interrupted; nothing was written", 130)

    return wrapper  # type: ignore[return-value]


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"transnews: error: {message}", err=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    typer.echo(f"transnews: warning: {message}", err=True)


def emit_json(data: Any) -> None:
    from .output import json_text

    typer.echo(json_text(data))


class Progress:
    """A progress callback for library code: ``progress(done, total, label)``.

    Draws on stderr so ``--json`` output on stdout stays machine-readable.
    """

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self._bar = None
        self._label = None
        self._detail = ""
        self._done = 0

    def __call__(self, done: int, total: int, label: str = "") -> None:
        """``label`` names the bar; text after " · " is a running detail shown beside it
        ("Articles · 4512 sentences"), not a new bar."""
        if not self.enabled or total <= 0:
            return
        label, _, self._detail = label.partition(" · ")
        if self._bar is None or label != self._label:
            self.close()
            self._bar = typer.progressbar(length=total, label=label, file=sys.stderr,
                                          item_show_func=lambda _item: self._detail or None)
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


# Options that several commands share, spelt and explained once (typer reads the
# Annotated metadata; each command gives the default).
CatalogsArg = Annotated[Optional[list[Path]], typer.Argument(
    help="Catalogs (.po) or folders; default: all under --locales.", show_default=False)]
LocalesOpt = Annotated[Optional[Path], typer.Option(
    "--locales", help="Locales directory (default: the project file's, else ./locales).", show_default=False)]
GlossaryOpt = Annotated[Optional[Path], typer.Option(
    "--glossary", help="Glossary directory or file (default: ./glossary, else the bundled one).")]
WordsOpt = Annotated[Optional[Path], typer.Option(
    "--words", help="Project word list, one word per line (default: words.txt in the glossary's folder, "
                    "i.e. the glossary directory or the folder holding the glossary file).")]
ArticleFormatOpt = Annotated[Optional[str], typer.Option(
    "--input-format", help="Article format: text, markdown or html (default: by suffix).")]
# Old spellings kept working but not shown: --format now always names an output format.
InputFormatAliasOpt = Annotated[Optional[str], typer.Option("--format", hidden=True)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


_SIZE_UNITS = {"": 1, "b": 1, "k": 1 << 10, "kib": 1 << 10, "kb": 10**3, "m": 1 << 20, "mib": 1 << 20,
               "mb": 10**6, "g": 1 << 30, "gib": 1 << 30, "gb": 10**9}


def parse_size(value: str) -> int:
    """A byte count as a user writes it: ``52428800``, ``50M``/``50MiB`` (binary), ``50MB`` (decimal)."""
    import re

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", str(value))
    unit = _SIZE_UNITS.get(m.group(2).lower()) if m else None
    if unit is None or float(m.group(1)) * unit < 1:
        raise typer.BadParameter(f"{value!r} is not a size (give e.g. 100M, 2G or a number of bytes)")
    return int(float(m.group(1)) * unit)


def _one_of(name: str) -> Callable[[str | None], str | None]:
    """A callback refusing a value not in ``transnews.settings.<name>`` (imported only then)."""

    def check(value: str | None) -> str | None:
        from .. import settings

        choices = getattr(settings, name)
        if value is not None and value not in choices:
            raise typer.BadParameter(f"{value!r} is not one of: {', '.join(choices)}")
        return value

    return check


# CTranslate2 options (transnews.engine.argos); None: the project file's, else the default.
DeviceOpt = Annotated[Optional[str], typer.Option(
    "--device", callback=_one_of("DEVICES"), metavar="cpu|cuda|auto", show_default=False,
    help="Where the model runs: cpu, cuda (a clear error where CTranslate2 finds no CUDA device) or "
         "auto (CUDA where there is one, else the CPU). Default: the project file's, else "
         "$ARGOS_DEVICE_TYPE, else cpu.")]
ComputeTypeOpt = Annotated[Optional[str], typer.Option(
    "--compute-type", callback=_one_of("COMPUTE_TYPES"), metavar="TYPE", show_default=False,
    help="CTranslate2 compute type: auto (default: the fastest the device supports), default (as the "
         "model was converted; int8 for Argos models), int8, int8_float32, float32; on a GPU also "
         "float16, bfloat16, int8_float16.")]
ThreadsOpt = Annotated[Optional[int], typer.Option(
    "--threads", min=0, metavar="N", show_default=False,
    help="CPU threads per batch (CTranslate2 intra_threads). Default 1, with one batch per core "
         "translated side by side: the fastest measured; 0: CTranslate2's own choice (4).")]
BatchTokensOpt = Annotated[Optional[int], typer.Option(
    "--batch-tokens", min=1, metavar="N", show_default=False,
    help="Batch by tokens: at most N source tokens per CTranslate2 batch instead of --batch-size "
         "sentences (batches are length-sorted either way).")]


MaxArticleSizeOpt = Annotated[Optional[int], typer.Option(
    "--max-article-size", parser=parse_size, metavar="SIZE",
    help="Largest article file read, e.g. 200M (default: 50M; bigger files are refused as runaway input).")]


def recover_writes(*directories: Path | None) -> None:
    """Before a command reads catalogs or editions: finish or roll back what a killed run
    left half written under ``directories`` (``fsio.recover_interrupted_writes``), one
    warning line per repair, so nothing is read out of step."""
    from ..fsio import recover_interrupted_writes

    for folder in dict.fromkeys(Path(d) for d in directories if d is not None):
        if folder.is_dir():
            for note in recover_interrupted_writes(folder):
                warn(note)


def catalog_folders(locales: Path, catalogs: list[Path] | None) -> list[Path]:
    """The folders ``recover_writes`` looks in for catalogs a command was given: the locales
    folder by default; a given folder; a given ``<locales>/<lang>/LC_MESSAGES/x.po``'s
    ``<locales>`` (where a batch's record lies). A loose .po elsewhere is repaired by the next write."""
    if not catalogs:
        return [locales]
    folders = []
    for path in catalogs:
        if path.is_dir():
            folders.append(path)
        elif path.parent.name == "LC_MESSAGES" and len(path.parts) >= 4:
            folders.append(path.parents[2])
    return folders


def moved_file_option(value: str | None, *, option: str = "--to", new: str = "--output") -> None:
    """``--to`` names a language in every command; an old script passing a file there gets
    one line saying which option took the file over."""
    from ..errors import InputError
    from ..text import is_language_tag

    if value is not None and not is_language_tag(value):
        raise InputError(f"{option} {value!r} is not a language: {option} names a language in every "
                         f"command; give the file with {new}")


OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write.", show_default=False)]
