"""Chinese source normalisation: punctuation width and spacing, never numbers, URLs, Latin text."""

import pytest

from pathlib import Path

from transnews.ingest import parse
from transnews.normalize import PUNCTUATION, SPACING, fix_article, fix_text
from transnews.normalize.chinese import _FW_MARKS, chinese_edits


def _fix(text, style="none", lang="zh"):
    return fix_text(text, lang, None, kind="paragraph", cjk_spacing=style)


@pytest.mark.parametrize("text, expected", [
    ("4月20日,由国家版权局指导", "4月20日，由国家版权局指导"),
    ("版权很重要;我们同意:是吗?是!", "版权很重要；我们同意：是吗？是！"),
    ("参加了启动仪式.", "参加了启动仪式。"),
    ("发展势头. 近年来", "发展势头。近年来"),
    ("他说:“很好.”", "他说：“很好。”"),
    ("实施情况 ,并与参会者", "实施情况，并与参会者"),
    ("活动期间,2000名代表", "活动期间，2000名代表"),
    ("约200,其中", "约200，其中"),
    ("增长5%,时间", "增长5%，时间"),
    ("世界知识产权组织(WIPO)的代表", "世界知识产权组织（WIPO）的代表"),
    ("世界知识产权组织 (WIPO) 的代表", "世界知识产权组织（WIPO）的代表"),
    ("版权产业(包括出版)", "版权产业（包括出版）"),
    ("管理部门 、出版单位", "管理部门、出版单位"),
    ("中国 市场", "中国市场"),
])
def test_punctuation_and_spaces_in_chinese_text(text, expected):
    result = _fix(text)
    assert result.text == expected
    assert {c.kind for c in result.changes} <= {PUNCTUATION, SPACING}
    for c in result.changes:
        assert text[c.start:c.end] == c.original  # offsets into the exact text


@pytest.mark.parametrize("text", [
    "增长3.5%时间10:30共1,500人",  # decimals, times, thousands
    "1.中国\n2.美国",  # a numbered list, not sentence ends
    "会议由WIPO和NCAC共同主办",
    "中国版权协会,WIPO和NCAC",  # the comma touches Latin text: left as written
    "函数f(x)在",
    "(1)中国",
    "中国...市场",
    "访问 https://www.wipo.int/a,b.html 了解,或发邮件至 zhao@ncac.gov.cn 。",
    "　　中国市场",  # ideographic indentation at a line start
    "详见《Harry Potter: A History》一书",
])
def test_numbers_urls_latin_and_indentation_untouched(text):
    result = _fix(text)
    urls_kept = [u for u in ("https://www.wipo.int/a,b.html", "zhao@ncac.gov.cn") if u in text]
    assert all(u in result.text for u in urls_kept)
    if "了解," in text:  # only the clause comma after the URL's space is Chinese
        assert result.text == text.replace("了解,或", "了解，或")
    else:
        assert result.text == text, result.changes


def test_glued_full_stop_between_chinese_characters_is_only_suggested():
    # "约翰.史密斯" may be a name's middle dot: a human decides.
    result = _fix("美国总统约翰.史密斯说")
    assert result.text == "美国总统约翰.史密斯说" and result.changes == []
    (sug,) = result.suggestions
    assert (sug.word, sug.replacement, sug.alternatives) == ("翰.史", "翰。史", ("翰·史",))


def test_sentence_split_at_a_glued_full_stop_is_still_only_suggested():
    art = fix_article(parse("标题\n\n美国总统约翰.肯尼迪说,版权很重要。\n", Path("a.txt"), "zh"), None)[0]
    fixed = [s.text for s in art.segments]
    assert "美国总统约翰." in fixed  # not made a sentence end
    assert "肯尼迪说，版权很重要。" in fixed
    assert any("翰。" in s for seg in art.segments for s in seg.suggestions)


@pytest.mark.parametrize("style, text, expected", [
    ("none", "在 2026 年,使用 Microsoft Office 软件", "在2026年，使用Microsoft Office软件"),
    ("space", "在2026年,使用Microsoft Office软件", "在 2026 年，使用 Microsoft Office 软件"),
    ("space", "约  200 名代表", "约 200 名代表"),
    ("keep", "在 2026年,使用 Microsoft Office软件", "在 2026年，使用 Microsoft Office软件"),
    ("none", "会议由WIPO,NCAC共同主办", "会议由WIPO, NCAC共同主办"),  # Latin spacing rule kept
])
def test_latin_and_number_spacing_style(style, text, expected):
    assert _fix(text, style).text == expected


@pytest.mark.parametrize("style", ["none", "space"])
def test_spaces_beside_urls_are_never_touched(style):
    text = "访问 https://www.wipo.int 了解"  # without its space the URL would swallow 了解
    assert _fix(text, style).text == text


def test_english_and_other_languages_get_no_chinese_rules():
    text = "版权产业,中国  市场(北京)."
    assert fix_text(text, "en", None).text == text
    assert fix_text(text, "ja", None).text == text


def test_traditional_chinese_too():
    assert _fix("著作權法,臺灣", lang="zt").text == "著作權法，臺灣"


def test_edits_never_overlap_and_the_ideographic_space_is_no_punctuation():
    assert not _FW_MARKS.startswith("\u3000")
    text = "中国 , ( 市场 ) . 版权 , 2026 年"
    edits = chinese_edits(text, lambda a, b: False)
    for e, f in zip(edits, edits[1:], strict=False):
        assert e.end <= f.start
    assert _fix(text).text == "中国，（市场）。版权，2026年"


def test_unknown_style_is_a_bug_of_the_caller():
    with pytest.raises(ValueError):
        chinese_edits("中国", lambda a, b: False, "pangu")


def test_change_context_is_short_in_chinese():
    text = "4月20日,由国家版权局指导的2026年全国版权宣传周活动在杭州正式启动"
    (ch,) = _fix(text).changes
    assert ch.context(text) == ("4月20日,由国家版权局", "4月20日，由国家版权局")


def test_doubled_punctuation_is_left_for_a_human():
    assert _fix("很好。.是的，,对").text == "很好。.是的，,对"
