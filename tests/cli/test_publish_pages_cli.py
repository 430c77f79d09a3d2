"""`transnews publish`: dates (issue 14 item 9), the bilingual page (items 7, 10) and emphasis
that renders next to CJK punctuation (item 3), through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from transnews.catalog import catalog_paths, load_po, write_atomic
from transnews.cli.app import app
from transnews.engine import MemoryEngine
from transnews.ingest import read_article

ROOT = Path(__file__).resolve().parents[2]
ZH_EXAMPLE = ROOT / "examples" / "cnipa-copyright-week-zh.txt"
runner = CliRunner()


def _run(*args):
    r = runner.invoke(app, [str(a) for a in args])
    return r.exit_code, r.stdout, r.stderr


def _translated(tmp_path, name: str, text: str, src: str, tgt: str, table: dict,
                reviewed: dict | None = None) -> tuple[Path, Path]:
    """``text`` saved as ``name`` and translated src→tgt by the real pipeline (deterministic
    engine); every draft accepted by the reviewer, who writes the ``reviewed`` msgid → msgstr.
    Returns the article and its catalog."""
    from transnews.stream import translate_articles
    from transnews.settings import Settings

    article = tmp_path / name
    article.write_text(text, encoding="utf-8")
    translate_articles([article], src=src, tgt=tgt, settings=Settings.from_env(use_glossary=False),
                       out_dir=tmp_path / "locales", engine=MemoryEngine(table))
    po_path = catalog_paths(tmp_path / "locales", article.stem, tgt)[1]
    po = load_po(po_path)
    for entry in po:
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        entry.msgstr = (reviewed or {}).get(entry.msgid, entry.msgstr)
    write_atomic({po_path: po})
    return article, po_path


@pytest.fixture
def week(tmp_path, monkeypatch):
    """The Chinese example translated to English; the date line's draft copies the source."""
    monkeypatch.chdir(tmp_path)
    art = read_article(ZH_EXAMPLE, "zh")
    table = {s.text: f"English sentence {i}." for i, s in enumerate(art.segments) if s.kind != "date"}
    return _translated(tmp_path, "week.txt", ZH_EXAMPLE.read_text(encoding="utf-8"), "zh", "en", table)


def _date_line(tmp_path, *args) -> str:
    code, _, err = _run("publish", "week.txt", "--to", "en", "--no-glossary", *args)
    assert code == 0, err
    return (tmp_path / "editions" / "week.en.txt").read_text(encoding="utf-8").splitlines()[3]


def test_date_pattern_option_and_project_file(week, tmp_path):
    """Item 9: a generated date in --date-format's pattern, else the project file's, else the default."""
    assert _date_line(tmp_path) == "20 April 2026"
    assert _date_line(tmp_path, "--date-format", "MMMM d, yyyy") == "April 20, 2026"  # a US newsroom
    (tmp_path / "transnews.toml").write_text('[publish]\ndate-format = "MMMM d, yyyy"\n', encoding="utf-8")
    assert _date_line(tmp_path) == "April 20, 2026"
    assert _date_line(tmp_path, "--date-format", "d MMMM yyyy") == "20 April 2026"  # the option wins
    page = (tmp_path / "editions" / "week.zh-en.html")
    _date_line(tmp_path, "--bilingual", "--date-format", "EEEE, MMMM d, yyyy")
    assert "Monday, April 20, 2026" in page.read_text(encoding="utf-8")
    assert "2026年4月20日" in page.read_text(encoding="utf-8")  # the source column keeps its own form


def test_reviewed_date_line_wins(week, tmp_path):
    """Item 9: the reviewer's translation of the date line is published as written."""
    _, po_path = week
    po = load_po(po_path)
    entry = next(e for e in po if e.msgctxt == "date")
    entry.msgstr = "Monday 20 April"
    write_atomic({po_path: po})
    assert _date_line(tmp_path, "--date-format", "MMMM d, yyyy") == "Monday 20 April"
    assert _date_line(tmp_path, "--date", "2026-04-21") == "21 April 2026"  # another day: generated


def test_bad_date_pattern_is_one_line(week, tmp_path):
    code, out, err = _run("publish", "week.txt", "--to", "en", "--no-glossary", "--date-format", "hh:mm")
    assert code == 2 and "date format 'hh:mm'" in err and "is not a date pattern" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "editions").exists()


TREATIES_MD = "# Treaties\n\nChina joined the *Beijing Treaty* and the **Marrakesh Treaty**.\n\n- See *Beijing Treaty*.\n"
TREATIES_ZH = {"Treaties": "条约",
               "China joined the *Beijing Treaty* and the **Marrakesh Treaty**.":
               "中国加入了*《视听表演北京条约》*和**《马拉喀什条约》**。",
               "See *Beijing Treaty*.": "见*《视听表演北京条约》*。"}


