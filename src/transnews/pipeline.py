"""The translate job: articles → segments → fixes → terms → catalogs → MT → files.

Each stage is a library call on plain data; this module only sequences them and
collects a summary, in four steps (``TranslateRun``): plan each catalog (template,
update, translation-memory drafts), queue what still needs MT, apply one MT batch
to every queued entry, write. Nothing is written until every article has been read,
translated and its catalog built, and then all files are replaced atomically.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .engine.base import Engine, ProgressFn, Usage
from .errors import InputError
from .text import check_language
from .model import Article, Segment
from .project import Project, make_speller
from .settings import Settings

if TYPE_CHECKING:  # annotations only: the catalog stack is imported when a run needs it
    import polib

    from .catalog.entries import UpdateResult

# A reviewed translation of a sentence at least this similar (rapidfuzz ratio) is a
# better draft than raw MT: it is used (fuzzy, with its source as previous msgid) and
# the sentence is not sent to MT. Weaker matches (down to the TM's own threshold)
# lose to MT.
TM_BEATS_MT = 90


@dataclass
class CatalogResult:
    domain: str
    pot_path: Path
    po_path: Path
    articles: list[str]
    entries: int = 0
    kept: int = 0  # reviewed entries left as they were
    from_tm: int = 0
    machine_translated: int = 0
    fuzzy: int = 0
    obsolete: int = 0
    boilerplate: int = 0
    term_occurrences: int = 0
    term_hits: int = 0
    violations: int = 0
    repaired: int = 0


@dataclass
class RunSummary:
    src: str
    tgt: str
    engine: str | None
    catalogs: list[CatalogResult] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)
    suggestions: list[dict] = field(default_factory=list)
    mt_calls: int = 0
    mt_segments: int = 0

    @property
    def term_success_rate(self) -> float | None:
        occ = sum(c.term_occurrences for c in self.catalogs)
        return None if occ == 0 else sum(c.term_hits for c in self.catalogs) / occ

    def as_dict(self) -> dict:
        data = dataclasses.asdict(self)
        data["term_success_rate"] = self.term_success_rate
        for cat in data["catalogs"]:
            cat["pot_path"], cat["po_path"] = str(cat["pot_path"]), str(cat["po_path"])
        return data


def read_articles(paths: Sequence[str | Path], src: str, encoding: str, fmt: str | None = None) -> list[Article]:
    from .ingest import read_article

    if not paths:
        raise InputError("no article given")
    return [read_article(p, src, encoding=encoding, fmt=fmt) for p in paths]


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
            segs = tuple(dataclasses.replace(s, terms=tuple(glossary.recognize(s.text, lang, context=context)))
                         for s in block.segments)
            blocks.append(dataclasses.replace(block, segments=segs))
        out.append(dataclasses.replace(art, blocks=tuple(blocks)))
    return out


def load_articles(paths: Sequence[str | Path], src: str, project: Project, *, encoding: str = "utf-8",
                  fmt: str | None = None) -> list[Article]:
    """Read, correct (as publish does) and tag glossary terms: the articles a run translates."""
    articles = project.prepare_articles(read_articles(paths, src, encoding, fmt))
    if project.glossary is not None:
        articles = recognize_terms(articles, project.glossary, src)
    return articles


def make_engine(settings: Settings, src: str, tgt: str, progress: ProgressFn | None) -> Engine:
    """Argos engine for the pair: direct, or pivot via English; installs on first use."""
    from .engine.argos import ArgosEngine
    from .engine.base import PivotEngine
    from .engine.packages import ModelStore

    models = ModelStore(settings).resolve(src, tgt, offline=settings.offline, progress=progress)
    engines = [ArgosEngine(m, beam_size=settings.beam_size, batch_size=settings.batch_size,
                           device=settings.device, threads=settings.threads,
                           compute_type=settings.compute_type) for m in models]
    return engines[0] if len(engines) == 1 else PivotEngine(engines[0], engines[1])


def check_pair(src: str, tgt: str) -> tuple[str, str]:
    src, tgt = check_language(src, option="--from"), check_language(tgt, option="--to")
    if src == tgt:
        raise InputError(f"--from and --to are both {src!r}")
    return src, tgt


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


def group_by_domain(articles: list[Article], domain: str | None) -> dict[str, list[Article]]:
    """One catalog per domain; several articles may share a domain (--domain)."""
    by_domain: dict[str, list[Article]] = defaultdict(list)
    for art in articles:
        by_domain[domain or art.domain].append(art)
    return by_domain


def plan_catalog(dom: str, arts: list[Article], existing: dict[Path, polib.POFile], out_dir: Path,
                 src: str, tgt: str) -> CatalogPlan:
    """The template for ``arts`` and the update of the existing ``dom`` catalog (if any)."""
    from . import catalog

    pot_path, po_path = catalog.catalog_paths(out_dir, dom, tgt)
    template = catalog.build_template(
        [(seg, catalog.display_path(art.path)) for art in arts for seg in art.segments],
        domain=dom, src_lang=src)
    upd = catalog.update(existing.get(po_path), template, lang=tgt, domain=dom)
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
                 engine: Engine | None = None, progress: ProgressFn | None = None) -> None:
        self.project, self.src, self.tgt, self.out_dir = project, src, tgt, Path(out_dir)
        self.engine, self.progress = engine, progress
        self.usage = Usage()
        self.summary = RunSummary(src=src, tgt=tgt, engine=None)

    def run(self, articles: list[Article], domain: str | None = None) -> RunSummary:
        self.summary.changes, self.summary.suggestions = source_notes(articles)
        plans, queue = self.plan(articles, domain)
        self.translate(queue)
        self.write(plans)
        return self.summary

    def plan(self, articles: list[Article], domain: str | None) -> tuple[list[CatalogPlan], list[MTItem]]:
        """Every catalog's update, memory drafts applied; the entries left for MT, in order."""
        from .catalog.tm import TranslationMemory, load_locale

        # Each existing catalog is parsed once: it is both memory and the base of its update.
        existing = load_locale(self.out_dir, self.tgt)
        tm = TranslationMemory.from_catalogs(existing)
        plans, queue = [], []
        for dom, arts in group_by_domain(articles, domain).items():
            plan = plan_catalog(dom, arts, existing, self.out_dir, self.src, self.tgt)
            queue += route_pending(plan, arts, tm)
            plans.append(plan)
        return plans, queue

    def translate(self, queue: list[MTItem]) -> None:
        """One MT batch (glossary enforced) over the queue's distinct sentences, applied to every entry."""
        if queue:
            if self.engine is None:
                self.engine = make_engine(self.project.settings, self.src, self.tgt, self.progress)
            firsts, index = unique_segments(queue)
            texts, enforced = self._translate_unique(firsts)
            desc = self.engine.describe()
            for item in queue:
                i = index[item.segment.text]
                apply_mt(item, texts[i], enforced[i] if enforced is not None else None, desc)
        if self.engine is not None:
            self.summary.engine = self.engine.describe()
        self.summary.mt_calls, self.summary.mt_segments = self.usage.calls, self.usage.segments

    def _translate_unique(self, segs: list[Segment]):
        texts = [s.text for s in segs]
        glossary = self.project.glossary
        if glossary is None:
            return self._mt(texts), None
        from .glossary import enforce

        results = enforce(texts, [list(s.terms) for s in segs], self._mt, self.src, self.tgt, glossary,
                          protected_spans=[list(s.protected) for s in segs])
        return [r.text for r in results], results

    def _mt(self, texts: list[str]) -> list[str]:
        """The engine, counted for this run."""
        self.usage.record(texts)
        return self.engine.translate(texts, self.progress)

    def write(self, plans: list[CatalogPlan]) -> None:
        """Every template and catalog at once, atomically, after the counts are final."""
        from .catalog import write_atomic

        files = {}
        for plan in plans:
            res, po = plan.result, plan.update.po
            res.entries = len([e for e in po if not e.obsolete])
            res.fuzzy = len(po.fuzzy_entries())
            res.obsolete = len(po.obsolete_entries())
            files[res.pot_path] = plan.template
            files[res.po_path] = po
            self.summary.catalogs.append(res)
        write_atomic(files)


def translate_articles(
    paths: Sequence[str | Path], *, src: str, tgt: str, project: Project | None = None,
    settings: Settings | None = None, out_dir: Path | None = None, domain: str | None = None,
    encoding: str = "utf-8", fmt: str | None = None, engine: Engine | None = None,
    progress: ProgressFn | None = None,
) -> RunSummary:
    """Translate ``paths`` into catalogs under ``out_dir`` (default: the project's locales).

    Give a ``project``, or ``settings`` to build one from. ``engine`` defaults to the
    Argos model for the pair (installed on first use).
    """
    if project is None:
        project = Project.from_settings(settings if settings is not None else Settings.from_env())
    src, tgt = check_pair(src, tgt)
    articles = load_articles(paths, src, project, encoding=encoding, fmt=fmt)
    run = TranslateRun(project, src, tgt, out_dir if out_dir is not None else project.locales_dir,
                       engine=engine, progress=progress)
    return run.run(articles, domain)
