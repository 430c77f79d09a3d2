"""The Glossary object: loading, validation across files, lookup and recognition."""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from ..errors import GlossaryError
from ..model import TermMatch
from ..text import has_cjk as _has_cjk
from ..text import target_locale, traditional_region
from .concept import EN, ZH, Concept, lang_family, term_key
from .recognize import ArticleContext, Matcher, default_target_lang
from .regional import TargetView, target_view
from .tsv import read_tsv

GLOSSARY_GLOB = "*.tsv"
T = TypeVar("T")


class Glossary:
    """Validated concepts plus per-language recognisers (built lazily, then cached)."""

    def __init__(self, concepts: Iterable[Concept], *, paths: Iterable[Path] = ()) -> None:
        self.concepts: list[Concept] = list(concepts)
        self.paths = [Path(p) for p in paths]
        validate(self.concepts)
        self.by_id = {c.id: c for c in self.concepts}
        self._matchers: dict[str, Matcher] = {}
        self._views: dict[str, TargetView] = {}
        self._derived: dict[str, object] = {}  # see derived()
        self._cache: tuple[Path, str, str] | None = None  # (folder, kind, key) it was loaded under

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __getitem__(self, concept_id: str) -> Concept:
        return self.by_id[concept_id]

    def matcher(self, lang: str) -> Matcher:
        fam = lang_family(lang)
        if fam not in self._matchers:
            self._matchers[fam] = Matcher(self.concepts, fam, source=True)
            self._store()  # next run unpickles it instead of building it again
        return self._matchers[fam]

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_cache"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, _cache=None)

    def _store(self) -> None:
        if self._cache is not None:
            import pickle

            from ..cache import entry_path, store

            folder, kind, key = self._cache
            store(entry_path(folder, kind, key), pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL), kind)

    def article_context(self, texts: Iterable[str], lang: str) -> ArticleContext:
        """What a whole article (its segments' texts) settles for ambiguous terms; computed
        once per article and passed to :meth:`recognize` for each of its segments."""
        return self.matcher(lang).article_context(texts)

    def recognize(self, text: str, lang: str, tgt: str | None = None, *,
                  context: ArticleContext | None = None) -> list[TermMatch]:
        """Term occurrences in ``text`` (source language ``lang``), with targets in ``tgt``
        (default: the other glossary language, en↔zh). Ambiguous terms the article gives no
        context for come back with ``enforced=False``; ``context`` None: ``text`` is the article.
        A Traditional ``tgt`` (zh_TW, zh_HK) gets the regional targets of :meth:`target_view`."""
        tgt = tgt or default_target_lang(lang)
        if traditional_region(tgt) is None:
            return self.matcher(lang).recognize(text, tgt, context)
        view = self.target_view(tgt)
        return [m if m.dnt else dataclasses.replace(m, target=view.by_id[m.concept_id].zh)
                for m in self.matcher(lang).recognize(text, ZH, context)]

    def target_view(self, tgt: str) -> TargetView:
        """The concepts with their targets in ``tgt``; for a Traditional edition the regional
        forms, or converted Simplified ones flagged for review (:mod:`.regional`). Cached."""
        key = target_locale(tgt)
        if key not in self._views:
            self._views[key] = target_view(self.concepts, key)
        return self._views[key]

    def recognize_article(self, texts: list[str], lang: str, tgt: str | None = None) -> list[list[TermMatch]]:
        """:meth:`recognize` for each segment text of one article, in its context."""
        ctx = self.article_context(texts, lang)
        return [self.recognize(t, lang, tgt, context=ctx) for t in texts]

    def derived(self, name: str, build: Callable[[], T]) -> T:
        """``build()``, once per glossary: data derived from every concept (the verifier's
        forbidden forms, the speller's protection) that a big glossary must not recompute
        per segment or per run. Pickled with the glossary when it is next stored."""
        if name not in self._derived:
            self._derived[name] = build()
        return self._derived[name]  # type: ignore[return-value]

    def speller_protection(self, lang: str = EN):
        """:func:`~transnews.normalize.speller.protection` of :meth:`protected_words`: what
        a speller needs of the glossary, computed when the glossary is built and cached with it."""
        def build():
            from ..normalize.speller import protection

            return protection(self.protected_words(lang))

        return self.derived(f"speller:{lang_family(lang)}", build)

    def protected_words(self, lang: str) -> set[str]:
        """Surface forms a spelling corrector must never change: every term and abbreviation
        of ``lang`` and each word in them ("Marrakesh", "CISAC", "Thornton")."""
        out: set[str] = set()
        for c in self.concepts:
            for form in c.forms(lang):
                out.add(form)
                if lang_family(lang) == EN or not _has_cjk(form):
                    out.update(w for w in re.split(r"[\s\-–‐/()&,.]+", form) if len(w) > 1)
        return out

    def lookup(self, term: str) -> list[Concept]:
        """Concepts whose id, any form or variant equals ``term`` (case-insensitively),
        else those recognised inside it (so inflected forms like "Treaties" work)."""
        key = term.strip().casefold()
        exact = [c for c in self.concepts
                 if key == c.id or key in {f.casefold() for f in (*c.en, *c.abbr, c.zh, *c.zh_variants,
                                                                   *c.zh_forbidden, c.zh_tw, c.zh_hk) if f}]
        if exact:
            return exact
        lang = ZH if _has_cjk(term) else EN
        seen: dict[str, Concept] = {}
        for m in self.recognize(term, lang):
            seen.setdefault(m.concept_id, self.by_id[m.concept_id])
        return list(seen.values())


