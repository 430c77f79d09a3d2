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
    from transnews.pipeline import translate_articles
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
