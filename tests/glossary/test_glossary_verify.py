"""The one glossary verifier, shared by translate (enforce) and check (review.checks.Glossary)."""

import re
from pathlib import Path

import polib
import pytest

from transnews.glossary import (Concept, Glossary, TermProblem, enforce, load_glossary, verify_segment,
                                verify_text)
from transnews.glossary.verify import DNT_CHANGED, FORBIDDEN, MISSING
from transnews.review import Glossary as GlossaryCheck

GLOSSARY = Path(__file__).resolve().parents[2] / "glossary"
NCAC_TWICE = "NCAC met WIPO, and NCAC signed."
NCAC_ONCE = "国家版权局会见了世界知识产权组织，并签署了协议。"


@pytest.fixture(scope="module")
def g():
    return load_glossary(GLOSSARY)


def _check(g, msgid, msgstr, src="en", tgt="zh"):
    return GlossaryCheck(g).check(polib.POEntry(msgid=msgid, msgstr=msgstr), src, tgt)


def test_a_term_twice_in_the_source_needs_its_target_twice(g):
    report = verify_text(NCAC_TWICE, NCAC_ONCE, g, "en", "zh")
    assert (report.occurrences, report.hits) == (3, 2)
    (p,) = report.problems
    assert (p.kind, p.concept_id, p.expected, p.found, p.partial) == (MISSING, "ncac", 2, 1, True)
    assert p.message == ("approved term missing: NCAC → 国家版权局 (approved target missing 1 of 2 times: "
                         "the source has the term 2 times, the translation 1)")
    assert verify_text(NCAC_TWICE, "国家版权局会见了世界知识产权组织，国家版权局签署了协议。", g, "en", "zh").problems == ()


def test_check_and_translate_report_the_same_problem(g):
    (finding,) = _check(g, NCAC_TWICE, NCAC_ONCE)  # before: check saw 国家版权局 once and was content
    assert finding.check == "glossary" and finding.severity == "warning"  # partial: the reviewer decides
    assert finding.message == verify_text(NCAC_TWICE, NCAC_ONCE, g, "en", "zh").problems[0].message

    def engine(batch):  # drops the second NCAC; repair="flag" keeps what MT did
        return [b.replace("ZX1", "国家版权局").replace("ZX2", "世界知识产权组织").replace(", and ZX3", "，并")
                for b in batch]

    (res,) = enforce([NCAC_TWICE], [g.recognize(NCAC_TWICE, "en")], engine, "en", "zh", g, repair="flag")
    assert (res.occurrences, res.hits) == (3, 2)
    assert finding.message in res.violations


def test_a_forbidden_form_containing_an_approved_one_is_reported(g):
    # 世界知识产权局 (forbidden for WIPO) contains the approved 知识产权局 (IP office): once masked
    # as an approved term, it was never seen.
    assert "世界知识产权局" in g["wipo"].zh_forbidden and g["ip-office"].zh == "知识产权局"
    report = verify_text("WIPO met the intellectual property office.", "世界知识产权局会见了知识产权局。", g, "en", "zh")
    kinds = [(p.kind, p.concept_id) for p in report.problems]
    assert kinds == [(MISSING, "wipo"), (FORBIDDEN, "wipo")]
    assert report.hits == 1  # the IP office is there once, on its own
    assert report.problems[1].message == ("forbidden variant '世界知识产权局' used for World Intellectual "
                                          "Property Organization (approved: 世界知识产权组织)")
    msgs = [f.message for f in _check(g, "WIPO held a training.", "世界知识产权局举办了培训。")]
    assert any("forbidden variant '世界知识产权局'" in m for m in msgs)
    # The same for a forbidden treaty title holding an approved term (视听表演).
    report = verify_text("China joined the Beijing Treaty.", "中国加入了《北京视听表演条约》。", g, "en", "zh")
    assert [p.kind for p in report.problems] == [MISSING, FORBIDDEN]


def test_an_approved_form_inside_a_forbidden_one_is_no_hit(g):
    report = verify_text("The intellectual property office and WIPO met.", "世界知识产权局开会。", g, "en", "zh")
    assert report.hits == 0
    assert [(p.kind, p.concept_id) for p in report.problems] == [
        (MISSING, "ip-office"), (MISSING, "wipo"), (FORBIDDEN, "wipo")]


def test_a_forbidden_form_inside_an_approved_one_is_no_problem(g):
    # 海盗 is forbidden for piracy (of works); 海盗行为 is the approved maritime piracy.
    assert "海盗" in g["piracy"].zh_forbidden and g["maritime-piracy"].zh == "海盗行为"
    assert verify_text("Maritime piracy rose, and online piracy too.", "海盗行为增加了，网络盗版也增加了。",
                       g, "en", "zh").problems == ()


def test_only_the_outermost_forbidden_form_is_reported(g):
    (p,) = verify_text("WIPO attended.", "世界智慧财产权组织出席了。", g, "en", "zh").problems[1:]
    assert (p.kind, p.form) == (FORBIDDEN, "世界智慧财产权组织")  # not also intellectual property's 智慧财产权


def test_do_not_translate_name_changed(g):
    (p,) = verify_text("Boss & Young attended.", "博斯杨出席了。", g, "en", "zh").problems
    assert p.kind == DNT_CHANGED
    assert p.message == "do-not-translate name changed: Boss & Young must stay as written (missing from the translation)"
    assert verify_text("Boss & Young attended.", "Boss & Young出席了。", g, "en", "zh").problems == ()


def test_small_in_test_glossary_and_other_languages():
    g = Glossary([Concept(id="office", en=("IP office",), zh="知识产权局", case_sensitive=True),
                  Concept(id="org", en=("World IP Organization",), zh="世界知识产权组织",
                          zh_forbidden=("世界知识产权局",), case_sensitive=True)])
    report = verify_segment(g.recognize("World IP Organization", "en"), "世界知识产权局", g, "zh")
    assert [p.kind for p in report.problems] == [MISSING, FORBIDDEN]
    assert verify_segment(g.recognize("World IP Organization", "en"), "x", g, "fr").problems == ()
    assert isinstance(report.problems[0], TermProblem)


def test_messages_are_words_not_codes(g):
    report = verify_text(NCAC_TWICE, "会见了。", g, "en", "zh")
    for p in report.problems:
        assert not re.search(r"\b(ncac|wipo)\b", p.message)  # concept ids are not shown
        assert "→" in p.message and p.message.startswith("approved term missing: ")
