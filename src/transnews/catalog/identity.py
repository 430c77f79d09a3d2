"""Which articles a catalog belongs to: one article, one catalog, unless ``--domain`` says so.

A catalog's domain defaults to its article's file stem (``news.txt`` →
``<lang>/LC_MESSAGES/news.po``, kept so that the plain case, ``publish`` and the
README stay as they are). Two articles with one stem (``a/news.txt`` and
``b/news.txt``; ``2024/05/index.html`` and ``2024/06/index.html``) would then share
one catalog, and translating the second would turn the first one's reviewed entries
into fuzzy drafts for it and make them obsolete. So:

- every catalog records the articles it was made from, in the header field
  ``X-Source-Files``: their paths relative to the locales folder (stable whatever the
  working directory, and when the project folder moves as a whole);
- without ``--domain``, a run refuses (one line naming both files and a ``--domain``
  for each) when two of its articles share a stem, or when the existing catalog of an
  article's stem records other articles and not this one;
- with ``--domain`` the user chose the catalog: articles may share it, on purpose.

A catalog written before the field existed is judged by its ``#:`` references
(relative to the working directory of the run that wrote them): one naming a file
that exists and is not the article means another article owns the catalog.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from urllib.parse import quote, unquote

import polib

from ..errors import InputError
from .entries import catalog_paths, display_path

SOURCES_FIELD = "X-Source-Files"


def sources_value(articles: Iterable[str | Path], locales_dir: str | Path) -> str:
    """The ``X-Source-Files`` value: each article relative to ``locales_dir``, URL-quoted
    (a space or comma in a file name cannot split it), separated by spaces."""
    base = Path(locales_dir).resolve()
    out = []
    for art in dict.fromkeys(Path(a).resolve() for a in articles):
        try:
            rel = os.path.relpath(art, base)
        except ValueError:  # another drive (Windows): only an absolute path says where it is
            rel = str(art)
        out.append(quote(rel.replace(os.sep, "/"), safe="/._-~"))
    return " ".join(out)


def recorded_sources(po: polib.POFile, locales_dir: str | Path) -> set[Path]:
    """The articles ``po`` says it was made from, resolved (empty: it does not say)."""
    value = po.metadata.get(SOURCES_FIELD, "").strip()
    if value:
        base = Path(locales_dir)
        return {(base / unquote(v)).resolve() for v in value.split()}
    refs = {name for e in po if not e.obsolete for name, _ in e.occurrences}
    return {Path(r).resolve() for r in refs if Path(r).is_file()}


def read_owner_header(path: Path) -> polib.POFile:
    """Enough of an existing catalog to tell who owns it: its header entry when that records
    ``X-Source-Files`` (a run over an archive checks every catalog before writing one),
    else the whole catalog (its references say)."""
    from .pofile import load_po

    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            head = []
            for line in fh:
                if not line.strip() and head:
                    break
                head.append(line)
        header = polib.pofile("".join(head))
    except (OSError, ValueError):
        header = None
    if header is not None and header.metadata.get(SOURCES_FIELD, "").strip():
        return header
    return load_po(path)


def suggest_domains(paths: Sequence[Path]) -> list[str]:
    """A distinct domain for each path: its path below the paths' common folder, suffix
    dropped, ``/`` as ``-`` (``a/news.txt`` → ``a-news``; ``2024/05/index.html`` → ``05-index``)."""
    full = [p.resolve() for p in paths]
    try:
        common = Path(os.path.commonpath([str(p.parent) for p in full]))
    except ValueError:
        common = Path(full[0].anchor)
    names = ["-".join(p.relative_to(common).with_suffix("").parts) or p.stem for p in full]
    if len(set(names)) < len(names):  # news.txt and news.html side by side: the suffix tells them apart
        names = [f"{n}-{p.suffix.lstrip('.')}" if p.suffix else n for n, p in zip(names, full, strict=True)]
    return names


def check_owners(groups: Mapping[str, Sequence[Path]], existing: Mapping[Path, polib.POFile],
                 locales_dir: str | Path, lang: str, *, domain_given: bool) -> None:
    """Refuse (InputError, one line) when articles would share, or take over, a catalog
    that is not theirs; ``groups`` maps each domain to its articles."""
    if domain_given:
        return
    for dom, arts in groups.items():
        po_path = catalog_paths(locales_dir, dom, lang)[1]
        distinct = list({Path(a).resolve(): Path(a) for a in arts}.values())
        if len(distinct) > 1:
            a, b = distinct[:2]
            da, db = suggest_domains([a, b])
            raise InputError(f"{display_path(a)} and {display_path(b)} would share one catalog "
                             f"({display_path(po_path)}): translate each on its own with a --domain, "
                             f"e.g. --domain {da} and --domain {db}")
        old = existing.get(po_path)
        if old is None:
            continue
        owners = recorded_sources(old, locales_dir)
        art = distinct[0].resolve()
        if owners and art not in owners:
            other = min(owners)
            mine = suggest_domains([Path(other), art])[1]
            raise InputError(f"{display_path(po_path)} holds the translations of {display_path(other)}, "
                             f"not of {display_path(distinct[0])}: give {display_path(distinct[0])} its own "
                             f"catalog with --domain {mine} (or --domain {dom} if it is the same article, moved)")
