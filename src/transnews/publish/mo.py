"""``.po`` → ``.mo``: the binary catalogs Python's ``gettext`` (and GNU gettext) load."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import CatalogError
from .files import write_files


def mo_bytes(po) -> bytes:
    """The GNU .mo image of a parsed catalog: translated, non-fuzzy entries and the header."""
    return po.to_binary()


def compile_catalogs(paths: Iterable[str | Path]) -> list[Path]:
    """Write ``X.mo`` next to each ``X.po``; every catalog is parsed before any file is written."""
    from ..catalog import load_po

    files: dict[Path, bytes] = {}
    for path in paths:
        path = Path(path)
        if path.suffix != ".po":
            raise CatalogError("not a .po catalog", path=path)
        po = load_po(path)
        files[path.with_suffix(".mo")] = mo_bytes(po)
    if not files:
        raise CatalogError("no catalogs to compile")
    return write_files(files)
