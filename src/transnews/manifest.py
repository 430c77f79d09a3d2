"""What the last ``translate`` run consumed and produced, so an unchanged re-run is free.

A small JSON file in the locales folder (``.transnews-manifest.json``) records, per
catalog (language + domain): the digest of each article it was built from, one
digest of everything else that shapes it (languages, options, glossary and word
list contents, model, transnews version: :func:`inputs_digest`), and the digests of
the .pot/.po as written. A run whose articles, inputs and catalogs all still match
has nothing to do; a reviewer's save, an edited article or a changed glossary each
make that catalog (only that one) be done again.

It is a cache: a missing, unreadable or foreign manifest only means the work is
done again, never an error; it is written atomically after the catalogs.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .fsnames import BATCH_PREFIX, LOCK_NAME

MANIFEST_NAME = ".transnews-manifest.json"
_FORMAT = 1
# Settings that do not change what a catalog holds (where files are fetched from, limits
# on downloads, the folders themselves): left out of the digest, so changing them redoes nothing.
NOT_OUTPUT = ("index_url", "offline", "downloads_dir", "max_model_bytes", "download_deadline",
              "download_timeout", "cache_dir", "locales_dir", "max_article_bytes")


def file_digest(path: str | Path) -> str | None:
    """sha256 of a regular file's bytes; None when it cannot be read, or is not a regular
    file (a FIFO would block the read: ingest refuses it with its own message)."""
    try:
        path = Path(path)
        if not stat.S_ISREG(path.stat().st_mode):
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def tree_digest(path: str | Path | None, patterns: Iterable[str] = ("*",)) -> str:
    """One digest over a file, or over a folder's files matching ``patterns`` (names and
    contents, in name order); "" for None, "missing" when absent."""
    if path is None:
        return ""
    path = Path(path)
    if path.is_file():
        return file_digest(path) or "unreadable"
    if not path.is_dir():
        return "missing"
    h = hashlib.sha256()
    files = sorted({f for p in patterns for f in path.glob(p) if f.is_file()})
    for f in files:
        h.update(f.name.encode() + b"\0" + (file_digest(f) or "unreadable").encode() + b"\0")
    return h.hexdigest()


def inputs_digest(parts: Mapping[str, object]) -> str:
    """One digest of the run's settings and inputs other than the articles."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


@dataclass
class Record:
    """One catalog as the last run left it."""

    articles: dict[str, str]  # resolved article path -> sha256
    inputs: str
    files: dict[str, str]  # resolved .pot/.po path -> sha256 as written

    def matches(self, articles: Mapping[str, str], inputs: str) -> bool:
        if dict(articles) != self.articles or inputs != self.inputs or not self.files:
            return False
        return all(file_digest(p) == d for p, d in self.files.items())


@dataclass
class Manifest:
    """The records of one locales folder, loaded from and saved to its manifest file."""

    path: Path
    records: dict[str, Record] = field(default_factory=dict)
    # Set while a run is writing (saved after each chunk), cleared when it finishes: a run
    # that finds it set knows the last one was interrupted, and that it is resuming.
    interrupted: bool = False

    @classmethod
    def load(cls, locales: str | Path) -> "Manifest":
        path = Path(locales) / MANIFEST_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            records = {k: Record(dict(r["articles"]), str(r["inputs"]), dict(r["files"]))
                       for k, r in data["catalogs"].items()} if data.get("format") == _FORMAT else {}
            interrupted = bool(data.get("running")) and bool(records)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            records, interrupted = {}, False  # no manifest, or not one we wrote: the work is done again
        return cls(path, records, interrupted)

    @staticmethod
    def key(lang: str, domain: str) -> str:
        return f"{lang}/{domain}"

    def unchanged(self, key: str, articles: Mapping[str, str], inputs: str) -> bool:
        rec = self.records.get(key)
        return rec is not None and rec.matches(articles, inputs)

    def record(self, key: str, articles: Mapping[str, str], inputs: str, files: Iterable[str | Path]) -> None:
        self.records[key] = Record(dict(articles), inputs,
                                   {str(Path(f).resolve()): file_digest(f) or "" for f in files})

    def save(self, *, running: bool = False) -> None:
        """Write it atomically; ``running``: a run is still writing catalogs."""
        from .fsio import write_atomic

        data = {"format": _FORMAT, "running": running, "catalogs": {k: {"articles": r.articles, "inputs": r.inputs, "files": r.files}
                                                for k, r in sorted(self.records.items())}}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, json.dumps(data, indent=1, sort_keys=True) + "\n")


