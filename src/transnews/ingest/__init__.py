"""Ingest: read an article file into an :class:`~transnews.model.Article`.

Reading (bytes → text, with clear errors for missing, binary, empty or
mis-encoded files) is shared; each format module turns text into blocks and
segments with ``parse(text, path, lang) -> Article``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from ..model import Article


# Each format's parser is imported on first use (Markdown needs markdown-it).
def _parse_text(text: str, path: Path, lang: str) -> Article:
    from .text import parse as parse_text

    return parse_text(text, path, lang)


def _parse_markdown(text: str, path: Path, lang: str) -> Article:
    from .markdown import parse as parse_markdown

    return parse_markdown(text, path, lang)


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


def read_text(path: str | Path, encoding: str = "utf-8") -> str:
    """Read an article's text; every failure is one InputError naming the file."""
    path = Path(path)
    if not path.exists():
        raise InputError("no such file", path=path)
    if path.is_dir():
        raise InputError("is a directory, not an article file", path=path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", path=path) from None
    if b"\x00" in data[:8192] and not encoding.lower().startswith("utf-16"):
        raise InputError("looks like a binary file, not an article", path=path)
    try:
        codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
        text = data.decode(codec)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", path=path) from None
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        bad = data[err.start:err.start + 1].hex()
        raise InputError(
            f"not valid {encoding} (byte 0x{bad}); pass --encoding to read another encoding, "
            "e.g. --encoding gb18030 or --encoding latin-1",
            path=path, line=line) from None
    if not text.strip():
        raise InputError("the article is empty", path=path)
    return text


def parse(text: str, path: Path, lang: str, fmt: str | None = None) -> Article:
    fmt = fmt or detect_format(path)
    if fmt not in ARTICLE_FORMATS:
        raise InputError(f"unknown article format {fmt!r}; choose one of {', '.join(ARTICLE_FORMATS)}", path=path)
    parser, _ = ARTICLE_FORMATS[fmt]
    article = parser(text, path, lang)
    if not any(s.translatable for s in article.segments):
        raise InputError("the article has no translatable text", path=path)
    return article


def read_article(path: str | Path, lang: str, *, encoding: str = "utf-8", fmt: str | None = None) -> Article:
    """Read and segment one article file."""
    path = Path(path)
    return parse(read_text(path, encoding), path, lang, fmt)
