"""``transnews translate``: articles → machine-translated, reviewable gettext catalogs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..corpus import DEFAULT_CHUNK
from ..settings import DEFAULT_BATCH, DEFAULT_BEAM
from .common import (ArticleFormatOpt, BatchTokensOpt, ComputeTypeOpt, DeviceOpt, GlossaryOpt, InputFormatAliasOpt,
                     LocalesOpt, MaxArticleSizeOpt, Progress, ThreadsOpt, WordsOpt, command, emit_json)


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
    params = dict(locals())  # the options by name, as the launcher's fast path passes them too
    from ..stream import translate_articles
    from ..summary import summary_lines
    from .common import warn
    from .resolve import translate_request

    req = translate_request(params)
    progress = Progress(enabled=not req.as_json)
    try:
        summary = translate_articles(req.articles, src=req.src, tgt=req.tgt, project=req.project,
                                     domain=req.domain, encoding=req.encoding, fmt=req.fmt, progress=progress,
                                     wait=req.wait, notify=warn, jobs=req.jobs, chunk_size=req.chunk_size,
                                     cluster=req.cluster, cluster_actors=req.cluster_actors)
    finally:
        progress.close()
    if req.as_json:
        emit_json(summary.as_dict())
        return
    out, err = summary_lines(summary)
    for line in err:
        typer.echo(line, err=True)
    for line in out:
        typer.echo(line)
