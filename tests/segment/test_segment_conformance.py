"""The pySBD-style golden rules in ../shared/conformance/segmentation must all pass."""

from __future__ import annotations

import json

import pytest

from transnews.segment import segment, segment_spans

# Rule ids that are allowed to fail, with the reason. Empty: every rule passes.
KNOWN_FAILURES: dict[tuple[str, int], str] = {}


def _rules(conformance, name):
    path = conformance / "segmentation" / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name,lang,count", [("golden_rules_en.jsonl", "en", 48), ("golden_rules_zh.jsonl", "zh", 2)])
def test_golden_rules(conformance, name, lang, count):
    rules = _rules(conformance, name)
    assert len(rules) == count
    failures = []
    for rule in rules:
        got = [s.strip() for s in segment(rule["text"], lang)]
        if got != rule["expected"] and (lang, rule["id"]) not in KNOWN_FAILURES:
            failures.append(f"#{rule['id']} {rule.get('rule', '')}: expected {rule['expected']}, got {got}")
    assert not failures, "\n".join(failures)


def test_golden_rules_spans_rebuild_text(conformance):
    """Offsets, not just strings: the gaps between spans are whitespace only."""
    for name, lang in [("golden_rules_en.jsonl", "en"), ("golden_rules_zh.jsonl", "zh")]:
        for rule in _rules(conformance, name):
            text = rule["text"]
            spans = segment_spans(text, lang)
            pos = 0
            for s, e in spans:
                assert text[pos:s].strip() == ""
                pos = e
            assert text[pos:].strip() == ""
