"""``translate --cluster``: a run's chunks translated by Ray actors, written here.

The driver (:class:`transnews.stream.StreamRun`) cuts the same chunks as a local run
(:func:`transnews.corpus.chunk_jobs`) and hands them to Ray Data as one row each.
``map_batches`` runs :class:`ChunkWorker`, a callable class, in ``actors`` actors: each
loads the project and the model once, then per chunk reads the articles, plans and
translates the catalogs and returns them as text (``TranslateRun.render_chunk``),
writing nothing. The driver writes each chunk in order (``TranslateRun.commit``,
atomic), records it in the manifest as a local run does, and re-does a chunk here
when a reviewer saved one of its catalogs meanwhile. So the catalogs are the same
bytes as a local run's, and only the driver writes to the locales folder.

Every actor drafts from the driver's translation memory (the locale as the run found
it), shipped once through Ray's object store: an actor reading the locale itself
would see catalogs the driver wrote meanwhile. Articles and the locales folder must
be at the same path on every node (shared storage): actors read the chunk's articles
and catalogs there, from the driver's working directory, so ``#:`` references and
X-Source-Files are the same.

Ray is an optional extra (``transnews[ray]``), imported only here, only when a run
asks for a cluster.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .corpus import chunk_groups, chunk_paths
from .errors import BusyError, InputError, TransnewsError

if TYPE_CHECKING:
    from .corpus import CatalogJob
    from .pipeline import Rendered
    from .stream import StreamRun

INSTALL_HINT = "install it with: pip install 'transnews[ray]' (in a checkout: uv sync --extra ray)"
# Passed on to the actors: catalog headers' dates (reproducible runs) follow the driver's.
_PASSED_ENV = ("SOURCE_DATE_EPOCH",)


def check_address(cluster: str) -> str:
    """``ray`` (a Ray started on this machine, or the one this process already joined) or
    ``ray://host:port`` (an existing cluster); anything else is refused (one line)."""
    if cluster == "ray" or (cluster.startswith("ray://") and len(cluster) > len("ray://")):
        return cluster
    raise InputError(f"--cluster {cluster!r}: give 'ray' (a local Ray) or 'ray://host:port' (a running cluster)")


def check_cluster(cluster: str) -> None:
    """A usable ``--cluster``: a known address and Ray installed (one line otherwise)."""
    check_address(cluster)
    import_ray()


def import_ray():
    """Ray, or one line saying how to install it."""
    # Read when ray is first imported: Ray's hook for a driver started by `uv run` re-creates the
    # environment for each worker from that command line (without the ray extra, so workers
    # cannot even import ray); workers run this interpreter instead.
    os.environ.setdefault("RAY_ENABLE_UV_RUN_RUNTIME_ENV", "0")
    try:
        import ray
        import ray.data  # noqa: F401  (Ray Data needs pyarrow: part of the extra)
    except ImportError:
        raise InputError("--cluster needs Ray, which is not installed", hint=INSTALL_HINT) from None
    return ray


@dataclass
class ChunkDone:
    """What an actor sends back for one chunk: its files (or the error it met) and its figures."""

    rendered: Rendered | None
    calls: int = 0
    segments: int = 0
    articles: int = 0
    sentences: int = 0
    engine: str | None = None
    changes: list[dict] = field(default_factory=list)
    suggestions: list[dict] = field(default_factory=list)
    error: TransnewsError | None = None


