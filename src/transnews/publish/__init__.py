"""Publishing: target-language editions rebuilt from reviewed catalogs, the bilingual
review page, and compiled ``.mo`` catalogs.

A script publishes as the ``publish`` command does with ``plan_edition`` (which
catalog, which source language, preconditions) and ``write_edition``.
"""

from __future__ import annotations

from ..errors import OutputError, StaleCatalogError
from .edition import format_date, html_lang, resolve
from .files import edition_path, write_files
from .mo import compile_catalogs, mo_bytes
from .bilingual import render_bilingual
from .plan import EditionPlan, PublishResult, build_edition, plan_edition, write_edition
from .render import EXTENSIONS, FORMAT_ALIASES, OUTPUTS, Edition, check_policy, publish_edition

__all__ = [
    "EXTENSIONS", "FORMAT_ALIASES", "OUTPUTS", "Edition", "EditionPlan", "OutputError", "PublishResult",
    "StaleCatalogError", "build_edition", "check_policy", "compile_catalogs", "edition_path", "format_date",
    "html_lang", "mo_bytes", "plan_edition", "publish_edition", "render_bilingual", "resolve", "write_edition",
    "write_files",
]
