"""gettext catalogs: templates, msgmerge-style updates, translation memory, atomic writes.

``entries`` holds the in-memory model (polib objects), ``pofile`` the file I/O
with a GNU-compatible writer, ``tm`` the translation memory and ``tmx`` TMX 1.4.
"""

from __future__ import annotations

from .entries import (COMMENT_LABELS, FUZZY_THRESHOLD, GENERATOR, MT_KEYS, UpdateResult, UpdateStats, apply_tm,
                      build_template, catalog_paths, display_path, get_comment, has_translation, header_metadata, is_reviewed,
                      new_catalog, set_comment, update)
from .pofile import dumps, load_po, loads_po, write_atomic

__all__ = [
    "COMMENT_LABELS", "FUZZY_THRESHOLD", "GENERATOR", "MT_KEYS", "UpdateResult", "UpdateStats", "apply_tm",
    "build_template", "catalog_paths", "display_path", "dumps", "get_comment", "has_translation", "header_metadata", "is_reviewed",
    "load_po", "loads_po", "new_catalog", "set_comment", "update", "write_atomic",
]
