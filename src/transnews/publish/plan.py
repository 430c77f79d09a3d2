"""Planning an edition: which catalog, which source language, and whether it can be published.

``plan_edition`` makes every decision the ``publish`` command makes before an
edition is built, so a script gets the same answers::

    project = Project.from_settings(Settings.from_env())
    plan = plan_edition(project, "news.txt", "zh", fmt="html", bilingual=True)
    result = write_edition(plan)           # every file or none
    print(result.written, result.edition.percent)

The source language is the one given, else the catalog's ``X-Source-Language``,
else English; the catalog is ``<locales>/<lang>/LC_MESSAGES/<domain>.po``; the
article is read and corrected exactly as ``translate`` read it (same project, so
the same glossary and word list), so its segments match the catalog's msgids.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from ..errors import CatalogError, InputError
from ..model import Article
from ..settings import DEFAULT_EDITIONS, DEFAULT_SOURCE

if TYPE_CHECKING:
    from .render import Edition

@dataclass(frozen=True)
class EditionPlan:
    """Everything an edition is built from; nothing has been written yet."""

    article: Article  # read and corrected as translate read it
    lang: str  # the edition's language
    src: str  # the article's language
    po: polib.POFile | None  # the reviewed catalog; None for the source-language edition
    po_path: Path
    out_dir: Path = Path(DEFAULT_EDITIONS)
    fmt: str | None = None  # None: the article's own format
    bilingual: bool = False  # also the side-by-side source/translation page
    date: dt.date | None = None  # None: the article's date line
    strict: bool = False
    min_translated: float | None = None
    allow_raw_html: bool = False  # a Markdown source's raw HTML kept as written (not sanitised)


@dataclass
class PublishResult:
    edition: Edition
    files: dict[Path, str] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)


def _catalog(project, domain: str, lang: str, src: str | None) -> tuple[Path, polib.POFile | None]:
    """The ``lang`` catalog's path, and the catalog when an edition would use it."""
    from ..catalog import catalog_paths, load_po

    po_path = catalog_paths(project.locales_dir, domain, lang)[1]
    if (src is None or lang != src) and po_path.exists():
        return po_path, load_po(po_path)
    return po_path, None


def plan_edition(project, article_path: str | Path, lang: str, *, src: str | None = None,
                 fmt: str | None = None, bilingual: bool = False, out_dir: str | Path = DEFAULT_EDITIONS,
                 domain: str | None = None, date: dt.date | None = None, strict: bool = False,
                 min_translated: float | None = None, allow_raw_html: bool = False, encoding: str = "utf-8",
                 article_format: str | None = None) -> EditionPlan:
    """Decide how the ``lang`` edition of ``article_path`` is made (see the module docstring).

    Raises ``InputError`` (no such article, a bilingual page of the source language,
    bad language), ``LanguageError`` and ``CatalogError`` (no catalog for ``lang``).
    """
    from ..ingest import read_article
    from ..text import check_language

    lang = check_language(lang, option="--lang")
    src = check_language(src, option="--from") if src else None
    article_path = Path(article_path)
    if not article_path.is_file():
        raise InputError("no such file" if not article_path.exists() else "not an article file", path=article_path)
    po_path, po = _catalog(project, domain or article_path.stem, lang, src)
    if po is not None:
        src = src or po.metadata.get("X-Source-Language") or None
    src = src or DEFAULT_SOURCE
    if lang == src:
        po = None  # the source-language edition is the corrected source: no catalog
    elif po is None:
        raise CatalogError(f"no {lang} catalog for this article (run transnews translate --to {lang} first)",
                           path=po_path)
    if bilingual and lang == src:
        raise InputError(f"--bilingual needs an edition language different from the article's ({src})")
    art = read_article(article_path, src, encoding=encoding, fmt=article_format)
    art = project.prepare_articles([art])[0]
    return EditionPlan(article=art, lang=lang, src=src, po=po, po_path=po_path, out_dir=Path(out_dir), fmt=fmt,
                       bilingual=bilingual, date=date, strict=strict, min_translated=min_translated,
                       allow_raw_html=allow_raw_html)


def build_edition(plan: EditionPlan) -> PublishResult:
    """The edition (and the bilingual page) in memory; ``QualityError`` when policy refuses."""
    # From the modules, not the package: the package imports this module (no cycle).
    from .files import edition_path
    from .pages import render_bilingual
    from .render import EXTENSIONS, publish_edition

    art = plan.article
    edition = publish_edition(art, plan.po, lang=plan.lang, fmt=plan.fmt, strict=plan.strict,
                              min_translated=plan.min_translated, date=plan.date,
                              allow_raw_html=plan.allow_raw_html)
    files = {edition_path(plan.out_dir, art.domain, plan.lang, EXTENSIONS[edition.fmt]): edition.text}
    if plan.bilingual:
        page = edition_path(plan.out_dir, art.domain, f"{plan.src}-{plan.lang}", "html")
        files[page] = render_bilingual(art, plan.po, plan.lang, date=plan.date)
    return PublishResult(edition=edition, files=files)


def write_edition(plan: EditionPlan) -> PublishResult:
    """Build the edition and write every file or none."""
    from .files import write_files

    result = build_edition(plan)
    result.written = write_files(result.files)
    return result
