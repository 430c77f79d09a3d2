"""Start-up of `transnews --help` and a subcommand's help, cold, as whole commands.

Side by side and interleaved in one run (medians of 15): a bare `python -c pass`,
`transnews --help` and `transnews translate --help` (served from the stored help
pages, typer not imported), and the same help rendered through typer. Target
(issue 15): ≤ 5× `python -c pass`.

    uv run python benchmarks/startup_bench.py
"""

import statistics, subprocess, sys, time
from pathlib import Path
bin_ = Path(sys.executable).with_name("transnews")
cmds = {"python -c pass": [sys.executable, "-c", "pass"], "transnews --help": [str(bin_), "--help"],
        "transnews translate --help": [str(bin_), "translate", "--help"],
        "typer path (python -m app --help)": [sys.executable, "-c", "from transnews.cli.app import app; app(prog_name='transnews')", "--help"]}
t = {k: [] for k in cmds}
for _ in range(15):  # interleaved: machine noise hits every command alike
    for k, c in cmds.items():
        s = time.perf_counter(); subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); t[k].append(time.perf_counter() - s)
base = statistics.median(t["python -c pass"])
for k, v in t.items():
    print(f"{k:36} {statistics.median(v)*1000:6.1f} ms  {statistics.median(v)/base:5.2f}x")
