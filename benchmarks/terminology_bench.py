"""Terminology benchmark: precision and recall of glossary recognition (the project's
recogniser, ``transnews.glossary.recognize``) against a plain substring matcher, both
directions, printed side by side.

    uv run python benchmarks/terminology_bench.py [--details]

``--details`` adds the recogniser's most frequent missed and extra terms of each row.

Data. Issue 12 asks for the WMT 2021 en→zh TICO-19 term set and the WMT 2023 zh→en set.
This machine has no network beyond PyPI, so the benchmark uses what ``../shared/conformance``
holds: the TICO-19 terminology lists (CC0; the en→zh ones are the TICO-19 term set the WMT 2021
terminology task was built on) — ``f_en-zh_CN.csv`` (306 terms), ``g_en_zh-CN.csv`` (337) and
the zh→en list ``g_zh-CN_en.csv`` (50) — and the TICO-19 translation memory ``all.en-zh.tmx``
(3,071 en/zh sentence pairs). The WMT 2023 zh→en terminology set itself is not here; the zh→en
rows use ``g_zh-CN_en.csv`` and, for more Chinese-side data, the en→zh lists turned around.
Each list is imported with the project's own import path (``glossary import``:
``import_terminology`` into a temporary TSV, duplicates skipped, conflicts left out) and loaded
as a glossary. Without ``../shared/conformance`` that part is skipped (exit 0).

Gold annotation (computed here, independent of both matchers). A concept is a gold
recognition in a sentence pair when

1. one of its source-language forms occurs in the source sentence as a whole term: English
   case-insensitively (a form in capitals, WHO or COVID-19, in capitals only: "who" is no
   WHO) between word boundaries, space and hyphen alike, with an optional plural -s/-es;
   Chinese as a substring (Chinese has no word boundaries);
2. one of its target-language forms occurs in the reference translation (so the term is
   used in the sense the list gives it);
   in both, TICO-19's ``A : B`` alternatives, ``[…]`` notes and bracketed abbreviations
   (``艾滋病（AIDS）``) are read as the forms they stand for: each alternative, with and
   without its bracketed part, and in the reference the bracketed abbreviation alone; spaces are ignored in
   Chinese (``1918 年流感``); a Latin form is a whole term between ASCII letters/digits
   (a reference keeps COVID-19 or SARS-CoV-2 as they are inside Chinese text);
3. its occurrence is not inside a longer occurrence (rule 1) of another listed term:
   "respiratory disease" inside "acute respiratory disease" is one term, the longer one,
   whatever the reference says.

Concepts of one list that share a source form (case-folded, plural -s/-es aside) are one
term for scoring: TICO-19 lists "symptom" and "symptoms" as two entries, and a matcher that
finds either one at a place has found the term there once. Recognitions are compared per
sentence as multisets of such terms (one per place): tp = gold ∩ found, fp = found − gold,
fn = gold − found. The baseline finds every form of every concept as a
case-insensitive substring (no word boundaries, no inflection, no overlap resolution, no
rules). The probe set (``tests/glossary/probes.tsv``: false friends) is scored with the
bundled glossary as ``test_glossary_probes.py`` does: sets of enforced concept ids per
sentence against the expected ones (notes, ``id?``, are not enforced recognitions).
An empty denominator scores 1.0 (no false positives / nothing to find).
"""

from __future__ import annotations

import functools
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from transnews.glossary import Glossary, load_glossary
from transnews.glossary.concept import EN, ZH, Concept

ROOT = Path(__file__).resolve().parents[1]

TICO = ROOT.parent / "shared" / "conformance" / "tico19"
PROBES = ROOT / "tests" / "glossary" / "probes.tsv"
# (term list, direction): source language → reference language.
RUNS = (("f_en-zh_CN.csv", EN, ZH), ("g_en_zh-CN.csv", EN, ZH), ("g_zh-CN_en.csv", ZH, EN),
        ("f_en-zh_CN.csv", ZH, EN), ("g_en_zh-CN.csv", ZH, EN))


