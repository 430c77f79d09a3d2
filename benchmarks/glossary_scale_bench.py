"""Glossary size vs. cost: matcher build, recognition, and the whole `translate` command.

Generates glossaries of N synthetic concepts (two- to four-word English terms
from the example article's own vocabulary, so many share words with the text,
each with a Chinese target and a source) and appends them to the bundled
glossary. For each size it prints

- cold, whole command as a subprocess: `transnews translate` of the example
  article with that glossary (tiny random-weight Argos package, offline), as the
  median of interleaved runs, twice over: with the cache empty (a first run:
  ``$XDG_CACHE_HOME`` a fresh folder, so neither the spelling vocabulary nor the
  compiled glossary is cached) and with the cache kept (the everyday case: the
  folder a previous run of the same glossary left), each with its ratio to the
  bundled glossary's run of the same kind;
- warm, in-process: matcher build time and recognition speed (segments/s) over
  the example article's segments (not what a user sees).

Each size has its own cache folder, never the user's. Targets (issue 15): 20k
concepts ≤ 2× the bundled glossary end to end; 50k loads and recognises in
seconds. On a shared 2-core machine the figures are noisy: compare them side by
side within one run.

    uv run python benchmarks/glossary_scale_bench.py [--sizes 0,20000,50000] [--runs 3]
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ncac-wipo-copyright-training.txt"
COLUMNS = ["id", "en", "abbr", "zh", "zh_variants", "zh_forbidden", "dnt", "case", "note", "source"]


def synthetic_glossary(n: int, out: Path, seed: int = 15) -> Path:
    """The bundled glossary plus ``n`` generated concepts, as one folder."""
    shutil.copytree(ROOT / "glossary", out)
    if n == 0:
        return out
    rng = random.Random(seed)
    vocab = sorted({w.lower() for w in re.findall(r"[A-Za-z]{4,}", EXAMPLE.read_text(encoding="utf-8"))})
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    rows = ["# Synthetic concepts for glossary_scale_bench.py", "\t".join(COLUMNS)]
    seen: set[str] = set()
    while len(rows) - 2 < n:
        en = " ".join(rng.choice(vocab) for _ in range(rng.randint(2, 4)))
        if en in seen:
            continue
        seen.add(en)
        zh = "".join(rng.choice(han) for _ in range(rng.randint(3, 6)))
        rows.append("\t".join([f"syn-{len(rows)}", en, "", zh, "", "", "", "any", "",
                               "synthetic (benchmark)"]))
    (out / "synthetic.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return out


def warm_figures(folder: Path, segments: list[str]) -> tuple[float, float]:
    """(matcher build s, segments/s) in this process: warm, not what a user sees."""
    from transnews.glossary.recognize import Matcher
    from transnews.glossary.store import load_glossary

    concepts = load_glossary(folder).concepts
    t = time.perf_counter()
    matcher = Matcher(concepts, "en", source=True)
    build = time.perf_counter() - t
    for seg in segments:  # first pass compiles the patterns of the forms that occur
        matcher.recognize(seg, "zh")
    t = time.perf_counter()
    for seg in segments:
        matcher.recognize(seg, "zh")
    return build, len(segments) / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="0,20000,50000")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    from transnews.engine.packages import ModelStore
    from transnews.engine.synthetic import build_package, default_corpus
    from transnews.settings import Settings

    work = Path(tempfile.mkdtemp(prefix="transnews-gscale-"))
    env = dict(os.environ, ARGOS_PACKAGES_DIR=str(work / "packages"), ARGOS_PACKAGE_INDEX="http://127.0.0.1:9/")
    settings = Settings.from_env(env)
    corpus = default_corpus(EXAMPLE.read_text(encoding="utf-8").splitlines())
    ModelStore(settings).install_file(build_package(work / "translate-en_zh-1_0.argosmodel", corpus))
    segments = [ln for ln in EXAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    folders = {n: synthetic_glossary(n, work / f"glossary-{n}") for n in sizes}

    cmd = [str(Path(sys.executable).with_name("transnews")), "translate", str(EXAMPLE), "--offline"]

    def run(n: int, cache: Path) -> float:
        out = work / f"locales-{n}"
        shutil.rmtree(out, ignore_errors=True)
        t = time.perf_counter()
        subprocess.run(cmd + ["--glossary", str(folders[n]), "--out", str(out)],
                       env=dict(env, XDG_CACHE_HOME=str(cache)), check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - t

    for n in sizes:  # fill each size's kept cache once, untimed
        run(n, work / f"cache-kept-{n}")
    times: dict[tuple[str, int], list[float]] = {(k, n): [] for k in ("empty", "kept") for n in sizes}
    for _ in range(args.runs):  # interleaved, so machine noise hits every size and kind alike
        for n in sizes:
            empty = work / f"cache-empty-{n}"
            shutil.rmtree(empty, ignore_errors=True)
            times["empty", n].append(run(n, empty))
            times["kept", n].append(run(n, work / f"cache-kept-{n}"))
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"whole `transnews translate` of the example, cold subprocess, median of {args.runs} interleaved runs")
    print(f"{'extra concepts':>14} {'cache empty':>12} {'ratio':>6} {'cache kept':>11} {'ratio':>6} "
          f"{'build (warm)':>13} {'segments/s (warm)':>18}")
    for n in sizes:
        build, rate = warm_figures(folders[n], segments)
        print(f"{n:>14} {med['empty', n]:>11.2f}s {med['empty', n] / med['empty', sizes[0]]:>6.2f} "
              f"{med['kept', n]:>10.2f}s {med['kept', n] / med['kept', sizes[0]]:>6.2f} "
              f"{build:>12.3f}s {rate:>18.0f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
