"""`transnews check` and `transnews stats` through the CLI."""

import json
from pathlib import Path

import polib
from typer.testing import CliRunner

from transnews.catalog import catalog_paths, write_atomic
from transnews.cli.app import app

runner = CliRunner()


def _run(*args):
    r = runner.invoke(app, [str(a) for a in args])
    return r.exit_code, r.stdout, r.stderr


def _locales(tmp_path, good=True):
    po = polib.POFile()
    po.metadata = {"Language": "zh_CN", "X-Source-Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="WIPO held a training on July 7, 2021.",
                            msgstr="世界知识产权组织于2021年7月7日举办了培训。" if good else "WIPO于2021年7月8日举办了培训。。"))
    po.append(polib.POEntry(msgid="About 100 participants attended.", msgstr="约100名学员参加。", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Home > News", msgstr="", msgctxt="boilerplate"))
    root = tmp_path / "locales"
    write_atomic({catalog_paths(root, "news", "zh")[1]: po})
    return root


def test_check_clean_catalog_exits_zero(tmp_path):
    root = _locales(tmp_path)
    code, out, err = _run("check", "--locales", root, "--no-glossary")
    assert code == 0, err
    assert "0 error(s)" in out


def test_check_errors_exit_nonzero_with_locations_and_json(tmp_path):
    root = _locales(tmp_path, good=False)
    code, out, err = _run("check", "--locales", root, "--no-glossary")
    assert code == 6
    po_path = root / "zh" / "LC_MESSAGES" / "news.po"
    lines = [l for l in out.splitlines() if ": error: " in l]
    assert any(l.startswith(f"{po_path}:") and "numbers" in l for l in lines)
    assert any("doubled punctuation" in l for l in lines)
    code, out, _ = _run("check", po_path, "--json", "--show", "info", "--no-glossary")
    data = json.loads(out)
    assert code == 6 and data["counts"]["error"] >= 2
    checks = {f["check"] for f in data["findings"]}
    assert {"numbers", "punctuation", "fuzzy", "untranslated"} <= checks
    assert all(f["line"] > 0 and f["path"] == str(po_path) for f in data["findings"])


def test_check_broken_catalog_is_one_line(tmp_path):
    bad = tmp_path / "bad.po"
    bad.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    code, out, err = _run("check", bad, "--no-glossary")
    assert code == 4 and err.strip() == f"transnews: error: {bad}:2: string is not closed with a double quote"
    code, _, err = _run("check", "--locales", tmp_path / "none")
    assert code == 2 and "does not exist" in err


def test_folders_without_catalogs_are_refused_by_every_command(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    for cmd in ("check", "stats", "compile"):
        code, _, err = _run(cmd, empty)
        assert code == 2 and err.strip() == "transnews: error: no .po files in the given folders", cmd
    assert list(empty.iterdir()) == []


def test_stats(tmp_path):
    root = _locales(tmp_path)
    code, out, err = _run("stats", "--locales", root, "--json")
    assert code == 0, err
    (row,) = json.loads(out)
    assert (row["translated"], row["fuzzy"], row["untranslated"]) == (1, 1, 1)
    assert row["translated_words"] == 8 and row["untranslated_words"] == 2  # ">" is not a word
    code, out, _ = _run("stats", "--locales", root)
    assert code == 0 and "news.po" in out and "33% done" in out



def test_check_with_the_project_glossary(tmp_path):
    """Integration with transnews.glossary when it and the curated glossary/ are present."""
    import pytest

    glossary_dir = Path(__file__).resolve().parents[2] / "glossary"
    pytest.importorskip("transnews.glossary")
    if not glossary_dir.is_dir():
        pytest.skip("no glossary/ in the project")
    good = _locales(tmp_path)
    code, out, err = _run("check", "--locales", good, "--glossary", glossary_dir, "--json")
    assert json.loads(out)["glossary"] is True
    assert not [f for f in json.loads(out)["findings"] if f["check"] == "glossary"], out
    bad = _locales(tmp_path / "b", good=False)
    code, out, err = _run("check", "--locales", bad, "--glossary", glossary_dir, "--json")
    found = [f for f in json.loads(out)["findings"] if f["check"] == "glossary"]
    assert code == 6 and any("世界知识产权组织" in f["message"] for f in found)
