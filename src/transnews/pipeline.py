"""The translate job: articles → segments → fixes → terms → catalogs → MT → files.

Each stage is a library call on plain data; this module only sequences them and
collects a summary, in four steps (``TranslateRun``): plan each catalog (template,
update, translation-memory drafts), queue what still needs MT, apply one MT batch
to every queued entry, write. Nothing is written until every article has been read,
translated and its catalog built, and then all files are replaced atomically.

Two runs writing to one locales folder queue on its lock (``fsio.FolderLock``). A
reviewer who saves a catalog while a run translates is not overwritten: the write
re-checks every catalog against what was read, and on a change the run plans again
from the saved file (so the reviewer's edits win, as any existing entry does) and
reuses the translations it already has; if the file keeps changing, it gives up and
writes nothing.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .engine.base import Engine, ProgressFn, Usage
from .errors import BusyError, InputError
from .model import Article, Segment
from .project import Project, make_speller
from .settings import DEFAULT_MAX_ARTICLE_BYTES, Settings
from .summary import CatalogResult, RunSummary  # noqa: F401 (re-exported: scripts import them from here)

if TYPE_CHECKING:  # annotations only: the catalog stack is imported when a run needs it
    import polib

    from .catalog.entries import UpdateResult
    from .fsio import Fingerprint

# A reviewed translation of a sentence at least this similar (rapidfuzz ratio) is a
# better draft than raw MT: it is used (fuzzy, with its source as previous msgid) and
# the sentence is not sent to MT. Weaker matches (down to the TM's own threshold)
# lose to MT.
TM_BEATS_MT = 90
# Plans made when a catalog keeps being saved during the run, before it gives up.
MERGE_ATTEMPTS = 3
_log = logging.getLogger("transnews")


def read_articles(paths: Sequence[str | Path], src: str, encoding: str, fmt: str | None = None, *,
                  max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
                  front_matter_keys: tuple[str, ...] | None = None) -> list[Article]:
    from .ingest import read_article
    from .normalize import check_article_script

    if not paths:
        raise InputError("no article given")
    articles = [read_article(p, src, encoding=encoding, fmt=fmt, max_bytes=max_bytes,
                             front_matter_keys=front_matter_keys) for p in paths]
    for art in articles:
        # Refused, not switched: a Chinese article run as --from en would be split by English
        # rules and sent to the en→zh model; the translator says which language it is.
        check_article_script(art, option="--from")
    return articles


def fix_articles(articles: list[Article], glossary, project_words: Path | None) -> list[Article]:
    """Typo and spacing fixes, name-safe (glossary terms and the project word list protected).

    A script's shortcut; commands go through :meth:`Project.prepare_articles`.
    """
    from .normalize import fix_segments

    words = project_words if project_words is not None and project_words.is_file() else None
    speller = make_speller(glossary, words)
    return [fix_segments(a, speller) for a in articles]


def recognize_terms(articles: list[Article], glossary, lang: str) -> list[Article]:
    out = []
    for art in articles:
        # Ambiguous terms (IP, CMO) are enforced only where the whole article gives them context.
        context = glossary.article_context([s.text for b in art.blocks for s in b.segments], lang)
        blocks = []
        for block in art.blocks:
            # A term inside a protected span (code, a tag, a URL) is not the article's text.
            segs = tuple(dataclasses.replace(s, terms=tuple(
                m for m in glossary.recognize(s.text, lang, context=context)
                if not any(m.start < b and a < m.end for a, b in s.protected))) for s in block.segments)
            blocks.append(dataclasses.replace(block, segments=segs))
        out.append(dataclasses.replace(art, blocks=tuple(blocks)))
    return out


def load_articles(paths: Sequence[str | Path], src: str, project: Project, *, encoding: str = "utf-8",
                  fmt: str | None = None) -> list[Article]:
    """Read, correct (as publish does) and tag glossary terms: the articles a run translates."""
    articles = project.prepare_articles(read_articles(paths, src, encoding, fmt,
                                                      max_bytes=project.settings.max_article_bytes,
                                                      front_matter_keys=project.settings.front_matter_keys))
    if project.glossary is not None:
        articles = recognize_terms(articles, project.glossary, src)
    return articles


def make_engine(settings: Settings, src: str, tgt: str, progress: ProgressFn | None) -> Engine:
    """Argos engine for the pair: direct, or pivot via English; installs on first use.
    A Traditional edition (zh_TW, zh_HK) converts its model's output with OpenCC."""
    from .engine.argos import ArgosEngine
    from .engine.base import PivotEngine
    from .engine.convert import resolve_models, wrap
    from .engine.packages import ModelStore

    models, config = resolve_models(ModelStore(settings), src, tgt, offline=settings.offline, progress=progress)
    engines = [ArgosEngine.from_settings(m, settings) for m in models]
    return wrap(engines[0] if len(engines) == 1 else PivotEngine(engines[0], engines[1]), config)


