"""Reading an article file (issue 11, cases 3, 12, 13): what is refused, and how it is said.

The same refusals through the commands are in tests/cli/test_article_input_cli.py.
"""

from __future__ import annotations

import os
import socket

import pytest

from transnews.errors import InputError
from transnews.ingest import bom_encoding, read_text

ARTICLE = "Court rules on copyright\n\nThe court ruled today. The parties may appeal.\n"


def _error(path, **kwargs) -> str:
    with pytest.raises(InputError) as err:
        read_text(path, **kwargs)
    return str(err.value)


def test_a_nul_byte_anywhere_is_refused_with_its_line(tmp_path):
    late = tmp_path / "late.txt"  # past the first 8 KB, where the old check stopped looking
    late.write_bytes(("A sentence of the article.\n" * 400).encode() + b"bro\x00ken\n")
    assert _error(late) == f"{late}:401: contains a NUL byte; this looks like a binary file, not article text"
    assert "binary" in _error(late, encoding="latin-1")
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")  # the NUL is reported before the undecodable byte
    assert _error(png) == f"{png}:3: contains a NUL byte; this looks like a binary file, not article text"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-8"])
def test_a_file_with_a_byte_order_mark_is_read_in_its_encoding(tmp_path, codec):
    """Notepad's "Unicode" is UTF-16 with a mark: read as such, as translators expect."""
    path = tmp_path / "notepad.txt"
    path.write_bytes(("\ufeff" + ARTICLE).encode(codec))
    assert bom_encoding(path.read_bytes())[0] == codec
    assert read_text(path) == ARTICLE
    assert read_text(path, "utf-16" if codec.startswith("utf-16") else codec) == ARTICLE


ZH_ARTICLE = "版权新闻\n\n2026年4月20日\n\n法院今天作出了一审判决。\n\n双方可以上诉。\n"


@pytest.mark.parametrize("codec,text", [("utf-16-le", ARTICLE), ("utf-16-be", ZH_ARTICLE)])
def test_utf16_without_a_byte_order_mark_is_named_not_called_binary(tmp_path, codec, text):
    path = tmp_path / "export.txt"
    path.write_bytes(text.encode(codec))
    assert _error(path) == (f"{path}: UTF-16 encoded (no byte-order mark); convert it to UTF-8 "
                            f"or pass --encoding {codec}")
    assert read_text(path, codec) == text


def test_non_regular_files_are_refused_without_opening_them(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    assert _error(fifo) == (f"{fifo}: is a FIFO (named pipe), not an article file; "
                            "save the article to a file and give that")
    assert _error("/dev/zero").startswith("/dev/zero: is a character device, not an article file")
    assert _error(tmp_path) == f"{tmp_path}: is a directory, not an article file"
    sock_path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        assert "is a socket, not an article file" in _error(sock_path)
    link = tmp_path / "link.txt"
    link.symlink_to("/dev/zero")
    assert "is a character device" in _error(link)


def test_article_size_is_bounded(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 100, encoding="utf-8")
    assert _error(path, max_bytes=1000) == (f"{path}: is {len(ARTICLE) * 100} bytes, larger than the 1000 bytes an "
                                            "article may be (pass --max-article-size to read it)")
    assert read_text(path, max_bytes=len(ARTICLE) * 100) == ARTICLE * 100
    with path.open("r+b") as fh:  # sparse: 60 MiB on paper, nothing read
        fh.truncate(60 << 20)
    assert "is 60.0 MiB, larger than the 50.0 MiB an article may be" in _error(path)
