"""Sentence segmentation: offsets, English and Chinese rules, the example article."""

from __future__ import annotations

import re

import pytest

from transnews.errors import InputError, LanguageError
from transnews.segment import (ChineseRules, DefaultRules, EnglishRules, LanguageRules, rules_for, segment,
                               segment_spans)


def _paragraphs(path):
    return [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def _assert_spans_rebuild(text, spans):
    pos = 0
    for s, e in spans:
        assert s < e
        assert text[pos:s].strip() == "", "only whitespace between sentences"
        assert text[s:e] == text[s:e].strip()
        pos = e
    assert text[pos:].strip() == ""


# --- API ---------------------------------------------------------------------------------------

def test_spans_are_stripped_offsets():
    text = "  Hello World.   My name is Jonas.\n"
    spans = segment_spans(text, "en")
    assert spans == [(2, 14), (17, 34)]
    assert [text[s:e] for s, e in spans] == ["Hello World.", "My name is Jonas."]


def test_empty_and_whitespace_give_no_sentences():
    assert segment_spans("", "en") == []
    assert segment_spans(" \n\t ", "zh") == []


def test_text_without_terminator_is_one_sentence():
    assert segment("International Copyright Training 2021 Held in Xiamen", "en") == [
        "International Copyright Training 2021 Held in Xiamen"]


def test_rules_for_languages():
    assert isinstance(rules_for("en"), EnglishRules)
    assert isinstance(rules_for("zh"), ChineseRules)
    assert isinstance(rules_for("zt"), ChineseRules)
    assert isinstance(rules_for("zh-CN"), ChineseRules)
    assert isinstance(rules_for("de"), DefaultRules)
    assert isinstance(rules_for("fr"), LanguageRules)


def test_unknown_language_is_a_clear_error():
    with pytest.raises(LanguageError, match="unknown language code 'xx'"):
        segment_spans("Hello.", "xx")


def test_non_text_is_an_input_error():
    with pytest.raises(InputError):
        segment_spans(b"Hello.", "en")  # type: ignore[arg-type]


# --- English -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Ms. ZHAO Xiuling and Dr. Smith met Prof. Li. They talked.",
     ["Ms. ZHAO Xiuling and Dr. Smith met Prof. Li.", "They talked."]),
    ("I met J. K. Rowling in Nov. 2020. She was kind.", ["I met J. K. Rowling in Nov. 2020.", "She was kind."]),
    ("It cost $1,500 on Jan. 5. That was 3.5 times more.", ["It cost $1,500 on Jan. 5.", "That was 3.5 times more."]),
    ("See No. 5 and p. 7 here. The answer is no. Then we left.",
     ["See No. 5 and p. 7 here.", "The answer is no.", "Then we left."]),
    ("WIPO, i.e. the U.N. agency, and NCAC met vs. others. Fine.",
     ["WIPO, i.e. the U.N. agency, and NCAC met vs. others.", "Fine."]),
    ("Apple Inc. Chief Executive Tim Cook spoke. Acme Ltd. It was founded in 1990.",
     ["Apple Inc. Chief Executive Tim Cook spoke.", "Acme Ltd.", "It was founded in 1990."]),
    ("We met at 10 a.m. The talks ended at 5 p.m. on Friday.",
     ["We met at 10 a.m.", "The talks ended at 5 p.m. on Friday."]),
    ('He said, "We agree." Then he left.', ['He said, "We agree."', "Then he left."]),
    ("The vote (held on Monday. It was close.) passed. Next item.",
     ["The vote (held on Monday. It was close.) passed.", "Next item."]),
    ("Write to info@ncac.gov.cn or see www.wipo.int/about. Thanks!", 
     ["Write to info@ncac.gov.cn or see www.wipo.int/about.", "Thanks!"]),
    ("Really?! Yes… We agree.", ["Really?!", "Yes…", "We agree."]),
    # A bare ellipsis before "I" is no evidence of a new sentence ("I" is always capitalised).
    ("He paused … I waited.", ["He paused … I waited."]),
])
def test_english_cases(text, expected):
    assert segment(text, "en") == expected
    _assert_spans_rebuild(text, segment_spans(text, "en"))


def test_blank_line_separates_sentences_single_newline_does_not():
    text = "A heading without stop\n\nThe body starts\nhere and goes on. Done."
    assert segment(text, "en") == ["A heading without stop", "The body starts\nhere and goes on.", "Done."]


def test_line_start_list_items_and_bullets():
    text = "Steps:\n1. Install the model\n2. Translate the article\n• Review it"
    assert segment(text, "en") == ["Steps:", "1. Install the model", "2. Translate the article", "• Review it"]


def test_generic_latin_language():
    assert segment("Dr. Müller kam um 10 Uhr. Er sagte z.B. nichts. Das ist gut!", "de") == [
        "Dr. Müller kam um 10 Uhr.", "Er sagte z.B. nichts.", "Das ist gut!"]


