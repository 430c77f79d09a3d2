"""Every command resolves the glossary and the project word list the same way (one Project)."""

import json

import pytest
import typer
from typer.testing import CliRunner

from transnews.cli.app import app
from transnews.cli.common import command
from transnews.errors import InternalError

runner = CliRunner()

TSV = ("id\ten\tabbr\tzh\tzh_variants\tzh_forbidden\tdnt\tcase\tnote\tsource\n"
       "wipo\tWorld Intellectual Property Organization\tWIPO\t世界知识产权组织\t\t\t\texact\t\ttest\n")


def _run(*args):
    r = runner.invoke(app, [str(a) for a in args])
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture
def glossary_file(tmp_path):
    """A glossary FILE (not a folder) with the project word list beside it."""
    folder = tmp_path / "terms"
    folder.mkdir()
    (folder / "words.txt").write_text("# project words\nrecieve\n", encoding="utf-8")
    path = folder / "ip.tsv"
    path.write_text(TSV, encoding="utf-8")
    return path


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "news.txt"
    path.write_text("The delegates recieve the award.\n", encoding="utf-8")
    return path


def test_the_word_would_be_corrected_without_the_word_list(article):
    code, out, err = _run("fix", article, "--no-glossary", "--json")
    assert code == 0, err
    assert [c["replacement"] for c in json.loads(out)["changes"]] == ["receive"]


def test_fix_translate_and_publish_use_the_words_txt_beside_a_glossary_file(tiny_argos, glossary_file,
                                                                           article, tmp_path):
    code, out, err = _run("fix", article, "--glossary", glossary_file, "--json")
    assert code == 0, err
    assert json.loads(out)["changes"] == []

    locales = tmp_path / "locales"
    code, out, err = _run("translate", article, "--glossary", glossary_file, "--out", locales, "--offline",
                          "--beam=1", "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["changes"] == []  # was corrected to "receive": translate ignored words.txt for a file
    po = (locales / "zh" / "LC_MESSAGES" / "news.po").read_text(encoding="utf-8")
    assert 'msgid "The delegates recieve the award."' in po

    code, out, err = _run("publish", article, "--lang", "en", "--from", "en", "--glossary", glossary_file,
                          "--out", tmp_path / "ed")
    assert code == 0, err
    assert "recieve" in (tmp_path / "ed" / "news.en.txt").read_text(encoding="utf-8")


def test_an_explicit_word_list_wins_for_every_command(glossary_file, article, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("# nothing\n", encoding="utf-8")
    code, out, err = _run("fix", article, "--glossary", glossary_file, "--words", other, "--json")
    assert code == 0, err
    assert [c["replacement"] for c in json.loads(out)["changes"]] == ["receive"]
    code, out, err = _run("publish", article, "--lang", "en", "--from", "en", "--glossary", glossary_file,
                          "--words", other, "--out", tmp_path / "ed")
    assert code == 0, err
    assert "receive" in (tmp_path / "ed" / "news.en.txt").read_text(encoding="utf-8")


def test_an_internal_error_is_one_line_and_exit_70_not_an_input_error():
    @command
    def broken():
        raise InternalError("offsets disagree")

    with pytest.raises(typer.Exit) as exc:
        broken()
    assert exc.value.exit_code == InternalError.exit_code == 70
