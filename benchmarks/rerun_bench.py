"""Re-running `translate` on an unchanged article: no MT call, and how long it takes.

Builds the tiny real Argos package (SentencePiece + random-weight CTranslate2
model, as the tests do), translates the example article once (MT runs), then
again unchanged, twice more with reviewer edits in between, and reports MT
calls, wall time and whether the catalogs on disk changed.

What a user sees is the whole command: the headline figures run
`transnews translate` of the unchanged article as a fresh subprocess, side by side
and interleaved with `python -c pass` and `transnews --help` (medians), once with
transnews's disk cache ($XDG_CACHE_HOME/transnews: spelling vocabulary, compiled
glossary) as the previous run left it and once with it removed before each run.
Figures timed inside this process (modules imported, vocabulary loaded) are
labelled "warm, in-process": no user ever gets them.

    uv run python benchmarks/rerun_bench.py [--runs 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
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


def cold_figures(work: Path, article: Path, out: Path, runs: int) -> None:
    """Whole commands as fresh subprocesses, interleaved round by round; medians."""
    cache_home = work / "xdg-cache"
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(work / "packages"), "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/",
           "XDG_CACHE_HOME": str(cache_home)}
    rerun = [*_cli(), "translate", str(article), "--locales", str(out), "--glossary", str(ROOT / "glossary"),
             "--offline", "--json"]
    variants = {
        "python -c pass": ([sys.executable, "-c", "pass"], False),
        "transnews --help": ([*_cli(), "--help"], False),
        "translate re-run, disk cache kept": (rerun, False),
        "translate re-run, disk cache removed": (rerun, True),
    }
    subprocess.run(rerun, env=env, capture_output=True, check=True)  # the run that fills the cache
    times: dict[str, list[float]] = {k: [] for k in variants}
    calls: list[int] = []
    for _ in range(runs):
        for name, (cmd, clear) in variants.items():
            if clear:
                shutil.rmtree(cache_home, ignore_errors=True)
            t = time.perf_counter()
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=work)
            times[name].append(time.perf_counter() - t)
            if proc.returncode != 0:
                sys.exit(f"{name} failed: {proc.stderr.strip()}")
            if cmd is rerun:
                calls.append(json.loads(proc.stdout).get("mt_calls", -1))
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"\nwhole command, cold subprocess (median of {runs}, interleaved):")
    for name, m in med.items():
        print(f"  {name:38s} {m * 1000:7.0f} ms  {m / med['python -c pass']:5.1f}× python  "
              f"{m / med['transnews --help']:5.2f}× --help")
    print(f"  MT calls in the re-runs: {calls} (expected all 0)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="unchanged re-runs to time")
    ap.add_argument("--keep", type=Path, help="keep the work directory here")
    args = ap.parse_args()

    from transnews.catalog import load_po, write_atomic
    from transnews.engine.argos import ArgosEngine
    from transnews.engine.packages import ModelStore
    from transnews.engine.synthetic import build_package, default_corpus
    from transnews.stream import translate_articles
    from transnews.settings import Settings

    work = args.keep or Path(tempfile.mkdtemp(prefix="transnews-rerun-"))
    work.mkdir(parents=True, exist_ok=True)
    # As the CLI runs by default: source fixes and the project glossary on.
    settings = Settings.from_env({}, packages_dir=work / "packages", downloads_dir=work / "dl",
                                 index_url="http://127.0.0.1:9/", offline=True,
                                 glossary_path=ROOT / "glossary", cache_dir=work / "xdg-cache" / "transnews")
    corpus = default_corpus(EXAMPLE.read_text(encoding="utf-8").splitlines())
    info = ModelStore(settings).install_file(build_package(work / "translate-en_zh-1_0.argosmodel", corpus))
    article = work / "ncac.txt"
    shutil.copy(EXAMPLE, article)
    out = work / "locales"
    shutil.rmtree(out, ignore_errors=True)

    def run(engine=None):
        # engine=None is what the CLI does: the model is only resolved and loaded if
        # something needs MT, so an unchanged re-run never even loads it.
        t = time.perf_counter()
        summary = translate_articles([article], src="en", tgt="zh", settings=settings, out_dir=out, engine=engine)
        return summary, time.perf_counter() - t

    first, t_first = run(ArgosEngine(info, beam_size=1))
    print("fix stage: on; glossary: the project's glossary/")
    print(f"first run (tiny random-weight Argos package; in-process): {first.mt_segments} segments in "
          f"{first.mt_calls} MT call(s), {t_first * 1000:.0f} ms")
    po_path = first.catalogs[0].po_path
    snapshot = {p: p.read_bytes() for p in (po_path, first.catalogs[0].pot_path)}
    times, calls, changed = [], [], 0
    for _ in range(args.runs):
        summary, t = run()
        times.append(t)
        calls.append(summary.mt_calls)
        changed += sum(p.read_bytes() != b for p, b in snapshot.items())
    print(f"unchanged re-run x{args.runs} (warm, in-process: modules and vocabulary already loaded): "
          f"MT calls {calls} (expected all 0); "
          f"wall time median {statistics.median(times) * 1000:.0f} ms (min {min(times) * 1000:.0f} ms); "
          f"catalog files rewritten with different bytes: {changed}")
    cold_figures(work, article, out, args.runs)

    # A reviewer approves every draft; re-running keeps them and still needs no MT.
    po = load_po(po_path)
    for e in po:
        if e.msgstr and "fuzzy" in e.flags:
            e.flags.remove("fuzzy")
            e.msgstr = "审校：" + e.msgstr
    write_atomic({po_path: po})
    summary, t = run()
    kept = sum(1 for e in load_po(po_path) if e.msgstr.startswith("审校："))
    print(f"after review (warm, in-process): re-run MT calls {summary.mt_calls}, {kept} reviewed entries kept, "
          f"{t * 1000:.0f} ms")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
