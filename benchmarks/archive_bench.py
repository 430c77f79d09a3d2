"""Archive scale: peak memory and throughput of whole `transnews translate` runs over
generated corpora (100 / 1,000 / 3,000 articles), with 1 and 2 jobs, and raw
CTranslate2 on the same segments.

Each figure is one cold `transnews translate <folder>` subprocess (fresh locales
folder, transnews's disk cache kept as a first run leaves it), MT by the tiny real
Argos package the tests build (SentencePiece + random-weight CTranslate2; its output
is nonsense, its cost is real). Peak memory is the run's largest process's max RSS (GNU time %M; with --jobs the
workers are separate processes and each is smaller). The
raw figure translates exactly the msgids the run wrote, tokenised by the package's
SentencePiece model, in batches of the same size, in this process (warm: the model
is loaded before the clock starts). Runs of one size are interleaved (1 job, 2 jobs,
1 job, ...) and the median is printed.

    uv run python benchmarks/archive_bench.py [--sizes 100,1000,3000] [--runs 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ncac-wipo-copyright-training.txt"


def _cli() -> list[str]:
    exe = Path(sys.executable).with_name("transnews")
    return [str(exe)] if exe.is_file() else [sys.executable, "-c", "from transnews.cli.app import main; main()"]


def make_corpus(folder: Path, n: int, seed: int = 0) -> None:
    """``n`` articles of 4–6 sentences drawn from the example article, each numbered so
    no two articles are the same (real sentences: real fixes and glossary terms)."""
    lines = [ln.strip() for ln in EXAMPLE.read_text(encoding="utf-8").splitlines() if len(ln.strip()) > 40]
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    for i in range(n):
        body = [f"Report {i}: " + rng.choice(lines) for _ in range(rng.randint(4, 6))]
        sub = folder / f"{i // 500:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"story-{i:05d}.txt").write_text("\n\n".join(body) + "\n", encoding="utf-8")


def peak_rss(corpus: Path, loc: Path, jobs: int, env: dict) -> tuple[float, float]:
    """(seconds, peak MiB of the largest process of the run) via GNU time when installed."""
    gtime = "/usr/bin/time" if Path("/usr/bin/time").exists() else None
    if gtime is None:
        sys.exit("needs GNU time (/usr/bin/time: apt-get install time) for each run's peak memory")
    shutil.rmtree(loc, ignore_errors=True)
    cmd = [gtime, "-f", "%M", *_cli(), "translate", str(corpus), "--locales", str(loc), "--offline",
           "--beam", "1", "--jobs", str(jobs), "--json"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"translate failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return wall, int(proc.stderr.strip().splitlines()[-1]) / 1024


def raw_ct2(loc: Path, model_dir: Path, batch: int = 32) -> tuple[int, float]:
    """(sentences, seconds) of raw translate_batch over the msgids the run wrote (warm)."""
    import ctranslate2
    import polib
    import sentencepiece

    from transnews.engine.argos import MAX_DECODING

    texts = [e.msgid for po in sorted(loc.glob("zh/LC_MESSAGES/*.po")) for e in polib.pofile(str(po))
             if e.msgid and e.msgctxt != "boilerplate"]
    sp = sentencepiece.SentencePieceProcessor(model_file=str(model_dir / "sentencepiece.model"))
    tr = ctranslate2.Translator(str(model_dir / "model"), device="cpu")
    tokens = [sp.encode(t, out_type=str) for t in texts]
    longest = max(len(t) for t in tokens)
    t0 = time.perf_counter()
    # As the engine calls it: one call, batches of ``batch``, the same decoding cap.
    tr.translate_batch(tokens, beam_size=1, max_batch_size=batch,
                       max_decoding_length=min(MAX_DECODING, 2 * longest + 16))
    return len(texts), time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,3000")
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--runs", type=int, default=1, help="interleaved runs per size and jobs (median)")
    ap.add_argument("--keep", type=Path, help="keep the work directory here")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="transnews-archive-"))
    env = dict(os.environ, ARGOS_PACKAGES_DIR=str(work / "packages"), ARGOS_PACKAGE_INDEX="http://127.0.0.1:9/",
               XDG_CACHE_HOME=str(work / "cache"))
    from transnews.engine.synthetic import build_package, default_corpus

    archive = build_package(work / "tiny.argosmodel",
                            default_corpus(EXAMPLE.read_text(encoding="utf-8").splitlines()), from_code="en",
                            to_code="zh")
    subprocess.run([*_cli(), "models", "install", str(archive)], env=env, check=True, capture_output=True)
    model_dir = next((work / "packages").glob("translate-en_zh*"))
    jobs_list = [int(j) for j in args.jobs.split(",")]
    print(f"{'articles':>8} {'jobs':>4} {'sentences':>9} {'wall s':>8} {'sent/s':>8} {'peak MiB':>9} "
          f"{'raw CT2 sent/s (warm)':>22}")
    mems: dict[int, list[float]] = {j: [] for j in jobs_list}
    for n in (int(s) for s in args.sizes.split(",")):
        corpus = work / f"corpus-{n}"
        if not corpus.exists():
            make_corpus(corpus, n)
        figures: dict[int, list[tuple[float, float]]] = {j: [] for j in jobs_list}
        for _ in range(args.runs):
            for j in jobs_list:
                figures[j].append(peak_rss(corpus, work / f"loc-{n}-{j}", j, env))
        sentences, raw_s = raw_ct2(work / f"loc-{n}-{jobs_list[0]}", model_dir)
        for j in jobs_list:
            wall = statistics.median(f[0] for f in figures[j])
            mem = statistics.median(f[1] for f in figures[j])
            mems[j].append(mem)
            print(f"{n:>8} {j:>4} {sentences:>9} {wall:>8.1f} {sentences / wall:>8.1f} {mem:>9.0f} "
                  f"{sentences / raw_s:>22.1f}", flush=True)
    for j in jobs_list:
        print(f"{j} job(s): peak memory of the largest corpus / the smallest: {mems[j][-1] / mems[j][0]:.2f} "
              "(target: 3,000 articles <= 1.3x 100)")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
