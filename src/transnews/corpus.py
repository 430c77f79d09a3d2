"""Many articles in one ``translate``: which catalogs a run makes, in what chunks, and
which of them are already done.

The unit of work is a :class:`CatalogJob`: one catalog (domain) and the articles it is
built from. A run's jobs come from the article paths alone (folders are searched
recursively, quoted globs expanded), so a run over an archive knows its work before
reading a byte of it. The jobs are cut into chunks of about :data:`DEFAULT_CHUNK`
articles; each chunk is read, translated and written (atomically) before the next one
starts, so memory stays flat whatever the corpus size, and the manifest
(:mod:`transnews.manifest`) is saved after each chunk, so a killed run resumes where
it stopped and an unchanged re-run has nothing to do. Local, ``--jobs N`` and cluster
runs cut the same chunks: MT sees the same batches, and the catalogs are the same
bytes.

This module imports nothing heavy: deciding that nothing needs doing costs hashing
the articles and catalogs, not loading a glossary or a model.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

# Articles per chunk: enough for full MT batches, few enough that a chunk's articles,
# catalogs and drafts stay small (measured in benchmarks/archive_bench.py).
DEFAULT_CHUNK = 32
# The suffixes a folder is searched for (ingest reads any file it is given).
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class CatalogJob:
    """One catalog of a run and the articles it is built from."""

    domain: str
    paths: tuple[Path, ...]

    def key(self, lang: str) -> str:
        return f"{lang}/{self.domain}"


def article_domain(path: str | Path, rule: str = "stem", root: str | Path | None = None) -> str:
    """The catalog domain of an article under the project's rule.

    >>> article_domain("2024/05/index.html")
    'index'
    >>> article_domain("/site/2024/05/index.html", "path", "/site")
    '2024-05-index'

    "path" names it after its path below ``root`` (the project folder; default: the
    working directory), suffix dropped; an article outside that folder keeps its stem.
    """
    path = Path(path)
    if rule != "path":
        return path.stem
    base = Path(root) if root is not None else Path.cwd()
    try:
        rel = path.resolve().relative_to(base.resolve())
    except ValueError:
        return path.stem
    return "-".join(rel.with_suffix("").parts) or path.stem


def expand_articles(paths: Sequence[str | Path]) -> list[Path]:
    """The article files named by ``paths``: files as given, folders searched recursively
    for article suffixes (hidden entries skipped), and patterns with ``*``/``?``/``[``
    (``'archive/**/*.html'``) expanded when no file has that literal name. Order: as
    given, each folder or pattern's files sorted; a file named twice counts once."""
    if not paths:
        raise InputError("no article given")
    out: dict[Path, None] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = _search(path)
            if not found:
                raise InputError(f"no article files ({', '.join(ARTICLE_SUFFIXES)}) in this folder", path=path)
        elif not path.exists() and _GLOB_CHARS & set(str(given)):
            found = sorted(Path(p) for p in glob.glob(str(given), recursive=True) if Path(p).is_file())
            if not found:
                raise InputError("no file matches this pattern", path=given)
        else:
            found = [path]  # missing or unreadable: ingest says so, naming it
        out.update(dict.fromkeys(found))
    return list(out)


def _search(folder: Path) -> list[Path]:
    found = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(top) / f for f in sorted(files)
                  if not f.startswith(".") and Path(f).suffix.lower() in ARTICLE_SUFFIXES]
    return found


def plan_jobs(paths: Iterable[Path], domain: str | None = None, *, rule: str = "stem",
              root: str | Path | None = None) -> list[CatalogJob]:
    """One job per domain, in first-seen order; ``domain`` puts every article in one."""
    groups: dict[str, list[Path]] = {}
    for path in paths:
        groups.setdefault(domain or article_domain(path, rule, root), []).append(Path(path))
    return [CatalogJob(dom, tuple(ps)) for dom, ps in groups.items()]


def chunk_jobs(jobs: Sequence[CatalogJob], size: int = DEFAULT_CHUNK) -> list[list[CatalogJob]]:
    """Consecutive jobs in chunks of at least ``size`` articles (a job is never split:
    its catalog is written once)."""
    chunks: list[list[CatalogJob]] = [[]]
    count = 0
    for job in jobs:
        if count >= size:
            chunks.append([])
            count = 0
        chunks[-1].append(job)
        count += len(job.paths)
    return [c for c in chunks if c]


def chunk_paths(chunk: Sequence[CatalogJob]) -> list[Path]:
    """A chunk's article paths, in job order (the order its articles are read in)."""
    return [p for job in chunk for p in job.paths]


def chunk_groups(chunk: Sequence[CatalogJob], articles: Sequence) -> dict[str, list]:
    """The chunk's articles (read in :func:`chunk_paths` order) grouped by catalog domain."""
    it = iter(articles)
    return {job.domain: [next(it) for _ in job.paths] for job in chunk}
