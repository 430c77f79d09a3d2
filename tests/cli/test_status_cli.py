"""`transnews status`: per article catalog, review progress and whether the source changed."""

from __future__ import annotations

import json
import shutil

import polib
from typer.testing import CliRunner

from transnews.cli.app import app

runner = CliRunner()


def _run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_status_reports_review_progress_and_source_changes(tiny_argos, example_article, tmp_path):
    art = tmp_path / "news.txt"
    shutil.copy(example_article, art)
    loc = tmp_path / "locales"
    code, _, err = _run("translate", art, "--locales", loc, "--offline", "--beam", "1")
    assert code == 0, err
    po_path = loc / "zh" / "LC_MESSAGES" / "news.po"
    po = polib.pofile(str(po_path))
    reviewed = [e for e in po if e.msgstr][:3]
    for e in reviewed:  # a reviewer approves three drafts
        e.flags.remove("fuzzy")
    po.save()

    code, out, err = _run("status", "--locales", loc, "--json")
    assert code == 0, err
    (row,) = json.loads(out)
    assert row["source"] == "unchanged" and row["translated"] == 3 and row["articles"] == [str(art.resolve())]
    assert row["fuzzy"] + row["untranslated"] == row["total"] - 3

    with art.open("a", encoding="utf-8") as fh:
        fh.write("\nA sentence added after translation.\n")
    code, out, _ = _run("status", "--locales", loc)
    assert code == 0 and "source changed" in out and "re-run transnews translate" in out
    art.unlink()
    (row,) = json.loads(_run("status", "--locales", loc, "--json")[1])
    assert row["source"] == "article missing"


def test_status_of_an_empty_project(tmp_path):
    code, out, _ = _run("status", "--locales", tmp_path / "none")
    assert code == 0 and "no catalogs" in out
