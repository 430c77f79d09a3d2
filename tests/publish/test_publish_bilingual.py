"""The bilingual page: aligned rows, lang attributes, UTF-8; rendered in a real headless browser."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import polib
import pytest

from chromium_shots import chrome as _chrome
from chromium_shots import chromium as _chromium
from chromium_shots import ink as _ink
from chromium_shots import read_png as _read_png

from transnews.ingest import read_article
from transnews.publish import render_bilingual

ROOT = Path(__file__).resolve().parents[2]
ZH_EXAMPLE = ROOT / "examples" / "cnipa-copyright-week-zh.txt"


def _catalog(article, table, fuzzy=()):
    po = polib.POFile()
    po.metadata = {"X-Source-Language": article.lang}
    for seg in article.segments:
        if po.find(seg.text, msgctxt=seg.context) is None:
            po.append(polib.POEntry(msgid=seg.text, msgctxt=seg.context, msgstr=table.get(seg.text, ""),
                                    flags=["fuzzy"] if seg.text in fuzzy else []))
    return po


def _zh_table(article):
    return {s.text: f"第{i}句中文译文，版权保护。" for i, s in enumerate(article.segments)}


class _Cells(HTMLParser):
    """Collects (row class, cell lang, cell text) from the page."""

    def __init__(self):
        super().__init__()
        self.rows, self.row, self.cell, self.depth, self.html_lang = [], None, None, 0, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "div" and "row" in (a.get("class") or "").split():
            self.row = a["class"]
            self.rows.append((self.row, []))
        elif tag == "div" and self.row and "cell" in (a.get("class") or ""):
            self.cell = [a.get("lang"), ""]
            self.rows[-1][1].append(self.cell)

    def handle_endtag(self, tag):
        if tag == "div" and self.cell is not None:
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[1] += data


def test_bilingual_rows_are_paragraph_aligned(example_article):
    art = read_article(example_article, "en")
    table = _zh_table(art)
    fuzzy = (art.segments[5].text,)
    page = render_bilingual(art, _catalog(art, table, fuzzy), "zh")
    cells = _Cells()
    cells.feed(page)
    rows = [r for r in cells.rows if r[1]]
    assert len(rows) == len(art.blocks)
    assert [r[0].split()[1] for r in rows] == [b.kind for b in art.blocks]
    for (_, (src, tgt)), block in zip(rows, art.blocks, strict=True):
        assert src[0] == "en" and tgt[0] == "zh-Hans"
        assert src[1] == " ".join(s.text for s in block.segments)
    assert rows[3][1][1][1].startswith("第4句中文译文，版权保护。 In this way")  # fuzzy → source shown
    assert '<span class="untranslated">In this way' in page
    assert cells.html_lang == "zh-Hans" and '<meta charset="utf-8">' in page


def test_bilingual_escapes_markup_and_renders_markdown_inline(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# A *bold* title\n\nSee the [report](https://x.org/r). <b>raw</b> & more.\n", encoding="utf-8")
    art = read_article(path, "en")
    table = {"A *bold* title": "一个*醒目*标题", "See the [report](https://x.org/r).": "见[报告](https://x.org/r)。",
             "<b>raw</b> & more.": "<script>alert(1)</script>更多。"}
    page = render_bilingual(art, _catalog(art, table), "zh")
    assert '<h1>一个<em>醒目</em>标题</h1>' in page
    assert '见<a href="https://x.org/r">报告</a>。' in page
    assert "<script>alert" not in page and "&lt;script&gt;" in page


@pytest.mark.skipif(_chromium() is None, reason="no headless browser (apt-get install chromium fonts-noto-cjk)")
def test_bilingual_page_renders_both_columns_in_chromium(tmp_path):
    art = read_article(ZH_EXAMPLE, "zh")
    table = {s.text: f"English sentence number {i} about copyright protection." for i, s in enumerate(art.segments)}
    page = tmp_path / "bilingual.html"
    page.write_text(render_bilingual(art, _catalog(art, table), "en"), encoding="utf-8")

    dom = _chrome(["--dump-dom", page.as_uri()], tmp_path)
    assert dom.returncode == 0, dom.stderr[-500:]
    assert "国家版权局有关负责人在致辞中表示" in dom.stdout  # UTF-8 decoded, not mojibake
    assert dom.stdout.count('class="cell src" lang="zh-Hans"') == len(art.blocks)
    assert dom.stdout.count('class="cell tgt" lang="en"') == len(art.blocks)

    shot = tmp_path / "page.png"
    run = _chrome([f"--screenshot={shot}", page.as_uri()], tmp_path)
    assert run.returncode == 0 and shot.exists(), run.stderr[-500:]
    img = _read_png(shot)
    h, w, _ = img.shape
    left, right = img[: h * 2 // 3, 30: w // 2 - 30], img[: h * 2 // 3, w // 2 + 30: w - 30]
    assert _ink(left) > 2000 and _ink(right) > 2000  # both columns carry text

    # The Chinese column shows real glyphs, not missing-glyph boxes: the same page with the
    # Chinese replaced by unassigned characters (drawn as identical boxes) looks different.
    tofu_html = page.read_text(encoding="utf-8")
    tofu_html = "".join("\ue000" if "\u4e00" <= ch <= "\u9fff" else ch for ch in tofu_html)
    tofu = tmp_path / "tofu.html"
    tofu.write_text(tofu_html, encoding="utf-8")
    tofu_shot = tmp_path / "tofu.png"
    _chrome([f"--screenshot={tofu_shot}", tofu.as_uri()], tmp_path)
    other = _read_png(tofu_shot)
    assert other.shape == img.shape
    diff = np.abs(other[: h * 2 // 3, 30: w // 2 - 30].astype(int) - left.astype(int)).max(axis=2)
    assert (diff > 60).sum() > 1000


def test_html_rows_balance_a_translations_tags_and_mark_fallback(tmp_path):
    """A translation that loses its </em> cannot italicise the next cell; a sentence shown in
    the source language is marked inside the row's markup; tags it adds are text."""
    path = tmp_path / "a.html"
    path.write_text("<body><h1>Title</h1><p>It is <em>very</em> good. It ends <em>well.</em></p>"
                    "<p>Last <b>one</b>.</p></body>", encoding="utf-8")
    art = read_article(path, "en")
    table = {"Title": "标题", "It is <em>very</em> good.": "它<em>非常好。",
             "Last <b>one</b>.": "最后<b>一个</b><i>。</i>"}
    page = render_bilingual(art, _catalog(art, table), "zh")
    assert '<p>它<em>非常好。 <span class="untranslated">It ends <em>well.</em></span></em></p>' in page
    assert "<p>最后<b>一个</b>&lt;i&gt;。&lt;/i&gt;</p>" in page


def test_markdown_fallback_mark_keeps_emphasis_rendering(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Title\n\nIt is *very useful.* More *text here.*\n", encoding="utf-8")
    art = read_article(path, "en")
    page = render_bilingual(art, _catalog(art, {"Title": "标题", "It is *very useful.*": "它*很有用。*"}), "zh")
    assert '它<em>很有用。</em> <span class="untranslated">More <em>text here.</em></span>' in page
