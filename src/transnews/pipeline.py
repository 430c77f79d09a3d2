"""The translate job: articles → segments → fixes → terms → catalogs → MT → files.

Each stage is a library call on plain data; this module only sequences them and
collects a summary. Nothing is written until every article has been read,
translated and its catalog built, and then all files are replaced atomically.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .engine.base import Engine, ProgressFn
from .errors import InputError
from .languages import check_language
from .model import Article
from .settings import Settings

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
    """Typo and spacing fixes, name-safe (glossary terms and the project word list protected)."""
    from .normalize import Speller, fix_segments, load_word_list

    extra = load_word_list(project_words) if project_words is not None and project_words.is_file() else []
    protected = glossary.protected_words("en") if glossary is not None else set()
    speller = Speller.load(extra_words=extra, protected=protected)
    return [fix_segments(a, speller) for a in articles]


def load_settings_glossary(settings: Settings):
    if settings.glossary_path is None:
        return None
    from .glossary import load_glossary

    return load_glossary(settings.glossary_path)


def prepare_articles(articles: list[Article], settings: Settings, glossary) -> list[Article]:
    """The source-side stages shared by translate and publish, so both see the same msgids."""
    if settings.fix_source:
        gp = settings.glossary_path
        words = gp / "words.txt" if gp is not None and gp.is_dir() else None
        articles = fix_articles(articles, glossary, words)
    return articles


def recognize_terms(articles: list[Article], glossary, lang: str) -> list[Article]:
    out = []
    for art in articles:
        blocks = []
        for block in art.blocks:
            segs = tuple(dataclasses.replace(s, terms=tuple(glossary.recognize(s.text, lang)))
                         for s in block.segments)
            blocks.append(dataclasses.replace(block, segments=segs))
        out.append(dataclasses.replace(art, blocks=tuple(blocks)))
    return out


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


def translate_articles(
    paths: Sequence[str | Path], *, src: str, tgt: str, settings: Settings, out_dir: Path,
    domain: str | None = None, encoding: str = "utf-8", fmt: str | None = None,
    engine: Engine | None = None, progress: ProgressFn | None = None,
) -> RunSummary:
    from . import catalog
    from .catalog.tm import TranslationMemory, load_locale

    src, tgt = check_language(src, option="--from"), check_language(tgt, option="--to")
    if src == tgt:
        raise InputError(f"--from and --to are both {src!r}")

    articles = read_articles(paths, src, encoding, fmt)
    glossary = load_settings_glossary(settings)
    articles = prepare_articles(articles, settings, glossary)
    if glossary is not None:
        articles = recognize_terms(articles, glossary, src)

    summary = RunSummary(src=src, tgt=tgt, engine=None)
    for art in articles:
        for seg in art.segments:
            for ch in seg.changes:
                summary.changes.append({"file": str(art.path), "line": ch.line, "kind": ch.kind,
                                        "original": ch.original, "replacement": ch.replacement,
                                        "shown": ch.shown(art.text)})
            for sug in seg.suggestions:
                summary.suggestions.append({"file": str(art.path), "line": seg.line, "suggestion": sug})

    # One catalog per domain; several articles may share a domain (--domain).
    by_domain: dict[str, list[Article]] = defaultdict(list)
    for art in articles:
        by_domain[domain or art.domain].append(art)

    # Each existing catalog is parsed once: it is both memory and the base of its update.
    existing_catalogs = load_locale(out_dir, tgt)
    tm = TranslationMemory.from_catalogs(existing_catalogs)
    plans = []  # (result, pot, po, pending entries needing MT)
    queue = []  # (entry, segment) for MT across all catalogs: one batch
    for dom, arts in by_domain.items():
        pot_path, po_path = catalog.catalog_paths(out_dir, dom, tgt)
        template = catalog.build_template(
            [(seg, catalog.display_path(art.path)) for art in arts for seg in art.segments],
            domain=dom, src_lang=src)
        existing = existing_catalogs.get(po_path)
        upd = catalog.update(existing, template, lang=tgt, domain=dom)
        res = CatalogResult(domain=dom, pot_path=pot_path, po_path=po_path,
                            articles=[str(a.path) for a in arts])
        segs = {(s.context, s.text): s for a in arts for s in a.segments}
        for entry in upd.pending:
            seg = segs.get((entry.msgctxt, entry.msgid))
            if seg is None:
                continue
            match = tm.lookup(entry.msgid, entry.msgctxt)
            # Boilerplate never goes to MT; any memory match is a better start than nothing.
            usable = match is not None and (not seg.translatable or match.exact or match.score >= TM_BEATS_MT)
            res.boilerplate += not seg.translatable
            if usable:
                catalog.apply_tm(entry, match)
                res.from_tm += 1
            elif seg.translatable:
                queue.append((entry, seg, res))
        res.kept = upd.stats.kept
        plans.append((res, template, upd))

    if queue:
        if engine is None:
            engine = make_engine(settings, src, tgt, progress)
        # The same sentence in several catalogs is translated once.
        unique: dict[str, int] = {}
        firsts = []
        for _, seg, _ in queue:
            if seg.text not in unique:
                unique[seg.text] = len(firsts)
                firsts.append(seg)
        texts = [seg.text for seg in firsts]
        if glossary is not None:
            from .glossary import enforce

            results = enforce(texts, [list(seg.terms) for seg in firsts],
                              lambda batch: engine.translate(batch, progress), src, tgt, glossary,
                              protected_spans=[list(seg.protected) for seg in firsts])
        else:
            results = None
            outputs = engine.translate(texts, progress)
        for entry, seg, res in queue:
            i = unique[seg.text]
            text = results[i].text if results is not None else outputs[i]
            entry.msgstr = text
            if "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
            catalog.set_comment(entry, "engine", f"machine translation: {engine.describe()}")
            res.machine_translated += 1
            if results is not None:
                r = results[i]
                res.term_occurrences += r.occurrences
                res.term_hits += r.hits
                res.violations += len(r.violations)
                res.repaired += int(r.repaired)
                if r.terms:
                    catalog.set_comment(entry, "terms", "terms: " + "; ".join(r.terms))
                catalog.set_comment(entry, "repair", "; ".join(r.notes) or None)
                catalog.set_comment(entry, "problems",
                                    ("glossary: " + "; ".join(r.violations)) if r.violations else None)
        summary.engine = engine.describe()
        summary.mt_calls = engine.calls
        summary.mt_segments = engine.segments_translated
    elif engine is not None:
        summary.engine = engine.describe()

    files = {}
    for res, template, upd in plans:
        res.entries = len([e for e in upd.po if not e.obsolete])
        res.fuzzy = len(upd.po.fuzzy_entries())
        res.obsolete = len(upd.po.obsolete_entries())
        files[res.pot_path] = template
        files[res.po_path] = upd.po
        summary.catalogs.append(res)
    catalog.write_atomic(files)
    return summary
