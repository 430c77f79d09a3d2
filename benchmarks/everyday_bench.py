"""Everyday runs, side by side in one run, each figure next to its target (issue 15, item 7).

Sections (``--only help,rerun,pipeline,glossary,update``; all by default):

- help: `transnews --help` (and a few subcommands' --help) vs a bare `python -c pass`.
  Target: <= 5x python.
- rerun: an unchanged `transnews translate` re-run of the example article vs `--help`
  (transnews's disk cache and the run manifest as the previous run left them; with
  ``--full`` also an unchanged folder of 100 articles). Target: <= 4x `--help`.
- pipeline: whole `transnews translate` of the example vs a raw CTranslate2 script on the
  same tokens, beam 1, base-size random-weight model (benchmarks/pipeline_bench.py's
  children and tuning, imported). Target: CPU <= 1.10x raw when the model keeps
  placeholders; the synthetic model as is drops them, its repair rate is printed too.
- glossary: `transnews translate` of the example with the bundled glossary vs the bundled
  one plus 20k synthetic concepts (benchmarks/glossary_scale_bench.py's generator).
  Target: <= 2x.
- update: catalog update at 1 / 10 / 100 % edited msgids: warm in-process
  ``catalog.update`` on a ~5k-entry reviewed catalog (benchmarks/catalog_bench.py's
  generator, when it is there; target: 100 % <= 2 s) and, cold, `transnews translate` of
  the example with that share of its sentences edited, against its reviewed catalog
  (with ``--full`` also catalog_bench's cold translate of the 5k-entry article).

Every figure a user would compare is a whole command run as a fresh subprocess
(interleaved round by round, medians); figures timed inside this process are labelled
"warm". The machine is small and shared: compare the columns of one run, not runs.
A section that fails says so and the others still run (exit status 1 at the end).

    uv run python benchmarks/everyday_bench.py [--quick] [--only help,rerun] [--runs N]
        [--full] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ncac-wipo-copyright-training.txt"
GLOSSARY = ROOT / "glossary"
SECTIONS = ("help", "rerun", "pipeline", "glossary", "update")
BIG_GLOSSARY = 20_000
EDITS = (1, 10, 100)

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling benchmarks, imported (not copied)


class SectionFailed(Exception):
    pass


# -- timing ---------------------------------------------------------------------------------------

def timed(cmd: list[str], env: dict, cwd: Path) -> tuple[float, float, str]:
    """(CPU seconds of the child, wall seconds, its stdout); a failing command raises."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise SectionFailed(f"`{' '.join(cmd[:4])} …` exited {proc.returncode}: {proc.stderr.strip()[-800:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall, proc.stdout


def interleaved(variants: dict, runs: int, env: dict, cwd: Path) -> dict[str, dict]:
    """``variants``: name → (command, prepare or None). Round by round, every variant once
    (machine noise hits them alike); per name the medians and the last stdout."""
    seen: dict[str, list] = {name: [] for name in variants}
    for _ in range(runs):
        for name, (cmd, prepare) in variants.items():
            if prepare is not None:
                prepare()
            seen[name].append(timed(cmd, env, cwd))
    return {name: {"cpu": statistics.median(c for c, _, _ in v), "wall": statistics.median(w for _, w, _ in v),
                   "stdout": v[-1][2]} for name, v in seen.items()}


def verdict(ratio: float, limit: float) -> str:
    return f"(target <= {limit:g}x: {'met' if ratio <= limit else 'NOT met'})"


def line(name: str, seconds: float, extra: str = "") -> None:
    print(f"  {name:46s} {seconds * 1000:8.0f} ms  {extra}".rstrip(), flush=True)


# -- shared set-up --------------------------------------------------------------------------------

class Work:
    """The work folder, the environment every child gets, and the tiny synthetic Argos
    package (built once, on first use)."""

    def __init__(self, root: Path, args: argparse.Namespace):
        self.root, self.args = root, args
        self.env = {**os.environ, "ARGOS_PACKAGES_DIR": str(root / "packages"),
                    "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/", "XDG_CACHE_HOME": str(root / "xdg-cache")}
        self._tiny = False

    def cli(self) -> list[str]:
        from rerun_bench import _cli

        return _cli()

    def tiny(self) -> None:
        if self._tiny:
            return
        from transnews.engine.packages import ModelStore
        from transnews.engine.synthetic import build_package, default_corpus
        from transnews.settings import Settings

        settings = Settings.from_env({}, packages_dir=self.root / "packages", downloads_dir=self.root / "dl",
                                     index_url="http://127.0.0.1:9/", offline=True)
        corpus = default_corpus(EXAMPLE.read_text(encoding="utf-8").splitlines())
        ModelStore(settings).install_file(build_package(self.root / "translate-en_zh-1_0.argosmodel", corpus))
        self._tiny = True

    def translate(self, article: Path, locales: Path, *extra: str) -> list[str]:
        return [*self.cli(), "translate", str(article), "--locales", str(locales), "--offline", "--json",
                *extra]

    def runs(self, quick: int, full: int) -> int:
        return self.args.runs or (quick if self.args.quick else full)


def copy_article(work: Work, folder: str) -> Path:
    (work.root / folder).mkdir(parents=True, exist_ok=True)
    article = work.root / folder / EXAMPLE.name
    shutil.copy(EXAMPLE, article)
    return article


# -- sections -------------------------------------------------------------------------------------

def section_help(work: Work) -> None:
    runs = work.runs(7, 15)
    cli = work.cli()
    variants = {"python -c pass": ([sys.executable, "-c", "pass"], None), "transnews --help": ([*cli, "--help"], None)}
    for sub in ("translate", "check", "publish", "glossary import"):
        variants[f"transnews {sub} --help"] = ([*cli, *sub.split(), "--help"], None)
    med = interleaved(variants, runs, work.env, work.root)
    print(f"\n== help: CLI start vs python (whole commands, cold subprocess, median of {runs}, interleaved)")
    base = med["python -c pass"]["wall"]
    for name, m in med.items():
        ratio = m["wall"] / base
        line(name, m["wall"], "" if name == "python -c pass" else f"{ratio:5.2f}x python  {verdict(ratio, 5)}")


def _nothing_to_do(stdout: str) -> str:
    try:
        data = json.loads(stdout)
    except ValueError:  # the summary's shape is not this benchmark's business: say so, keep the timing
        return "its --json summary did not parse"
    return f"MT calls {data.get('mt_calls')}, nothing to do: {data.get('nothing_to_do')}"


def section_rerun(work: Work) -> None:
    runs = work.runs(5, 9)
    work.tiny()
    article, out = copy_article(work, "rerun"), work.root / "rerun" / "locales"
    rerun = work.translate(article, out, "--glossary", str(GLOSSARY))
    first = timed(rerun, work.env, work.root)  # translates (MT runs), fills the disk cache and the manifest
    # The same command through typer and the pipeline (what every re-run cost before the
    # launcher answered unchanged ones itself): same decision, same output.
    through_typer = [sys.executable, "-c", "from transnews.cli.app import main; main()", *rerun[len(work.cli()):]]
    variants = {"python -c pass": ([sys.executable, "-c", "pass"], None),
                "transnews --help": ([*work.cli(), "--help"], None), "translate re-run, unchanged": (rerun, None),
                "  the same through typer (before)": (through_typer, None)}
    if work.args.full:
        folder = work.root / "rerun100" / "articles"
        folder.mkdir(parents=True, exist_ok=True)
        text = EXAMPLE.read_text(encoding="utf-8")
        for i in range(100):  # distinct files, shared sentences: MT once per sentence
            (folder / f"article-{i:03d}.txt").write_text(text, encoding="utf-8")
        many = work.translate(folder, work.root / "rerun100" / "locales", "--glossary", str(GLOSSARY))
        timed(many, work.env, work.root)
        variants["translate re-run, 100 unchanged articles"] = (many, None)
    med = interleaved(variants, runs, work.env, work.root)
    print(f"\n== rerun: unchanged `translate` of the example vs `--help` (whole commands, cold subprocess, "
          f"median of {runs}, interleaved; disk cache and manifest as the previous run left them)")
    line("first translate (MT runs; one run)", first[1])
    base, python = med["transnews --help"]["wall"], med.pop("python -c pass")["wall"]
    for name, m in med.items():
        if name == "transnews --help":
            line(name, m["wall"], f"{m['wall'] / python:5.2f}x python")
            continue
        ratio = m["wall"] / base
        target = verdict(ratio, 4) if name == "translate re-run, unchanged" else (
            f"(target: well under 1 s: {'met' if m['wall'] < 0.5 else 'NOT met'})" if "100" in name else "")
        line(name, m["wall"], f"{ratio:5.2f}x --help  {target}  ({m['wall'] / python:.1f}x python; "
                              f"{_nothing_to_do(m['stdout'])})")


def byte_compile() -> str:
    """transnews's modules are timed byte-compiled, as an installed copy has them: with
    PYTHONDONTWRITEBYTECODE set (as on these machines) a source checkout would otherwise
    recompile every module it imports on every start, which no user's install does."""
    import compileall

    compileall.compile_dir(str(ROOT / "src" / "transnews"), quiet=1)
    why = " (PYTHONDONTWRITEBYTECODE is set here)" if os.environ.get("PYTHONDONTWRITEBYTECODE") else ""
    return f"transnews byte-compiled first, as an install has it{why}"


def section_pipeline(work: Work) -> None:
    import pipeline_bench as pb

    runs = work.runs(2, 3)
    root = work.root / "pipeline"
    root.mkdir(parents=True, exist_ok=True)
    package = pb.build(root)
    pb.tagged_copies(EXAMPLE.read_text(encoding="utf-8"), 1, root / "article.txt")
    env = pb.child_env(root)
    me = [sys.executable, pb.__file__, "--work", str(root), "--beam", "1"]
    modes = ("keeps", "drops")
    summaries = {m: json.loads(timed(me + ["--child", "pipeline", "--mode", m], env, root)[2]) for m in modes}
    batches = {m: json.loads((root / f"batches-{m}.json").read_text(encoding="utf-8")) for m in modes}
    print("\n== pipeline: whole `translate` vs raw CTranslate2 on the same tokens (beam 1, base-size model)")
    best = pb.tune_raw(package, batches["keeps"][0], 1, 1 if work.args.quick else 3)
    variants = {}
    for m in modes:
        variants[f"transnews translate ({m} placeholders)"] = (me + ["--child", "pipeline", "--mode", m], None)
        variants[f"raw CTranslate2, same tokens ({m})"] = (me + ["--child", "raw", "--mode", m, "--config",
                                                                  str(best)], None)
    med = interleaved(variants, runs, env, root)
    print(f"  whole commands, cold subprocess, median of {runs}, interleaved (CPU time is the measure):")
    for m in modes:
        ours, raw = med[f"transnews translate ({m} placeholders)"], med[f"raw CTranslate2, same tokens ({m})"]
        s, ratio = summaries[m], ours["cpu"] / raw["cpu"]
        what = "model keeps placeholders" if m == "keeps" else "synthetic model as is (drops them)"
        print(f"  {what}: {sum(map(len, batches[m]))} segments in {len(batches[m])} call(s), "
              f"repair rate {s.get('repair_rate')}")
        print(f"    transnews CPU {ours['cpu']:.2f} s (wall {ours['wall']:.2f} s); raw CPU {raw['cpu']:.2f} s "
              f"(wall {raw['wall']:.2f} s); {ratio:.2f}x CPU"
              + (f"  {verdict(ratio, 1.10)}" if m == "keeps" else "  (no target: repair runs)"), flush=True)


def section_glossary(work: Work) -> None:
    import glossary_scale_bench as gs
    from transnews.glossary.store import load_glossary

    runs = work.runs(3, 5)
    work.tiny()
    bundled = len(load_glossary(GLOSSARY).concepts)
    sizes = {f"bundled ({bundled} concepts)": 0, f"bundled + {BIG_GLOSSARY:,} concepts": BIG_GLOSSARY}
    article = copy_article(work, "glossary")
    folders, variants, first = {}, {}, {}
    for name, n in sizes.items():
        folders[name] = gs.synthetic_glossary(n, work.root / "glossary" / f"glossary-{n}")
        out = work.root / "glossary" / f"locales-{n}"
        cmd = work.translate(article, out, "--glossary", str(folders[name]), "--beam", "1")
        variants[name] = (cmd, lambda out=out: shutil.rmtree(out, ignore_errors=True))  # a real translate each time
        variants[name][1]()
        first[name] = timed(cmd, work.env, work.root)[1]  # empty glossary cache: builds it
    med = interleaved(variants, runs, work.env, work.root)
    print(f"\n== glossary: `translate` of the example (new catalogs each run, glossary cache kept), "
          f"whole commands, cold subprocess, median of {runs}, interleaved")
    segments = [ln for ln in EXAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    base = med[next(iter(sizes))]["wall"]
    for name in sizes:
        build, rate = gs.warm_figures(folders[name], segments)
        ratio = med[name]["wall"] / base
        extra = "" if sizes[name] == 0 else f"{ratio:5.2f}x bundled  {verdict(ratio, 2)}"
        line(name, med[name]["wall"], extra)
        print(f"    first run, empty glossary cache {first[name]:.2f} s; warm in-process: matcher build "
              f"{build:.3f} s, recognition {rate:.0f} segments/s")


def _warm_update(work: Work) -> None:
    """catalog.update on a generated reviewed catalog, warm in-process (catalog_bench's generator)."""
    try:
        import catalog_bench as cb

        needed = (cb.Sentences, cb.catalog_texts, cb.reviewed_catalog, cb.edited, cb.article_items)
    except (ImportError, AttributeError) as err:
        print(f"  (warm figures skipped: benchmarks/catalog_bench.py not usable: {err})")
        return
    from transnews.catalog import build_template, loads_po, update

    runs = work.runs(1, 3)
    gen = needed[0]()
    texts = cb.catalog_texts(gen, work.args.entries)
    old_text = cb.reviewed_catalog(texts)
    print(f"  warm, in-process: catalog.update of a reviewed {len(texts)}-entry catalog, median of {runs} "
          "(parse of the old catalog not timed)")
    for pct in EDITS:
        pot = build_template(cb.article_items(cb.edited(gen, texts, pct)), domain="big", reference="big.txt")
        times = []
        for _ in range(runs):
            old = loads_po(old_text)
            t = time.perf_counter()
            update(old, pot, lang="zh")
            times.append(time.perf_counter() - t)
        target = f"(target <= 2 s at 100% of 5k: {'met' if statistics.median(times) <= 2 else 'NOT met'})"
        line(f"{pct:3d}% edited msgids (warm)", statistics.median(times), target if pct == 100 else "")
    if work.args.full and hasattr(cb, "cold_figures"):  # the same catalog through the whole command
        root = work.root / "update-big"
        root.mkdir(parents=True, exist_ok=True)
        cb.cold_figures(argparse.Namespace(runs=runs), root, {"texts": texts, "revisions": {}})


def _edited_article(text: str, msgids: list[str], pct: int) -> tuple[str, int]:
    """``text`` with ``pct`` % (at least one) of the msgids found in it edited by one word."""
    present = [m for m in msgids if len(m.split()) > 3 and text.count(m) == 1]
    chosen = present[:: max(1, round(100 / pct))][: max(1, round(len(present) * pct / 100))]
    for m in chosen:
        first, rest = m.split(" ", 1)
        text = text.replace(m, f"{first} also {rest}")
    return text, len(chosen)


def section_update(work: Work) -> None:
    from transnews.catalog import dumps, load_po

    print("\n== update: catalog update at 1 / 10 / 100 % edited msgids")
    _warm_update(work)
    runs = work.runs(3, 5)
    work.tiny()
    root = work.root / "update"
    article, base = copy_article(work, "update"), root / "reviewed"
    timed(work.translate(article, base, "--glossary", str(GLOSSARY), "--beam", "1"), work.env, work.root)
    (po_path,) = base.rglob("*.po")
    po = load_po(po_path)
    for e in po:
        e.flags = [f for f in e.flags if f != "fuzzy"]  # a reviewer finished it
    po_path.write_text(dumps(po), encoding="utf-8")
    text, msgids = EXAMPLE.read_text(encoding="utf-8"), [e.msgid for e in po if e.msgid]
    variants, edited = {}, {}
    for pct in EDITS:
        folder = root / f"edited-{pct}"
        folder.mkdir(parents=True, exist_ok=True)
        new, edited[pct] = _edited_article(text, msgids, pct)
        (folder / article.name).write_text(new, encoding="utf-8")
        loc = folder / "locales"

        def fresh(loc=loc) -> None:  # the reviewed catalog as it was, before every run
            shutil.rmtree(loc, ignore_errors=True)
            shutil.copytree(base, loc)

        variants[f"{pct}%"] = (work.translate(folder / article.name, loc, "--glossary", str(GLOSSARY),
                                              "--beam", "1"), fresh)
    med = interleaved(variants, runs, work.env, work.root)
    print(f"  whole command, cold subprocess: `transnews translate` of the example ({len(msgids)} entries) with "
          f"that share of its sentences edited, against its reviewed catalog (median of {runs}, interleaved):")
    for pct in EDITS:
        line(f"{pct:3d}% edited ({edited[pct]} sentence(s))", med[f"{pct}%"]["wall"])


# -- main -----------------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections: {', '.join(SECTIONS)}")
    ap.add_argument("--quick", action="store_true", help="fewer rounds: a first look in a few minutes")
    ap.add_argument("--runs", type=int, default=0, help="interleaved rounds per section (default: by --quick)")
    ap.add_argument("--full", action="store_true",
                    help="also the unchanged re-run of 100 articles and the 5k-entry catalog's cold translate")
    ap.add_argument("--entries", type=int, default=4810, help="entries of the warm update catalog")
    ap.add_argument("--keep", type=Path, help="keep (and reuse) the work folder here")
    args = ap.parse_args()
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = sorted(set(chosen) - set(SECTIONS))
    if unknown:
        ap.error(f"unknown section(s): {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    root = args.keep or Path(tempfile.mkdtemp(prefix="transnews-everyday-"))
    root.mkdir(parents=True, exist_ok=True)
    work, failed = Work(root, args), []
    print(f"everyday_bench: {', '.join(chosen)}{' (quick)' if args.quick else ''}; {os.cpu_count()} CPU(s), "
          f"shared: figures are noisy, compare side by side; {byte_compile()}")
    try:
        for name in chosen:
            t = time.perf_counter()
            try:
                globals()[f"section_{name}"](work)
            except Exception as err:  # one broken section must not hide the others' figures
                failed.append(name)
                print(f"\n== {name}: FAILED: {err}", flush=True)
                if not isinstance(err, SectionFailed):
                    traceback.print_exc()
            print(f"  ({name}: {time.perf_counter() - t:.0f} s)", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    if failed:
        print(f"\nsections that failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
