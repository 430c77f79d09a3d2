"""Issue 14 items 7 and 10: the bilingual page of rich articles, published by `transnews publish
--bilingual` and rendered in real headless Chromium; screenshots are checked by their pixels.

Each test saves its screenshots under ``$TRANSNEWS_SHOTS`` when that is set (for a reviewer
to look at), else only under the test's temporary folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from chromium_shots import chrome, chromium, read_png
from typer.testing import CliRunner

from transnews.catalog import catalog_paths, load_po, write_atomic
from transnews.cli.app import app
from transnews.engine import MemoryEngine

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
pytestmark = pytest.mark.skipif(chromium() is None,
                                reason="no headless browser (apt-get install chromium fonts-noto-cjk)")
runner = CliRunner()
PHONE, DESKTOP = "390,1800", "1200,1400"
# Test-only colours put on the two columns' text, to tell their pixels apart.
COLUMN_COLOURS = ("<style>.cell.src, .cell.src * { color: rgb(220,0,0) !important; }\n"
                  ".cell.tgt, .cell.tgt * { color: rgb(0,0,220) !important; }</style>")


def _published(tmp_path, monkeypatch, name: str, text: str, src: str, tgt: str, msgstr) -> Path:
    """``text`` saved as ``name``, translated by the pipeline, every entry reviewed as
    ``msgstr(msgid)``, then published with ``--bilingual`` through the CLI: the page's path."""
    from transnews.stream import translate_articles
    from transnews.settings import Settings

    monkeypatch.chdir(tmp_path)
    article = tmp_path / name
    article.write_text(text, encoding="utf-8")
    translate_articles([article], src=src, tgt=tgt, settings=Settings.from_env(use_glossary=False),
                       out_dir=tmp_path / "locales", engine=MemoryEngine({}))
    po_path = catalog_paths(tmp_path / "locales", article.stem, tgt)[1]
    po = load_po(po_path)
    for entry in po:
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        entry.msgstr = msgstr(entry.msgid)
    write_atomic({po_path: po})
    r = runner.invoke(app, ["publish", name, "--from", src, "--to", tgt, "--no-glossary", "--bilingual"])
    assert r.exit_code == 0, r.stderr
    return tmp_path / "editions" / f"{article.stem}.{src}-{tgt}.html"


def _shot(page: Path, tmp_path: Path, size: str, name: str, extra: str = "") -> np.ndarray:
    """A screenshot of ``page`` (``extra`` markup added to its head) at window ``size``."""
    shown = tmp_path / f"{name}.html"
    shown.write_text(page.read_text(encoding="utf-8").replace("</head>", extra + "</head>"), encoding="utf-8")
    png = tmp_path / f"{name}.png"
    run = chrome([f"--screenshot={png}", shown.as_uri()], tmp_path, size)
    assert run.returncode == 0 and png.exists(), run.stderr[-500:]
    if os.environ.get("TRANSNEWS_SHOTS"):
        Path(os.environ["TRANSNEWS_SHOTS"]).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(os.environ["TRANSNEWS_SHOTS"]) / png.name)
    return read_png(png)


def _mask(img: np.ndarray, colour: str) -> np.ndarray:
    """Pixels clearly drawn in one of the test colours (anti-aliased edges included)."""
    r, g, b = (img[:, :, i].astype(int) for i in range(3))
    if colour == "red":
        return (r - np.maximum(g, b) > 80)
    return (b - np.maximum(r, g) > 80)


def _bands(rows: np.ndarray) -> list[tuple[int, int]]:
    """Runs of consecutive True rows: (first, last)."""
    out: list[tuple[int, int]] = []
    for y in np.flatnonzero(rows):
        if out and y <= out[-1][1] + 1:
            out[-1] = (out[-1][0], y)
        else:
            out.append((y, y))
    return out


def _rich_page(tmp_path, monkeypatch) -> Path:
    text = (CORPUS / "rich.html").read_text(encoding="utf-8")
    return _published(tmp_path, monkeypatch, "rich.html", text, "en", "zh", lambda m: "译文：" + m)


