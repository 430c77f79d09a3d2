"""Whole `transnews translate` vs raw CTranslate2 on the same tokenised segments, side by side.

Builds a transformer-base-sized random-weight Argos package (6+6 layers, 512 dims, 32k
vocabulary, int8) and prints, in one run:

1. placeholders: how many tokens the package's SentencePiece model makes of each glossary
   placeholder form, and the one ``enforce.choose_prefix`` picks. Only the tokenizer side is
   real: random weights copy nothing meaningful, so whether a model *copies* a form cannot be
   measured without a real Argos model (none can be downloaded here).
2. raw CTranslate2 settings (warm, in-process, on the example's tokenised sentences): threads,
   parallel batches, batch size in sentences or tokens, compute type; the best one and the
   transnews defaults (``transnews.settings``).
3. whole commands, cold (fresh interpreters, interleaved, medians of CPU time and wall time):
   `transnews translate` of the example with a model that keeps placeholders (the synthetic
   model's output with the placeholders it dropped put back: the CTranslate2 work is the
   real one, no repair pass runs) and as the synthetic model is (it drops placeholders: repair
   rate and re-translated pieces), each against a raw script that imports CTranslate2, loads
   the model and runs ``translate_batch`` on exactly the tokens that run sent, with the best
   raw settings. Target: pipeline CPU <= 1.10x raw when the model keeps placeholders.

The machine is shared and small: figures are noisy, compare them side by side.

    uv run python benchmarks/pipeline_bench.py [--copies 1] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ncac-wipo-copyright-training.txt"
# (label, Translator options, translate_batch options) tried on raw CTranslate2.
GRID = [
    ("CTranslate2 defaults: 4 threads, 1 batch at a time, 32 sentences",
     {"intra_threads": 0, "inter_threads": 1}, {"max_batch_size": 32}),
    ("1 thread, 1 batch at a time, 32 sentences", {"intra_threads": 1, "inter_threads": 1}, {"max_batch_size": 32}),
    ("2 threads, 1 batch at a time, 16 sentences", {"intra_threads": 2, "inter_threads": 1}, {"max_batch_size": 16}),
    ("1 thread, 2 batches side by side, 16 sentences", {"intra_threads": 1, "inter_threads": 2},
     {"max_batch_size": 16}),
    ("1 thread, 2 batches side by side, 8 sentences", {"intra_threads": 1, "inter_threads": 2},
     {"max_batch_size": 8}),
    ("1 thread, 2 batches side by side, 512 tokens", {"intra_threads": 1, "inter_threads": 2},
     {"max_batch_size": 512, "batch_type": "tokens"}),
    ("1 thread, 2 batches side by side, 8 sentences, int8_float32",
     {"intra_threads": 1, "inter_threads": 2, "compute_type": "int8_float32"}, {"max_batch_size": 8}),
]


def tagged_copies(text: str, copies: int, out: Path) -> Path:
    """The article, or ``copies`` copies of its body with each sentence tagged [k] (no repeats)."""
    if copies == 1:
        out.write_text(text, encoding="utf-8")
        return out
    lines = text.splitlines()
    head, body = lines[:2], "\n".join(lines[2:])
    parts = [re.sub(r"(?<=[A-Za-z0-9%)])\.(?=\s|$)", f" [{k}].", body) for k in range(1, copies + 1)]
    out.write_text("\n".join(head) + "\n" + "\n\n".join(parts) + "\n", encoding="utf-8")
    return out


def child_env(work: Path) -> dict:
    return {**os.environ, "ARGOS_PACKAGES_DIR": str(work / "packages"), "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/",
            "XDG_CACHE_HOME": str(work / "cache")}


def timed(cmd: list[str], env: dict) -> tuple[float, float, str]:
    """(CPU seconds of the child, wall seconds, its stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        sys.exit(f"{' '.join(cmd[:4])}… failed:\n{proc.stderr[-2000:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall, proc.stdout


# -- children: each one fresh interpreter, as a user's command is ------------------------------

def child_pipeline(work: Path, mode: str, beam: int) -> None:
    """`transnews translate` in this process, recording the tokens sent to CTranslate2."""
    from transnews.engine.argos import ArgosEngine
    from transnews.glossary.enforce import PREFIXES

    batches: list = []
    record, translate = ArgosEngine.translate_tokens, ArgosEngine._translate

    def recording(self, tokens, progress=None):
        batches.append(tokens)
        return record(self, tokens, progress)

    placeholder = re.compile(rf"(?:{'|'.join(PREFIXES)})\d+")

    def keeping(self, texts, progress):  # a model that copies placeholders through
        outs = translate(self, texts, progress)
        return [out + "".join(f" {p}" for p in placeholder.findall(src) if p not in out)
                for src, out in zip(texts, outs, strict=True)]

    ArgosEngine.translate_tokens = recording
    if mode == "keeps":
        ArgosEngine._translate = keeping
    from transnews.cli.app import app

    out = work / f"locales-{mode}"
    shutil.rmtree(out, ignore_errors=True)
    try:
        app([ "translate", str(work / "article.txt"), "--locales", str(out), "--offline", "--beam", str(beam),
              "--json"], standalone_mode=False)
    finally:
        (work / f"batches-{mode}.json").write_text(json.dumps(batches), encoding="utf-8")


def child_raw(work: Path, mode: str, beam: int, config: int) -> None:
    """Import CTranslate2, load the model, translate the recorded tokens: nothing else."""
    import ctranslate2

    from transnews.engine.argos import MAX_DECODING

    _, init, call = GRID[config]
    model = next((work / "packages").glob("translate-*")) / "model"
    translator = ctranslate2.Translator(str(model), device="cpu", **init)
    for batch in json.loads((work / f"batches-{mode}.json").read_text(encoding="utf-8")):
        translator.translate_batch(batch, beam_size=beam, replace_unknowns=True,
                                   max_decoding_length=min(MAX_DECODING, 2 * max(map(len, batch)) + 16), **call)


# -- parent --------------------------------------------------------------------------------------

def build(work: Path) -> Path:
    from transnews.engine.packages import ModelStore
    from transnews.engine.synthetic import BASE, build_package, default_corpus
    from transnews.settings import Settings

    settings = Settings.from_env({}, packages_dir=work / "packages", downloads_dir=work / "dl", offline=True)
    installed = list((work / "packages").glob("translate-*"))
    if installed:
        return installed[0]
    t = time.perf_counter()
    corpus = default_corpus(EXAMPLE.read_text(encoding="utf-8").splitlines()) * 20
    archive = build_package(work / "translate-en_zh-base.argosmodel", corpus, shape=BASE)
    info = ModelStore(settings).install_file(archive)
    print(f"built transformer-base package (6+6 layers, 512 dims, 32k vocab, int8) in {time.perf_counter() - t:.1f} s")
    return info.path


def report_placeholders(package: Path) -> None:
    from transnews.engine.argos import ArgosEngine
    from transnews.engine.packages import ModelInfo
    from transnews.glossary.enforce import PREFIXES, choose_prefix, placeholder_cost

    meta = json.loads((package / "metadata.json").read_text(encoding="utf-8"))
    engine = ArgosEngine(ModelInfo(path=package, from_code=meta["from_code"], to_code=meta["to_code"],
                                   name=package.name, version=meta["package_version"]))
    forms = {f"{p}1": placeholder_cost(p, engine.pieces) for p in PREFIXES}
    others = ["1", "#1", "[1]", "<1>", "__1__", "⟦1⟧"]
    print("placeholder tokens (' X' + '(X', numbers 1, 2, 12; an <unk> piece counts 100): "
          + ", ".join(f"{f} {c}" for f, c in forms.items()))
    print("other forms, tokens of ' FORM': " + ", ".join(f"{f} {engine.pieces(' ' + f)}" for f in others)
          + f"; chosen prefix: {choose_prefix([EXAMPLE.read_text(encoding='utf-8')], engine.pieces)}")
    print("  (random weights copy nothing: which form a real model copies is not measurable here)")


def tune_raw(package: Path, batch: list, beam: int, repeat: int) -> int:
    """Warm, in-process: each GRID setting on the same tokens, interleaved; returns the one
    with the least CPU time."""
    import ctranslate2

    from transnews.engine.argos import MAX_DECODING

    translators = [ctranslate2.Translator(str(package / "model"), device="cpu", **init) for _, init, _ in GRID]
    cpu: list[list[float]] = [[] for _ in GRID]
    wall: list[list[float]] = [[] for _ in GRID]
    for _ in range(repeat):
        for i, (_, _, call) in enumerate(GRID):
            t, c = time.perf_counter(), time.process_time()
            translators[i].translate_batch(batch, beam_size=beam, replace_unknowns=True,
                                           max_decoding_length=min(MAX_DECODING, 2 * max(map(len, batch)) + 16),
                                           **call)
            wall[i].append(time.perf_counter() - t)
            cpu[i].append(time.process_time() - c)
    best = min(range(len(GRID)), key=lambda i: statistics.median(cpu[i]))  # the measure: CPU
    print(f"raw CTranslate2 settings, warm in-process, {len(batch)} segments, median of {repeat} (* least CPU):")
    for i, (label, _, _) in enumerate(GRID):
        print(f"  {'*' if i == best else ' '} {label}: wall {statistics.median(wall[i]):.2f} s, "
              f"CPU {statistics.median(cpu[i]):.2f} s")
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--beam", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3, help="interleaved rounds (tuning and whole commands)")
    ap.add_argument("--keep", type=Path, help="keep (and reuse) the work directory here")
    ap.add_argument("--child", choices=("pipeline", "raw"), help=argparse.SUPPRESS)
    ap.add_argument("--mode", default="keeps", help=argparse.SUPPRESS)
    ap.add_argument("--config", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child == "pipeline":
        return child_pipeline(args.work, args.mode, args.beam)
    if args.child == "raw":
        return child_raw(args.work, args.mode, args.beam, args.config)

    from transnews import settings as defaults

    work = args.keep or Path(tempfile.mkdtemp(prefix="transnews-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    package = build(work)
    tagged_copies(EXAMPLE.read_text(encoding="utf-8"), args.copies, work / "article.txt")
    env, me = child_env(work), [sys.executable, __file__, "--work", str(work), "--beam", str(args.beam)]
    report_placeholders(package)
    summaries = {m: json.loads(timed(me + ["--child", "pipeline", "--mode", m], env)[2]) for m in ("keeps", "drops")}
    batches = {m: json.loads((work / f"batches-{m}.json").read_text(encoding="utf-8")) for m in summaries}
    best = tune_raw(package, batches["keeps"][0], args.beam, args.repeat)
    print(f"transnews defaults: device {defaults.DEFAULT_DEVICE}, {defaults.DEFAULT_THREADS} thread(s) a batch, "
          f"parallel batches {defaults.DEFAULT_INTER_THREADS or 'one per core (max 4)'}, "
          f"{defaults.DEFAULT_BATCH} sentences a batch, compute type {defaults.DEFAULT_COMPUTE_TYPE}; "
          f"beam {args.beam}; raw baseline below uses the starred setting")
    figures: dict[str, list[tuple[float, float]]] = {k: [] for k in ("keeps", "raw-keeps", "drops", "raw-drops")}
    for _ in range(args.repeat):  # interleaved: machine noise hits every side alike
        for mode in ("keeps", "drops"):
            figures[mode].append(timed(me + ["--child", "pipeline", "--mode", mode], env)[:2])
            figures[f"raw-{mode}"].append(timed(me + ["--child", "raw", "--mode", mode, "--config", str(best)], env)[:2])
    med = {k: (statistics.median(c for c, _ in v), statistics.median(w for _, w in v)) for k, v in figures.items()}
    for mode, what in (("keeps", "model keeps placeholders"), ("drops", "synthetic model as is (drops them)")):
        segs = sum(map(len, batches[mode]))
        s = summaries[mode]
        print(f"{what}: {segs} segments in {len(batches[mode])} call(s), repair rate {s['repair_rate']:.3f}, "
              f"term success rate {s['term_success_rate']:.3f}")
        print(f"  whole `transnews translate`, cold: CPU {med[mode][0]:.2f} s, wall {med[mode][1]:.2f} s; "
              f"raw CTranslate2 script, cold: CPU {med['raw-' + mode][0]:.2f} s, wall {med['raw-' + mode][1]:.2f} s; "
              f"ratio CPU {med[mode][0] / med['raw-' + mode][0]:.2f}x, wall {med[mode][1] / med['raw-' + mode][1]:.2f}x"
              + (" (target <= 1.10x CPU)" if mode == "keeps" else ""))
    print(f"  drops vs keeps: the repair pass costs {med['drops'][0] / med['keeps'][0]:.2f}x the CPU of a run "
          "without it")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
