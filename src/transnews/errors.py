"""One error tree for the whole library.

Every error a user can cause (bad input, missing model, broken catalog) is a
``TransnewsError`` carrying the file and line it is about; the CLI turns it into
one line on stderr and its class's exit code:

====  =======================================================================
code  meaning
====  =======================================================================
0     success
1     ``TransnewsError`` / ``OutputError``: a file cannot be written (or an
      OS error reading or writing one); ``BusyError``: another run holds the
      folder's lock, or a file changed on disk while transnews worked on it
2     ``InputError`` / ``LanguageError``: an article, option or language the
      user gave cannot be used (typer's own usage errors also exit 2)
3     ``ModelError``: a translation model is missing, cannot be installed or is broken
4     ``CatalogError`` / ``StaleCatalogError``: a catalog does not parse, cannot
      be written, is missing, or no longer matches its article
5     ``GlossaryError``: a glossary or terminology file is invalid
6     ``QualityError``: QA found errors, or publishing refused because of review state
70    ``InternalError``: a bug (an invariant of transnews's own does not hold)
130   interrupted (Ctrl-C); nothing was written
====  =======================================================================

``InternalError`` is deliberately *not* a ``TransnewsError``: the user did nothing
wrong and can fix nothing, so code catching user errors must not catch it. The CLI
still reports it in one line (as a bug to report) with its own exit code.
Anything else escaping is a bug too and shows a traceback.
"""

from __future__ import annotations

from pathlib import Path


class TransnewsError(Exception):
    """Base class: a message, optionally anchored to ``path:line``."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint

    def __reduce__(self):
        # Raised in a --jobs worker process and re-raised in the parent: keep path/line/hint
        # (the default pickling would call __init__ with the message only).
        return _restore, (type(self), self.args, self.__dict__)

    def location(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        loc = self.location()
        text = f"{loc}: {self.message}" if loc else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(TransnewsError):
    """An article or option the user gave cannot be used."""

    exit_code = 2


class LanguageError(InputError):
    """Unknown or unsupported language code."""


class ConfigError(InputError):
    """The project file (transnews.toml) is invalid."""


class ModelError(TransnewsError):
    """A translation model is missing, cannot be installed, or is broken."""

    exit_code = 3


class CatalogError(TransnewsError):
    """A gettext catalog does not parse or cannot be written."""

    exit_code = 4


class GlossaryError(TransnewsError):
    """A glossary or terminology file is invalid."""

    exit_code = 5


class QualityError(TransnewsError):
    """QA found errors, or publishing refused because of review state."""

    exit_code = 6


class OutputError(TransnewsError):
    """An edition or .mo file cannot be written."""


class BusyError(TransnewsError):
    """Someone else is writing: another run holds the folder's lock (``--no-wait``), or a
    file changed on disk between being read and being replaced (a reviewer saved it)."""


class StaleCatalogError(CatalogError):
    """The article has sentences its catalog does not know: it changed since translation."""


class InternalError(RuntimeError):
    """A bug: something transnews computed itself is inconsistent (never the user's input)."""

    exit_code = 70  # EX_SOFTWARE (sysexits.h)


def _restore(cls, args, state):
    err = cls.__new__(cls)
    Exception.__init__(err, *args)
    err.__dict__.update(state)
    return err
