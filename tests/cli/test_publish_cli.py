"""`transnews publish` and `transnews compile` through the CLI, end to end from `translate`'s catalogs."""

from __future__ import annotations

import gettext
import json
import shutil
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


@pytest.fixture
def zh_project(tmp_path, monkeypatch):
    """The Chinese example translated zh→en by the real pipeline (deterministic engine), then reviewed."""
    from transnews.stream import translate_articles
    from transnews.settings import Settings

    monkeypatch.chdir(tmp_path)
    article = tmp_path / "week.txt"
    shutil.copy(ZH_EXAMPLE, article)
    art = read_article(article, "zh")
    table = {s.text: f"English sentence {i}." for i, s in enumerate(art.segments)}
    table[art.segments[1].text] = "National Copyright Week Opens in Hangzhou"
    # The date line's draft copies the source (not a translation): publish writes the date itself.
    del table[next(s.text for s in art.segments if s.kind == "date")]
    translate_articles([article], src="zh", tgt="en", settings=Settings.from_env(use_glossary=False),
                       out_dir=tmp_path / "locales", engine=MemoryEngine(table))
    po_path = catalog_paths(tmp_path / "locales", "week", "en")[1]
    po = load_po(po_path)
    for entry in po:  # the reviewer accepts every draft but one
        if entry.msgid != art.segments[-1].text and "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    write_atomic({po_path: po})
    return article, po_path.relative_to(tmp_path)  # as the CLI names it (default --locales is relative)


def test_publish_english_edition_of_chinese_article(zh_project, tmp_path):
    article, _ = zh_project
    code, out, err = _run("publish", article, "--lang", "en", "--no-glossary", "--bilingual")
    assert code == 0, err
    edition = tmp_path / "editions" / "week.en.txt"
    text = edition.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[1] == "National Copyright Week Opens in Hangzhou" and lines[3] == "20 April 2026"
    assert lines[5] == "English sentence 3. English sentence 4."
    assert lines[-1].startswith("English sentence 7. 世界知识产权组织中国办事处")  # fuzzy: source kept
    assert "6/7 segments translated (85.7%); 1 segment(s) fell back" in out
    assert f"{article}:10: not translated yet" in err
    page = (tmp_path / "editions" / "week.zh-en.html").read_text(encoding="utf-8")
    assert 'lang="zh-Hans"' in page and "National Copyright Week Opens in Hangzhou" in page


def test_publish_json_and_formats(zh_project, tmp_path):
    article, _ = zh_project
    code, out, _ = _run("publish", article, "--lang", "en", "--format", "html", "--json", "--no-glossary")
    data = json.loads(out)
    assert code == 0 and data["files"] == [str(Path("editions") / "week.en.html")]
    assert data["total"] == 7 and data["translated"] == 6 and len(data["fallback"]) == 1
    assert '<html lang="en">' in (tmp_path / "editions" / "week.en.html").read_text(encoding="utf-8")
    # The source-language edition needs no catalog.
    code, out, err = _run("publish", article, "--lang", "zh", "--from", "zh", "--out", "ed2", "--no-glossary")
    assert code == 0, err
    assert (tmp_path / "ed2" / "week.zh.txt").read_text(encoding="utf-8").startswith("首页 > 新闻 > 版权动态\n")


def test_refusals_write_nothing(zh_project, tmp_path):
    article, po_path = zh_project
    code, _, err = _run("publish", article, "--lang", "en", "--strict", "--no-glossary")
    assert code == 6
    assert err.startswith(f"transnews: error: {po_path}: --strict: 1 of 7 segment(s) are untranslated or fuzzy: "
                          "line 10 ") and err.count("\n") == 1
    code, _, err = _run("publish", article, "--lang", "en", "--min-translated", "90", "--no-glossary")
    assert code == 6 and "only 85.7% of segments are translated (6/7)" in err
    code, _, err = _run("publish", article, "--lang", "fr", "--no-glossary")
    assert code == 4 and "no fr catalog for this article" in err
    code, _, err = _run("publish", article, "--lang", "en", "--format", "pdf", "--no-glossary")
    assert code == 2 and "unknown edition format" in err
    code, _, err = _run("publish", article, "--lang", "en", "--article-format", "html", "--no-glossary")
    assert code == 2 and "not an HTML document (no tags found)" in err
    code, _, err = _run("publish", article, "--lang", "en", "--date", "2026-02-30", "--no-glossary")
    assert code == 2 and "--date must be YYYY-MM-DD" in err
    assert not (tmp_path / "editions").exists()