def source_notes(articles: list[Article]) -> tuple[list[dict], list[dict]]:
    """The source corrections and suggestions of every article, for the summary."""
    changes, suggestions = [], []
    for art in articles:
        for seg in art.segments:
            for ch in seg.changes:
                changes.append({"file": str(art.path), "line": ch.line, "kind": ch.kind,
                                "original": ch.original, "replacement": ch.replacement,
                                "shown": ch.shown(art.text)})
            for sug in seg.suggestions:
                suggestions.append({"file": str(art.path), "line": seg.line, "suggestion": sug})
    return changes, suggestions


@dataclass
class CatalogPlan:
    """One catalog of a run: its counters, the new template and the msgmerge-style update."""

    result: CatalogResult
    template: polib.POFile
    update: UpdateResult


@dataclass(frozen=True)
class MTItem:
    """An entry waiting for machine translation, the segment it comes from and its catalog."""

    entry: polib.POEntry
    segment: Segment
    result: CatalogResult


def plan_catalog(dom: str, arts: list[Article], existing: dict[Path, polib.POFile], out_dir: Path,
                 src: str, tgt: str) -> CatalogPlan:
    """The template for ``arts`` and the update of the existing ``dom`` catalog (if any)."""
    from . import catalog
    from .catalog.identity import SOURCES_FIELD, sources_value

    pot_path, po_path = catalog.catalog_paths(out_dir, dom, tgt)
    template = catalog.build_template(
        [(seg, catalog.display_path(art.path)) for art in arts for seg in art.segments],
        domain=dom, src_lang=src)
    upd = catalog.update(existing.get(po_path), template, lang=tgt, domain=dom)
    # Which articles this catalog belongs to (see catalog.identity).
    template.metadata[SOURCES_FIELD] = upd.po.metadata[SOURCES_FIELD] = sources_value(
        [a.path for a in arts], out_dir)
    res = CatalogResult(domain=dom, pot_path=pot_path, po_path=po_path, articles=[str(a.path) for a in arts],
                        kept=upd.stats.kept)
    return CatalogPlan(res, template, upd)


def route_pending(plan: CatalogPlan, arts: list[Article], tm) -> list[MTItem]:
    """Draft each pending entry from memory when that beats MT; return those left for MT."""
    from .catalog import apply_tm

    segs = {(s.context, s.text): s for a in arts for s in a.segments}
    res, queue = plan.result, []
    for entry in plan.update.pending:
        seg = segs.get((entry.msgctxt, entry.msgid))
        if seg is None:
            continue
        match = tm.lookup(entry.msgid, entry.msgctxt)
        # Boilerplate never goes to MT; any memory match is a better start than nothing.
        usable = match is not None and (not seg.translatable or match.exact or match.score >= TM_BEATS_MT)
        res.boilerplate += not seg.translatable
        if usable:
            apply_tm(entry, match)
            res.from_tm += 1
        elif seg.translatable:
            queue.append(MTItem(entry, seg, res))
    return queue


def unique_segments(queue: list[MTItem]) -> tuple[list[Segment], dict[str, int]]:
    """The same sentence in several catalogs is translated once: the first of each text
    and each text's index among them."""
    index: dict[str, int] = {}
    firsts: list[Segment] = []
    for item in queue:
        if item.segment.text not in index:
            index[item.segment.text] = len(firsts)
            firsts.append(item.segment)
    return firsts, index


def apply_mt(item: MTItem, text: str, enforced, engine_desc: str) -> None:
    """Put one MT draft (fuzzy) in its entry, with the glossary's notes when it was enforced."""
    from . import catalog

    entry, res = item.entry, item.result
    entry.msgstr = text
    if "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
    catalog.set_comment(entry, "engine", f"machine translation: {engine_desc}")
    res.machine_translated += 1
    if enforced is None:
        for key in catalog.MT_KEYS:  # notes on an earlier draft of this entry, not on this one
            catalog.set_comment(entry, key, None)
        return
    res.term_occurrences += enforced.occurrences
    res.term_hits += enforced.hits
    res.violations += len(enforced.violations)
    res.repaired += int(enforced.repaired)
    if enforced.terms:
        catalog.set_comment(entry, "terms", "terms: " + "; ".join(enforced.terms))
    catalog.set_comment(entry, "repair", "; ".join(enforced.notes) or None)
    catalog.set_comment(entry, "problems",
                        ("glossary: " + "; ".join(enforced.violations)) if enforced.violations else None)


