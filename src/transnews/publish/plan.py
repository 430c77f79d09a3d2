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

``--strict`` also runs the checks of ``transnews check`` (the review package's, with
the project's glossary) and refuses a catalog they find errors in; without it, an
edition whose catalog is mostly untranslated carries a warning (``PublishResult.warnings``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from ..errors import CatalogError, InputError, QualityError
from ..model import Article
from ..settings import DEFAULT_EDITIONS, DEFAULT_SOURCE

if TYPE_CHECKING:
    from ..review import CatalogStats, Check
    from .render import Edition

# Above this share of catalog entries untranslated or fuzzy, an edition is mostly source text.
MOSTLY_UNTRANSLATED = 0.5

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
    date_format: str | None = None  # CLDR pattern of a generated date (None: the locale's long form)
    strict: bool = False
    min_translated: float | None = None
    allow_raw_html: bool = False  # a Markdown source's raw HTML kept as written (not sanitised)
    keep_comments: bool = False  # an HTML article's comments kept in its HTML edition (default: dropped)
    checks: tuple[Check, ...] = ()  # with strict: the QA checks whose errors refuse the edition
    name: str = ""  # the editions' file stem: the article's domain under the project's rule


@dataclass
class PublishResult:
    edition: Edition
    files: dict[Path, str] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    catalog: CatalogStats | None = None  # the catalog's review state (None: source-language edition)
    warnings: list[str] = field(default_factory=list)


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
                 keep_comments: bool = False, date_format: str | None = None,
                 article_format: str | None = None) -> EditionPlan:
    """Decide how the ``lang`` edition of ``article_path`` is made (see the module docstring).

    Raises ``InputError`` (no such article, a bilingual page of the source language,
    bad language), ``LanguageError`` and ``CatalogError`` (no catalog for ``lang``).
    """
    from ..corpus import article_domain
    from ..ingest import parse, read_text
    from ..text import check_language, check_target

    lang = check_target(lang, option="--lang")  # zh-TW → zh_TW: the catalog's folder
    src = check_language(src, option="--from") if src else None
    article_path = Path(article_path)
    text = read_text(article_path, encoding, max_bytes=project.settings.max_article_bytes)
    name = article_domain(article_path, project.settings.domain_rule, project.settings.project_root)
    po_path, po = _catalog(project, domain or name, lang, src)
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
    art = project.prepare_articles([parse(text, article_path, src, article_format,
                                          front_matter_keys=project.settings.front_matter_keys)])[0]
    return EditionPlan(article=art, lang=lang, src=src, po=po, po_path=po_path, out_dir=Path(out_dir), fmt=fmt,
                       bilingual=bilingual, date=date, strict=strict, min_translated=min_translated,
                       allow_raw_html=allow_raw_html, checks=_strict_checks(project) if strict else (),
                       keep_comments=keep_comments, date_format=date_format, name=name)


def _strict_checks(project) -> tuple[Check, ...]:
    """The checks ``transnews check`` runs with this project's glossary (one home: review)."""
    from ..review import default_checks

    return tuple(default_checks(project.glossary))


def _refuse_check_errors(plan: EditionPlan) -> None:
    """``--strict``: refuse a catalog in which ``transnews check`` finds errors."""
    from ..review import check_catalog

    errors = [f for f in check_catalog(plan.po, plan.po_path, list(plan.checks)) if f.severity == "error"]
    if errors:
        first = errors[0]
        raise QualityError(f"--strict: transnews check finds {len(errors)} error(s) in this catalog; "
                           f"the first: {first.check}: {first.message} — {first.excerpt!r}",  # capped: one line
                           path=first.path, line=first.line or None)


def _review_state(plan: EditionPlan) -> tuple[CatalogStats | None, list[str]]:
    """The catalog's counts, and a warning when most of its entries are not translated yet."""
    from ..review import catalog_stats

    if plan.po is None:
        return None, []
    stats = catalog_stats(plan.po, plan.po_path)
    pending = stats.fuzzy + stats.untranslated
    if not stats.total or pending <= MOSTLY_UNTRANSLATED * stats.total:
        return stats, []
    return stats, [f"{plan.po_path}: MOSTLY UNTRANSLATED: {pending} of {stats.total} entries "
                   f"({100 * pending / stats.total:.0f}%) are untranslated or fuzzy; the {plan.lang} edition "
                   "shows the source text for them"]


def build_edition(plan: EditionPlan) -> PublishResult:
    """The edition (and the bilingual page) in memory; ``QualityError`` when policy refuses."""
    # From the modules, not the package: the package imports this module (no cycle).
    from .files import edition_path
    from .bilingual import render_bilingual
    from .render import EXTENSIONS, publish_edition

    art = plan.article
    edition = publish_edition(art, plan.po, lang=plan.lang, fmt=plan.fmt, strict=plan.strict,
                              min_translated=plan.min_translated, date=plan.date,
                              allow_raw_html=plan.allow_raw_html, keep_comments=plan.keep_comments,
                              date_format=plan.date_format)
    if plan.strict and plan.po is not None:
        _refuse_check_errors(plan)
    catalog, warnings = _review_state(plan)
    files = {edition_path(plan.out_dir, plan.name or art.domain, plan.lang, EXTENSIONS[edition.fmt]): edition.text}
    if plan.bilingual:
        page = edition_path(plan.out_dir, plan.name or art.domain, f"{plan.src}-{plan.lang}", "html")
        files[page] = render_bilingual(art, plan.po, plan.lang, date=plan.date, date_format=plan.date_format)
    return PublishResult(edition=edition, files=files, catalog=catalog, warnings=warnings)


def write_edition(plan: EditionPlan) -> PublishResult:
    """Build the edition and write every file or none."""
    from .files import write_files

    result = build_edition(plan)
    result.written = write_files(result.files)
    return result