def test_changed_article_is_refused_with_lines(zh_project, tmp_path):
    article, _ = zh_project
    text = article.read_text(encoding="utf-8").replace("国家版权局有关负责人", "国家版权局负责同志")
    article.write_text(text, encoding="utf-8")
    code, _, err = _run("publish", article, "--lang", "en", "--no-glossary")
    assert code == 4
    assert "1 segment(s) are not in the en catalog; the article changed since it was translated" in err
    assert "line 8 '国家版权局负责同志在致辞中表示" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "editions").exists()


def test_broken_catalog_is_one_line(zh_project, tmp_path):
    article, po_path = zh_project
    po_path.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    code, _, err = _run("publish", article, "--lang", "en", "--no-glossary")
    assert code == 4 and err == f"transnews: error: {po_path}:2: string is not closed with a double quote\n"
    code, _, err = _run("compile")
    assert code == 4 and "string is not closed" in err and not po_path.with_suffix(".mo").exists()


def test_compile(zh_project, tmp_path):
    article, po_path = zh_project
    code, out, err = _run("compile", "--json")
    assert code == 0, err
    assert json.loads(out) == {"compiled": [str(Path("locales") / "en" / "LC_MESSAGES" / "week.mo")]}
    t = gettext.translation("week", localedir=tmp_path / "locales", languages=["en"])
    assert t.pgettext("title", "2026年全国版权宣传周活动在杭州启动") == "National Copyright Week Opens in Hangzhou"
    code, _, err = _run("compile", tmp_path / "nothing-here.po")
    assert code == 2 and "no such catalog" in err


def test_help_texts():
    for cmd in ("publish", "compile"):
        code, out, _ = _run(cmd, "--help")
        assert code == 0 and "--json" in out


# ------------------------------------------------ editions never carry markup their source lacks (issue 11.7)

MD_ARTICLE = """\
# Court rules on copyright

Read the [ruling](https://court.example/r) today. It was <b onclick="track()">final</b>.

<script>alert('from the source')</script>

<img src=x onerror=alert(2)>

The parties may appeal.
"""
HTML_ARTICLE = ('<!DOCTYPE html>\n<html lang="en"><body><h1>Court rules on copyright</h1>\n'
                '<p>Read the <a href="https://court.example/r">ruling</a> today.</p>\n</body></html>\n')


def _translated(tmp_path, monkeypatch, name, text):
    """``name`` run through translate en→zh (deterministic engine); a reviewer then translates
    every entry as "译：" + the source."""
    from transnews.stream import translate_articles
    from transnews.settings import Settings

    monkeypatch.chdir(tmp_path)
    article = tmp_path / name
    article.write_text(text, encoding="utf-8")
    translate_articles([article], src="en", tgt="zh", settings=Settings.from_env(glossary_path=None),
                       out_dir=tmp_path / "locales", engine=MemoryEngine())
    po_path = catalog_paths(tmp_path / "locales", article.stem, "zh")[1]
    po = load_po(po_path)
    for entry in po:
        entry.msgstr = "译：" + entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    write_atomic({po_path: po})
    return article, po_path.relative_to(tmp_path)


def _review(po_path, starts: str, msgstr: str) -> int:
    """The reviewer saves ``msgstr`` for the entry whose msgid starts with ``starts``; its line."""
    po = load_po(po_path)
    entry = next(e for e in po if e.msgid.startswith(starts))
    entry.msgstr = msgstr
    write_atomic({po_path: po})
    return next(e for e in load_po(po_path) if e.msgid.startswith(starts)).linenum


