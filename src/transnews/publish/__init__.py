"""Publishing: target-language editions rebuilt from reviewed catalogs, the bilingual
review page, and compiled ``.mo`` catalogs."""

from __future__ import annotations

from .edition import (EXTENSIONS, FORMAT_ALIASES, OUTPUTS, Edition, StaleCatalogError, check_policy,
                      format_date, html_lang, publish_edition, resolve)
from .files import OutputError, edition_path, write_files
from .mo import compile_catalogs, mo_bytes
from .pages import render_bilingual

__all__ = [
    "EXTENSIONS", "FORMAT_ALIASES", "OUTPUTS", "Edition", "OutputError", "StaleCatalogError",
    "check_policy", "compile_catalogs", "edition_path", "format_date", "html_lang", "mo_bytes",
    "publish_edition", "render_bilingual", "resolve", "write_files",
]