def test_emphasis_next_to_cjk_punctuation_renders(tmp_path, monkeypatch):
    """Item 3: every edition shows the emphasis (not asterisks); check warns about the entry."""
    from markdown_it import MarkdownIt

    monkeypatch.chdir(tmp_path)
    _, po_path = _translated(tmp_path, "treaties.md", TREATIES_MD, "en", "zh", {}, TREATIES_ZH)
    code, out, err = _run("check", po_path, "--no-glossary")
    assert "emphasis" in out + err and "'*《视听表演北京条约》*'" in out + err
    for fmt in ("md", "html", "txt"):
        code, _, err = _run("publish", "treaties.md", "--to", "zh", "--format", fmt, "--no-glossary", "--bilingual")
        assert code == 0, err
    md = (tmp_path / "editions" / "treaties.zh.md").read_text(encoding="utf-8")
    assert "中国加入了<em>《视听表演北京条约》</em>和<strong>《马拉喀什条约》</strong>。" in md
    rendered = MarkdownIt("commonmark").render(md)  # a real CommonMark renderer: no asterisk left
    assert "*" not in rendered and "<li>见<em>《视听表演北京条约》</em>。</li>" in rendered
    page = (tmp_path / "editions" / "treaties.zh.html").read_text(encoding="utf-8")
    assert "<p>中国加入了<em>《视听表演北京条约》</em>和<strong>《马拉喀什条约》</strong>。</p>" in page
    txt = (tmp_path / "editions" / "treaties.zh.txt").read_text(encoding="utf-8")
    assert "中国加入了《视听表演北京条约》和《马拉喀什条约》。" in txt and "*" not in txt
    bilingual = (tmp_path / "editions" / "treaties.en-zh.html").read_text(encoding="utf-8")
    assert "<em>《视听表演北京条约》</em>和<strong>《马拉喀什条约》</strong>" in bilingual
    assert "*" not in bilingual.split("</style>")[1]


CORPUS = ROOT / "tests" / "corpus"
BR_HTML = ("<html><head><title>Annual report</title></head><body>\n<h1>Annual report</h1>\n"
           "<p>Read the <a href=\"https://www.wipo.int/r.html\">report</a>.<br>Contact us today.</p>\n"
           "<script>alert('page')</script>\n</body></html>\n")


def _bilingual(tmp_path, name: str) -> tuple[str, list[tuple[str, str, str]]]:
    """``name``'s bilingual page through the CLI, and its body rows (class, source, edition)."""
    import re

    code, _, err = _run("publish", name, "--to", "zh", "--no-glossary", "--bilingual")
    assert code == 0, err
    page = (tmp_path / "editions" / f"{Path(name).stem}.en-zh.html").read_text(encoding="utf-8")
    main = page[page.index("<main"):]
    rows = re.findall(r'<div class="row ([\w-]+)"><div class="cell src" lang="en">(.*?)</div>'
                      r'<div class="cell tgt" lang="zh-Hans">(.*?)</div></div>', main, re.DOTALL)
    return main, [r for r in rows if r[0] != "meta"]


def test_bilingual_page_of_an_html_article_keeps_its_structure(tmp_path, monkeypatch):
    """Item 7: links, tables, nested lists, <br> and inline code in both columns; the
    <title>, meta description and attributes in the metadata section, not as rows."""
    monkeypatch.chdir(tmp_path)
    _translated(tmp_path, "rich.html", (CORPUS / "rich.html").read_text(encoding="utf-8"), "en", "zh", {},
                {})
    po_path = catalog_paths(tmp_path / "locales", "rich", "zh")[1]
    po = load_po(po_path)
    for entry in po:
        entry.msgstr = "译：" + entry.msgid
    write_atomic({po_path: po})
    main, rows = _bilingual(tmp_path, "rich.html")
    kinds = [k for k, _, _ in rows]
    assert "attribute" not in kinds and "front-matter" not in kinds
    body = main[main.index("</section>"):]  # the rows after the metadata section
    assert body.count("<h1>") == 2 and "WIPO training held in Xiamen" not in body  # no <title> row
    meta = main[main.index('<section class="metadata">'):main.index("</section>")]
    for label, value in [("page title", "WIPO training held in Xiamen"), ("meta description", "Officials and"),
                         ("alt text", "The training venue in Xiamen"), ("title attribute", "WIPO annual report")]:
        assert f'<span class="key">{label}</span> {value}' in meta and f'<span class="key">{label}</span> 译：{value}' in meta
    para = next(r for r in rows if "WIPO report" in r[1])
    assert '<a href="https://www.wipo.int/x.html" title="WIPO annual report">WIPO report</a>' in para[1]
    assert '<a href="https://www.wipo.int/x.html" title="译：WIPO annual report">WIPO report</a>' in para[2]
    assert "<kbd>Ctrl</kbd>+<kbd>F</kbd>" in para[1] and "<kbd>Ctrl</kbd>+<kbd>F</kbd>" in para[2]
    (_, src_table, tgt_table), = [r for r in rows if r[0] == "table"]
    assert src_table.count("<tr>") == 3 and "<th>Day</th>" in src_table and "<td>Monday</td>" in src_table
    assert tgt_table.count("<tr>") == 3 and "<th>译：Day</th>" in tgt_table and "<td>译：Monday</td>" in tgt_table
    (_, src_list, tgt_list), = [r for r in rows if r[0] == "list"]
    assert "<ul><li>A nested item about <em>licensing</em>.</li></ul>" in src_list
    assert "<ul><li>译：A nested item about <em>licensing</em>.</li></ul>" in tgt_list
    assert src_list.count("<li>") == tgt_list.count("<li>") == 3
    assert '<img src="venue.jpg" alt="译：The training venue in Xiamen">' in main
    assert '<pre>print("Preformatted code. It is not translated.")</pre>' in main
    assert "<!--" not in main and "<style>p" not in main
    assert [k for k, _, _ in rows][:3] == ["boilerplate", "title", "paragraph"]


