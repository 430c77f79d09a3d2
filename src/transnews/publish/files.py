"""All-or-nothing file output for editions and compiled catalogs."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..errors import TransnewsError


class OutputError(TransnewsError):
    """An edition or .mo file cannot be written."""


def edition_path(out_dir: str | Path, stem: str, lang: str, ext: str) -> Path:
    """``<out>/<stem>.<lang>.<ext>``."""
    return Path(out_dir) / f"{stem}.{lang}.{ext}"


def write_files(files: Mapping[Path, bytes | str]) -> list[Path]:
    """Write every file or none: temp files in each target's directory, then ``os.replace``.

    If a replace fails part way, files already replaced are restored from backups.
    Returns the paths written.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in files.items():
            target = Path(target)
            payload = data.encode("utf-8") if isinstance(data, str) else data
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged.append((Path(tmp), target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
            os.chmod(tmp, mode)
    except OSError as err:
        _discard(staged)
        raise OutputError(f"cannot write: {err.strerror or err}",
                          path=getattr(err, "filename", None) or (staged[-1][1] if staged else None)) from None
    except BaseException:
        _discard(staged)
        raise
    done: list[tuple[Path, Path | None]] = []
    try:
        for tmp, target in staged:
            backup = None
            if target.exists():
                backup = target.with_name(f".{target.name}.bak-{os.getpid()}")
                if backup.exists():
                    backup.unlink()
                # A hard link keeps the old file reachable without a moment where the target is absent.
                try:
                    os.link(target, backup)
                except OSError:
                    shutil.copy2(target, backup)
            done.append((target, backup))
            os.replace(tmp, target)
    except OSError as err:
        for target, backup in reversed(done):
            if backup is not None and backup.exists():
                os.replace(backup, target)
            elif backup is None and target.exists():
                target.unlink()
        _discard(staged)
        raise OutputError(f"cannot replace: {err.strerror or err}", path=err.filename) from None
    for _, backup in done:
        if backup is not None:
            try:
                backup.unlink()
            except OSError:
                pass
    return [t for _, t in staged]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _discard(staged) -> None:
    for tmp, _ in staged:
        try:
            tmp.unlink()
        except OSError:
            pass
