"""``transnews fix``: name-safe typo and spacing correction of a source article."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..settings import DEFAULT_SOURCE
from .common import ArticleFormatOpt, GlossaryOpt, WordsOpt, command, emit_json, project_from_options


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
    lang: Annotated[str, typer.Option("--lang", help="Language of the article. Spelling is corrected "
                                      "for English only; other languages get the spacing rules.")] = DEFAULT_SOURCE,
    encoding: Annotated[str, typer.Option(help="Encoding of the article file (also used when writing "
                                          "it back).")] = "utf-8",
    fmt: ArticleFormatOpt = None,
    glossary: GlossaryOpt = None,
    no_glossary: Annotated[bool, typer.Option("--no-glossary", help="Do not protect glossary terms.")] = False,
    words: WordsOpt = None,
) -> None:
    """Correct source typos and spacing in ARTICLE, touching nothing else.

    Prints the corrected article on stdout and the list of changes on stderr; only
    confident corrections are applied, uncertain ones are listed as suggestions.
    Names, acronyms, numbers, URLs, abbreviations and glossary terms are never changed.
    """
    from ..text import check_language
    from ..normalize import fix_file, is_english, write_atomic

    code = check_language(lang, option="--lang")
    project = project_from_options(glossary=glossary, no_glossary=no_glossary, words=words)
    speller = project.speller if is_english(code) else None
    result = fix_file(article, code, speller, encoding=encoding, fmt=fmt)
    written = False
    if in_place and result.changed:
        write_atomic(article, result.text, encoding)
        written = True
    if as_json:
        data = result.as_dict(include_text=not in_place)
        data["written"] = written
        if not result.spelling:
            data["note"] = f"spelling correction is English-only; only spacing rules were applied ({code})"
        emit_json(data)
        return
    if not in_place:
        typer.echo(result.text, nl=False)
    if not result.spelling:
        typer.echo(f"transnews: note: spelling correction is English-only; only spacing rules were "
                   f"applied ({code})", err=True)
    for ch in result.changes:
        typer.echo(f"{article}:{ch.line}: {ch.kind}: {ch.shown(result.original)}", err=True)
    for sug in result.suggestions:
        typer.echo(f"{article}:{sug.line}: suggestion: {sug.describe()}", err=True)
    where = f"; wrote {article}" if written else ""
    typer.echo(f"{article}: {len(result.changes)} change(s), {len(result.suggestions)} suggestion(s){where}",
               err=True)