def validate(concepts: list[Concept]) -> None:
    """Cross-concept checks: duplicate ids/concepts, one English term with two targets;
    the first problem raises GlossaryError."""
    for err in problems(concepts):
        raise err


def problems(concepts: list[Concept]) -> Iterator[GlossaryError]:
    """Every cross-concept problem, in file order (see :func:`validate`)."""
    ids: dict[str, Concept] = {}
    terms: dict[str, tuple[Concept, str]] = {}
    for c in concepts:
        if c.id in ids:
            yield GlossaryError(f"duplicate concept id {c.id!r} (first at {ids[c.id].where()})",
                                path=c.path, line=c.line)
            continue
        ids[c.id] = c
        for form in (*c.en, *c.abbr):
            # Case-folded even for exact-case terms: "NCAC" in one concept and "ncac" in another
            # would make the glossary ambiguous for readers and for lookup.
            key = term_key(form)
            if key in terms:
                other, _ = terms[key]
                if other.id == c.id:
                    yield GlossaryError(f"term {form!r} listed twice in concept {c.id!r}",
                                        path=c.path, line=c.line)
                elif other.zh != c.zh:
                    yield GlossaryError(
                        f"English term {form!r} mapped to two approved targets: {other.zh!r} "
                        f"(concept {other.id!r}, {other.where()}) and {c.zh!r} (concept {c.id!r})",
                        path=c.path, line=c.line)
                else:
                    yield GlossaryError(f"duplicate concept: {form!r} → {c.zh!r} is already concept "
                                        f"{other.id!r} ({other.where()})", path=c.path, line=c.line)
                continue
            terms[key] = (c, form)


def glossary_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.glob(GLOSSARY_GLOB) if p.is_file() and not p.name.startswith("."))
        if not files:
            raise GlossaryError(f"no glossary files ({GLOSSARY_GLOB}) in directory", path=path)
        return files
    if not path.exists():
        raise GlossaryError("glossary not found", path=path)
    return [path]


NO_GLOSSARY = "no glossary found: no ./glossary directory and no bundled copy; use --glossary"


def _read_external(path: Path) -> list[Concept]:
    from .interchange import concepts_from_entries, read_terminology

    return concepts_from_entries(read_terminology(path)).concepts


# Glossary files by suffix: (format, reader of its concepts). External terminology files
# contribute their en↔zh entries and ignore the others.
GLOSSARY_FORMATS: dict[str, tuple[str, Callable[[Path], list[Concept]]]] = {
    ".tsv": ("curated TSV", read_tsv), ".tbx": ("TBX", _read_external), ".xml": ("TBX", _read_external),
    ".csv": ("CSV", _read_external),
}