def article_digests(paths: Iterable[str | Path]) -> dict[str, str]:
    return {str(Path(p).resolve()): file_digest(p) or "unreadable" for p in paths}


def run_digest(project, src: str, tgt: str, out_dir: str | Path, *, domain: str | None = None,
               encoding: str = "utf-8", fmt: str | None = None, model: str | None = None) -> str:
    """One digest of everything a ``translate`` run's catalogs depend on but the articles
    (``project``: a :class:`transnews.project.Project`; ``model``: the engine's description,
    None: the installed packages' metadata), recorded with each catalog it writes."""
    from . import __version__
    from .project import MEMORY_PREFIX

    s = project.settings
    memories = Path(out_dir) / tgt / "LC_MESSAGES"
    settings = {k: v for k, v in dataclasses.asdict(s).items() if k not in NOT_OUTPUT}
    return inputs_digest({
        "version": __version__, "src": src, "tgt": tgt, "domain": domain, "encoding": encoding, "format": fmt,
        "settings": settings, "glossary": tree_digest(project.glossary_path),
        "words": tree_digest(project.words_path),
        # Memories draft new entries; other catalogs only draft what their own articles changed.
        "memories": {f.name: file_digest(f) for f in sorted(memories.glob(f"{MEMORY_PREFIX}*.po"))}
        if memories.is_dir() else {},
        "model": model if model is not None else tree_digest(s.packages_dir, ("*/metadata.json",)),
    })


def pending(jobs, manifest: Manifest, tgt: str, inputs: str) -> list[tuple[object, dict[str, str]]]:
    """The jobs (``transnews.corpus.CatalogJob``) whose catalog is not as the manifest says,
    each with its articles' digests (taken before they are read)."""
    todo = []
    for job in jobs:
        digests = article_digests(job.paths)
        if not manifest.unchanged(job.key(tgt), digests, inputs):
            todo.append((job, digests))
    return todo


def unchanged_catalogs(paths, project, src: str, tgt: str, out_dir: str | Path, *, domain: str | None = None,
                       encoding: str = "utf-8", fmt: str | None = None) -> int | None:
    """The number of catalogs when a ``translate`` of ``paths`` has nothing to do (every
    catalog as the last finished run left it); None when something needs doing, or when
    that cannot be told without the lock: another run may be writing (its lock file, a
    batch being written, an interrupted run to resume). Reads only: the caller does the
    run in full whenever this says None, so it never needs to be sure of a "no"."""
    from .corpus import expand_articles, plan_jobs

    out = Path(out_dir)
    if not (out / MANIFEST_NAME).is_file() or _busy(out):
        return None
    manifest = Manifest.load(out)
    if manifest.interrupted or not manifest.records:
        return None
    s = project.settings
    jobs = plan_jobs(expand_articles(paths), domain, rule=s.domain_rule, root=s.project_root)
    inputs = run_digest(project, src, tgt, out, domain=domain, encoding=encoding, fmt=fmt)
    return None if pending(jobs, manifest, tgt, inputs) else len(jobs)


def _busy(folder: Path) -> bool:
    """A run holds (or held) the folder's lock, or left a write batch there."""
    try:
        names = os.listdir(folder)
    except OSError:
        return True
    return any(n == LOCK_NAME or n.startswith(BATCH_PREFIX) for n in names)
