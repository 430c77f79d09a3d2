"""``transnews fix``: name-safe typo and spacing correction of a source article."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..settings import DEFAULT_MAX_ARTICLE_BYTES
from .common import (ArticleFormatOpt, GlossaryOpt, InputFormatAliasOpt, source_language, MaxArticleSizeOpt, WordsOpt, command, emit_json,
                     project_from_options)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("fix")(fix)


@command
def fix(
    article: Annotated[Path, typer.Argument(help="Article file to correct (text, Markdown or HTML).",
                                            show_default=False)],
    in_place: Annotated[bool, typer.Option("--in-place", help="Write the corrected article back to ARTICLE "
                                           "(atomically) instead of printing it.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the corrected text, changes and "
                                          "suggestions as one JSON object.")] = False,
    lang: Annotated[Optional[str], typer.Option("--from", "--lang", help="Language of the article (default: the project file's, else en). Spelling is corrected "
                                      "for English only; other languages get the spacing rules, Chinese "
                                      "(zh, zt) also full-width punctuation. An article clearly in another "
                                      "script (Chinese given as en) is refused.")] = None,
    cjk_spacing: Annotated[Optional[str], typer.Option(
        "--cjk-spacing", show_default=False, help="Chinese articles: spaces between Chinese and Latin words or "
        "numbers. none (default): removed, as mainland news writes them (\"2026年\", \"由WIPO主办\"); "
        "space: one space (\"2026 年\", \"由 WIPO 主办\"); keep: as written.")] = None,
    encoding: Annotated[str, typer.Option(help="Encoding of the article file (also used when writing "
                                          "it back).")] = "utf-8",
    max_article_size: MaxArticleSizeOpt = None,
    fmt: ArticleFormatOpt = None,
    fmt_alias: InputFormatAliasOpt = None,
    glossary: GlossaryOpt = None,
    no_glossary: Annotated[bool, typer.Option("--no-glossary", help="Do not protect glossary terms.")] = False,
    words: WordsOpt = None,
) -> None:
    """Correct source typos and spacing in ARTICLE, touching nothing else.

    Example: transnews fix news.txt --from en --json

    Prints the corrected article on stdout and the list of changes on stderr; only
    confident corrections are applied, uncertain ones are listed as suggestions.
    Names, acronyms, numbers, URLs, abbreviations and glossary terms are never changed.

    The article's script is checked first: a Chinese article run with the default
    --from en (or an English one with --from zh) is refused with one line saying which
    --from to pass. It is not switched silently: the language decides how sentences
    are split and which rules apply, so the translator says it.
    """
    from ..errors import InputError
    from ..normalize import CJK_SPACING, DEFAULT_CJK_SPACING, fix_file, is_chinese, is_english, write_atomic
    from ..text import check_language

    code = check_language(source_language(lang), option="--from")
    fmt = fmt or fmt_alias
    cjk_spacing = cjk_spacing or DEFAULT_CJK_SPACING
    if cjk_spacing not in CJK_SPACING:
        raise InputError(f"unknown --cjk-spacing {cjk_spacing!r}; choose one of: {', '.join(CJK_SPACING)}")
    project = project_from_options(glossary=glossary, no_glossary=no_glossary, words=words,
                                   max_article_bytes=max_article_size or DEFAULT_MAX_ARTICLE_BYTES)
    speller = project.speller if is_english(code) else None
    result = fix_file(article, code, speller, encoding=encoding, fmt=fmt,
                      max_bytes=project.settings.max_article_bytes, cjk_spacing=cjk_spacing)
    rules = "spacing and punctuation rules" if is_chinese(code) else "spacing rules"
    written = False
    if in_place and result.changed:
        write_atomic(article, result.text, encoding)
        written = True
    if as_json:
        data = result.as_dict(include_text=not in_place)
        data["written"] = written
        if not result.spelling:
            data["note"] = f"spelling correction is English-only; only {rules} were applied ({code})"
        emit_json(data)
        return
    if not in_place:
        typer.echo(result.text, nl=False)
    if not result.spelling:
        typer.echo(f"transnews: note: spelling correction is English-only; only {rules} were "
                   f"applied ({code})", err=True)
    for ch in result.changes:
        typer.echo(f"{article}:{ch.line}: {ch.kind}: {ch.shown(result.original)}", err=True)
    for sug in result.suggestions:
        typer.echo(f"{article}:{sug.line}: suggestion: {sug.describe()}", err=True)
    where = f"; wrote {article}" if written else ""
    typer.echo(f"{article}: {len(result.changes)} change(s), {len(result.suggestions)} suggestion(s){where}",
               err=True)
