"""A write that a killed run left half done is repaired before `check`, `stats` and `publish`
read the files (issue 11, case 6): they never read a .pot and .po out of step."""

from __future__ import annotations

import json
import signal
import subprocess
import sys

import polib

from transnews.manifest import MANIFEST_NAME
import pytest
from typer.testing import CliRunner

from transnews.catalog import catalog_paths
from transnews.cli.app import app

runner = CliRunner()
# Writes the two catalogs as one batch, SIGKILLed right after the first rename (the .pot).
KILLED_BATCH = """
import os, signal, sys
from pathlib import Path
from transnews import fsio
real = os.replace
def replace_then_die(src, dst):
    real(src, dst)
    os.kill(os.getpid(), signal.SIGKILL)
os.replace = replace_then_die
fsio.write_many({Path(sys.argv[1]): Path(sys.argv[3]).read_text(), Path(sys.argv[2]): Path(sys.argv[4]).read_text()})
"""


@pytest.fixture
def killed(tmp_path, monkeypatch):
    """locales/ as a run killed between its .pot and .po renames left it: the .po reviewed
    (translated, not fuzzy) is written second, so it is still the machine draft."""
    from transnews.engine import MemoryEngine
    from transnews.stream import translate_articles
    from transnews.settings import Settings

    monkeypatch.chdir(tmp_path)
    (tmp_path / "news.txt").write_text("The court ruled today.\n", encoding="utf-8")
    locales = tmp_path / "locales"
    translate_articles([tmp_path / "news.txt"], src="en", tgt="zh", out_dir=locales, engine=MemoryEngine(),
                       settings=Settings.from_env(use_glossary=False, fix_source=False))
    pot, po = catalog_paths(locales, "news", "zh")
    catalog = polib.pofile(str(po))
    catalog[0].msgstr, catalog[0].flags = "法院今天作出裁决。", []
    (tmp_path / "new.po").write_text(str(catalog), encoding="utf-8")
    (tmp_path / "new.pot").write_text(pot.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", KILLED_BATCH, str(pot), str(po), "new.pot", "new.po"])
    assert proc.returncode == -signal.SIGKILL
    assert "法院" not in po.read_text(encoding="utf-8") and list(locales.glob(".transnews-batch-*.json"))
    return locales, pot, po


def _note(locales) -> str:
    return (f"transnews: warning: {locales}: finished a write that a killed run left half done "
            "(news.pot, zh/LC_MESSAGES/news.po match again)")


def _no_leftovers(locales) -> bool:
    """No batch record, staged file or backup left (a lock file may stay, and the run
    manifest is the finished run's record: neither is a leftover)."""
    return [p.name for p in locales.rglob(".*") if p.name != MANIFEST_NAME
            and (p.name.endswith((".json", ".tmp")) or ".bak-" in p.name)] == []


def test_check_finishes_the_batch_before_reading(killed):
    locales, _, po = killed
    r = runner.invoke(app, ["check", "--locales", str(locales), "--no-glossary", "--json"])
    assert r.exit_code == 0, r.stderr
    assert _note(locales) in r.stderr.splitlines()
    assert "法院" in po.read_text(encoding="utf-8")
    assert json.loads(r.stdout)["counts"]["info"] == 0  # read after the repair: no fuzzy draft reported
    assert _no_leftovers(locales)


def test_check_of_one_given_catalog_looks_in_its_locales_folder(killed):
    locales, _, po = killed
    r = runner.invoke(app, ["check", str(po.relative_to(locales.parent)), "--no-glossary"])
    assert r.exit_code == 0 and _note("locales") in r.stderr.splitlines(), r.stderr
    assert _no_leftovers(locales)


def test_stats_finishes_the_batch_before_counting(killed):
    locales, _, _ = killed
    r = runner.invoke(app, ["stats", "--json"])
    assert r.exit_code == 0 and _note("locales") in r.stderr.splitlines(), r.stderr
    assert json.loads(r.stdout)[0]["translated"] == 1 and _no_leftovers(locales)


def test_publish_finishes_the_batch_before_reading(killed, tmp_path):
    locales, _, _ = killed
    r = runner.invoke(app, ["publish", "news.txt", "--lang", "zh", "--no-glossary", "--no-fix"])
    assert r.exit_code == 0 and _note("locales") in r.stderr.splitlines(), r.stderr
    assert (tmp_path / "editions" / "news.zh.txt").read_text(encoding="utf-8") == "法院今天作出裁决。\n"
    assert _no_leftovers(locales)