@dataclass(frozen=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def score(gold: Counter, found: Counter) -> Score:
    """One sentence's recognitions (multisets of concept ids) against its gold ones."""
    tp = sum((gold & found).values())
    return Score(tp, sum(found.values()) - tp, sum(gold.values()) - tp)


def score_all(golds: Iterable[Counter], founds: Iterable[Counter]) -> Score:
    return sum((score(g, f) for g, f in zip(golds, founds, strict=True)), Score())


# --- the two matchers ------------------------------------------------------------------------


Hits = set[tuple[int, str]]  # (start offset, concept id)


def substring_matches(concepts: Iterable[Concept], text: str, lang: str) -> Hits:
    """The baseline: every form of every concept, case-insensitive substring occurrences."""
    low = text.casefold()
    hits: Hits = set()
    for c in concepts:
        for form in (f.casefold() for f in c.forms(lang) if f):
            start = low.find(form)
            while start != -1:
                hits.add((start, c.id))
                start = low.find(form, start + 1)
    return hits


def recognizer_matches(glossary: Glossary, text: str, lang: str, *, enforced_only: bool = False) -> Hits:
    """The project's recogniser (each sentence its own article)."""
    return {(m.start, m.concept_id) for m in glossary.recognize(text, lang) if m.enforced or not enforced_only}


def count_terms(hits: Hits, term_of: dict[str, str]) -> Counter:
    """Hits as a multiset of terms, one per place (``term_of``: concept id → its term)."""
    return Counter(term for _, term in {(start, term_of.get(cid, cid)) for start, cid in hits})


def _stems(key: str) -> set[str]:
    out = {key}
    if key.endswith("s"):
        out.add(key[:-1])
    if key.endswith("es"):
        out.add(key[:-2])
    return out


def term_groups(concepts: Iterable[Concept], lang: str) -> dict[str, str]:
    """Concept id → the id of its term: concepts sharing a source form (case-folded, spaces
    and hyphens alike, plural aside) are one term, named by the first of them."""
    owner: dict[str, str] = {}  # form key → term
    term_of: dict[str, str] = {}
    for c in concepts:
        keys = {k for f in c.forms(lang) if f for a in alternatives(f)
                for k in _stems(" ".join(re.split(r"[\s\-]+", a.casefold().strip())))}
        terms = {owner[k] for k in keys if k in owner}
        term = min(terms, key=lambda t: list(term_of).index(t)) if terms else c.id
        for other, t in list(term_of.items()):
            if t in terms:
                term_of[other] = term
        for k, t in list(owner.items()):
            if t in terms:
                owner[k] = term
        term_of[c.id] = term
        owner.update(dict.fromkeys(keys, term))
    return term_of


# --- gold annotation -------------------------------------------------------------------------


def _is_cjk_form(form: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in form)


_CAPITALS = re.compile(r"^(?=(?:.*[A-Z]){2})[^a-z]+$")  # WHO, COVID-19: an acronym, in capitals only


@functools.lru_cache(maxsize=None)
def whole_term(form: str) -> re.Pattern:
    """A form as a whole term (see the module docstring, gold rule 1)."""
    if _is_cjk_form(form):
        return re.compile(re.escape(re.sub(r"\s+", "", form)))
    words = [re.escape(w) for w in re.split(r"[\s\-\u2010\u2011]+", form.strip()) if w]
    # ASCII boundaries: a Latin name inside Chinese text (患COVID-19的) is a whole term.
    rx = r"(?<![A-Za-z0-9])" + r"[\s\-\u2010\u2011]+".join(words) + r"(?:e?s)?(?![A-Za-z0-9])"
    return re.compile(rx, 0 if _CAPITALS.match(form) else re.IGNORECASE)


def alternatives(form: str, *, abbreviations: bool = False) -> list[str]:
    """TICO-19's ``A : B``, ``[note]`` and ``term（ABBR）`` as the forms they stand for;
    ``abbreviations``: the bracketed abbreviation alone too (how a reference may render it)."""
    out = []
    for alt in form.split(" : "):
        alt = re.sub(r"\[[^\]]*\]", "", alt).strip()
        bare = re.sub(r"\s*[(（][^)）]*[)）]\s*", "", alt).strip()
        abbrs = re.findall(r"[(（]([^)）]+)[)）]", alt) if abbreviations else []
        out += [a for a in (alt, bare, *abbrs) if a.strip()]
    return list(dict.fromkeys(a.strip() for a in out))


def _target_forms(c: Concept, lang: str) -> list[str]:
    forms = (c.zh, *c.zh_variants) if lang == ZH else (*c.en, *c.abbr)
    return [a for f in forms if f for a in alternatives(f, abbreviations=True)]


def _in_reference(c: Concept, ref: str, lang: str) -> bool:
    text = re.sub(r"\s+", "", ref) if lang == ZH else ref
    return any(whole_term(f).search(text) for f in _target_forms(c, lang))


def gold_matches(concepts: Iterable[Concept], src: str, ref: str, src_lang: str, ref_lang: str) -> Hits:
    """The gold recognitions of one sentence pair (module docstring, rules 1-3)."""
    text = re.sub(r"\s+", "", src) if src_lang == ZH else src
    spans: set[tuple[int, int, str]] = set()  # every source occurrence (rule 1)
    for c in concepts:
        forms = [a for f in c.forms(src_lang) if f for a in alternatives(f)]
        spans |= {(m.start(), m.end(), c.id) for f in forms for m in whole_term(f).finditer(text)}
    outer = [(s, e, cid) for s, e, cid in spans
             if not any(s2 <= s and e <= e2 and e2 - s2 > e - s for s2, e2, _ in spans)]
    by_id = {c.id: c for c in concepts}
    return {(s, cid) for s, _, cid in outer if _in_reference(by_id[cid], ref, ref_lang)}


# --- data ------------------------------------------------------------------------------------


def import_list(path: Path, work: Path) -> tuple[Glossary, str]:
    """A term list through ``glossary import`` (into a fresh TSV), loaded as a glossary."""
    from transnews.glossary.importing import import_terminology

    res = import_terminology(path, None, to=work / f"{path.stem}.tsv")
    g = load_glossary(res.dest)
    # TICO-19's "A : B" alternatives stay one literal form: no generic CSV reader can tell them
    # from a term with a colon, so neither matcher finds them (gold does, rule 2).
    literal = sum(1 for c in g.concepts if any(" : " in f for f in (c.zh, *c.en)))
    summary = (f"{len(res.source.entries)} entries, {len(res.report.added)} concepts imported, "
               f"{len(res.report.skipped)} duplicates, {len(res.report.conflicts)} conflicts, "
               f"{len(res.unusable)} without an en-zh pair, {literal} with 'A : B' alternatives kept literal")
    return g, summary


def sentence_pairs(tmx: Path) -> list[tuple[str, str]]:
    """(English, Chinese) of each unit with both, read with the project's TMX reader."""
    from transnews.catalog.tmx import read_tmx

    units = read_tmx(tmx).units
    return [(u.variants["en"], u.variants["zh"]) for u in units if "en" in u.variants and "zh" in u.variants]


def compare(concepts: list[Concept], pairs: list[tuple[str, str]], src: str,
            matchers: dict[str, Callable[[str], Hits]],
            errors: dict[str, tuple[Counter, Counter]] | None = None) -> tuple[int, dict[str, Score]]:
    """(gold count, score of each matcher) over sentence pairs (English, Chinese); ``errors``
    receives each matcher's (missed, extra) terms."""
    sides = [(en, zh) if src == EN else (zh, en) for en, zh in pairs]
    ref_lang = ZH if src == EN else EN
    term_of = term_groups(concepts, src)
    golds = [count_terms(gold_matches(concepts, s, r, src, ref_lang), term_of) for s, r in sides]
    scores = {}
    for name, fn in matchers.items():
        founds = [count_terms(fn(s), term_of) for s, _ in sides]
        scores[name] = score_all(golds, founds)
        if errors is not None:
            missed, extra = errors[name] = Counter(), Counter()
            for g, f in zip(golds, founds, strict=True):
                missed.update(g - f)
                extra.update(f - g)
    return sum(sum(g.values()) for g in golds), scores


def read_probes(path: Path) -> list[tuple[str, str, set[str]]]:
    out = []
    for ln in path.read_text(encoding="utf-8").splitlines():
        if ln.strip() and not ln.startswith(("#", "lang\t")):
            lang, text, expected = ln.split("\t")
            out.append((lang, text, set() if expected == "-" else set(expected.split())))
    return out


def probe_scores(glossary: Glossary, probes: list[tuple[str, str, set[str]]]) -> dict[str, Score]:
    """Sets of enforced concept ids per probe sentence, ours and the baseline's."""
    total = {"recogniser": Score(), "substring": Score()}
    for lang, text, expected in probes:
        want = Counter({x: 1 for x in expected if not x.endswith("?")})
        ours = Counter({cid for _, cid in recognizer_matches(glossary, text, lang, enforced_only=True)})
        base = Counter({cid for _, cid in substring_matches(glossary.concepts, text, lang)})
        total["recogniser"] += score(want, ours)
        total["substring"] += score(want, base)
    return total


# --- report ----------------------------------------------------------------------------------


def _row(label: str, gold: int, scores: dict[str, Score]) -> str:
    cells = "  ".join(f"{s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}"
                      for s in scores.values())
    return f"{label:<28}{gold:>6}  {cells}"


def _header(first: str) -> list[str]:
    each = f"{'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"
    return [f"{'':<28}{'':>6}  {'recogniser (ours)':^39}  {'substring baseline':^39}",
            f"{first:<28}{'gold':>6}  {each}  {each}"]


def tico_report(details: bool = False) -> list[str]:
    tmx = TICO / "all.en-zh.tmx"
    pairs = sentence_pairs(tmx)
    lines = [f"TICO-19 ({TICO}): {len(pairs)} sentence pairs from {tmx.name}",
             "(the WMT 2021/2023 terminology sets are not available offline; these are the TICO-19 lists)"]
    table = _header("term list, direction")
    with tempfile.TemporaryDirectory(prefix="transnews-termbench-") as tmp:
        loaded: dict[str, Glossary] = {}
        for name, src, ref in RUNS:
            if name not in loaded:
                loaded[name], summary = import_list(TICO / name, Path(tmp))
                lines.append(f"  {name}: {summary}")
            g = loaded[name]
            errors: dict[str, tuple[Counter, Counter]] = {}
            gold, scores = compare(g.concepts, pairs, src, {
                "recogniser": lambda t, g=g, src=src: recognizer_matches(g, t, src),
                "substring": lambda t, g=g, src=src: substring_matches(g.concepts, t, src)}, errors)
            table.append(_row(f"{name} {src}→{ref}", gold, scores))
            if details:
                missed, extra = errors["recogniser"]
                table.append(f"    recogniser missed: {_top(missed)}; extra: {_top(extra)}")
    return lines + table


def _top(terms: Counter, n: int = 5) -> str:
    return ", ".join(f"{t} ×{k}" for t, k in terms.most_common(n)) or "-"


def main(argv: list[str] | None = None) -> int:
    details = "--details" in (sys.argv[1:] if argv is None else argv)
    probes = read_probes(PROBES)
    glossary = load_glossary(ROOT / "glossary")
    scores = probe_scores(glossary, probes)
    expected = sum(1 for _, _, e in probes for x in e if not x.endswith("?"))
    print(f"Probe set {PROBES.relative_to(ROOT)}: {len(probes)} sentences, bundled glossary "
          f"({len(glossary)} concepts)")
    print("\n".join(_header("probes")))
    print(_row("false-friend probes", expected, scores))
    print()
    if not TICO.is_dir():
        print(f"TICO-19 part skipped: {TICO} not present (a fresh clone has no ../shared/conformance)")
        return 0
    print("\n".join(tico_report(details)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
