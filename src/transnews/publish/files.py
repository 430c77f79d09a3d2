"""All-or-nothing file output for editions and compiled catalogs."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..errors import OutputError
from ..fsio import write_many


def edition_path(out_dir: str | Path, stem: str, lang: str, ext: str) -> Path:
    """``<out>/<stem>.<lang>.<ext>``."""
    return Path(out_dir) / f"{stem}.{lang}.{ext}"


def write_files(files: Mapping[Path, bytes | str]) -> list[Path]:
    """Write every file or none (see :func:`transnews.fsio.write_many`); returns the paths."""
    return write_many(files, error=OutputError)
