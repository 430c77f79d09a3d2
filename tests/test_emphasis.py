"""Markdown emphasis next to CJK punctuation (issue 14 item 3), judged by a real CommonMark
renderer (markdown-it-py): what :mod:`transnews.emphasis` writes renders, what it leaves alone
already rendered."""

from __future__ import annotations

import doctest

import pytest
from markdown_it import MarkdownIt

import transnews.emphasis
from transnews.emphasis import renderable_emphasis, unrendered_emphasis

_MD = MarkdownIt("commonmark")

BROKEN = [  # CommonMark shows these asterisks (the closing run is not right-flanking, or the opener not left-flanking)
    ("*《视听表演北京条约》*和**《马拉喀什条约》**", ["*《视听表演北京条约》*", "**《马拉喀什条约》**"]),
    ("***《条约》***和", ["***《条约》***"]),
    ("_《条约》_和", ["_《条约》_"]),
    ("`x`*《a》*和", ["*《a》*"]),
    ("他说**“版权”**很重要", ["**“版权”**"]),
]
FINE = ["the *Beijing Treaty* and **WIPO**", "中国*加入*了", "他说：“**版权**。”很重要", "snake_case_name",
        "2*3*4", "5 * 3 * 2", "`a*b*` and *x*", "**《条约》**、*「注」*。", "a **b *c* d** e",
        "[*《a》*](http://x/*y*)和", "<b>*《a》*</b>和", r"\*《a》\*和"]


def _literal_marks(text: str) -> bool:
    html = _MD.renderInline(text)
    return "*" in html.replace("<code>a*b*</code>", "").replace("http://x/*y*", "") or "_《" in html


@pytest.mark.parametrize("text,passages", BROKEN)
def test_broken_emphasis_found_and_written_as_html(text, passages):
    assert _literal_marks(text)  # the renderer agrees it is broken
    assert unrendered_emphasis(text) == passages
    fixed = renderable_emphasis(text)
    assert not _literal_marks(fixed) and ("<em>" in fixed or "<strong>" in fixed)


@pytest.mark.parametrize("text", FINE)
def test_rendering_or_literal_asterisks_left_alone(text):
    assert unrendered_emphasis(text) == [] and renderable_emphasis(text) == text


def test_custom_marks_and_doctest():
    marks = {1: ("[", "]"), 2: ("{", "}"), 3: ("<", ">")}
    assert renderable_emphasis("*《a》*和**《b》**", marks) == "[《a》]和{《b》}"
    assert doctest.testmod(transnews.emphasis).failed == 0
