"""Whole-file fixing for ``transnews fix``: read, correct, rebuild, write atomically."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import Article, Change
from ..settings import DEFAULT_MAX_ARTICLE_BYTES
from .chinese import DEFAULT_CJK_SPACING
from .fix import Suggestion, apply_changes, article_changes, fix_article, is_english
from .language import check_article_script
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
             fmt: str | None = None, max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
             cjk_spacing: str = DEFAULT_CJK_SPACING, language_option: str | None = "--from") -> FixedFile:
    """Read and segment ``path`` (raises InputError on bad input), fix it, rebuild the text.

    An article clearly written in another script than ``lang``'s is refused with a
    ``LanguageError`` telling which ``language_option`` to pass (None: not checked).
    """
    from ..ingest import read_article

    path = Path(path)
    article = read_article(path, lang, encoding=encoding, fmt=fmt, max_bytes=max_bytes)
    if language_option is not None:
        check_article_script(article, option=language_option)
    fixed, suggestions = fix_article(article, speller, cjk_spacing=cjk_spacing)
    changes = article_changes(fixed)
    text = apply_changes(article.text, changes)
    return FixedFile(path=path, lang=lang, original=article.text, text=text,
                     spelling=speller is not None and is_english(lang), changes=changes,
                     suggestions=suggestions, article=fixed)


def write_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` atomically, keeping its byte-order mark and the file mode."""
    from ..errors import InputError
    from ..fsio import write_atomic as _write
    from ..ingest import bom_encoding

    path = Path(path)
    try:
        with path.open("rb") as f:
            head = f.read(4)
    except OSError:
        head = b""
    # A file with a byte-order mark was read in that mark's encoding (whatever --encoding said): so written back.
    bom = bom_encoding(head)
    data = bom[1] + text.encode(bom[0]) if bom else text.encode(encoding)
    _write(path, data, error=InputError)
