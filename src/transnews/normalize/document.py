"""Whole-file fixing for ``transnews fix``: read, correct, rebuild, write atomically."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Article, Change
from .fix import Suggestion, apply_changes, article_changes, fix_article, is_english
from .speller import Speller


@dataclass
class FixedFile:
    """The result of fixing one article file."""

    path: Path
    lang: str
    original: str
    text: str
    spelling: bool  # False: spacing rules only (non-English or no speller)
    changes: list[Change] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    article: Article | None = None

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def as_dict(self, *, include_text: bool = True) -> dict:
        data = {
            "path": str(self.path),
            "lang": self.lang,
            "spelling": self.spelling,
            "changes": [{"kind": c.kind, "original": c.original, "replacement": c.replacement,
                         "line": c.line, "start": c.start, "end": c.end} for c in self.changes],
            "suggestions": [s.as_dict() for s in self.suggestions],
        }
        if include_text:
            data["text"] = self.text
        return data


def fix_file(path: str | Path, lang: str, speller: Speller | None, *, encoding: str = "utf-8",
             fmt: str | None = None) -> FixedFile:
    """Read and segment ``path`` (raises InputError on bad input), fix it, rebuild the text."""
    from ..ingest import read_article

    path = Path(path)
    article = read_article(path, lang, encoding=encoding, fmt=fmt)
    fixed, suggestions = fix_article(article, speller)
    changes = article_changes(fixed)
    text = apply_changes(article.text, changes)
    return FixedFile(path=path, lang=lang, original=article.text, text=text,
                     spelling=speller is not None and is_english(lang), changes=changes,
                     suggestions=suggestions, article=fixed)


def write_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` atomically, keeping a UTF-8 byte-order mark and the file mode."""
    from ..errors import InputError
    from ..fsio import write_atomic as _write

    path = Path(path)
    data = text.encode(encoding)
    try:
        with path.open("rb") as f:
            head = f.read(3)
    except OSError:
        head = b""
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8") and head.startswith(codecs.BOM_UTF8):
        data = codecs.BOM_UTF8 + data
    _write(path, data, error=InputError)
