"""Issue 14: rich Markdown and HTML articles through `transnews translate` and `transnews publish`.

`translate` runs through the CLI with a deterministic engine in place of Argos (the
pipeline's ``make_engine`` patched); a reviewer then edits the catalog; `publish`
writes the editions. The articles are the corpus under ``tests/corpus/``.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from transnews.catalog import catalog_paths, load_po, write_atomic
from transnews.cli.app import app
from transnews.engine import MemoryEngine
from transnews.engine.base import Engine

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
runner = CliRunner()


def _run(*args):
    r = runner.invoke(app, [str(a) for a in args])
    return r.exit_code, r.stdout, r.stderr


class WordEngine(Engine):
    """Deterministic "MT" that rewrites a few words wherever they occur, so a test sees
    what reached the engine: protected spans come back untouched, the rest does not."""

    name = "words"
    WORDS = {"Ctrl": "控制", "check": "检查", "errors": "错误", "copyright": "版权", "fair use": "合理使用",
             "Monday": "星期一", "code": "代码"}

    def _translate(self, texts, progress):
        out = []
        for t in texts:
            for a, b in self.WORDS.items():
                t = t.replace(a, b)
            out.append(t)
        return out


def _translate(tmp_path, monkeypatch, name, engine=None, *extra, dest=None):
    """``name`` from the corpus (copied as ``dest``), translated en→zh through the CLI;
    returns (article, po path)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("transnews.pipeline.make_engine", lambda *a, **k: engine or MemoryEngine())
    article = tmp_path / (dest or name)
    shutil.copy(CORPUS / name, article)
    code, _, err = _run("translate", article, "--from", "en", "--to", "zh", "--out", "locales", *extra)
    assert code == 0, err
    return article, catalog_paths(Path("locales"), article.stem, "zh")[1]


def _review(po_path, msgstr=lambda e: "译：" + e.msgid):
    """The reviewer translates every entry (``msgstr(entry)``) and clears fuzzy."""
    po = load_po(po_path)
    for entry in po:
        entry.msgstr = msgstr(entry)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    write_atomic({po_path: po})
    return po


def _publish(article, *args):
    code, out, err = _run("publish", article, "--lang", "zh", "--no-glossary", *args)
    assert code == 0, err
    return out


def _edition(tmp_path, name, out="editions"):
    return (tmp_path / out / name).read_text(encoding="utf-8")


# ------------------------------------------------------------------ 1. tables


def test_markdown_table_cells_are_entries_and_the_table_is_rebuilt(tmp_path, monkeypatch):
    article, po_path = _translate(tmp_path, monkeypatch, "rich.md", None, "--no-glossary")
    po = load_po(po_path)
    cells = [e.msgid for e in po if e.msgctxt == "table-cell"]
    assert cells == ["Day", "Topic", "Speaker", "Monday", "Copyright law and `fair use`", "Ms. Liu", "Tuesday",
                     "Collective management \\| licensing", "Mr. Wei"]
    assert not any("|--" in e.msgid or "| Monday" in e.msgid for e in po)
    _review(po_path)
    # The separator row no longer reaches a msgid, so check finds no MT loop in it.
    code, out, _ = _run("check", po_path, "--json", "--no-glossary")
    assert not [f for f in json.loads(out)["findings"] if f["check"] == "repetition"]
    _publish(article)
    md = _edition(tmp_path, "rich.zh.md")
    assert "| 译：Day | 译：Topic | 译：Speaker |\n|:----|:-----:|--------:|\n| 译：Monday |" in md
    assert "| 译：Collective management \\| licensing | 译：Mr. Wei |" in md
    _publish(article, "--format", "html")
    page = _edition(tmp_path, "rich.zh.html")
    assert "<th>译：Day</th>" in page and "<td>译：Copyright law and <code>fair use</code></td>" in page
    assert "<td>译：Collective management | licensing</td>" in page and page.count("<tr>") == 3


def test_a_translated_pipe_is_escaped_in_the_markdown_table(tmp_path, monkeypatch):
    article, po_path = _translate(tmp_path, monkeypatch, "rich-toml.md", None, "--no-glossary")
    _review(po_path, lambda e: "市政厅 | 大厅" if e.msgid == "City hall" else e.msgid)
    _publish(article)
    assert "| Opening ceremony | 市政厅 \\| 大厅 |" in _edition(tmp_path, "rich-toml.zh.md")


