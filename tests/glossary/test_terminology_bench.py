"""The terminology benchmark (benchmarks/terminology_bench.py, issue 12 item 8): its scoring,
gold annotation and matchers on a small sample worked out by hand; the TICO-19 lists in
../shared/conformance import with their term counts."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from transnews.glossary import Glossary
from transnews.glossary.concept import Concept

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("terminology_bench", ROOT / "benchmarks" / "terminology_bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


CONCEPTS = [
    Concept(id="symptom", en=("symptom",), zh="症状"),
    Concept(id="symptoms", en=("symptoms",), zh="症状"),  # a list's duplicate: one term with "symptom"
    Concept(id="respiratory-disease", en=("respiratory disease",), zh="呼吸道疾病"),
    Concept(id="acute-respiratory-disease", en=("acute respiratory disease",), zh="急性呼吸道疾病"),
    Concept(id="flu", en=("flu",), zh="流感"),
    Concept(id="who", en=("WHO",), zh="世卫组织", case_sensitive=True),
]
# (English, Chinese); what each matcher does with them is spelt out in the tests.
PAIRS = [
    ("These symptoms started with flu.", "这些症状从流感开始。"),  # gold: symptom(s), flu
    ("Influenza is common.", "流感很常见。"),  # "flu" inside a word: no term in English
    ("Acute respiratory disease cases rose.", "急性呼吸道疾病病例增加。"),  # the longer term only
    ("Those who wait.", "那些等待的人。"),  # "who" is no WHO (and its reference has no 世卫组织)
    ("The flu spread.", "疾病传播了。"),  # the reference has no 流感: not the list's sense
]


def test_score_arithmetic(bench):
    s = bench.score(Counter(a=2, b=1), Counter(a=1, c=1))
    assert (s.tp, s.fp, s.fn) == (1, 1, 2)
    assert (s.precision, s.recall) == (0.5, 1 / 3) and s.f1 == pytest.approx(0.4)
    assert bench.score(Counter(), Counter()) == bench.Score()
    assert (bench.Score().precision, bench.Score().recall) == (1.0, 1.0)  # nothing found, nothing to find
    total = bench.score_all([Counter(a=1), Counter(b=1)], [Counter(a=1), Counter(c=2)])
    assert (total.tp, total.fp, total.fn) == (1, 2, 1)


def test_english_to_chinese_sample(bench):
    g = Glossary(CONCEPTS)
    gold, scores = bench.compare(CONCEPTS, PAIRS, "en", {
        "ours": lambda t: bench.recognizer_matches(g, t, "en"),
        "substring": lambda t: bench.substring_matches(CONCEPTS, t, "en")})
    assert gold == 3  # symptom(s) and flu in the first pair, the acute disease in the third
    ours, base = scores["ours"], scores["substring"]
    assert (ours.tp, ours.fp, ours.fn) == (3, 1, 0)  # "The flu spread." against 疾病传播了
    # The baseline also finds flu in "Influenza", respiratory disease inside the longer
    # term, "who" and the flu of the last pair.
    assert (base.tp, base.fp, base.fn) == (3, 4, 0)
    assert (ours.precision, base.precision) == (0.75, 3 / 7)


def test_chinese_to_english_sample(bench):
    g = Glossary(CONCEPTS)
    gold, scores = bench.compare(CONCEPTS, PAIRS, "zh", {
        "ours": lambda t: bench.recognizer_matches(g, t, "zh"),
        "substring": lambda t: bench.substring_matches(CONCEPTS, t, "zh")})
    assert gold == 3
    # 流感 of the second pair is rendered "Influenza", not the list's "flu": a false positive
    # for both; the baseline also finds 呼吸道疾病 inside 急性呼吸道疾病.
    assert (scores["ours"].tp, scores["ours"].fp, scores["ours"].fn) == (3, 1, 0)
    assert (scores["substring"].tp, scores["substring"].fp, scores["substring"].fn) == (3, 2, 0)


def test_gold_annotation_rules(bench):
    gold = bench.gold_matches(CONCEPTS, *PAIRS[0], "en", "zh")
    assert gold == {(6, "symptom"), (6, "symptoms"), (28, "flu")}
    assert bench.count_terms(gold, bench.term_groups(CONCEPTS, "en")) == Counter(symptom=1, flu=1)
    assert bench.gold_matches(CONCEPTS, *PAIRS[2], "en", "zh") == {(0, "acute-respiratory-disease")}
    assert bench.term_groups(CONCEPTS, "en")["symptoms"] == "symptom"
    assert bench.term_groups(CONCEPTS, "en")["flu"] == "flu"
    # TICO-19's alternatives, notes and bracketed abbreviations.
    assert bench.alternatives("新型冠状病毒 (COVID-19) [when referring COVID-19] : 冠状病毒") == [
        "新型冠状病毒 (COVID-19)", "新型冠状病毒", "冠状病毒"]
    assert bench.alternatives("艾滋病（AIDS）", abbreviations=True) == ["艾滋病（AIDS）", "艾滋病", "AIDS"]
    assert bench.whole_term("COVID-19").search("患COVID-19的人")  # a Latin name inside Chinese
    assert not bench.whole_term("flu").search("influenza")
    assert bench.whole_term("face mask").search("face-masks")
    assert bench.whole_term("WHO").search("the WHO said") and not bench.whole_term("WHO").search("who said")


def test_probe_scores(bench, tmp_path):
    probes = tmp_path / "probes.tsv"
    probes.write_text("lang\ttext\texpected\n"
                      "en\tThe WHO said so.\twho\n"
                      "en\tThose who wait.\t-\n"
                      "en\tInfluenza season.\tflu?\n", encoding="utf-8")
    read = bench.read_probes(probes)
    assert read[2] == ("en", "Influenza season.", {"flu?"})
    scores = bench.probe_scores(Glossary(CONCEPTS), read)
    assert (scores["recogniser"].tp, scores["recogniser"].fp, scores["recogniser"].fn) == (1, 0, 0)
    # Notes ("flu?") are not enforced recognitions: the baseline's flu in Influenza is a false one.
    assert (scores["substring"].tp, scores["substring"].fp, scores["substring"].fn) == (1, 2, 0)


def test_without_conformance_data_the_tico_part_is_skipped(bench, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(bench, "TICO", tmp_path / "absent")
    assert bench.main([]) == 0
    out = capsys.readouterr().out
    assert "false-friend probes" in out and "TICO-19 part skipped" in out


def test_tico19_lists_import_with_their_term_counts(bench, conformance, tmp_path):
    tico = conformance / "tico19"
    expected = {"f_en-zh_CN.csv": (306, 306), "g_en_zh-CN.csv": (337, 326), "g_zh-CN_en.csv": (50, 50)}
    summaries = {}
    for name, (entries, concepts) in expected.items():
        rows = len(tico.joinpath(name).read_text(encoding="utf-8-sig").splitlines()) - 1
        assert rows == entries
        g, summaries[name] = bench.import_list(tico / name, tmp_path)
        assert len(g) == concepts and summaries[name].startswith(f"{entries} entries, {concepts} concepts imported")
    # g_en_zh-CN lists some English terms twice (same or another Chinese term).
    assert "7 duplicates, 4 conflicts" in summaries["g_en_zh-CN.csv"]
    pairs = bench.sentence_pairs(tico / "all.en-zh.tmx")
    assert len(pairs) == 3071 and all(en and zh for en, zh in pairs)
