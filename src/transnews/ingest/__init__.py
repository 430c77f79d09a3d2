"""Ingest: read an article file into an :class:`~transnews.model.Article`.

Reading (bytes → text, with clear errors for missing, non-regular, oversized,
binary, empty or mis-encoded files) is shared; each format module turns text into blocks and
segments with ``parse(text, path, lang) -> Article``.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from ..model import Article
from ..settings import DEFAULT_MAX_ARTICLE_BYTES


# Each format's parser is imported on first use (Markdown needs markdown-it).
def _parse_text(text: str, path: Path, lang: str) -> Article:
    from .text import parse as parse_text

    return parse_text(text, path, lang)


def _parse_markdown(text: str, path: Path, lang: str, **options) -> Article:
    from .markdown import parse as parse_markdown

    return parse_markdown(text, path, lang, **options)


def _parse_html(text: str, path: Path, lang: str) -> Article:
    from .html import parse as parse_html

    return parse_html(text, path, lang)


# Article formats: name → (parser, the file suffixes read as it). Any other suffix is text.
ARTICLE_FORMATS: dict[str, tuple[Callable[[str, Path, str], Article], tuple[str, ...]]] = {
    "text": (_parse_text, (".txt",)),
    "markdown": (_parse_markdown, (".md", ".markdown")),
    "html": (_parse_html, (".html", ".htm")),
}
FORMATS = tuple(ARTICLE_FORMATS)
_SUFFIXES = {suffix: name for name, (_, suffixes) in ARTICLE_FORMATS.items() for suffix in suffixes}


def detect_format(path: Path) -> str:
    return _SUFFIXES.get(path.suffix.lower(), "text")


# Byte-order marks: a file that starts with one is read in that encoding whatever --encoding
# says (as Notepad's "Unicode" files are), and written back with it (see normalize). UTF-32's
# come first: its little-endian mark starts with UTF-16's.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF = 8192  # bytes looked at to tell UTF-16 without a byte-order mark from binary data
_FILE_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
               (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def bom_encoding(data: bytes) -> tuple[str, bytes] | None:
    """``(codec, mark)`` when ``data`` starts with a byte-order mark, else None."""
    return next(((codec, bom) for bom, codec in BOMS if data.startswith(bom)), None)


def format_size(n: int) -> str:
    return f"{n / (1 << 20):.1f} MiB" if n >= 1 << 20 else f"{n} bytes"


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing what is not a regular file of at most ``max_bytes``.

    The kind is checked before opening (opening a FIFO waits for a writer, a device may
    act on open) and again on the open handle, so a file swapped in between is caught too.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", path=path) from None
    _check_kind(st, path, max_bytes)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            _check_kind(os.fstat(fh.fileno()), path, max_bytes)
            data = fh.read(max_bytes + 1)  # a file still growing is stopped at the limit
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", path=path) from None
    if len(data) > max_bytes:
        _too_big(path, len(data), max_bytes)
    return data


def _check_kind(st: os.stat_result, path: Path, max_bytes: int) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory, not an article file", path=path)
    if not stat.S_ISREG(st.st_mode):
        kind = next((name for test, name in _FILE_KINDS if test(st.st_mode)), "a special file")
        raise InputError(f"is {kind}, not an article file; save the article to a file and give that", path=path)
    if st.st_size > max_bytes:
        _too_big(path, st.st_size, max_bytes)


def _too_big(path: Path, size: int, max_bytes: int) -> None:
    raise InputError(f"is {format_size(size)}, larger than the {format_size(max_bytes)} an article may be "
                     "(pass --max-article-size to read it)", path=path)


def _looks_utf16(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when the NUL bytes sit at one parity only (ASCII characters,
    newlines included, of UTF-16 text without a byte-order mark) and the start decodes so;
    None for anything else (a stray NUL in UTF-8 text, binary data)."""
    sample = data[:_SNIFF - _SNIFF % 2]
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    for codec, major, minor in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if major >= max(4, len(sample) // 200) and minor * 8 <= major:  # CJK like 一 (U+4E00) has a NUL too
            try:
                sample.decode(codec)
            except UnicodeDecodeError as err:
                if err.start < len(sample) - 4:  # not merely a character cut by the sample's end
                    continue
            return codec
    return None


def _codec(data: bytes, encoding: str, path: Path) -> tuple[str, bytes]:
    """The codec to decode ``data`` with and the bytes to decode (a byte-order mark removed).

    Outside UTF-16/32 a NUL byte is a NUL character: refused here, before a decoding error
    could hide it (binary files rarely decode)."""
    bom = bom_encoding(data)
    if bom is not None:
        return bom[0], data[len(bom[1]):]
    nul = data.find(b"\x00")
    if nul < 0 or encoding.lower().replace("_", "-").startswith(("utf-16", "utf16", "utf-32", "utf32")):
        return encoding, data
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8") and (utf16 := _looks_utf16(data)):
        raise InputError(f"UTF-16 encoded (no byte-order mark); convert it to UTF-8 or pass --encoding {utf16}",
                         path=path)
    raise _nul_error(path, data.count(b"\n", 0, nul) + 1)


def _nul_error(path: Path, line: int) -> InputError:
    return InputError("contains a NUL byte; this looks like a binary file, not article text", path=path, line=line)


def _decode(data: bytes, encoding: str, path: Path) -> str:
    codec, body = _codec(data, encoding, path)
    try:
        return body.decode(codec)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", path=path) from None
    except UnicodeDecodeError as err:
        line = body.count(b"\n", 0, err.start) + 1
        bad = body[err.start:err.start + 1].hex()
        raise InputError(
            f"not valid {codec} (byte 0x{bad}); pass --encoding to read another encoding, "
            "e.g. --encoding gb18030 or --encoding latin-1",
            path=path, line=line) from None


def read_text(path: str | Path, encoding: str = "utf-8", *, max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES) -> str:
    """Read an article's text; every failure is one InputError naming the file.

    Refused: anything but a regular file, a file over ``max_bytes``, text that does not
    decode, a NUL character anywhere (a msgid cannot hold one: the catalog would become
    unreadable), and an empty article.
    """
    path = Path(path)
    text = _decode(_read_bytes(path, max_bytes), encoding, path)
    if (nul := text.find("\x00")) >= 0:  # a UTF-16/32 file's U+0000
        raise _nul_error(path, text.count("\n", 0, nul) + 1)
    if not text.strip():
        raise InputError("the article is empty", path=path)
    return text


def parse(text: str, path: Path, lang: str, fmt: str | None = None, *,
          front_matter_keys: tuple[str, ...] | None = None) -> Article:
    """Segment ``text``; ``front_matter_keys``: a Markdown article's front matter keys to
    translate (default: ``Settings.front_matter_keys``' default)."""
    fmt = fmt or detect_format(path)
    if fmt not in ARTICLE_FORMATS:
        raise InputError(f"unknown article format {fmt!r}; choose one of {', '.join(ARTICLE_FORMATS)}", path=path)
    parser, _ = ARTICLE_FORMATS[fmt]
    options = {"front_matter_keys": tuple(front_matter_keys)} if fmt == "markdown" and front_matter_keys is not None else {}
    article = parser(text, path, lang, **options)
    if not any(s.translatable for s in article.segments):
        raise InputError("the article has no translatable text", path=path)
    return article


def read_article(path: str | Path, lang: str, *, encoding: str = "utf-8", fmt: str | None = None,
                 max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
                 front_matter_keys: tuple[str, ...] | None = None) -> Article:
    """Read and segment one article file."""
    path = Path(path)
    return parse(read_text(path, encoding, max_bytes=max_bytes), path, lang, fmt,
                 front_matter_keys=front_matter_keys)
