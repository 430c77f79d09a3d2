"""The translate job over many articles: jobs → manifest → chunks → catalogs, as it goes.

:mod:`transnews.corpus` says what the catalogs are; this module runs them. Under the
locales folder's lock, a run skips every catalog whose articles, inputs and files
match the manifest (an unchanged re-run says "nothing to do" without loading a
glossary or a model), then reads, translates and writes the rest chunk by chunk
(:meth:`transnews.pipeline.TranslateRun.process`), recording each finished chunk in
the manifest. A killed run leaves finished catalogs recorded and the manifest marked
"running"; the next run keeps them and says it is resuming.

With ``jobs > 1`` the CPU stages of each article (read, segment, fix, recognise) run
in a pool of worker processes, one chunk ahead of MT, which stays in this process in
one batch per chunk: the catalogs are the same bytes as with one job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from .corpus import (DEFAULT_CHUNK, CatalogJob, chunk_groups, chunk_jobs, chunk_paths, expand_articles,
                     plan_jobs)
from .engine.base import Engine, ProgressFn
from .errors import TransnewsError
from .model import Article
from .languages import check_pair
from .pipeline import RunSummary, TranslateRun, load_articles
from .project import Project
from .settings import Settings

_Todo = tuple[CatalogJob, dict[str, str]]  # a job and its articles' digests, taken before reading


class StreamRun:
    """One ``translate`` over any number of articles (see the module docstring)."""

    def __init__(self, project: Project, src: str, tgt: str, out_dir: Path, *, engine: Engine | None = None,
                 progress: ProgressFn | None = None, wait: bool = True,
                 notify: Callable[[str], None] | None = None, encoding: str = "utf-8", fmt: str | None = None,
                 jobs: int = 1, chunk_size: int = DEFAULT_CHUNK, cluster: str | None = None,
                 cluster_actors: int | None = None) -> None:
        self.project, self.src, self.tgt, self.out_dir = project, src, tgt, Path(out_dir)
        self.encoding, self.fmt, self.jobs, self.chunk_size = encoding, fmt, max(1, jobs), chunk_size
        self.cluster, self.cluster_actors = cluster, cluster_actors  # see transnews.cluster
        if cluster:
            from .cluster import check_cluster

            check_cluster(cluster)  # refused before any work (a bad address, the extra missing)
        self.progress, self.wait = progress, wait
        self.run = TranslateRun(project, src, tgt, self.out_dir, engine=engine, progress=progress,
                                wait=wait, notify=notify)
        self.notify = self.run.notify
        self.summary: RunSummary = self.run.summary

    def translate(self, paths: Sequence[Path], domain: str | None = None) -> RunSummary:
        from .fsio import FolderLock
        from .manifest import Manifest, pending

        s = self.project.settings
        jobs = plan_jobs(paths, domain, rule=s.domain_rule, root=s.project_root)
        with FolderLock(self.out_dir, wait=self.wait, on_wait=self.notify):
            manifest = Manifest.load(self.out_dir)
            inputs = self.inputs_digest(domain)
            todo = pending(jobs, manifest, self.tgt, inputs)
            self.summary.up_to_date = len(jobs) - len(todo)
            if not todo:
                if self.run.engine is not None:
                    self.summary.engine = self.run.engine.describe()
                return self.summary
            self.summary.resumed = manifest.interrupted and self.summary.up_to_date > 0
            if self.summary.resumed:
                self.notify(f"resuming an interrupted run: {self.summary.up_to_date} of {len(jobs)} "
                            "catalogs were already written and are kept")
            self.check_owners(todo, domain_given=domain is not None)
            self.write_chunks(todo, manifest, inputs, domain_given=domain is not None)
        return self.summary

    def inputs_digest(self, domain: str | None) -> str:
        """One digest of everything but the articles that shapes the catalogs."""
        from .manifest import run_digest

        engine = self.run.engine
        return run_digest(self.project, self.src, self.tgt, self.out_dir, domain=domain, encoding=self.encoding,
                          fmt=self.fmt, model=engine.describe() if engine is not None else None)

    def check_owners(self, todo: list[_Todo], *, domain_given: bool) -> None:
        """Refuse a shared or taken-over catalog before anything is written (one line)."""
        from .catalog import catalog_paths
        from .catalog.identity import check_owners, read_owner_header

        existing = {}
        for job, _ in todo:
            po_path = catalog_paths(self.out_dir, job.domain, self.tgt)[1]
            if po_path.is_file():
                existing[po_path] = read_owner_header(po_path)
        check_owners({job.domain: list(job.paths) for job, _ in todo}, existing, self.out_dir, self.tgt,
                     domain_given=domain_given)

    def write_chunks(self, todo: list[_Todo], manifest, inputs: str, *, domain_given: bool) -> None:
        """Each chunk read, translated and written, then recorded; a failure says what was kept."""
        from .catalog import catalog_paths

        chunks = chunk_jobs([job for job, _ in todo], self.chunk_size)
        digests = {job.domain: d for job, d in todo}
        total = sum(len(job.paths) for job, _ in todo)
        self.run.memory()
        self.run.forget_unused({catalog_paths(self.out_dir, job.domain, self.tgt)[1] for job, _ in todo})
        if len(chunks) > 1:
            self.run.progress = None  # one bar for the whole run (articles), not one per chunk's MT
        written = 0  # the manifest says "running" from the first written chunk on
        try:
            for chunk, articles, sentences in self.finished(chunks, domain_given=domain_given):
                for job in chunk:
                    manifest.record(job.key(self.tgt), digests[job.domain], inputs,
                                    catalog_paths(self.out_dir, job.domain, self.tgt))
                manifest.save(running=True)
                written += len(chunk)
                self._count(articles, sentences, total)
        except TransnewsError:
            if written:
                self.notify(f"{written} of {len(todo)} catalogs were written before this error and are "
                            "kept; fix it and run the same command again: they are not redone")
            raise
        manifest.save()

    def finished(self, chunks: list[list[CatalogJob]], *,
                 domain_given: bool) -> Iterator[tuple[list[CatalogJob], int, int]]:
        """Each chunk written (here, or translated on the cluster): (chunk, articles, sentences)."""
        if self.cluster:
            from .cluster import run_chunks

            yield from run_chunks(self, chunks, domain_given=domain_given)
            return
        for chunk, articles in self.prepared(chunks):
            self.run.process(chunk_groups(chunk, articles), domain_given=domain_given)
            yield chunk, len(articles), sum(len(a.segments) for a in articles)

    def _count(self, articles: int, sentences: int, total: int) -> None:
        self.summary.articles += articles
        self.summary.sentences += sentences
        if self.progress is not None:
            self.progress(self.summary.articles, total, f"Articles · {self.summary.sentences} sentences")

    def prepared(self, chunks: list[list[CatalogJob]]) -> Iterator[tuple[list[CatalogJob], list[Article]]]:
        """Each chunk with its articles read, fixed and tagged: here, or in ``jobs`` worker
        processes working one chunk ahead (memory: two chunks at most)."""
        if self.jobs == 1:
            for chunk in chunks:
                yield chunk, load_articles(chunk_paths(chunk), self.src, self.project, encoding=self.encoding,
                                           fmt=self.fmt)
            return
        yield from _pooled(chunks, self.jobs, (self.project.settings, self.src, self.encoding, self.fmt))


def _pooled(chunks, jobs: int, init: tuple) -> Iterator[tuple[list[CatalogJob], list[Article]]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: the parent may already run CTranslate2's (OpenMP) threads.
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_worker_init, initargs=init)
    try:
        futures = [pool.submit(_worker_load, p) for p in chunk_paths(chunks[0])]
        for i, chunk in enumerate(chunks):
            current = futures
            if i + 1 < len(chunks):
                futures = [pool.submit(_worker_load, p) for p in chunk_paths(chunks[i + 1])]
            yield chunk, [f.result() for f in current]
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


_WORKER: dict = {}


def _worker_init(settings, src: str, encoding: str, fmt: str | None) -> None:
    _WORKER.update(project=Project.from_settings(settings), src=src, encoding=encoding, fmt=fmt)


def _worker_load(path: Path) -> Article:
    w = _WORKER
    return load_articles([path], w["src"], w["project"], encoding=w["encoding"], fmt=w["fmt"])[0]


def translate_articles(
    paths: Sequence[str | Path], *, src: str, tgt: str, project: Project | None = None,
    settings: Settings | None = None, out_dir: Path | None = None, domain: str | None = None,
    encoding: str = "utf-8", fmt: str | None = None, engine: Engine | None = None,
    progress: ProgressFn | None = None, wait: bool = True, notify: Callable[[str], None] | None = None,
    jobs: int = 1, chunk_size: int | None = None, cluster: str | None = None, cluster_actors: int | None = None,
) -> RunSummary:
    """Translate ``paths`` (files, folders searched recursively, quoted globs) into catalogs
    under ``out_dir`` (default: the project's locales), chunk by chunk (see the module docstring).

    Give a ``project``, or ``settings`` to build one from. ``engine`` defaults to the
    Argos model for the pair (installed on first use). Another run writing to the same
    folder is waited for (``wait=False``: BusyError at once); ``notify`` gets the
    one-line notes on waiting, merging and resuming (default: the "transnews" logger).
    ``jobs``: worker processes for the CPU stages. ``cluster``: "ray" or "ray://host:port",
    chunks translated by ``cluster_actors`` Ray actors (see transnews.cluster).
    """
    if project is None:
        project = Project.from_settings(settings if settings is not None else Settings.from_env())
    src, tgt = check_pair(src, tgt)
    run = StreamRun(project, src, tgt, out_dir if out_dir is not None else project.locales_dir,
                    engine=engine, progress=progress, wait=wait, notify=notify, encoding=encoding, fmt=fmt,
                    jobs=jobs, chunk_size=chunk_size or DEFAULT_CHUNK, cluster=cluster,
                    cluster_actors=cluster_actors)
    return run.translate(expand_articles(paths), domain)
