"""The Chinese example article: breadcrumb, title, date line and sentence segmentation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from transnews.ingest import read_article
from transnews.model import BOILERPLATE, DATE, PARAGRAPH, TITLE

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "cnipa-copyright-week-zh.txt"


def test_structure_of_the_chinese_example():
    art = read_article(EXAMPLE, "zh")
    kinds = [b.kind for b in art.blocks]
    assert kinds == [BOILERPLATE, TITLE, DATE, PARAGRAPH, PARAGRAPH, PARAGRAPH]
    assert art.blocks[0].segments[0].text == "首页 > 新闻 > 版权动态"
    assert not art.blocks[0].segments[0].translatable
    assert art.blocks[1].segments[0].text == "2026年全国版权宣传周活动在杭州启动"
    assert art.date == dt.date(2026, 4, 20)


def test_chinese_sentences():
    art = read_article(EXAMPLE, "zh")
    paras = [b for b in art.blocks if b.kind == PARAGRAPH]
    assert [len(b.segments) for b in paras] == [2, 2, 2]
    for b in paras:
        for seg in b.segments:
            assert seg.text.endswith("。") and " " not in seg.text
            assert art.text[seg.start:seg.end] == seg.source == seg.text
    # Quotation marks and book-title marks stay inside their sentence.
    assert "“版权护航数字创新”" in paras[0].segments[1].text
    assert paras[2].segments[1].text.startswith("世界知识产权组织中国办事处")
    # Sentences of a paragraph are adjacent: Chinese text has no spaces between them.
    first, second = paras[0].segments
    assert first.end == second.start