def test_markdown_edition_drops_the_sources_raw_html_unless_allowed(tmp_path, monkeypatch):
    article, _ = _translated(tmp_path, monkeypatch, "ruling.md", MD_ARTICLE)
    code, _, err = _run("publish", article, "--lang", "zh", "--format", "html", "--no-glossary")
    assert code == 0, err
    page = (tmp_path / "editions" / "ruling.zh.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "onerror" not in page and "onclick" not in page
    assert "译：It was <b>final</b>." in page and '<a href="https://court.example/r">ruling</a>' in page
    code, _, err = _run("publish", article, "--lang", "zh", "--no-glossary")
    md = (tmp_path / "editions" / "ruling.zh.md").read_text(encoding="utf-8")
    assert code == 0 and "<script>" not in md and '<img src="x">' in md and "[ruling](https://court.example/r)" in md
    code, _, err = _run("publish", article, "--lang", "zh", "--format", "html", "--allow-raw-html",
                        "--out", "raw", "--no-glossary", "--bilingual")
    assert code == 0, err
    raw = (tmp_path / "raw" / "ruling.zh.html").read_text(encoding="utf-8")
    assert "<script>alert('from the source')</script>" in raw and "<img src=x onerror=alert(2)>" in raw
    bilingual = (tmp_path / "raw" / "ruling.en-zh.html").read_text(encoding="utf-8")
    assert "<script>" not in bilingual and "<b onclick" not in bilingual  # shown as text at most


@pytest.mark.parametrize("msgstr,named", [
    ("今天阅读[裁决](https://court.example/r)<script>alert(1)</script>。", "<script>"),
    ("今天阅读[裁决](https://court.example/r)<img src=x onerror=alert(1)>。", "<img>"),
    ("今天阅读[裁决](javascript:alert(1))。", "javascript:alert(1)"),
])
def test_publish_refuses_a_translation_that_adds_markup(tmp_path, monkeypatch, msgstr, named):
    article, po_path = _translated(tmp_path, monkeypatch, "ruling.md", MD_ARTICLE)
    line = _review(po_path, "Read the", msgstr)
    for extra in ((), ("--allow-raw-html",), ("--format", "html")):
        code, _, err = _run("publish", article, "--lang", "zh", "--no-glossary", *extra)
        assert code == 6
        assert err.startswith(f"transnews: error: {po_path}:{line}: translation adds markup its source does not "
                              "have: ") and named in err and err.count("\n") == 1
    assert not (tmp_path / "editions").exists()


def test_html_edition_refuses_an_added_handler_and_escapes_stray_markup(tmp_path, monkeypatch):
    article, po_path = _translated(tmp_path, monkeypatch, "ruling.html", HTML_ARTICLE)
    line = _review(po_path, "Read the", '今天阅读<a href="https://court.example/r" onmouseover="alert(1)">裁决</a>。')
    code, _, err = _run("publish", article, "--lang", "zh", "--no-glossary")
    assert code == 6 and f"{po_path}:{line}: " in err and 'onmouseover="alert(1)" on <a>' in err
    assert not (tmp_path / "editions").exists()
    _review(po_path, "Read the", '今天阅读<a href="https://court.example/r">裁决</a>：a < b <i')
    code, _, err = _run("publish", article, "--lang", "zh", "--no-glossary")
    assert code == 0, err
    page = (tmp_path / "editions" / "ruling.zh.html").read_text(encoding="utf-8")
    assert '<p>今天阅读<a href="https://court.example/r">裁决</a>：a &lt; b &lt;i</p>' in page


# ------------------------------------------------ --strict means what `check` means; a mostly
# untranslated edition says so (issue 11.8)

GLOSSARY_DIR = ROOT / "glossary"
WIPO_ARTICLE = "Training news\n\nWIPO held a training in Geneva. The parties met. Both sides signed.\n"


def test_strict_refuses_what_check_reports_as_an_error(tmp_path, monkeypatch):
    article, po_path = _translated(tmp_path, monkeypatch, "wipo.txt", WIPO_ARTICLE)
    line = _review(po_path, "WIPO held a training in", "世界知识产权局在日内瓦举办了培训。")  # a forbidden variant
    code, _, _ = _run("check", po_path, "--glossary", GLOSSARY_DIR)
    assert code == 6  # check reports it as an error ...
    code, _, err = _run("publish", article, "--lang", "zh", "--strict", "--glossary", GLOSSARY_DIR)
    assert code == 6 and err.count("\n") == 1  # ... so --strict refuses to ship it
    assert err.startswith(f"transnews: error: {po_path}:{line}: --strict: transnews check finds 2 error(s) in this "
                          "catalog; the first: glossary: approved term missing: WIPO → 世界知识产权组织")
    assert not (tmp_path / "editions").exists()
    code, _, err = _run("publish", article, "--lang", "zh", "--glossary", GLOSSARY_DIR)
    assert code == 0 and "warning" not in err  # without --strict: published, as before
    _review(po_path, "WIPO held a training in", "世界知识产权组织在日内瓦举办了培训。")
    code, _, err = _run("publish", article, "--lang", "zh", "--strict", "--glossary", GLOSSARY_DIR, "--out", "ok")
    assert code == 0, err


def test_a_mostly_untranslated_edition_says_so_loudly(tmp_path, monkeypatch):
    article, po_path = _translated(tmp_path, monkeypatch, "wipo.txt", WIPO_ARTICLE)
    po = load_po(po_path)
    for entry in po:  # half reviewed: one machine draft left, one entry never translated
        if entry.msgid == "The parties met.":
            entry.flags.append("fuzzy")
        if entry.msgid == "Both sides signed.":
            entry.msgstr = ""
    write_atomic({po_path: po})
    loud = (f"transnews: warning: {po_path}: MOSTLY UNTRANSLATED: 2 of 4 entries (50%) are untranslated or "
            "fuzzy; the zh edition shows the source text for them")
    code, _, err = _run("publish", article, "--lang", "zh", "--no-glossary")
    assert code == 0 and "MOSTLY" not in err  # half is not "mostly"
    _review(po_path, "WIPO held a training in", "")
    code, out, err = _run("publish", article, "--lang", "zh", "--no-glossary")
    assert code == 0 and loud.replace("2 of 4", "3 of 4").replace("50%", "75%") in err.splitlines(), err
    assert "wrote editions/wipo.zh.txt" in out.replace("\\", "/")
    code, out, err = _run("publish", article, "--lang", "zh", "--no-glossary", "--json")
    data = json.loads(out)
    assert code == 0 and data["files"] == [str(Path("editions") / "wipo.zh.txt")]
    assert {k: data["catalog"][k] for k in ("translated", "fuzzy", "untranslated", "total")} == {
        "translated": 1, "fuzzy": 1, "untranslated": 2, "total": 4}
    assert data["warnings"] == [loud.removeprefix("transnews: warning: ").replace("2 of 4", "3 of 4")
                                .replace("50%", "75%")]
    assert data["translated"] == 1 and data["total"] == 4 and len(data["fallback"]) == 3


def test_json_of_a_reviewed_edition_has_no_warnings(zh_project):
    article, po_path = zh_project
    code, out, _ = _run("publish", article, "--lang", "en", "--json", "--no-glossary")
    data = json.loads(out)
    assert code == 0 and data["warnings"] == [] and data["catalog"]["path"] == str(po_path)
    assert (data["catalog"]["translated"], data["catalog"]["fuzzy"], data["catalog"]["untranslated"]) == (7, 1, 1)
    code, out, _ = _run("publish", article, "--lang", "zh", "--from", "zh", "--json", "--no-glossary")
    assert code == 0 and json.loads(out)["catalog"] is None  # the source edition has none


# ------------------------------------------------ errors name the user's file, never a staged one (issue 11.13)

@pytest.mark.parametrize("call,message", [("chmod", "cannot write: Permission denied"),
                                          ("replace", "cannot replace: Permission denied")])
def test_a_failed_write_names_the_edition_not_its_temporary_file(zh_project, tmp_path, monkeypatch, call, message):
    from transnews import fsio

    def refuse(path, *args, **kwargs):  # as the OS reports it: about the staged temporary file
        raise PermissionError(13, "Permission denied", str(path))

    article, _ = zh_project
    monkeypatch.setattr(fsio.os, call, refuse)
    code, _, err = _run("publish", article, "--lang", "en", "--no-glossary")
    monkeypatch.undo()
    assert (code, err) == (1, f"transnews: error: {Path('editions') / 'week.en.txt'}: {message}\n")
    assert ".tmp" not in err and list((tmp_path / "editions").iterdir()) == []
