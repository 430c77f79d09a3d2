"""Pipeline overhead and CLI start-up, measured side by side in one run.

Builds a transformer-base-sized random-weight Argos package (6+6 layers, 512
dims, 32k vocabulary, int8), then translates the example article ×10 (ten
copies, each sentence tagged with its copy number so no two are identical)
through the whole `transnews translate` pipeline, and times a raw
``translate_batch`` over exactly the tokenised segments the pipeline sent.
Prints both, their ratio (target ≤ 1.05), and `transnews --help` start time
(target ≤ 150 ms) next to a bare `python -c pass`.

    uv run python benchmarks/pipeline_bench.py [--copies 10] [--keep DIR]
"""

from __future__ import annotations

import argparse
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


def tagged_copies(text: str, copies: int, out: Path) -> Path:
    """One article holding ``copies`` copies of the body, each sentence footnote-tagged [k]."""
    lines = text.splitlines()
    head, body = lines[:2], "\n".join(lines[2:])
    parts = []
    for k in range(1, copies + 1):
        parts.append(re.sub(r"(?<=[A-Za-z0-9%)])\.(?=\s|$)", f" [{k}].", body))
    out.write_text("\n".join(head) + "\n" + "\n\n".join(parts) + "\n", encoding="utf-8")
    return out


def median_run(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--beam", type=int, default=2)
    ap.add_argument("--runs", type=int, default=15, help="runs for the start-up timing")
    ap.add_argument("--repeat", type=int, default=2, help="interleaved pipeline/raw rounds")
    ap.add_argument("--keep", type=Path, help="keep the work directory here")
    args = ap.parse_args()

    from transnews.engine.argos import MAX_DECODING, ArgosEngine
    from transnews.engine.packages import ModelStore
    from transnews.engine.synthetic import BASE, build_package, default_corpus
    from transnews.pipeline import translate_articles
    from transnews.settings import Settings

    work = args.keep or Path(tempfile.mkdtemp(prefix="transnews-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    settings = Settings.from_env({}, packages_dir=work / "packages", downloads_dir=work / "dl",
                                 index_url="http://127.0.0.1:9/", offline=True, beam_size=args.beam,
                                 glossary_path=ROOT / "glossary")
    t = time.perf_counter()
    corpus = default_corpus(EXAMPLE.read_text(encoding="utf-8").splitlines()) * 20
    archive = build_package(work / "translate-en_zh-base.argosmodel", corpus, shape=BASE)
    info = ModelStore(settings).install_file(archive)
    print(f"built transformer-base package (6+6 layers, 512 dims, 32k vocab, int8) in {time.perf_counter() - t:.1f} s")

    article = tagged_copies(EXAMPLE.read_text(encoding="utf-8"), args.copies, work / "article-x10.txt")

    class Recording(ArgosEngine):
        """Records every tokenised batch the pipeline sends, for the raw baseline."""

        batches: list[list[list[str]]] = []
        inside: float = 0.0  # seconds spent inside CTranslate2 during the pipeline run

        def translate_tokens(self, tokens, progress=None):
            Recording.batches.append(tokens)
            _ = self.translator  # load outside the timed call, as in the raw replay
            t = time.perf_counter()
            try:
                return super().translate_tokens(tokens, progress)
            finally:
                Recording.inside += time.perf_counter() - t

    def run_pipeline() -> tuple[float, object]:
        Recording.batches, Recording.inside = [], 0.0
        engine = Recording(info, beam_size=args.beam, batch_size=settings.batch_size)
        out = work / "locales"
        shutil.rmtree(out, ignore_errors=True)
        t = time.perf_counter()
        summary = translate_articles([article], src="en", tgt="zh", settings=settings, out_dir=out, engine=engine)
        return time.perf_counter() - t, summary

    def run_raw(batches) -> float:
        # Raw CTranslate2 on the same tokens, with a freshly loaded model (load excluded).
        translator = ArgosEngine(info, beam_size=args.beam, batch_size=settings.batch_size).translator
        t = time.perf_counter()
        for batch in batches:
            translator.translate_batch(
                batch, max_batch_size=settings.batch_size, beam_size=args.beam, replace_unknowns=True,
                max_decoding_length=min(MAX_DECODING, 2 * max(len(s) for s in batch) + 16))
        return time.perf_counter() - t

    # Interleaved (pipeline, raw, pipeline, raw…): machine noise hits both sides alike.
    pipeline_times, raw_times, inside_ratios = [], [], []
    for _ in range(args.repeat):
        elapsed, summary = run_pipeline()
        pipeline_times.append(elapsed)
        inside_ratios.append(elapsed / Recording.inside)
        raw_times.append(run_raw(Recording.batches))
    segments = sum(len(b) for b in Recording.batches)
    pipeline, raw = min(pipeline_times), min(raw_times)

    print(f"example article x{args.copies}: {segments} tokenised segments sent to CTranslate2 in "
          f"{len(Recording.batches)} translate_batch call(s) (a second call is the glossary repair pass: "
          f"random weights drop placeholders); term success rate {summary.term_success_rate:.3f}")
    print("pipeline runs: " + ", ".join(f"{t:.1f} s" for t in pipeline_times)
          + "; raw runs: " + ", ".join(f"{t:.1f} s" for t in raw_times))
    print(f"pipeline wall time (read, segment, fix, glossary, model load, MT, catalogs), best: {pipeline:.2f} s")
    print(f"raw translate_batch, same tokenised segments (model load excluded), best: {raw:.2f} s")
    print(f"ratio pipeline/raw: {pipeline / raw:.3f} (target <= 1.05)")
    # The same ratio without run-to-run noise: the pipeline's wall time over the time its
    # own translate_batch calls took, in the same run.
    print("ratio pipeline wall / its own translate_batch time, same run: "
          + ", ".join(f"{r:.3f}" for r in inside_ratios))

    exe = shutil.which("transnews") or str(Path(sys.executable).with_name("transnews"))
    bare = median_run([sys.executable, "-c", "pass"], args.runs)
    help_t = median_run([exe, "--help"], args.runs)
    print(f"`transnews --help` start time: {help_t * 1000:.0f} ms median of {args.runs} "
          f"(bare `python -c pass`: {bare * 1000:.0f} ms; target <= 150 ms)")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