class ChunkWorker:
    """One Ray actor: the project and the model loaded once; each call renders one chunk."""

    def __init__(self, settings, src: str, tgt: str, out_dir: str, cwd: str, encoding: str,
                 fmt: str | None, tm_ref: list, env: dict[str, str]) -> None:
        import ray

        from .pipeline import make_engine
        from .project import Project

        os.environ.update(env)
        os.chdir(cwd)  # the driver's: relative article paths and #: references read the same
        self.src, self.tgt, self.out_dir, self.encoding, self.fmt = src, tgt, Path(out_dir), encoding, fmt
        self.project = Project.from_settings(settings)
        self.engine = make_engine(settings, src, tgt, None)
        self.tm = ray.get(tm_ref[0])

    def __call__(self, batch: dict) -> dict:
        return {"index": batch["index"], "done": [pickle.dumps(self.render(*pickle.loads(blob)))
                                                  for blob in batch["chunk"]]}

    def render(self, chunk: list[CatalogJob], domain_given: bool) -> ChunkDone:
        from .pipeline import TranslateRun, load_articles, source_notes

        try:
            articles = load_articles(chunk_paths(chunk), self.src, self.project, encoding=self.encoding, fmt=self.fmt)
            # A run per chunk, as the local loop's process(): the chunk's own drafts and MT counts.
            run = TranslateRun(self.project, self.src, self.tgt, self.out_dir, engine=self.engine, tm=self.tm)
            rendered = run.render_chunk(chunk_groups(chunk, articles), domain_given=domain_given)
        except TransnewsError as err:  # raised by the driver at this chunk's turn, as locally
            return ChunkDone(None, error=err)
        changes, suggestions = source_notes(articles)
        return ChunkDone(rendered, run.usage.calls, run.usage.segments, len(articles),
                         sum(len(a.segments) for a in articles), self.engine.describe(), changes, suggestions)


def connect(cluster: str):
    """Ray, joined to the cluster ``cluster`` names (a local one started if none runs)."""
    ray = import_ray()
    if not ray.is_initialized():
        address = None if cluster == "ray" else cluster
        ray.init(address=address, include_dashboard=False, log_to_driver=False,
                 logging_level="ERROR")
    return ray


def default_actors(ray, device: str) -> int:
    """One actor per GPU on a GPU run; else one per two CPUs (each runs CTranslate2's threads)."""
    res = ray.cluster_resources()
    if device == "cuda":
        return max(1, int(res.get("GPU", 1)))
    return max(1, int(res.get("CPU", 2)) // 2)


def run_chunks(stream: StreamRun, chunks: list[list[CatalogJob]], *,
               domain_given: bool) -> Iterator[tuple[list[CatalogJob], int, int]]:
    """Each chunk translated on the cluster and written here, in order: (chunk, articles,
    sentences) once it is written, for the caller to record."""
    ray = connect(stream.cluster)
    s = stream.project.settings
    actors = stream.cluster_actors or default_actors(ray, s.device)
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True  # written and recorded in the local run's order
    env = {k: os.environ[k] for k in _PASSED_ENV if k in os.environ}
    worker_args = dict(settings=s, src=stream.src, tgt=stream.tgt, out_dir=str(stream.out_dir),
                       cwd=os.getcwd(), encoding=stream.encoding, fmt=stream.fmt,
                       tm_ref=[ray.put(stream.run.memory())], env=env)
    rows = [{"index": i, "chunk": pickle.dumps((c, domain_given))} for i, c in enumerate(chunks)]
    ds = ray.data.from_items(rows, override_num_blocks=len(rows)).map_batches(
        ChunkWorker, batch_size=1, concurrency=actors, num_gpus=1 if s.device == "cuda" else 0,
        fn_constructor_kwargs=worker_args)
    for row in ds.iter_rows():
        chunk = chunks[int(row["index"])]
        done = pickle.loads(row["done"])
        if done.error is not None:
            raise done.error
        commit(stream, chunk, done, domain_given=domain_given)
        yield chunk, done.articles, done.sentences


def commit(stream: StreamRun, chunk: list[CatalogJob], done: ChunkDone, *, domain_given: bool) -> None:
    """Write an actor's chunk; when one of its catalogs was saved since the actor read it,
    do the chunk again here (the local merge: the reviewer's edits win)."""
    from .pipeline import load_articles

    run = stream.run
    try:
        run.commit(done.rendered)
    except BusyError as err:
        run.notify(f"{err.path}: saved by someone else while the cluster translated it; merging here")
        articles = load_articles(chunk_paths(chunk), stream.src, stream.project, encoding=stream.encoding,
                                 fmt=stream.fmt)
        run.process(chunk_groups(chunk, articles), domain_given=domain_given)
        return
    run.summary.changes += done.changes
    run.summary.suggestions += done.suggestions
    run.usage.calls += done.calls
    run.usage.segments += done.segments
    run.summary.mt_calls, run.summary.mt_segments = run.usage.calls, run.usage.segments
    run.summary.engine = done.engine or run.summary.engine
