"""The launcher answers an unchanged `translate` re-run itself, exactly as typer would, and
leaves everything else to typer (transnews.cli.fastpath)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from transnews.cli import _options, helpgen
from transnews.cli.app import app
from transnews.cli.fastpath import read_command_line, unchanged_translate
from transnews.fsnames import BATCH_PREFIX, LOCK_NAME
from transnews.manifest import MANIFEST_NAME

TABLE = _options.COMMANDS["translate"]
BIN = Path(sys.executable).with_name("transnews")
runner = CliRunner()


def test_option_tables_are_what_typer_has():
    # When this fails, translate's options changed: run `python -m transnews.cli.helpgen`.
    assert _options.COMMANDS == helpgen.render_options()


def test_the_reader_reads_values_flags_and_defaults():
    p = read_command_line(["a.txt", "--from=en", "--to", "zh-TW", "-j", "2", "--json", "b.md",
                           "--locales", "out", "--beam", "1"], TABLE)
    assert p["articles"] == [Path("a.txt"), Path("b.md")] and (p["src"], p["tgt"]) == ("en", "zh-TW")
    assert p["jobs"] == 2 and p["as_json"] is True and p["locales"] == Path("out") and p["beam"] == 1
    assert p["batch_size"] == TABLE["defaults"]["batch_size"] and p["no_fix"] is False


@pytest.mark.parametrize("args", [
    ["a.txt", "--help"], ["a.txt", "-h"], ["a.txt", "--nope"], ["a.txt", "--beam", "0"],
    ["a.txt", "--beam", "17"], ["a.txt", "--beam", "x"], ["a.txt", "--beam"], ["--json"],
    ["a.txt", "--json=1"], ["a.txt", "--device", "cpu"], ["a.txt", "--max-article-size", "1M"],
    ["a.txt", "--", "b.txt"], ["a.txt", "-j2"],
])
def test_anything_the_reader_does_not_fully_understand_goes_to_typer(args):
    assert read_command_line(args, TABLE) is None


def _story(tmp_path):
    art = tmp_path / "story.txt"
    art.write_text("NCAC met WIPO in Beijing.\n\nThe traning ended well.\n", encoding="utf-8")
    return art, tmp_path / "locales"


def _typer(*args):
    r = runner.invoke(app, [str(a) for a in args])
    assert r.exit_code == 0, r.stderr
    return r.stdout


@pytest.mark.parametrize("extra", [
    [], ["--beam", "1", "--batch-size", "3"], ["--no-fix", "--no-glossary"], ["--domain", "news", "--to", "zh-TW"],
    ["--input-format", "text", "--threads", "2", "--batch-tokens", "64", "-j", "1", "--chunk-size", "5"],
    ["--words", "words.txt", "--encoding", "utf-8"],
])
def test_it_records_and_finds_the_same_digest_as_the_typer_command(tiny_argos, tmp_path, monkeypatch, capsys, extra):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "words.txt").write_text("Beijing\n", encoding="utf-8")
    art, loc = _story(tmp_path)
    args = [str(art), "--locales", str(loc), "--offline", *extra]
    _typer("translate", *args)
    capsys.readouterr()
    assert unchanged_translate(args)
    fast = capsys.readouterr().out
    assert fast == _typer("translate", *args) and fast.startswith("nothing to do: 1 catalog(s) unchanged")


def test_a_change_or_a_busy_folder_goes_to_typer(tiny_argos, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    art, loc = _story(tmp_path)
    args = [str(art), "--locales", str(loc), "--offline", "--beam", "1"]
    assert not unchanged_translate(args)  # never run: no manifest
    _typer("translate", *args)
    assert unchanged_translate(args)
    capsys.readouterr()
    assert not unchanged_translate([*args[:-1], "2"])  # another setting
    assert not unchanged_translate([str(tmp_path / "gone.txt"), *args[1:]])  # typer reports the missing file
    for name in (LOCK_NAME, f"{BATCH_PREFIX}1-0.json"):  # another run may be writing
        (loc / name).write_text("", encoding="utf-8")
        assert not unchanged_translate(args)
        (loc / name).unlink()
    manifest = loc / MANIFEST_NAME
    data = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps({**data, "running": True}), encoding="utf-8")  # an interrupted run
    assert not unchanged_translate(args)
    manifest.write_text(json.dumps(data), encoding="utf-8")
    po = loc / "zh" / "LC_MESSAGES" / "story.po"
    po.write_text(po.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a reviewer saved it
    assert not unchanged_translate(args)
    _typer("translate", *args)
    art.write_text(art.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    assert not unchanged_translate(args)
    assert capsys.readouterr().out.count("nothing to do") == 0  # declining printed nothing


def test_a_project_file_is_read_the_same_way(tiny_argos, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "transnews.toml").write_text('[translate]\nfrom = "en"\nto = ["zh"]\nthreads = 1\n', encoding="utf-8")
    art, loc = _story(tmp_path)
    _typer("translate", art, "--offline")
    assert (tmp_path / "locales" / MANIFEST_NAME).is_file()
    assert unchanged_translate([str(art), "--offline"])
    (tmp_path / "transnews.toml").write_text('[translate]\nfrom = "en"\nto = ["zh"]\nthreads = 2\n', encoding="utf-8")
    assert not unchanged_translate([str(art), "--offline"])
    capsys.readouterr()
    (tmp_path / "transnews.toml").write_text('[translate]\nfrom = "en"\nthreads = "many"\n', encoding="utf-8")
    assert not unchanged_translate([str(art), "--offline"])  # typer reports the bad project file
    assert capsys.readouterr() == ("", "")


def test_the_installed_command_answers_without_typer_in_the_same_words(tiny_argos, tmp_path):
    art, loc = _story(tmp_path)
    args = ["translate", str(art), "--locales", str(loc), "--offline", "--beam", "1"]
    env = dict(os.environ)
    subprocess.run([str(BIN), *args], capture_output=True, text=True, env=env, check=True, cwd=tmp_path)
    typer_path = "from transnews.cli.app import app; app(prog_name='transnews')"
    for extra in ([], ["--json"]):
        # -X importtime lists every module the command imported, on stderr
        fast = subprocess.run([sys.executable, "-X", "importtime", str(BIN), *args, *extra], capture_output=True,
                              text=True, env=env, cwd=tmp_path)
        slow = subprocess.run([sys.executable, "-c", typer_path, *args, *extra], capture_output=True, text=True,
                              env=env, cwd=tmp_path)
        assert fast.returncode == slow.returncode == 0, fast.stderr
        assert "transnews.manifest" in fast.stderr and " typer" not in fast.stderr
        assert fast.stdout == slow.stdout and "nothing" in fast.stdout
