"""Score the segmenter on the pySBD-style golden rules in ../shared/conformance.

Usage: uv run --no-sync python benchmarks/segmentation_conformance.py [-v]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from transnews.segment import segment

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "conformance" / "segmentation"


def score(path: Path, lang: str, verbose: bool) -> tuple[int, int]:
    passed = total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rule = json.loads(line)
        total += 1
        got = [s.strip() for s in segment(rule["text"], lang)]
        if got == rule["expected"]:
            passed += 1
        elif verbose:
            print(f"FAIL {lang} #{rule['id']} {rule.get('rule', '')}\n  expected {rule['expected']}\n  got      {got}")
    return passed, total


def main() -> int:
    if not DATA.is_dir():
        print(f"conformance data not found at {DATA}", file=sys.stderr)
        return 2
    verbose = "-v" in sys.argv[1:]
    en, en_total = score(DATA / "golden_rules_en.jsonl", "en", verbose)
    zh, zh_total = score(DATA / "golden_rules_zh.jsonl", "zh", verbose)
    print(f"English golden rules: {en}/{en_total}, Chinese: {zh}/{zh_total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