def test_bilingual_page_keeps_line_breaks_and_drops_the_pages_script(tmp_path, monkeypatch):
    """Item 7: "report.<br>Contact" stays two lines (it ran together as "report.Contact")."""
    monkeypatch.chdir(tmp_path)
    _translated(tmp_path, "br.html", BR_HTML, "en", "zh", {}, {
        "Annual report": "年度报告", 'Read the <a href="https://www.wipo.int/r.html">report</a>.<br>':
        '阅读<a href="https://www.wipo.int/r.html">报告</a>。<br>', "Contact us today.": "今天就联系我们。"})
    main, rows = _bilingual(tmp_path, "br.html")
    (_, src, tgt), = [r for r in rows if r[0] == "paragraph"]
    assert src == '<p>Read the <a href="https://www.wipo.int/r.html">report</a>.<br>Contact us today.</p>'
    assert tgt == '<p>阅读<a href="https://www.wipo.int/r.html">报告</a>。<br>今天就联系我们。</p>'
    assert "<script" not in main and "alert" not in main
    assert [k for k, _, _ in rows] == ["title", "paragraph"]  # <title> is metadata, not a heading


def test_bilingual_page_of_a_markdown_article_keeps_its_structure(tmp_path, monkeypatch):
    """Item 7 for Markdown: tables, ordered and nested lists, quotes, code and the source's own
    (sanitised) inline HTML render; front matter keys are metadata, never a row or an <hr>."""
    monkeypatch.chdir(tmp_path)
    _translated(tmp_path, "rich.md", (CORPUS / "rich.md").read_text(encoding="utf-8"), "en", "zh", {}, {})
    po_path = catalog_paths(tmp_path / "locales", "rich", "zh")[1]
    po = load_po(po_path)
    for entry in po:
        entry.msgstr = "译：" + entry.msgid
    write_atomic({po_path: po})
    main, rows = _bilingual(tmp_path, "rich.md")
    kinds = [k for k, _, _ in rows]
    assert kinds == ["title", "paragraph", "paragraph", "heading", "table", "list", "quote", "code", "code",
                     "paragraph"]
    assert "<hr>" not in main and "tags:" not in main and "---" not in main
    meta = main[main.index('<section class="metadata">'):main.index("</section>")]
    assert '<span class="key">front matter: title</span> 译：WIPO and NCAC hold copyright training in Xiamen' in meta
    assert '<span class="key">front matter: summary</span> Two days of lectures' in meta  # unquoted
    _, src_table, tgt_table = rows[4]
    assert src_table.count("<tr>") == tgt_table.count("<tr>") == 3
    assert "<td>译：Collective management | licensing</td>" in tgt_table
    _, src_list, tgt_list = rows[5]
    assert src_list.startswith("<ol>") and "<ul>\n<li>译：A nested item about <em>licensing</em>.</li>" in tgt_list
    assert "<kbd>Ctrl</kbd>" in rows[1][1] and "<kbd>Ctrl</kbd>" in rows[1][2]  # not "&lt;kbd&gt;"
    assert '<a href="https://www.wipo.int/x.html" title="译：WIPO annual report">WIPO report</a>' in rows[1][2]
    assert rows[6][2].startswith("<blockquote>") and "<strong>deepen. Further</strong>" in rows[6][2]