# --- Chinese -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("世界知识产权组织与国家版权局合作。培训在厦门举行！你去吗？",
     ["世界知识产权组织与国家版权局合作。", "培训在厦门举行！", "你去吗？"]),
    ("我们去看《摔跤吧！爸爸》好吗？好！", ["我们去看《摔跤吧！爸爸》好吗？", "好！"]),
    ("赵秀玲表示：“版权产业蓬勃发展。企业纷纷走出去。”刘华出席了会议。",
     ["赵秀玲表示：“版权产业蓬勃发展。企业纷纷走出去。”", "刘华出席了会议。"]),
    ("“我们很高兴。”他表示。随后离开。", ["“我们很高兴。”他表示。", "随后离开。"]),
    ("他大喊“救命！”然后跑了。真的吗?是的!", ["他大喊“救命！”然后跑了。", "真的吗?", "是的!"]),
    ("“走吧！”，他说。好的……我知道了。", ["“走吧！”，他说。", "好的……", "我知道了。"]),
    ("WIPO（世界知识产权组织。）在日内瓦。U.S. 版权局 3.5 亿元。完",
     ["WIPO（世界知识产权组织。）", "在日内瓦。", "U.S. 版权局 3.5 亿元。", "完"]),
    ("「這是好事。」他說。周怡安來自台中。", ["「這是好事。」他說。", "周怡安來自台中。"]),
    ("机器翻译输出合作.双方签署了协议!", ["机器翻译输出合作.", "双方签署了协议!"]),
])
def test_chinese_cases(text, expected):
    assert segment(text, "zh") == expected
    _assert_spans_rebuild(text, segment_spans(text, "zh"))


def test_chinese_paragraphs_and_unclosed_marks():
    text = "第一段《未闭合。\n\n第二段“好！”然后。第三句。"
    assert segment(text, "zh") == ["第一段《未闭合。", "第二段“好！”然后。", "第三句。"]


def test_traditional_chinese_uses_same_rules():
    text = "安永已聯繫周怡安親屬。周怡安來自台中！"
    assert segment(text, "zt") == ["安永已聯繫周怡安親屬。", "周怡安來自台中！"]


# --- the example article -------------------------------------------------------------------------

def test_example_article_sentences(example_article):
    paras = _paragraphs(example_article)
    first = segment(paras[1], "en")
    assert len(first) == 2
    assert first[0].endswith("on July 7 to 9, 2021 in Xiamen.")
    assert first[1] == ("Ms. ZHAO Xiuling, Deputy Director General of Copyright Department, NCAC, and Ms. LIU Hua, "
                        "Director of the WIPO Office in China (WOC), attended and addressed the training course.")
    third = segment(paras[3], "en")
    assert len(third) == 5
    assert third[1].endswith("is stable at more than 11%.")
    assert third[2].startswith("However, Chinese enterprises")
    last = segment(paras[5], "en")
    assert len(last) == 2
    assert last[0].startswith("Experts from both abroad and domestic, including Mr. ZHENG Wei,Deputy Director")
    assert "Mr. YAN Bo, Deputy Director" in last[0]
    assert last[0].endswith("international Risk prevention and control of Film and Television Rights.")
    counts = [len(segment(p, "en")) for p in paras]
    assert counts == [1, 2, 3, 5, 2, 2]  # the breadcrumb+title block has no terminator


def test_example_article_spans_rebuild_whole_text(example_article):
    text = example_article.read_text(encoding="utf-8")
    spans = segment_spans(text, "en")
    _assert_spans_rebuild(text, spans)
    assert len(spans) == 15
    # The breadcrumb and title lines have no terminator and form the first span.
    assert text[spans[0][0]:spans[0][1]].endswith("Copyright Industry 2021 Held in Xiamen")


# --- performance ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang,unit", [
    ("en", "Ms. Zhao said the U.S. Co. grew 3.5% in Nov. 2021 (see p. 5. . . . and [...] more)... "),
    ("zh", "她说：“《摔跤吧！爸爸》很好看！”（详见附件。）好吗？"),
])
def test_time_grows_linearly(lang, unit, growth):
    """No catastrophic patterns: 8x the text must not take much more than 8x the time."""
    assert growth(lambda text: segment_spans(text, lang), unit * 500, unit * 4000) < 20


def test_unbalanced_brackets_and_quotes_do_not_swallow_sentences():
    assert segment("He said (sic. Then left. Later (see x) ok. End.", "en") == [
        "He said (sic.", "Then left.", "Later (see x) ok.", "End."]
    assert segment("他说“好。然后走了。后来“再见”了。完。", "zh") == [
        "他说“好。", "然后走了。", "后来“再见”了。", "完。"]


def test_unclosed_bracket_does_not_go_quadratic(growth):
    text = "(" + "Word here. " * 20000
    assert len(segment_spans(text, "en")) == 20000
    # 4x the text: about 4x the time when linear, 16x when quadratic.
    assert growth(lambda t: segment_spans(t, "en"), "(" + "Word here. " * 5000, text) < 10


def test_long_numbered_list_stays_fast(monkeypatch):
    text = "\n".join(f"{i}. Item number {i} of the list" for i in range(1, 5001))
    segment(text, "en")  # compiles the rules' patterns once
    compiled = []
    real_compile = re.compile
    monkeypatch.setattr(re, "compile", lambda *a, **k: compiled.append(a[0]) or real_compile(*a, **k))
    sentences = segment(text, "en")
    assert compiled == []  # not one pattern per list item (the list search was quadratic under load)
    assert len(sentences) == 5000 and sentences[41] == "42. Item number 42 of the list"
