"""Atomic file output, shared by every stage that writes.

A file is written to a temporary file in its own directory and moved into
place with ``os.replace``, so a reader (or a crash) never sees half a file.
Several files are written all-or-nothing: all are staged first, then
replaced; if a replace fails part way, the ones already replaced are restored
from hard-link backups.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .errors import TransnewsError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def write_many(files: Mapping[Path, bytes | str], *, error: type[TransnewsError] = TransnewsError,
               skip_unchanged: bool = False) -> list[Path]:
    """Write every file or none; returns the paths actually written.

    ``error`` is the TransnewsError subclass raised (one line, with the path) on failure.
    Existing files keep their permission bits; new ones get the umask's.
    """
    staged = _stage(files, error=error, skip_unchanged=skip_unchanged)
    _replace_all(staged, error=error)
    return [t for _, t in staged]


def _stage(files: Mapping[Path, bytes | str], *, error: type[TransnewsError],
           skip_unchanged: bool) -> list[tuple[Path, Path]]:
    """Write each file's data to a temporary file beside it: ``(temporary, target)`` pairs.
    On any failure the temporary files are removed and nothing else has changed."""
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in files.items():
            target = Path(target)
            payload = data.encode("utf-8") if isinstance(data, str) else data
            if skip_unchanged:
                try:
                    if target.is_file() and target.read_bytes() == payload:
                        continue
                except OSError:
                    pass
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged.append((Path(tmp), target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
            os.chmod(tmp, mode)
    except BaseException as err:  # nothing replaced yet: drop the staged files
        for tmp, _ in staged:
            _unlink_quietly(tmp)
        if isinstance(err, OSError):
            raise error(f"cannot write: {err.strerror or err}",
                        path=getattr(err, "filename", None) or (staged[-1][1] if staged else None)) from None
        raise
    return staged


def _replace_all(staged: list[tuple[Path, Path]], *, error: type[TransnewsError]) -> None:
    """Move every staged file into place; if one move fails, restore the targets already
    replaced from their backups (and remove those that did not exist) before raising."""
    done: list[tuple[Path, Path | None]] = []
    backup = None
    try:
        for tmp, target in staged:
            backup = None
            if target.exists():
                backup = target.with_name(f".{target.name}.bak-{os.getpid()}")
                _unlink_quietly(backup)
                # A hard link keeps the old file reachable without a moment where the target is absent.
                try:
                    os.link(target, backup)
                except OSError:
                    shutil.copy2(target, backup)
            os.replace(tmp, target)
            done.append((target, backup))
    except OSError as err:
        if backup is not None:
            _unlink_quietly(backup)  # its target was not replaced
        for target, old in reversed(done):
            if old is not None:
                os.replace(old, target)
            else:
                _unlink_quietly(target)  # it did not exist before
        for tmp, _ in staged:
            _unlink_quietly(tmp)
        raise error(f"cannot replace: {err.strerror or err}", path=err.filename) from None
    for _, backup in done:
        if backup is not None:
            _unlink_quietly(backup)


def write_atomic(path: Path, data: bytes | str, *, error: type[TransnewsError] = TransnewsError) -> None:
    """Write one file atomically (see :func:`write_many`)."""
    write_many({Path(path): data}, error=error)