def test_html_table_cells_are_entries_and_stay_a_table(tmp_path, monkeypatch):
    article, po_path = _translate(tmp_path, monkeypatch, "rich.html", None, "--no-glossary")
    cells = [e.msgid for e in load_po(po_path) if e.msgctxt == "table-cell"]
    assert cells == ["Day", "Topic", "Monday", "Copyright law and fair use", "Tuesday", "Collective management"]
    _review(po_path)
    _publish(article)
    assert "<tr><td>译：Monday</td><td>译：Copyright law and fair use</td></tr>" in _edition(tmp_path, "rich.zh.html")
    _publish(article, "--format", "md")
    md = _edition(tmp_path, "rich.zh.md")
    assert "| 译：Day | 译：Topic |\n| --- | --- |\n| 译：Monday | 译：Copyright law and fair use |" in md


# ------------------------------------------------------------------ 2. front matter


def test_yaml_front_matter_values_are_entries_and_stay_front_matter(tmp_path, monkeypatch):
    article, po_path = _translate(tmp_path, monkeypatch, "rich.md", None, "--no-glossary")
    fm = {e.msgctxt: e.msgid for e in load_po(po_path) if (e.msgctxt or "").startswith("front matter")}
    assert fm == {"front matter: title": "WIPO and NCAC hold copyright training in Xiamen",
                  "front matter: description": "Officials and rights holders met for two days of lectures.",
                  "front matter: summary": "Two days of lectures on copyright law and licensing."}
    _review(po_path, lambda e: {"WIPO and NCAC hold copyright training in Xiamen": '厦门版权培训 "WIPO"',
                                "Officials and rights holders met for two days of lectures.": "官员: 两天讲座",
                                }.get(e.msgid, e.msgid))
    _publish(article)
    md = _edition(tmp_path, "rich.zh.md")
    source = (CORPUS / "rich.md").read_text(encoding="utf-8")
    head, src_head = md.split("\n---\n", 1)[0], source.split("\n---\n", 1)[0]
    assert head.splitlines()[1] == 'title: "厦门版权培训 \\"WIPO\\""'  # quoted as the source quotes it
    assert head.splitlines()[2] == 'description: "官员: 两天讲座"'  # a plain value that needs quotes now
    assert head.splitlines()[3:] == src_head.splitlines()[3:]  # the rest verbatim (summary kept as written)
    _publish(article, "--format", "html")
    page = _edition(tmp_path, "rich.zh.html")
    assert "<title>厦门版权培训 &quot;WIPO&quot;</title>" in page
    assert "<h2>" in page and "title:" not in page and "tags:" not in page and "<hr" not in page


def test_toml_front_matter_values_are_entries_and_a_broken_block_is_one_error(tmp_path, monkeypatch):
    article, po_path = _translate(tmp_path, monkeypatch, "rich-toml.md", None, "--no-glossary")
    fm = {e.msgctxt: e.msgid for e in load_po(po_path) if (e.msgctxt or "").startswith("front matter")}
    # [extra].title is not the page's title.
    assert fm == {"front matter: title": "Copyright week opens in Hangzhou",
                  "front matter: description": "Events across the city for a week."}
    _review(po_path, lambda e: {"Copyright week opens in Hangzhou": "杭州版权周开幕",
                                "Events across the city for a week.": "全城一周的活动 'x'"}.get(e.msgid, e.msgid))
    _publish(article)
    md = _edition(tmp_path, "rich-toml.zh.md")
    import tomllib

    data = tomllib.loads(md.split("+++\n")[1])
    assert data == {"title": "杭州版权周开幕", "description": "全城一周的活动 'x'", "weight": 3,
                    "extra": {"title": "Not the page title"}}
    assert md.splitlines()[1] == 'title = "杭州版权周开幕"' and md.splitlines()[3:6] == ["weight = 3", "[extra]",
                                                                                      'title = "Not the page title"']
    broken = tmp_path / "broken.md"
    broken.write_text('+++\ntitle = "x"\nweight = = 3\n+++\n\nBody text.\n', encoding="utf-8")
    code, _, err = _run("translate", broken, "--from", "en", "--to", "zh", "--out", "locales", "--no-glossary")
    assert code != 0 and err.count("\n") == 1 and "broken.md:3: " in err and "TOML front matter" in err


