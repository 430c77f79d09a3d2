"""``transnews translate``: articles → machine-translated, reviewable gettext catalogs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..corpus import DEFAULT_CHUNK
from ..settings import (DEFAULT_BATCH, DEFAULT_BEAM, DEFAULT_MAX_ARTICLE_BYTES)
from .common import (ArticleFormatOpt, BatchTokensOpt, ComputeTypeOpt, DeviceOpt, ThreadsOpt, engine_options, GlossaryOpt, InputFormatAliasOpt, LocalesOpt, source_language, target_language, MaxArticleSizeOpt, Progress, WordsOpt, command, emit_json,
                     project_from_options)


def register(app: typer.Typer) -> None:
    app.command("translate")(translate)


@command
def translate(
    articles: Annotated[list[Path], typer.Argument(help=(
        "Article files (text, Markdown or HTML), folders (searched recursively for .txt, .md, .html) or "
        "quoted patterns such as 'archive/**/*.html'."), show_default=False)],
    src: Annotated[str, typer.Option("--from", help="Source language code, e.g. en. An article clearly written in another script (a Chinese article with --from en) is refused, naming the --from to pass; it is never switched silently. Default: the project file's, else en.")] = None,
    tgt: Annotated[Optional[str], typer.Option("--to", help="Target language, e.g. zh, zh-TW, zh-HK (default: the project file's first 'to', else zh).")] = None,
    locales: LocalesOpt = None,
    out: Annotated[Optional[Path], typer.Option("--out", hidden=True)] = None,  # the old name of --locales
    domain: Annotated[Optional[str], typer.Option(help=(
        "Catalog domain (default: each article's file stem; two articles with one stem, or one whose "
        "stem's catalog belongs to another article, are refused: give each its own --domain)."))] = None,
    beam: Annotated[int, typer.Option("--beam", min=1, max=16, help="Beam size for decoding.")] = DEFAULT_BEAM,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Max sentences per CTranslate2 batch.")] = DEFAULT_BATCH,
    batch_tokens: BatchTokensOpt = None,
    device: DeviceOpt = None,
    compute_type: ComputeTypeOpt = None,
    threads: ThreadsOpt = None,
    offline: Annotated[bool, typer.Option("--offline", help="Never download a model; fail if it is missing.")] = False,
    encoding: Annotated[str, typer.Option(help="Encoding of the article files.")] = "utf-8",
    max_article_size: MaxArticleSizeOpt = None,
    fmt: ArticleFormatOpt = None,
    fmt_alias: InputFormatAliasOpt = None,
    glossary: GlossaryOpt = None,
    no_glossary: Annotated[bool, typer.Option("--no-glossary", help="Do not recognise or enforce glossary terms.")] = False,
    words: WordsOpt = None,
    no_fix: Annotated[bool, typer.Option("--no-fix", help="Do not correct source typos and spacing before MT.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run summary as JSON.")] = False,
    no_wait: Annotated[bool, typer.Option("--no-wait", help=(
        "Fail at once if another transnews run is writing to the locales folder (default: wait for it)."))] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help=(
        "Worker processes for reading, fixing and tagging articles (MT stays in one process, batched); "
        "the catalogs are the same as with one."))] = 1,
    chunk_size: Annotated[int, typer.Option("--chunk-size", min=1, help=(
        "Articles read, translated and written together; each finished chunk is kept if the run is "
        "interrupted, and the next run resumes after it."))] = DEFAULT_CHUNK,
    cluster: Annotated[Optional[str], typer.Option("--cluster", help=(
        "Translate the chunks on Ray: 'ray' starts one on this machine, 'ray://host:port' joins a running "
        "cluster (articles and locales on storage every node sees); catalogs are written here, the same as "
        "a local run's. Needs the extra: pip install 'transnews[ray]'."), show_default=False)] = None,
    cluster_actors: Annotated[Optional[int], typer.Option("--cluster-actors", min=1, help=(
        "Ray actors for --cluster, each with its own model (and one GPU with --device cuda); "
        "default: one per GPU, else one per two CPUs of the cluster."), show_default=False)] = None,
) -> None:
    """Translate ARTICLES into gettext catalogs with machine-translated drafts (flagged fuzzy).

    Example: transnews translate news.txt --from en --to zh --locales locales

    An archive: transnews translate archive/ --jobs 2 (catalogs are written as each chunk
    of articles finishes; run it again after an interruption and it resumes).
    """
    from ..stream import translate_articles
    from .common import warn

    src, tgt, fmt = source_language(src), target_language(tgt), fmt or fmt_alias
    project = project_from_options(glossary=glossary, no_glossary=no_glossary, words=words, locales=locales or out,
                                   offline=offline, beam_size=beam, batch_size=batch_size, fix_source=not no_fix,
                                   max_article_bytes=max_article_size or DEFAULT_MAX_ARTICLE_BYTES,
                                   **engine_options(device=device, compute_type=compute_type, threads=threads,
                                                    batch_tokens=batch_tokens))
    progress = Progress(enabled=not as_json)
    try:
        summary = translate_articles(articles, src=src, tgt=tgt, project=project, domain=domain,
                                     encoding=encoding, fmt=fmt, progress=progress, wait=not no_wait, notify=warn,
                                     jobs=jobs, chunk_size=chunk_size, cluster=cluster,
                                     cluster_actors=cluster_actors)
    finally:
        progress.close()
    if as_json:
        emit_json(summary.as_dict())
    else:
        _print_summary(summary)


# More catalogs than this (an archive run) are totalled in one line; --json lists each.
_LISTED = 20


def _print_catalogs(summary) -> None:
    cats = summary.catalogs
    if len(cats) <= _LISTED:
        for cat in cats:
            typer.echo(f"{cat.po_path}: {cat.entries} entries, {cat.machine_translated} machine-translated, "
                       f"{cat.from_tm} from memory, {cat.kept} kept, {cat.fuzzy} fuzzy, {cat.obsolete} obsolete")
    else:
        total = {k: sum(getattr(c, k) for c in cats) for k in ("entries", "machine_translated", "from_tm", "kept")}
        typer.echo(f"{len(cats)} catalogs: {total['entries']} entries, {total['machine_translated']} "
                   f"machine-translated, {total['from_tm']} from memory, {total['kept']} kept")
    if summary.up_to_date:
        typer.echo(f"{summary.up_to_date} catalog(s) unchanged since they were written: left as they are")


def _print_summary(summary) -> None:
    for ch in summary.changes:
        typer.echo(f"{ch['file']}:{ch['line']}: source corrected: {ch['shown']}", err=True)
    for sug in summary.suggestions:
        typer.echo(f"{sug['file']}:{sug['line']}: {sug['suggestion']}", err=True)
    if summary.nothing_to_do:
        typer.echo(f"nothing to do: {summary.up_to_date} catalog(s) unchanged since they were written "
                   "(articles, glossary, settings and catalogs as the last run left them)")
        return
    _print_catalogs(summary)
    if summary.engine:
        typer.echo(f"engine: {summary.engine}; {summary.mt_segments} segments in {summary.mt_calls} batch call(s)")
    else:
        typer.echo("engine: not needed (nothing new to translate)")
    rate = summary.term_success_rate
    if rate is not None:
        occ = sum(c.term_occurrences for c in summary.catalogs)
        typer.echo(f"glossary: term success rate {rate:.3f} over {occ} term occurrences; "
                   f"{sum(c.violations for c in summary.catalogs)} violation(s), "
                   f"{sum(c.repaired for c in summary.catalogs)} repaired segment(s)"
                   + (f" (repair rate {summary.repair_rate:.3f})" if summary.repair_rate is not None else ""))