class TranslateRun:
    """One translate run: plan → MT queue → apply → write, and the run's own counters.

    MT usage is counted here, not read from the engine, so an engine reused for
    several runs reports each run's calls only.
    """

    def __init__(self, project: Project, src: str, tgt: str, out_dir: Path, *,
                 engine: Engine | None = None, progress: ProgressFn | None = None, wait: bool = True,
                 notify: Callable[[str], None] | None = None, tm=None) -> None:
        self.project, self.src, self.tgt, self.out_dir = project, src, tgt, Path(out_dir)
        self.engine, self.progress = engine, progress
        self.wait, self.notify = wait, notify or _log.warning
        self.usage = Usage()
        self.summary = RunSummary(src=src, tgt=tgt, engine=None)
        self._read: dict[Path, Fingerprint] = {}  # each catalog as the last plan read it
        self._tm = tm
        self._unused: dict[Path, tuple[polib.POFile, Fingerprint]] = {}  # read for the memory, not yet planned
        self._drafts: dict[str, tuple[str, object]] = {}  # sentence -> (MT, enforcement) in this run

    def run(self, articles: list[Article], domain: str | None = None) -> RunSummary:
        """Plan, translate and write ``articles`` under the locales folder's lock."""
        from .fsio import FolderLock

        with FolderLock(self.out_dir, wait=self.wait, on_wait=self.notify):
            self.process(self.groups(articles, domain), domain_given=domain is not None)
        return self.summary

    def groups(self, articles: list[Article], domain: str | None) -> dict[str, list[Article]]:
        """One catalog per domain: ``domain``, else each article's under the project's rule."""
        from .corpus import article_domain

        s = self.project.settings
        by_domain: dict[str, list[Article]] = defaultdict(list)
        for art in articles:
            by_domain[domain or article_domain(art.path, s.domain_rule, s.project_root)].append(art)
        return by_domain

    def process(self, groups: dict[str, list[Article]], *, domain_given: bool = False) -> None:
        """One chunk of a run (the caller holds the lock): plan, translate, write; when a
        catalog was saved meanwhile, plan again from the saved file (the reviewer's edits win)."""
        arts = [a for group in groups.values() for a in group]
        changes, suggestions = source_notes(arts)
        self.summary.changes += changes
        self.summary.suggestions += suggestions
        self._drafts.clear()  # a chunk's drafts are its own: memory stays flat over a long run
        for attempt in range(MERGE_ATTEMPTS):
            rendered = self.render_chunk(groups, domain_given=domain_given)
            try:
                self.commit(rendered)
                return
            except BusyError as err:
                changed = err
                if attempt + 1 < MERGE_ATTEMPTS:
                    self.notify(f"{err.path}: saved by someone else while translate ran; "
                                "merging (their edits win)")
        raise BusyError("saved again each time translate merged it; nothing was written", path=changed.path,
                        hint="re-run translate when nobody is saving it")

    def plan(self, articles: list[Article], domain: str | None) -> tuple[list[CatalogPlan], list[MTItem]]:
        """Every catalog's update, memory drafts applied; the entries left for MT, in order."""
        return self.plan_groups(self.groups(articles, domain), domain_given=domain is not None)

    def plan_groups(self, groups: dict[str, list[Article]], *,
                    domain_given: bool) -> tuple[list[CatalogPlan], list[MTItem]]:
        from .catalog import catalog_paths
        from .catalog.identity import check_owners

        tm = self.memory()
        # Each catalog is parsed once for a plan: the memory's copy is the base of its first update.
        existing = self._catalogs([catalog_paths(self.out_dir, dom, self.tgt)[1] for dom in groups])
        check_owners({dom: [a.path for a in arts] for dom, arts in groups.items()}, existing,
                     self.out_dir, self.tgt, domain_given=domain_given)
        plans, queue = [], []
        for dom, arts in groups.items():
            plan = plan_catalog(dom, arts, existing, self.out_dir, self.src, self.tgt)
            queue += route_pending(plan, arts, tm)
            plans.append(plan)
        return plans, queue

    def memory(self):
        """The run's translation memory: every catalog of the locale as the run found it
        (read once; later chunks and merges use the same memory, so chunking does not
        change a draft)."""
        if self._tm is None:
            from .catalog.tm import TranslationMemory, read_locale

            catalogs, prints = read_locale(self.out_dir, self.tgt)
            self._tm = TranslationMemory.from_catalogs(catalogs)
            self._unused = {p: (catalogs[p], prints[p]) for p in catalogs}
        return self._tm

    def _catalogs(self, po_paths: list[Path]) -> dict[Path, polib.POFile]:
        """The existing catalogs among ``po_paths``, each fingerprinted as read."""
        from .catalog.tm import read_po

        existing: dict[Path, polib.POFile] = {}
        self._read = {}
        for path in po_paths:
            if path in self._unused:
                existing[path], self._read[path] = self._unused.pop(path)
            elif path.is_file():
                existing[path], self._read[path] = read_po(path)
        return existing

    def forget_unused(self, keep: set[Path]) -> None:
        """Drop the memory's parsed catalogs that no job of this run will update."""
        self._unused = {p: v for p, v in self._unused.items() if p in keep}

    def translate(self, queue: list[MTItem]) -> None:
        """One MT batch (glossary enforced) over the queue's distinct sentences not yet
        translated in this run, applied to every entry."""
        todo = [item for item in queue if item.segment.text not in self._drafts]
        if todo:
            if self.engine is None:
                self.engine = make_engine(self.project.settings, self.src, self.tgt, self.progress)
            firsts, _ = unique_segments(todo)
            texts, enforced = self._translate_unique(firsts)
            for i, seg in enumerate(firsts):
                self._drafts[seg.text] = (texts[i], enforced[i] if enforced is not None else None)
        if queue:
            desc = self.engine.describe()
            for item in queue:
                apply_mt(item, *self._drafts[item.segment.text], desc)
        if self.engine is not None:
            self.summary.engine = self.engine.describe()
        self.summary.mt_calls, self.summary.mt_segments = self.usage.calls, self.usage.segments

    def _translate_unique(self, segs: list[Segment]):
        texts = [s.text for s in segs]
        glossary = self.project.glossary
        if glossary is None and not any(s.protected for s in segs):
            return self._mt(texts), None
        from .glossary import Glossary, enforce

        # Protected spans (code, markup, URLs) go through MT as placeholders, glossary or not.
        results = enforce(texts, [list(s.terms) for s in segs], self._mt, self.src, self.tgt,
                          glossary if glossary is not None else Glossary([]),
                          protected_spans=[list(s.protected) for s in segs], pieces=self.engine.pieces)
        return [r.text for r in results], results if glossary is not None else None

    def _mt(self, texts: list[str]) -> list[str]:
        """The engine, counted for this run. Calls after the first one re-translate pieces
        whose glossary placeholders the model dropped: the progress bar says so."""
        first = self.usage.calls == 0
        self.usage.record(texts)
        progress = self.progress
        if progress is not None and not first:
            outer = progress

            def progress(done: int, total: int, label: str = "") -> None:
                outer(done, total, "Repairing terms")
        return self.engine.translate(texts, progress)

    def render(self, plans: list[CatalogPlan]) -> Rendered:
        """Every template and catalog as the text to write, after the counts are final."""
        from .catalog import dumps

        files, results = {}, []
        for plan in plans:
            res, po = plan.result, plan.update.po
            res.entries = len([e for e in po if not e.obsolete])
            res.fuzzy = len(po.fuzzy_entries())
            res.obsolete = len(po.obsolete_entries())
            files[res.pot_path] = dumps(plan.template)
            files[res.po_path] = dumps(po)
            results.append(res)
        read = {p.absolute(): fp for p, fp in self._read.items()}
        return Rendered(files, {r.po_path: read.get(r.po_path.absolute()) for r in results}, results)

    def commit(self, rendered: Rendered) -> None:
        """Write a chunk's files at once, atomically; a catalog no longer as it was read when
        planned is BusyError, and nothing is written."""
        from .catalog import write_atomic

        write_atomic(rendered.files, expected=rendered.expected)
        self.summary.catalogs += rendered.results

    def write(self, plans: list[CatalogPlan]) -> None:
        self.commit(self.render(plans))

    def render_chunk(self, groups: dict[str, list[Article]], *, domain_given: bool = False) -> Rendered:
        """Plan and translate one chunk, writing nothing: what a cluster worker returns."""
        plans, queue = self.plan_groups(groups, domain_given=domain_given)
        self.translate(queue)
        return self.render(plans)


@dataclass
class Rendered:
    """One chunk's catalogs as text, ready to write, with what they were planned from."""

    files: dict[Path, str]
    expected: dict[Path, Fingerprint | None]  # each catalog's fingerprint when read (None: absent)
    results: list[CatalogResult]
