"""CLI commands: ``publish`` (editions from reviewed catalogs) and ``compile`` (.po → .mo)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..settings import DEFAULT_EDITIONS, DEFAULT_MAX_ARTICLE_BYTES
from .common import (CatalogsArg, JsonOpt, LocalesOpt, MaxArticleSizeOpt, WordsOpt, catalog_folders, command,
                     locales_folder, project_config, ArticleFormatOpt,
                     emit_json, project_from_options, recover_writes, warn)


_SHOWN = 10  # untranslated segments listed on stderr before "and N more"


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("publish")(publish)
    app.command("compile")(compile_)


def _parse_date(value: str | None) -> dt.date | None:
    from ..errors import InputError

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--date must be YYYY-MM-DD, not {value!r}") from None


@command
def publish(
    article: Annotated[Path, typer.Argument(help="The article file that was translated.", show_default=False)],
    to: Annotated[Optional[str], typer.Option("--to", help="Edition language, e.g. zh or zh-TW (the article's own language gives the corrected source; default: the project file's first 'to').", show_default=False)] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", hidden=True)] = None,
    src: Annotated[Optional[str], typer.Option("--from", help="Language of the article (default: the catalog's source language, else en).")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="Edition format: txt, md or html (default: the article's own).")] = None,
    out: Annotated[Path, typer.Option("--out", help="Directory for the edition files.")] = Path(DEFAULT_EDITIONS),
    locales: LocalesOpt = None,
    domain: Annotated[Optional[str], typer.Option(help="Catalog domain (default: the article's file stem).")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Refuse if any segment is untranslated or fuzzy (and list them), or if transnews check finds errors in the catalog.")] = False,
    min_translated: Annotated[Optional[float], typer.Option("--min-translated", min=0, max=100, help="Refuse if fewer than this percentage of segments are translated.")] = None,
    allow_raw_html: Annotated[bool, typer.Option("--allow-raw-html", help="Markdown articles: keep the article's own raw HTML as written (default: sanitised; translations may never add markup).")] = False,
    keep_comments: Annotated[bool, typer.Option("--keep-comments", help="HTML articles: keep the article's HTML comments in its HTML edition (default: dropped).")] = False,
    bilingual: Annotated[bool, typer.Option("--bilingual", help="Also write a side-by-side source/translation HTML page.")] = False,
    date: Annotated[Optional[str], typer.Option("--date", help="Publication date YYYY-MM-DD shown in the edition (default: the article's date line).")] = None,
    date_format: Annotated[Optional[str], typer.Option("--date-format", help="CLDR pattern of a generated date, e.g. 'MMMM d, yyyy' (US) or 'd MMMM yyyy' (UK); a reviewed translation of the date line wins (default: the project file's [publish] date-format, else the language's long form).")] = None,
    encoding: Annotated[str, typer.Option(help="Encoding of the article file.")] = "utf-8",
    max_article_size: MaxArticleSizeOpt = None,
    article_format: ArticleFormatOpt = None,
    article_format_alias: Annotated[Optional[str], typer.Option("--article-format", hidden=True)] = None,
    glossary: Annotated[Optional[Path], typer.Option(help="Glossary used by translate (its terms are never 'corrected').")] = None,
    no_glossary: Annotated[bool, typer.Option("--no-glossary", help="Translate ran with --no-glossary.")] = False,
    words: WordsOpt = None,
    no_fix: Annotated[bool, typer.Option("--no-fix", help="Translate ran with --no-fix: do not correct the source.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Rebuild ARTICLE in --to's language from its reviewed catalog and write the edition to --out.

    Example: transnews publish news.txt --to zh --format html --strict

    --json prints the files written, the segment and catalog counts (translated, fuzzy,
    untranslated), the segments that fell back to the source text and any warnings.
    """
    from ..errors import InputError
    from ..publish import plan_edition, write_edition

    lang = to or lang or project_config().target
    if lang is None:
        raise InputError("give the edition language with --to, e.g. --to zh")
    article_format = article_format or article_format_alias
    locales = locales_folder(locales)
    project = project_from_options(glossary=glossary, no_glossary=no_glossary, words=words, locales=locales,
                                   fix_source=not no_fix,
                                   max_article_bytes=max_article_size or DEFAULT_MAX_ARTICLE_BYTES)
    recover_writes(locales, out)  # a killed run's half-written catalogs or editions, before reading them
    plan = plan_edition(project, article, lang, src=src, fmt=fmt, bilingual=bilingual, out_dir=out,
                        domain=domain, date=_parse_date(date), strict=strict, min_translated=min_translated,
                        allow_raw_html=allow_raw_html, keep_comments=keep_comments,
                        date_format=date_format or project_config().date_format, encoding=encoding, article_format=article_format)
    result = write_edition(plan)
    edition, written = result.edition, result.written
    for line in result.warnings:
        warn(line)
    if as_json:
        emit_json({"article": str(article), "files": [str(p) for p in written], **edition.summary(),
                   "catalog": result.catalog.as_dict() if result.catalog else None, "warnings": result.warnings})
        return
    for seg in edition.fallback[:_SHOWN]:
        warn(f"{article}:{seg.line}: not translated yet, source text used: {seg.text[:60]!r}")
    if len(edition.fallback) > _SHOWN:
        warn(f"… and {len(edition.fallback) - _SHOWN} more untranslated segment(s) (--json lists all)")
    for path in written:
        typer.echo(f"wrote {path}")
    note = f"; {len(edition.fallback)} segment(s) fell back to the source text" if edition.fallback else ""
    typer.echo(f"{edition.translated}/{edition.total} segments translated ({edition.percent:.1f}%){note}")


@command
def compile_(
    catalogs: CatalogsArg = None,
    locales: LocalesOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the written .mo paths as JSON.")] = False,
) -> None:
    """Compile .po catalogs into .mo files next to them (for Python's gettext); fuzzy entries are left out."""
    from ..publish import compile_catalogs

    locales = locales_folder(locales)
    recover_writes(*catalog_folders(locales, catalogs))
    written = compile_catalogs(project_from_options(locales=locales).find_catalogs(catalogs))
    if as_json:
        emit_json({"compiled": [str(p) for p in written]})
        return
    for path in written:
        typer.echo(f"wrote {path}")