# ------------------------------------------------------------------ 4. code is protected


@pytest.mark.parametrize("glossary", [(), ("--no-glossary",)])
def test_code_reaches_no_engine_fixer_or_glossary(tmp_path, monkeypatch, glossary):
    article, po_path = _translate(tmp_path, monkeypatch, "rich.html", WordEngine(), *glossary)
    po = {e.msgid: e for e in load_po(po_path)}
    kbd = po["Press <kbd>Ctrl</kbd>+<kbd>F</kbd> to search the report."]
    assert "<kbd>Ctrl</kbd>" in kbd.msgstr and "控制" not in kbd.msgstr
    code = next(e for m, e in po.items() if m.startswith("Run <code>"))
    assert "<code>transnews check --strict</code>" in code.msgstr and "<samp>0 errors found</samp>" in code.msgstr
    assert "print(" not in " ".join(po)  # <pre> is never read
    _, md_po = _translate(tmp_path, monkeypatch, "rich.md", WordEngine(), *glossary, dest="rich-md.md")
    entries = {e.msgid: e for e in load_po(md_po)}
    assert "`fair use`" in entries["Copyright law and `fair use`"].msgstr
    assert "<kbd>Ctrl</kbd>" in entries["Press <kbd>Ctrl</kbd>+<kbd>F</kbd> to search the report."].msgstr


