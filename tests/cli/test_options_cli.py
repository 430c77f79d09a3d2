"""One name for one idea: --locales, --from/--to as languages, --input-format; the project
file gives defaults that every option still overrides; --version."""

from __future__ import annotations

import shutil

from typer.testing import CliRunner

from transnews import __version__
from transnews.cli.app import app

runner = CliRunner()


def _run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_translate_writes_to_locales_and_the_old_out_still_works(tiny_argos, example_article, tmp_path):
    art = tmp_path / "news.txt"
    shutil.copy(example_article, art)
    code, _, err = _run("translate", art, "--locales", tmp_path / "loc", "--offline", "--beam", "1")
    assert code == 0, err
    assert (tmp_path / "loc" / "zh" / "LC_MESSAGES" / "news.po").is_file()
    code, _, err = _run("translate", art, "--out", tmp_path / "old", "--offline", "--beam", "1")
    assert code == 0, err
    assert (tmp_path / "old" / "zh" / "LC_MESSAGES" / "news.po").is_file()
    assert "--out" not in runner.invoke(app, ["translate", "--help"]).stdout  # hidden alias


def test_project_file_sets_defaults_and_options_override_it(tiny_argos, example_article, tmp_path, monkeypatch):
    proj = tmp_path / "desk"
    (proj / "2024").mkdir(parents=True)
    art = proj / "2024" / "news.txt"
    shutil.copy(example_article, art)
    (proj / "transnews.toml").write_text('[translate]\nfrom = "en"\nto = ["zh"]\n[paths]\nlocales = "catalogs"\n')
    monkeypatch.chdir(proj / "2024")  # found upward from the working folder
    code, _, err = _run("translate", art, "--offline", "--beam", "1")
    assert code == 0, err
    po = proj / "catalogs" / "zh" / "LC_MESSAGES" / "news.po"
    assert po.is_file() and not (proj / "2024" / "locales").exists()
    code, out, err = _run("stats", "--json")  # reads the project's locales folder too
    assert code == 0, err
    assert "news.po" in out
    code, _, err = _run("translate", art, "--offline", "--beam", "1", "--locales", tmp_path / "mine")
    assert code == 0, err
    assert (tmp_path / "mine" / "zh" / "LC_MESSAGES" / "news.po").is_file()


def test_a_broken_project_file_is_one_line_and_nothing_runs(example_article, tmp_path, monkeypatch):
    (tmp_path / "transnews.toml").write_text('[translate]\nto = 5\n')
    monkeypatch.chdir(tmp_path)
    art = tmp_path / "news.txt"
    shutil.copy(example_article, art)
    code, _, err = _run("translate", art, "--offline")
    assert code == 2 and err.strip().count("\n") == 0
    assert "transnews.toml:2: translate.to must be a string or a list of strings" in err
    assert not (tmp_path / "locales").exists()


def test_input_format_is_its_own_option_and_format_is_output_only(example_article, tmp_path):
    art = tmp_path / "news.md"
    art.write_text("# Title\n\nThe WIPO met in Geneva today.\n", encoding="utf-8")
    code, out, err = _run("fix", art, "--input-format", "text", "--json")
    assert code == 0, err
    for cmd in (["translate"], ["fix"], ["publish"]):
        page = runner.invoke(app, [*cmd, "--help"]).stdout
        assert "--input-format" in page
    assert "Edition format" in runner.invoke(app, ["publish", "--help"]).stdout


def test_version(tmp_path):
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"transnews {__version__}"


def test_a_closed_pipe_ends_quietly(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    rows = ["id\ten\tabbr\tzh\tzh_variants\tzh_forbidden\tdnt\tcase\tnote\tsource"]
    rows += [f"c{i}\tterm number {i}\t\t术语{i}\t\t\t\tany\t\ttest" for i in range(5000)]
    (tmp_path / "big.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")  # more than a pipe holds
    binary = Path(sys.executable).with_name("transnews")
    proc = subprocess.run(f"'{binary}' glossary list --glossary '{tmp_path / 'big.tsv'}' | head -n 1",
                          shell=True, capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.count("\n") == 1
    assert proc.stderr == "", proc.stderr


def test_publish_takes_the_edition_language_as_to_and_still_accepts_lang(tiny_argos, example_article, tmp_path):
    art = tmp_path / "news.txt"
    shutil.copy(example_article, art)
    loc = tmp_path / "loc"
    assert _run("translate", art, "--locales", loc, "--offline", "--beam", "1")[0] == 0
    for opt, out in (("--to", "ed1"), ("--lang", "ed2")):
        code, _, err = _run("publish", art, opt, "zh", "--locales", loc, "--out", tmp_path / out)
        assert code == 0, err
        assert (tmp_path / out / "news.zh.txt").is_file() or any((tmp_path / out).iterdir())


def test_project_file_silences_a_check_everywhere(tmp_path, monkeypatch):
    import json

    import polib

    po = polib.POFile()
    po.metadata = {"Language": "zh", "X-Source-Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="The WIPO met on 3 May.", msgstr="会议于5月3日举行。",
                            occurrences=[("news.txt", "1")]))
    path = tmp_path / "news.po"
    po.save(str(path))
    monkeypatch.chdir(tmp_path)
    before = {f["check"] for f in json.loads(_run("check", path, "--json", "--no-glossary")[1])["findings"]}
    assert "acronyms" in before
    (tmp_path / "transnews.toml").write_text('[check]\nignore = ["acronyms"]\n')
    after = {f["check"] for f in json.loads(_run("check", path, "--json", "--no-glossary")[1])["findings"]}
    assert after == before - {"acronyms"}
