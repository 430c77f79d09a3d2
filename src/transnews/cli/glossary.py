"""``transnews glossary``: list, look up, check, import and export the curated IP glossary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..settings import DEFAULT_SOURCE, DEFAULT_TARGET
from .common import moved_file_option, GlossaryOpt, JsonOpt, command, emit_json, project_from_options, warn

glossary_app = typer.Typer(help="The curated en↔zh IP glossary (glossary/*.tsv).", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(glossary_app, name="glossary")


def _load(glossary: Path | None):
    return project_from_options(glossary=glossary).require_glossary()  # None: ./glossary or the bundled copy


def _row(c) -> dict:
    return {"id": c.id, "en": list(c.en), "abbr": list(c.abbr), "zh": c.zh, "zh_variants": list(c.zh_variants),
            "zh_forbidden": list(c.zh_forbidden), "dnt": c.dnt, "case_sensitive": c.case_sensitive,
            "note": c.note, "source": c.source, "file": c.path, "line": c.line}


def _show(c) -> str:
    en = " / ".join(c.en + c.abbr)
    extra = "  [do not translate]" if c.dnt else ""
    if c.zh_forbidden:
        extra += f"  (never: {', '.join(c.zh_forbidden)})"
    return f"{c.id}: {en} → {c.zh}{extra}"


@glossary_app.command("list")
@command
def list_concepts(glossary: GlossaryOpt = None, as_json: JsonOpt = False) -> None:
    """List every concept: English terms and abbreviations → approved Chinese."""
    g = _load(glossary)
    if as_json:
        emit_json([_row(c) for c in g])
        return
    for c in g:
        typer.echo(_show(c))


@glossary_app.command("lookup")
@command
def lookup(
    term: Annotated[str, typer.Argument(help="An English or Chinese term, abbreviation or concept id.",
                                        show_default=False)],
    glossary: GlossaryOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show the concept(s) for TERM (inflected forms such as "Treaties" or "WIPO's" work too)."""
    g = _load(glossary)
    found = g.lookup(term)
    if as_json:
        emit_json([_row(c) for c in found])
    else:
        for c in found:
            typer.echo(_show(c))
            if c.zh_variants:
                typer.echo(f"  variants: {', '.join(c.zh_variants)}")
            if c.note:
                typer.echo(f"  note: {c.note}")
            typer.echo(f"  source: {c.source}  ({c.where()})")
    if not found:
        if not as_json:
            typer.echo(f"transnews: {term!r} is not in the glossary", err=True)
        raise typer.Exit(1)


@glossary_app.command("check")
@command
def check(glossary: GlossaryOpt = None, as_json: JsonOpt = False) -> None:
    """Validate the glossary files and report every problem (duplicates, conflicting targets,
    empty fields) as file:line; exit 5 when there is any."""
    from ..glossary.store import check_glossary

    g, problems = check_glossary(project_from_options(glossary=glossary).require_glossary_path())
    if problems:
        rows = [{"file": e.path, "line": e.line, "message": e.message} for e in problems]
        if as_json:
            emit_json({"ok": False, "problems": rows})
        else:
            for e in problems:
                typer.echo(f"transnews: error: {e}", err=True)
            if len(problems) > 1:
                typer.echo(f"transnews: {len(problems)} problems in the glossary", err=True)
        raise typer.Exit(5)
    info = {"ok": True, "problems": [], "files": [str(p) for p in g.paths], "concepts": len(g),
            "english_terms": sum(len(c.en) for c in g), "abbreviations": sum(len(c.abbr) for c in g),
            "do_not_translate": sum(c.dnt for c in g), "forbidden_variants": sum(len(c.zh_forbidden) for c in g),
            "ambiguous_forms": sum(len(c.ambiguous) for c in g),
            "target_only_forms": sum(len(c.zh_target_only) for c in g)}
    if as_json:
        emit_json(info)
        return
    typer.echo(f"ok: {info['concepts']} concepts in {len(info['files'])} file(s); {info['english_terms']} English "
               f"terms, {info['abbreviations']} abbreviations, {info['do_not_translate']} do-not-translate, "
               f"{info['forbidden_variants']} forbidden variants, {info['ambiguous_forms']} ambiguous forms "
               f"enforced only in context, {info['target_only_forms']} Chinese forms used as targets only")


@glossary_app.command("import")
@command
def import_file(
    file: Annotated[Path, typer.Argument(help="A TBX (v2 martif or v3) or CSV terminology file.",
                                         show_default=False)],
    glossary: GlossaryOpt = None,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="Write the imported concepts to this .tsv (or directory) instead of the glossary's "
                               "imported.tsv.")] = None,
    src: Annotated[Optional[str], typer.Option("--from", help="Source language of a CSV that names none (default: en).")] = None,
    tgt: Annotated[Optional[str], typer.Option("--to", help="Target language of a CSV that names none (default: zh).")] = None,
    src_alias: Annotated[Optional[str], typer.Option("--source-lang", hidden=True)] = None,
    tgt_alias: Annotated[Optional[str], typer.Option("--target-lang", hidden=True)] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report what would change; write nothing.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Merge FILE's en↔zh concepts into the glossary atomically; report added/skipped/conflicts.

    Example: transnews glossary import terms.tbx --dry-run
    """
    from ..glossary.importing import import_terminology

    moved_file_option(tgt)
    to = output
    src, tgt = src or src_alias or DEFAULT_SOURCE, tgt or tgt_alias or DEFAULT_TARGET
    project = project_from_options(glossary=glossary)
    base = project.glossary_path if to is not None else project.require_glossary_path()
    res = import_terminology(file, base, to=to, src=src, tgt=tgt, dry_run=dry_run)
    if as_json:
        emit_json(res.as_dict())
        return
    for w in res.source.warnings:
        warn(w)
    for c in res.report.conflicts:
        typer.echo(f"conflict: {c}", err=True)
    r = res.report
    verb = "would add" if dry_run else "added"
    typer.echo(f"{file}: {len(res.source.entries)} entries ({res.source.format}"
               f"{' ' + res.source.dialect if res.source.dialect else ''}); {verb} {len(r.added)}, "
               f"skipped {len(r.skipped)} already known, {len(r.conflicts)} conflict(s), "
               f"{len(res.unusable)} without an en↔zh pair")
    if res.written:
        typer.echo(f"wrote {res.dest}")


@glossary_app.command("export")
@command
def export(
    fmt: Annotated[str, typer.Option("--format", help="tbx (TBX-Basic v3) or csv.")] = "tbx",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Output file (default: standard output).")] = None,
    glossary: GlossaryOpt = None,
) -> None:
    """Export the glossary as TBX-Basic v3 or CSV (for CAT tools, Weblate, spreadsheets)."""
    from ..glossary.interchange import exporter
    from ..glossary.tsv import write_atomic

    write = exporter(fmt)  # an unknown format is refused before the glossary is read
    g = _load(glossary)
    text = write(g.concepts)
    if out is None:
        typer.echo(text, nl=False)
    else:
        write_atomic(out, text)
        typer.echo(f"wrote {out} ({len(g)} concepts)", err=True)
