"""MT output cleanup: spacing and punctuation width, with numbers/URLs/abbreviations untouched."""

from __future__ import annotations

import pytest

from transnews.engine.cleanup import clean_output, collapse_spaces


@pytest.mark.parametrize("raw,expected", [
    ("世界 知识 产权 组织 ( WIPO ) 与 国家 版权局 合作 .", "世界知识产权组织（WIPO）与国家版权局合作。"),
    ("出口 额 占 比 超过 11% , 增长 1,500 元 , 达到 3.5 亿 .", "出口额占比超过 11%，增长 1,500 元，达到 3.5 亿。"),
    ("会议 于 10:30 开始 ; 详见 https://www.wipo.int/about?x=1 .", "会议于 10:30 开始；详见 https://www.wipo.int/about?x=1。"),
    ('他 说 : "我们 很 高兴 !" 然后 离开 了 .', "他说：“我们很高兴！”然后离开了。"),
    ("美国 (U.S.) 与 中国 , e.g. 版权 合作 ?", "美国（U.S.）与中国，e.g. 版权合作？"),
    ("由 Apple Inc. 开发 的 软件 , 与 Boss & Young, Attorneys at Law 合作 .",
     "由 Apple Inc. 开发的软件，与 Boss & Young, Attorneys at Law 合作。"),
    ("请 联系 jane.doe@example.com .", "请联系 jane.doe@example.com。"),
    ("我们 使用 Python .", "我们使用 Python。"),
    ("价格 是 $ 1,500 .", "价格是 $1,500。"),
    ("培训 于 2021年7月7日 至 9日 在 厦门 举行 。", "培训于 2021年7月7日至 9日在厦门举行。"),  # CJK–digit spacing kept
    ("  版权  产业 , 蓬勃 发展 !  ", "版权产业，蓬勃发展！"),
    ("他 说 ： “ 好 ” 。", "他说：“好”。"),
    ("等等 ... 我们 再 看 .", "等等……我们再看。"),
    ("他 说 … 好 吧 .", "他说……好吧。"),
    ("Hello ... world", "Hello ... world"),
    ("（ 详见 附件 ）", "（详见附件）"),
])
def test_chinese_cleanup(raw, expected):
    assert clean_output(raw, "zh") == expected


def test_traditional_chinese_and_japanese_are_cjk():
    assert clean_output("周怡安 來自 台中 .", "zt") == "周怡安來自台中。"
    assert clean_output("東京 に 行き ます 。", "ja") == "東京に行きます。"


def test_latin_only_output_in_chinese_stays_latin():
    # A name or acronym the model copied through: no full-width punctuation forced on it.
    assert clean_output("WIPO , NCAC .", "zh") == "WIPO, NCAC."


@pytest.mark.parametrize("raw,expected", [
    ("The World Intellectual Property Organization ( WIPO ) , and NCAC met .",
     "The World Intellectual Property Organization (WIPO), and NCAC met."),
    ("It grew 11 % in 2021 ; see https://x.org/a.b . Wait ... what ?",
     "It grew 11% in 2021; see https://x.org/a.b. Wait ... what?"),
    ("WIPO 's office  in  China [ Beijing ] : open !", "WIPO's office in China [Beijing]: open!"),
    # A sentence ending in an abbreviation takes no second period; "$ 1,500" closes up.
    ("Pay $ 1,500.50 , i.e. 3.5 % more , by 10:30 a.m. .", "Pay $1,500.50, i.e. 3.5% more, by 10:30 a.m."),
    ("He lives in the U.S. . Apples, pears, etc. .", "He lives in the U.S. Apples, pears, etc."),
    ("The U.S... and so on", "The U.S... and so on"),  # an ellipsis after an abbreviation stays
    ("It costs € 20 and $ 5 .", "It costs €20 and $5."),
    ("Already clean. Nothing to do.", "Already clean. Nothing to do."),
])
def test_english_cleanup(raw, expected):
    assert clean_output(raw, "en") == expected


def test_french_keeps_space_before_high_punctuation():
    assert clean_output("Il a dit : oui ! ( OMPI ) .", "fr") == "Il a dit : oui ! (OMPI)."


def test_edge_inputs():
    assert clean_output("", "zh") == ""
    assert clean_output("   ", "en") == ""
    # Private-use characters in the input (our placeholder plane) do not break anything.
    assert clean_output("a \U000f0000 b .", "en") == "a \U000f0000 b."


def test_collapse_spaces():
    assert collapse_spaces("  a \t b\u00a0\u00a0c \n  d  ") == "a b c\nd"


def test_cleanup_is_idempotent():
    for raw, lang in [("世界 知识 产权 组织 ( WIPO ) 与 国家 版权局 合作 .", "zh"),
                      ("The WIPO ( Geneva ) , 2021 .", "en")]:
        once = clean_output(raw, lang)
        assert clean_output(once, lang) == once


def test_korean_keeps_its_word_spaces():
    assert clean_output("세계 지식 재산 기구 ( WIPO ) .", "ko") == "세계 지식 재산 기구 (WIPO)."


def test_long_input_is_fast(growth):
    unit = "世界 知识 产权 组织 ( WIPO ) 于 2021 年 增长 1,500 元 , 详见 https://www.wipo.int/a.b . "
    raw = unit * 3000
    out = clean_output(raw, "zh")
    assert out.count("https://www.wipo.int/a.b。") == 3000
    # 4x the text: about 4x the time when linear, 16x when quadratic.
    assert growth(lambda t: clean_output(t, "zh"), unit * 750, raw) < 10
    assert clean_output("a" * 100000 + " .", "en") == "a" * 100000 + "."
