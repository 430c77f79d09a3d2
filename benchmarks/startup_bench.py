"""Start-up of `transnews --help` and a subcommand's help, cold, as whole commands.

Side by side and interleaved in one run (medians of ``--runs``, default 15): a bare
`python -c pass`, `transnews --help` and `transnews translate --help` (served from the
stored help pages, typer not imported), and the same help rendered through typer.
Target (issue 15): ≤ 5× `python -c pass`. `everyday_bench.py --only help` prints the
same figures with the other everyday ones.

    uv run python benchmarks/startup_bench.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path


def commands() -> dict[str, list[str]]:
    bin_ = Path(sys.executable).with_name("transnews")
    typer_app = "from transnews.cli.app import app; app(prog_name='transnews')"
    return {"python -c pass": [sys.executable, "-c", "pass"], "transnews --help": [str(bin_), "--help"],
            "transnews translate --help": [str(bin_), "translate", "--help"],
            "typer path (app --help)": [sys.executable, "-c", typer_app, "--help"]}


def measure(cmds: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median wall seconds per command, round by round (machine noise hits every command alike)."""
    seen: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            seen[name].append(time.perf_counter() - start)
    return {name: statistics.median(v) for name, v in seen.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=15)
    medians = measure(commands(), ap.parse_args().runs)
    base = medians["python -c pass"]
    for name, seconds in medians.items():
        print(f"{name:36} {seconds * 1000:6.1f} ms  {seconds / base:5.2f}x python")


if __name__ == "__main__":
    main()
