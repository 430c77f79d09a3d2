"""Benchmark the source fixer: accuracy on codespell's misspelling list, false
corrections on clean text, and speed.

    uv run --no-sync python benchmarks/normalize_bench.py [--dictionary PATH] [--repeat N]

Accuracy: codespell's ``dictionary.txt`` (Wikipedia's "lists of common
misspellings" plus years of code review: ``misspelling->correction``), read from the
installed ``codespell_lib`` (the ``bench`` dependency group) or from ``--dictionary``.
Only entries with a single correction where both sides are lowercase ASCII words are
scored; each misspelling is checked as a lowercase word in running text.

False corrections: the English side of the TICO-19 translation memory (3,071
professionally written COVID-19 sentences) when ``../shared/conformance`` is present.

Speed: ``fix_segments`` over a clean article set (the example article, and generated
news-like articles of frequent words, names, acronyms and numbers), in words per
second, two ways side by side:

- cold, whole process: a fresh interpreter imports transnews, loads the vocabulary
  and fixes every article (parsing included), timed from outside; once with the
  vocabulary's disk cache removed before each run, once with it kept (the everyday
  case), interleaved, medians;
- warm, in-process: modules and vocabulary already loaded in this process, only the
  per-word verdict cache fresh (a new Speller each run); segmentation excluded.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from transnews.ingest import parse  # noqa: E402
from transnews.normalize import Speller, collect_names, fix_segments, fix_text  # noqa: E402
from transnews.normalize.speller import _base_vocabulary  # noqa: E402

EXAMPLE = ROOT / "examples" / "ncac-wipo-copyright-training.txt"
TICO = ROOT.parent / "shared" / "conformance" / "tico19" / "all.en-zh.tmx"
_ENTRY = re.compile(r"^([a-z]+)->([a-z]+),?$")


def load_codespell(path: str | None) -> tuple[list[tuple[str, str]], str]:
    if path:
        text = Path(path).read_text(encoding="utf-8")
        where = path
    else:
        try:
            from importlib.resources import files

            res = files("codespell_lib") / "data" / "dictionary.txt"
            text, where = res.read_text(encoding="utf-8"), f"codespell_lib ({res})"
        except ModuleNotFoundError:
            sys.exit("codespell is not installed: install the bench group or pass --dictionary PATH "
                     "(codespell_lib/data/dictionary.txt from the codespell wheel)")
    pairs = []
    for line in text.splitlines():
        m = _ENTRY.match(line.strip())
        if m:
            pairs.append((m.group(1), m.group(2)))
    return pairs, where


def accuracy(speller: Speller, pairs: list[tuple[str, str]]) -> dict:
    out = Counter()
    for wrong, right in pairs:
        v = speller.check(wrong)
        if v is None:
            out["known to wordfreq (zipf >= 3)" if speller.zipf(wrong) >= 3 else "left alone"] += 1
        elif v.confident:
            out["applied, correct" if v.best == right else "applied, wrong"] += 1
        else:
            out["suggested, correct" if v.best == right else "suggested, wrong"] += 1
    return dict(out)


def news_like(rng: random.Random, words: list[str], n_sentences: int) -> str:
    names = ["Zhao", "Xiuling", "Hussey", "Benjamin", "Castro", "Geneva", "Beijing", "Xiamen", "Marrakesh"]
    acronyms = ["WIPO", "NCAC", "CISAC", "WTO", "U.S.", "UNESCO", "CNIPA"]
    title = " ".join(w.capitalize() for w in rng.sample(words, 8))
    paras, sent = [title], []
    for i in range(n_sentences):
        toks = rng.sample(words, rng.randint(12, 28))
        toks[0] = toks[0].capitalize()
        toks.insert(rng.randint(1, len(toks) - 1), rng.choice(names))
        toks.insert(rng.randint(1, len(toks) - 1), rng.choice(acronyms))
        toks.insert(rng.randint(1, len(toks) - 1), rng.choice(["1,500", "3.5%", "2021", "No. 5"]))
        sent.append(" ".join(toks) + rng.choice([".", ".", ".", "?"]))
        if i % 4 == 3:
            paras.append(" ".join(sent))
            sent = []
    if sent:
        paras.append(" ".join(sent))
    return "\n\n".join(paras) + "\n"


def tico_sentences() -> list[str]:
    import xml.etree.ElementTree as ET

    out = []
    for tu in ET.parse(TICO).getroot().iter("tu"):
        for tuv in tu.findall("tuv"):
            lang = tuv.get("{http://www.w3.org/XML/1998/namespace}lang") or tuv.get("lang") or ""
            if lang.lower().startswith("en"):
                out.append("".join(tuv.find("seg").itertext()))
    return out


def child(folder: Path, cache_dir: Path) -> None:
    """The cold run: what a fresh process does to fix the articles in ``folder``."""
    sp = Speller.load(cache_dir=cache_dir)
    for f in sorted(folder.glob("*.txt")):
        fix_segments(parse(f.read_text(encoding="utf-8"), f, "en", "text"), sp)


def cold_speed(texts: list[str], runs: int) -> dict[str, float]:
    """Median wall time of a fresh process fixing ``texts``: disk cache removed / kept."""
    work = Path(tempfile.mkdtemp(prefix="transnews-normbench-"))
    arts, cache = work / "articles", work / "cache"
    arts.mkdir()
    for i, t in enumerate(texts):
        (arts / f"bench-{i:02d}.txt").write_text(t, encoding="utf-8")
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(arts), "--cache-dir", str(cache)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out: dict[str, list[float]] = {"disk cache removed": [], "disk cache kept": []}
    subprocess.run(cmd, env=env, check=True)  # fills the cache for the first "kept" run
    try:
        for _ in range(runs):
            for name in out:
                if name == "disk cache removed":
                    shutil.rmtree(cache, ignore_errors=True)
                t0 = time.perf_counter()
                subprocess.run(cmd, env=env, check=True)
                out[name].append(time.perf_counter() - t0)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {k: statistics.median(v) for k, v in out.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--cache-dir", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--dictionary", help="codespell dictionary.txt (default: from codespell_lib)")
    ap.add_argument("--repeat", type=int, default=3, help="timing runs (best is reported)")
    ap.add_argument("--sample", type=int, default=0,
                    help="score a random sample of this many codespell entries (default: all)")
    args = ap.parse_args()
    if args.child:
        return child(args.child, args.cache_dir)

    t0 = time.perf_counter()
    base = _base_vocabulary()
    t_load = time.perf_counter() - t0
    print(f"wordfreq vocabulary: {len(base.zipf):,} words, loaded in {t_load:.2f} s "
          f"(in-process, from wordfreq's own files, modules already imported)")

    pairs, where = load_codespell(args.dictionary)
    if args.sample and args.sample < len(pairs):
        pairs = random.Random(1).sample(pairs, args.sample)
        where += f", random sample of {args.sample:,}"
    speller = Speller.load()
    t0 = time.perf_counter()
    acc = accuracy(speller, pairs)
    t_acc = time.perf_counter() - t0
    n = len(pairs)
    applied = acc.get("applied, correct", 0) + acc.get("applied, wrong", 0)
    print(f"\ncodespell ({where}): {n:,} single-correction lowercase entries ({t_acc:.1f} s)")
    for key in ("applied, correct", "applied, wrong", "suggested, correct", "suggested, wrong",
                "left alone", "known to wordfreq (zipf >= 3)"):
        print(f"  {key:32s} {acc.get(key, 0):6,d}  {100 * acc.get(key, 0) / n:5.1f}%")
    print(f"  accuracy (applied and correct / all)      {100 * acc.get('applied, correct', 0) / n:5.1f}%")
    if applied:
        print(f"  precision of applied corrections          {100 * acc.get('applied, correct', 0) / applied:5.1f}%")
    top1 = acc.get("applied, correct", 0) + acc.get("suggested, correct", 0)
    print(f"  correct word offered (applied or suggested) {100 * top1 / n:5.1f}%")

    if TICO.is_file():
        sents = tico_sentences()
        words = sum(len(s.split()) for s in sents)
        names = collect_names((s, False) for s in sents)
        kinds = Counter()
        typos = Counter()
        sugg = 0
        for s in sents:
            r = fix_text(s, "en", speller, kind="paragraph", names=names)
            for c in r.changes:
                kinds[c.kind] += 1
                if c.kind == "typo":
                    typos[f"{c.original}→{c.replacement}"] += 1
            sugg += len(r.suggestions)
        print(f"\nTICO-19 English ({len(sents):,} sentences, {words:,} words of clean professional text):")
        print(f"  typo corrections applied: {kinds['typo']} ({', '.join(f'{k} ×{v}' for k, v in typos.items())})")
        print(f"  spacing fixes: {kinds['spacing']} (sentences glued without a space after the full stop)")
        print(f"  suggestions: {sugg}")
    else:
        print(f"\n(TICO-19 false-correction check skipped: {TICO} not present)")

    rng = random.Random(7)
    common = [w for w, z in base.zipf.items() if z >= 3.5 and len(w) > 1]
    example = EXAMPLE.read_text(encoding="utf-8")
    texts = [example] * 20 + [news_like(rng, common, 60) for _ in range(20)]
    arts = [parse(t, Path(f"bench-{i}.txt"), "en", "text") for i, t in enumerate(texts)]
    total_words = sum(len(t.split()) for t in texts)
    warm = []
    for _ in range(args.repeat):
        sp = Speller.load()  # fresh per-word cache: every distinct word is looked up again
        t0 = time.perf_counter()
        for a in arts:
            fix_segments(a, sp)
        warm.append(time.perf_counter() - t0)
    cold = cold_speed(texts, args.repeat)
    print(f"\nspeed: {len(arts)} clean articles (20× example, 20 generated), {total_words:,} words "
          f"(medians of {args.repeat}, interleaved):")
    for name, dt in cold.items():
        print(f"  cold, whole process, {name:20s} {dt * 1000:7.0f} ms  {total_words / dt:9,.0f} words/s")
    dt = statistics.median(warm)
    print(f"  warm, in-process (fresh per-word cache) {dt * 1000:7.0f} ms  {total_words / dt:9,.0f} words/s "
          f"(segmentation excluded)")


if __name__ == "__main__":
    main()
