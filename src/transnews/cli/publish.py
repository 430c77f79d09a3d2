"""CLI commands: ``publish`` (editions from reviewed catalogs) and ``compile`` (.po → .mo)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import command, emit_json, find_catalogs, glossary_path, settings_from_env, warn


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


def _correct(article, glossary: Optional[Path], no_glossary: bool):
    """Apply the same source corrections as ``translate`` so segments match the catalog's msgids."""
    from ..pipeline import load_settings_glossary, prepare_articles

    settings = settings_from_env(glossary_path=glossary_path(glossary, no_glossary))
    return prepare_articles([article], settings, load_settings_glossary(settings))[0]


@command
def publish(
    article: Annotated[Path, typer.Argument(help="The article file that was translated.", show_default=False)],
    lang: Annotated[str, typer.Option("--lang", help="Edition language, e.g. zh (the article's own language gives the corrected source).", show_default=False)],
    src: Annotated[Optional[str], typer.Option("--from", help="Language of the article (default: the catalog's source language, else en).")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="Edition format: txt, md or html (default: the article's own).")] = None,
    out: Annotated[Path, typer.Option("--out", help="Directory for the edition files.")] = Path("editions"),
    locales: Annotated[Path, typer.Option("--locales", help="Locales directory holding the catalogs.")] = Path("locales"),
    domain: Annotated[Optional[str], typer.Option(help="Catalog domain (default: the article's file stem).")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Refuse if any segment is untranslated or fuzzy (and list them).")] = False,
    min_translated: Annotated[Optional[float], typer.Option("--min-translated", min=0, max=100, help="Refuse if fewer than this percentage of segments are translated.")] = None,
    bilingual: Annotated[bool, typer.Option("--bilingual", help="Also write a side-by-side source/translation HTML page.")] = False,
    date: Annotated[Optional[str], typer.Option("--date", help="Publication date YYYY-MM-DD shown in the edition (default: the article's date line).")] = None,
    encoding: Annotated[str, typer.Option(help="Encoding of the article file.")] = "utf-8",
    article_format: Annotated[Optional[str], typer.Option("--article-format", help="How to read the article: text, markdown or html (default: by suffix).")] = None,
    glossary: Annotated[Optional[Path], typer.Option(help="Glossary used by translate (its terms are never 'corrected').")] = None,
    no_glossary: Annotated[bool, typer.Option("--no-glossary", help="Translate ran with --no-glossary.")] = False,
    no_fix: Annotated[bool, typer.Option("--no-fix", help="Translate ran with --no-fix: do not correct the source.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary (files, counts, fallback segments).")] = False,
) -> None:
    """Rebuild ARTICLE in --lang from its reviewed catalog and write the edition to --out."""
    from ..catalog import catalog_paths, load_po
    from ..errors import CatalogError, InputError
    from ..ingest import read_article
    from ..languages import check_language
    from ..publish import EXTENSIONS, edition_path, publish_edition, render_bilingual, write_files

    lang = check_language(lang, option="--lang")
    src = check_language(src, option="--from") if src else None
    when = _parse_date(date)
    if not article.is_file():
        raise InputError("no such file" if not article.exists() else "not an article file", path=article)
    dom = domain or article.stem
    po = None
    po_path = catalog_paths(locales, dom, lang)[1]
    if (src is None or lang != src) and po_path.exists():
        po = load_po(po_path)
        src = src or po.metadata.get("X-Source-Language") or None
    src = src or "en"
    if lang == src:
        po = None  # the source-language edition is the corrected source: no catalog
    elif po is None:
        raise CatalogError(f"no {lang} catalog for this article (run transnews translate --to {lang} first)",
                           path=po_path)
    if bilingual and lang == src:
        raise InputError(f"--bilingual needs an edition language different from the article's ({src})")
    art = read_article(article, src, encoding=encoding, fmt=article_format)
    if not no_fix:
        art = _correct(art, glossary, no_glossary)
    edition = publish_edition(art, po, lang=lang, fmt=fmt, strict=strict, min_translated=min_translated,
                              date=when)
    files = {edition_path(out, art.domain, lang, EXTENSIONS[edition.fmt]): edition.text}
    if bilingual:
        files[edition_path(out, art.domain, f"{src}-{lang}", "html")] = render_bilingual(art, po, lang, date=when)
    written = write_files(files)
    if as_json:
        emit_json({"article": str(article), "files": [str(p) for p in written], **edition.summary()})
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
    catalogs: Annotated[Optional[list[Path]], typer.Argument(help="Catalogs (.po) or folders; default: all under --locales.", show_default=False)] = None,
    locales: Annotated[Path, typer.Option("--locales", help="Locales directory searched when no catalog is given.")] = Path("locales"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the written .mo paths as JSON.")] = False,
) -> None:
    """Compile .po catalogs into .mo files next to them (for Python's gettext); fuzzy entries are left out."""
    from ..publish import compile_catalogs

    written = compile_catalogs(find_catalogs(catalogs, locales))
    if as_json:
        emit_json({"compiled": [str(p) for p in written]})
        return
    for path in written:
        typer.echo(f"wrote {path}")