def load_glossary(path: Path | str | None = None, *, cache_dir: Path | None = None) -> Glossary:
    """Load a glossary: a directory of curated ``*.tsv`` files, one ``.tsv``, or an external
    ``.tbx`` / ``.csv`` terminology file (en↔zh entries used, others ignored).

    ``None`` means :func:`default_glossary_path`. ``cache_dir`` (``Settings.cache_dir``):
    keep the loaded glossary and its matchers there, keyed by the files' bytes and this
    package's code, so an unchanged glossary is unpickled instead of parsed and compiled
    (about 2.5× faster at 20k concepts). Only a valid glossary is ever cached.
    """
    path = Path(path) if path is not None else default_glossary_path()
    if path is None:
        raise GlossaryError(NO_GLOSSARY)
    files = glossary_files(path)
    from .. import cache

    if cache_dir is None:
        with cache.gc_paused():
            return _read_glossary(files)
    import hashlib
    import pickle

    kind = "glossary-" + hashlib.sha256(str(path.absolute()).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    key = cache.fingerprint("glossary", files=[*files, *_code_files()])
    entry = cache.entry_path(Path(cache_dir), kind, key)
    glossary = None
    try:
        with cache.gc_paused():
            glossary = pickle.loads(entry.read_bytes())
    except FileNotFoundError:
        pass
    except Exception as err:  # noqa: BLE001 - a damaged entry is rebuilt
        logging.getLogger("transnews").debug("%s: unreadable cache entry (%s), rebuilding", entry, err)
    fresh = not isinstance(glossary, Glossary)
    if fresh:
        with cache.gc_paused():
            glossary = _read_glossary(files)
            # Every run that fixes an English source needs it: stored with the first entry
            # (one write) rather than derived from all concepts on every later run.
            glossary.speller_protection(EN)
    glossary._cache = (Path(cache_dir), kind, key)
    if fresh:
        glossary._store()
    return glossary


def _code_files() -> list[Path]:
    """The code a cached glossary was built by: this package and the text helpers it uses."""
    here = Path(__file__).resolve().parent
    return [*sorted(here.glob("*.py")), *(here.parent / n for n in ("text.py", "languages.py", "model.py"))]


def _read_glossary(files: list[Path]) -> Glossary:
    concepts: list[Concept] = []
    for f in files:
        suffix = f.suffix.lower()
        if suffix not in GLOSSARY_FORMATS:
            raise GlossaryError(f"unknown glossary format {suffix or '(no suffix)'!r}; "
                                f"known: {' '.join(GLOSSARY_FORMATS)}", path=f)
        _, reader = GLOSSARY_FORMATS[suffix]
        concepts.extend(reader(f))
    return Glossary(concepts, paths=files)


def check_glossary(path: Path | str) -> tuple[Glossary | None, list[GlossaryError]]:
    """Load like :func:`load_glossary` but collect every problem instead of stopping at the
    first: ``(glossary, [])`` when the files are valid, else ``(None, problems)``."""
    found: list[GlossaryError] = []
    try:
        files = glossary_files(Path(path))
    except GlossaryError as err:
        return None, [err]
    concepts: list[Concept] = []
    for f in files:
        suffix = f.suffix.lower()
        if suffix == ".tsv":
            concepts.extend(read_tsv(f, found))
            continue
        try:
            if suffix not in GLOSSARY_FORMATS:
                raise GlossaryError(f"unknown glossary format {suffix or '(no suffix)'!r}", path=f)
            concepts.extend(GLOSSARY_FORMATS[suffix][1](f))
        except GlossaryError as err:
            found.append(err)
    found.extend(problems(concepts))
    return (None, found) if found else (Glossary(concepts, paths=files), [])


def default_glossary_path() -> Path | None:
    """``./glossary`` when it holds glossary files, else the copy shipped in the wheel
    (``transnews/glossary/data``), else the source checkout's ``glossary/``."""
    here = Path.cwd() / "glossary"
    if here.is_dir() and any(here.glob(GLOSSARY_GLOB)):
        return here
    pkg = Path(__file__).resolve().parent
    for cand in (pkg / "data", pkg.parents[2] / "glossary"):
        if cand.is_dir() and any(cand.glob(GLOSSARY_GLOB)):
            return cand
    return None
