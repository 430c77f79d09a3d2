"""Articles the commands refuse to read, through the CLI (issue 11, cases 3, 12, 13):
one line naming the file, exit 2, nothing written, never a hang on a FIFO."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from transnews.cli.app import app

runner = CliRunner()
ARTICLE = "Court rules on copyright\n\nThe court ruled today. The parties may appeal.\n"


def _run(*args):
    r = runner.invoke(app, [str(a) for a in args])
    return r.exit_code, r.stdout, r.stderr


def _commands(article: Path):
    """Every command that reads an article, offline, writing (if at all) under the cwd."""
    return [("translate", article, "--offline", "--no-glossary"), ("fix", article, "--no-glossary"),
            ("publish", article, "--lang", "zh", "--no-glossary")]


def _refused_by_all(tmp_path, article: Path, message: str, *extra, translate: str | None = None) -> None:
    """``translate``: its own message where it differs (it searches a folder for articles)."""
    for args in _commands(article):
        code, out, err = _run(*args, *extra)
        expected = translate if translate and args[0] == "translate" else message
        assert (code, err) == (2, f"transnews: error: {expected}\n"), args
    assert not (tmp_path / "locales").exists() and not (tmp_path / "editions").exists()


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_nul_byte_past_the_first_8_kb_is_refused_with_its_line(workdir):
    article = workdir / "news.txt"
    article.write_bytes(("The court ruled today.\n" * 500).encode() + b"A NUL\x00here.\n")
    _refused_by_all(workdir, article,
                    f"{article}:501: contains a NUL byte; this looks like a binary file, not article text")


def test_utf16_is_read_when_marked_and_named_when_not(workdir):
    marked = workdir / "notepad.txt"
    marked.write_bytes(codecs.BOM_UTF16_LE + "Court rules on copyrigth\n\nThe court ruled.\n".encode("utf-16-le"))
    code, out, err = _run("fix", marked, "--no-glossary")
    assert code == 0 and out == "Court rules on copyright\n\nThe court ruled.\n", err
    code, _, err = _run("fix", marked, "--no-glossary", "--in-place")
    assert code == 0, err  # written back as it was read: UTF-16 with its mark
    assert marked.read_bytes() == codecs.BOM_UTF16_LE + out.encode("utf-16-le")
    unmarked = workdir / "export.txt"
    unmarked.write_bytes(ARTICLE.encode("utf-16-le"))
    _refused_by_all(workdir, unmarked,
                    f"{unmarked}: UTF-16 encoded (no byte-order mark); convert it to UTF-8 "
                    "or pass --encoding utf-16-le")
    code, out, err = _run("fix", unmarked, "--no-glossary", "--encoding", "utf-16-le")
    assert code == 0 and out == ARTICLE, err


def test_fifos_devices_and_folders_are_refused(workdir):
    fifo = workdir / "pipe.txt"
    os.mkfifo(fifo)  # no writer: opening it would block forever
    _refused_by_all(workdir, fifo,
                    f"{fifo}: is a FIFO (named pipe), not an article file; save the article to a file and give that")
    _refused_by_all(workdir, Path("/dev/zero"), "/dev/zero: is a character device, not an article file; "
                                                "save the article to a file and give that")
    (workdir / "folder.txt").mkdir()
    _refused_by_all(workdir, workdir / "folder.txt", f"{workdir / 'folder.txt'}: is a directory, not an article file",
                    translate=f"{workdir / 'folder.txt'}: no article files (.txt, .md, .markdown, .html, .htm) "
                              "in this folder")


def test_article_size_limit_and_its_option(workdir):
    article = workdir / "long.txt"
    article.write_text(ARTICLE * 40, encoding="utf-8")  # 2.9 KB
    size = article.stat().st_size
    _refused_by_all(workdir, article, f"{article}: is {size} bytes, larger than the 2048 bytes an article may be "
                                      "(pass --max-article-size to read it)", "--max-article-size", "2K")
    code, out, err = _run("fix", article, "--no-glossary", "--max-article-size", "1MB")
    assert code == 0 and out == ARTICLE * 40, err
    code, _, err = _run("fix", article, "--max-article-size", "lots")
    assert code == 2 and "'lots' is not a size (give e.g. 100M, 2G or a number of bytes)" in err
    for cmd in ("translate", "fix", "publish"):
        assert "--max-article-size" in _run(cmd, "--help")[1]