def test_code_is_never_spell_fixed_or_glossary_enforced(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("transnews.pipeline.make_engine", lambda *a, **k: MemoryEngine())
    page = tmp_path / "code.html"
    page.write_text("<h1>Training notes</h1>\n<p>The wrod <code>recieve_wipo(WIPO)</code> is code, "
                    "and <kbd>teh</kbd> too.</p>\n", encoding="utf-8")
    md = tmp_path / "code-note.md"
    md.write_text("# Training notes\n\nThe wrod `recieve_wipo(WIPO)` is code.\n", encoding="utf-8")
    for article in (page, md):
        code, _, err = _run("translate", article, "--from", "en", "--to", "zh", "--out", "locales")
        assert code == 0, err
        po = load_po(catalog_paths(Path("locales"), article.stem, "zh")[1])
        body = next(e for e in po if "code" in e.msgid and e.msgctxt is None)
        assert "word" in body.msgid and "recieve_wipo(WIPO)" in body.msgid  # prose fixed, code not
        assert "teh" in body.msgid or article is md
        assert "recieve_wipo(WIPO)" in body.msgstr and "世界知识产权组织" not in body.msgstr
        assert "terms:" not in body.comment


# ------------------------------------------------------------------ 5. attributes, nav, footer, <title>, meta


def test_html_attributes_navigation_and_head_are_offered_and_put_back(tmp_path, monkeypatch):
    article, po_path = _translate(tmp_path, monkeypatch, "rich.html", None, "--no-glossary")
    po = load_po(po_path)
    by_ctx = {}
    for e in po:
        by_ctx.setdefault(e.msgctxt, []).append(e.msgid)
    assert by_ctx["alt text"] == ["The training venue in Xiamen"]
    assert by_ctx["title attribute"] == ["Go to the home page", "WIPO annual report"]
    assert by_ctx["meta description"] == ["Officials and rights holders met for two days of lectures."]
    assert "WIPO training held in Xiamen" in by_ctx["title"]  # <title>
    assert by_ctx["boilerplate"] == ['<a href="/" title="Go to the home page">Home</a> &gt; <a href="/news">News</a>',
                                     "Copyright 2026 NCAC. All rights reserved."]
    assert all(e.msgstr == "" for e in po if e.msgctxt == "boilerplate")  # never sent to MT
    _review(po_path, lambda e: {"The training venue in Xiamen": '厦门的"培训"会场 & 海',
                                "Go to the home page": "返回首页",
                                "WIPO annual report": "WIPO 年度报告",
                                "Officials and rights holders met for two days of lectures.": "官员与权利人参加讲座",
                                "WIPO training held in Xiamen": "厦门培训",
                                "Copyright 2026 NCAC. All rights reserved.": "版权所有 2026",
                                }.get(e.msgid, "译：" + e.msgid))
    _publish(article)
    page = _edition(tmp_path, "rich.zh.html")
    assert '<img src="venue.jpg" alt="厦门的&quot;培训&quot;会场 &amp; 海">' in page
    # The title attribute inside the (reviewed) breadcrumb is put into it.
    assert '<nav class="breadcrumb">译：<a href="/" title="返回首页">Home</a> &gt; <a href="/news">News</a></nav>' in page
    assert 'title="WIPO 年度报告">' in page and "<title>厦门培训</title>" in page
    assert '<meta name="description" content="官员与权利人参加讲座">' in page
    assert "<footer>版权所有 2026</footer>" in page


def test_markdown_alt_text_and_titles_are_put_back(tmp_path, monkeypatch):
    article, po_path = _translate(tmp_path, monkeypatch, "rich.md", None, "--no-glossary")
    ctx = {e.msgid: e.msgctxt for e in load_po(po_path)}
    assert ctx["The training venue in Xiamen"] == "alt text"
    assert ctx["Xiamen International Conference Centre"] == ctx["WIPO annual report"] == "title attribute"
    _review(po_path, lambda e: {"The training venue in Xiamen": "厦门[培训]会场",
                                "Xiamen International Conference Centre": '厦门"国际"会议中心',
                                "WIPO annual report": "年度报告"}.get(e.msgid, e.msgid))
    _publish(article)
    md = _edition(tmp_path, "rich.zh.md")
    assert '![厦门\\[培训\\]会场](venue.jpg "厦门\\"国际\\"会议中心")' in md
    assert '[WIPO report](https://www.wipo.int/x.html "年度报告")' in md
    _publish(article, "--format", "html")
    page = _edition(tmp_path, "rich.zh.html")
    assert '<img src="venue.jpg" alt="厦门[培训]会场" title="厦门&quot;国际&quot;会议中心">' in page


# ------------------------------------------------------------------ 6. comments


def test_html_comments_are_dropped_unless_kept(tmp_path, monkeypatch):
    article, po_path = _translate(tmp_path, monkeypatch, "rich.html", None, "--no-glossary")
    _review(po_path)
    _publish(article)
    page = _edition(tmp_path, "rich.zh.html")
    assert "<!--" not in page and "CMS: article" not in page and "editor: check" not in page
    assert "<body>\n<nav" in page  # the comment's line went with it
    _publish(article, "--keep-comments", "--out", "kept")
    kept = _edition(tmp_path, "rich.zh.html", "kept")
    assert "<!-- CMS: article 4711, do not edit below -->" in kept and "<!-- editor: check the names -->" in kept


# ------------------------------------------------------------------ 8. every format to every format


@pytest.mark.parametrize("name", ["rich.md", "rich.html", "plain.txt"])
@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_every_article_format_publishes_to_every_format(tmp_path, monkeypatch, name, fmt):
    article, po_path = _translate(tmp_path, monkeypatch, name, None, "--no-glossary")
    _review(po_path)
    _publish(article, "--format", fmt)
    out = _edition(tmp_path, f"{article.stem}.zh.{fmt}")
    assert "译：" in out
    if fmt == "txt":  # prose only: no markup, no code
        assert not re.search(r"<[a-z/!]", out) and "**" not in out and "](" not in out and "print(" not in out
    elif fmt == "html":
        assert out.startswith("<!DOCTYPE html>") and '<html lang="zh-Hans">' in out
    else:
        assert re.search(r"(?m)^# 译：", out)
    if name != "plain.txt":  # tables come through in every format
        row = {"txt": "译：Monday | 译：Copyright law", "md": "| 译：Monday | 译：Copyright law",
               "html": "<td>译：Monday</td>"}[fmt]
        assert row in out


# ------------------------------------------------------------------ round trip


@pytest.mark.parametrize("name", ["rich.md", "rich-toml.md", "rich.html"])
def test_identity_translation_round_trips_byte_for_byte(tmp_path, monkeypatch, name):
    article, po_path = _translate(tmp_path, monkeypatch, name, None, "--no-glossary")
    _review(po_path, lambda e: e.msgid)
    _publish(article, "--keep-comments")
    source = (CORPUS / name).read_text(encoding="utf-8")
    edition = _edition(tmp_path, f"{article.stem}.zh{article.suffix}")
    # The one edit an identity translation makes: the page declares the edition's language.
    assert edition == source.replace('<html lang="en">', '<html lang="zh-Hans">', 1)