def test_desktop_columns_side_by_side_phone_stacked(tmp_path, monkeypatch):
    page = _rich_page(tmp_path, monkeypatch)
    wide = _shot(page, tmp_path, DESKTOP, "bilingual-desktop-columns", COLUMN_COLOURS)
    src, tgt = _mask(wide, "red"), _mask(wide, "blue")
    assert src.sum() > 3000 and tgt.sum() > 3000
    w = wide.shape[1]
    src_x, tgt_x = np.flatnonzero(src.any(axis=0)), np.flatnonzero(tgt.any(axis=0))
    assert src_x.max() < w // 2 < tgt_x.min()  # source left, translation right
    both = (src.any(axis=1) & tgt.any(axis=1)).sum()
    assert both > 0.5 * min(src.any(axis=1).sum(), tgt.any(axis=1).sum())  # on the same lines

    phone = _shot(page, tmp_path, PHONE, "bilingual-phone-columns", COLUMN_COLOURS)
    src, tgt = _mask(phone, "red"), _mask(phone, "blue")
    assert src.sum() > 3000 and tgt.sum() > 3000
    src_x, tgt_x = np.flatnonzero(src.any(axis=0)), np.flatnonzero(tgt.any(axis=0))
    assert tgt_x.min() < phone.shape[1] // 3 and src_x.max() > phone.shape[1] // 2  # full width each
    assert not (src.any(axis=1) & tgt.any(axis=1)).any()  # never on one line
    # Row by row: a source band, then its translation below it, then the next row's source.
    order = sorted([(a, "src") for a, _ in _bands(src.any(axis=1))] + [(a, "tgt") for a, _ in _bands(tgt.any(axis=1))])
    kinds = [k for i, (_, k) in enumerate(order) if i == 0 or k != order[i - 1][1]]
    assert kinds[0] == "src" and len(kinds) >= 12  # at least six src → tgt alternations


def test_links_are_drawn_in_link_colour_in_both_columns(tmp_path, monkeypatch):
    page = _rich_page(tmp_path, monkeypatch)
    img = _shot(page, tmp_path, DESKTOP, "bilingual-desktop")
    r, g, b = (img[:, :, i].astype(int) for i in range(3))
    link = (b - r > 100) & (b - g > 40) & (b > 150)  # the page's link blue, #0b57d0
    w = img.shape[1]
    assert link[:, : w // 2].sum() > 100 and link[:, w // 2:].sum() > 100
    text = img.min(axis=2) < 100  # dark body text
    assert text[:, : w // 2].sum() > 3000 and text[:, w // 2:].sum() > 3000
    # The page without its links (their text kept): no link colour anywhere.
    unlinked = tmp_path / "unlinked.html"
    html = page.read_text(encoding="utf-8")
    unlinked.write_text(re.sub(r"</?a\b[^>]*>", "", html), encoding="utf-8")
    plain = _shot(unlinked, tmp_path, DESKTOP, "unlinked")
    r, g, b = (plain[:, :, i].astype(int) for i in range(3))
    assert ((b - r > 100) & (b - g > 40) & (b > 150)).sum() < 20


MEASURE = """<script>
document.addEventListener("DOMContentLoaded", () => {
  const out = [];
  for (const cell of document.querySelectorAll(".cell")) {
    const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const i = n.data.indexOf("\\u2019");
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(n, i); range.setEnd(n, i + 1);
      const style = getComputedStyle(n.parentElement);
      out.push({lang: cell.lang, width: range.getBoundingClientRect().width,
                size: parseFloat(style.fontSize), family: style.fontFamily});
      break;
    }
  }
  document.body.setAttribute("data-measured", JSON.stringify(out));
});
</script>"""


def test_english_apostrophe_is_latin_not_full_width(tmp_path, monkeypatch):
    """Item 10: in a Chinese → English page, "China’s" is set in a Latin font (a narrow ’),
    while the same ’ in the Chinese column is the CJK font's full-width one."""
    text = "报道引用英文标题“China’s copyright week”。\n\n版权周活动在杭州开幕。\n"
    english = {"报道引用英文标题“China’s copyright week”。": "China’s copyright week was quoted.",
               "版权周活动在杭州开幕。": "China’s copyright week opened in Hangzhou."}
    page = _published(tmp_path, monkeypatch, "week.txt", text, "zh", "en", lambda m: english.get(m, m))
    measured = tmp_path / "measured.html"
    measured.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"),
                        encoding="utf-8")
    dom = chrome(["--dump-dom", measured.as_uri()], tmp_path, DESKTOP)
    assert dom.returncode == 0, dom.stderr[-500:]
    found = json.loads(re.search(r'data-measured="([^"]*)"', dom.stdout).group(1).replace("&quot;", '"'))
    en = [m for m in found if m["lang"] == "en"]
    zh = [m for m in found if m["lang"] == "zh-Hans"]
    assert len(en) == 2 and len(zh) == 1
    for m in en:
        assert "CJK" not in m["family"].split(",")[0]
        assert m["width"] < 0.45 * m["size"], m  # a Latin apostrophe, not "China’ s"
    assert zh[0]["width"] > 0.8 * zh[0]["size"]  # the CJK font's: what English used to get
    img = _shot(page, tmp_path, DESKTOP, "bilingual-apostrophe")
    assert (img.min(axis=2) < 100).sum() > 500
