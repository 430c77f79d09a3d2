"""Whole `transnews translate` of one corpus: local vs `--cluster ray` (a Ray started by the command).

Each figure is one cold subprocess (fresh locales folder), the variants interleaved,
medians of ``--runs``; sentences/s is the run's own sentence count over wall time. The
cluster figure includes everything a user waits for: starting a local Ray (GCS, raylet,
workers), shipping the translation memory, one model load per actor. On this 2-core
machine (shared with other work) that start-up dominates small corpora, and two actors
with CTranslate2's threads compete with the driver for the same two cores: the figure
says what Ray costs here, not what it gains on a cluster. The catalogs of both runs are
compared byte for byte (SOURCE_DATE_EPOCH fixed).

    uv sync --extra ray && uv run python benchmarks/cluster_bench.py [--articles 200] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from archive_bench import EXAMPLE, _cli, make_corpus  # noqa: E402


def run(corpus: Path, loc: Path, extra: list[str], env: dict) -> tuple[float, int]:
    cmd = [*_cli(), "translate", str(corpus), "--locales", str(loc), "--offline", "--beam", "1", "--json", *extra]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"translate {' '.join(extra)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return wall, json.loads(proc.stdout)["sentences"]


def files(loc: Path) -> dict[str, bytes]:
    return {p.relative_to(loc).as_posix(): p.read_bytes() for p in sorted(loc.rglob("*.po*"))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3, help="interleaved runs per variant (median)")
    ap.add_argument("--actors", type=int, default=2)
    ap.add_argument("--chunk-size", type=int, default=32)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="transnews-cluster-"))
    env = dict(os.environ, ARGOS_PACKAGES_DIR=str(work / "packages"), ARGOS_PACKAGE_INDEX="http://127.0.0.1:9/",
               XDG_CACHE_HOME=str(work / "cache"), SOURCE_DATE_EPOCH="1767225600")
    from transnews.engine.synthetic import build_package, default_corpus

    archive = build_package(work / "tiny.argosmodel", default_corpus(EXAMPLE.read_text(encoding="utf-8").splitlines()),
                            from_code="en", to_code="zh")
    subprocess.run([*_cli(), "models", "install", str(archive)], env=env, check=True, capture_output=True)
    corpus = work / "corpus"
    make_corpus(corpus, args.articles)
    variants = {"local": [], f"--cluster ray ({args.actors} actors)": ["--cluster", "ray", "--cluster-actors",
                                                                        str(args.actors)]}
    walls: dict[str, list[float]] = {v: [] for v in variants}
    sentences = 0
    for i in range(args.runs):
        for name, extra in variants.items():
            wall, sentences = run(corpus, work / f"loc-{i}-{len(walls[name])}-{extra != []}", extra + [
                "--chunk-size", str(args.chunk_size)], env)
            walls[name].append(wall)
    same = files(work / "loc-0-0-False") == files(work / "loc-0-0-True")
    print(f"{args.articles} articles, {sentences} sentences, chunk size {args.chunk_size}, "
          f"{os.cpu_count()} CPUs; catalogs byte-identical: {same}")
    base = statistics.median(walls["local"])
    for name, ws in walls.items():
        med = statistics.median(ws)
        print(f"{name:<28} wall {med:7.1f} s  {sentences / med:7.1f} sentences/s  {med / base:5.2f}x local")


if __name__ == "__main__":
    main()
