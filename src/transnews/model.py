"""Plain data passed between pipeline stages.

An :class:`Article` keeps the exact source text; blocks and segments only hold
offsets into it, so any stage (publishing, fixing) can rebuild the document
byte for byte by copying the gaps between segments.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

# Block kinds. Boilerplate (navigation, breadcrumbs) is kept in the document and the
# catalog but never sent to MT; the others are translated.
BOILERPLATE = "boilerplate"
TITLE = "title"
PARAGRAPH = "paragraph"
HEADING = "heading"
LIST_ITEM = "list-item"
DATE = "date"
TABLE_CELL = "table-cell"  # one cell of a table: one segment, never split into sentences
# Metadata offered for translation: a front matter value (YAML/TOML) and an attribute value
# (alt text, title attribute, meta description). Their segments carry their own msgctxt
# (``Segment.label``) and, for attributes, the markup holding them (``Segment.anchor``).
FRONT_MATTER = "front-matter"
ATTRIBUTE = "attribute"
BLOCK_KINDS = (BOILERPLATE, TITLE, PARAGRAPH, HEADING, LIST_ITEM, DATE, TABLE_CELL, FRONT_MATTER, ATTRIBUTE)


# East Asian characters of context shown on each side of a spacing/punctuation change.
_CJK_CONTEXT = 6


@dataclass(frozen=True)
class Change:
    """One edit made to the source text by normalisation (typo or spacing fix)."""

    kind: str  # "typo" | "spacing"
    original: str
    replacement: str
    start: int  # offset in Article.text
    end: int
    line: int

    def describe(self) -> str:
        if self.kind == "typo":
            return f"{self.original} → {self.replacement}"
        return f"{self.original!r} → {self.replacement!r}"

    def context(self, text: str, base: int = 0) -> tuple[str, str]:
        """The change with its neighbouring words: ("Wei,Deputy", "Wei, Deputy").

        ``text`` is the article text, or a slice of it starting at offset ``base``.
        """
        from .text import is_east_asian

        a, b = self.start - base, self.end - base
        i, j = a, b
        # Chinese puts no spaces between words: a few of its characters either side suffice.
        left = right = 0
        while i > 0 and not text[i - 1].isspace() and left < _CJK_CONTEXT:
            i -= 1
            left += is_east_asian(text[i])
        while j < len(text) and not text[j].isspace() and right < _CJK_CONTEXT:
            right += is_east_asian(text[j])
            j += 1
        return text[i:j], text[i:a] + self.replacement + text[b:j]

    def shown(self, text: str, base: int = 0) -> str:
        """How a reviewer reads it: the word for typos, the words around it for spacing."""
        if self.kind == "typo":
            return self.describe()
        before, after = self.context(text, base)
        return f"{before!r} → {after!r}"


@dataclass(frozen=True)
class TermMatch:
    """One occurrence of a glossary concept in a segment's text."""

    concept_id: str
    text: str  # as found in the segment
    start: int  # offsets within Segment.text
    end: int
    target: str  # approved target-language form
    dnt: bool = False  # do-not-translate: target equals the source form
    # False: an ambiguous form the article gives no context for ("IP" never defined): left to
    # MT, not protected or verified, and shown to the reviewer with ``reason``.
    enforced: bool = True
    reason: str = ""


@dataclass(frozen=True)
class Segment:
    """A sentence: the unit of translation, the msgid of a catalog entry.

    ``text`` is what goes to MT and into the catalog (after normalisation);
    ``source`` is the text exactly as in the article at ``start:end``.
    ``protected`` are (start, end) spans of ``text`` that must survive MT verbatim
    (inline markup, URLs); ``markup`` maps placeholder-free text back for formats
    with inline markup (set by Markdown/HTML ingest).
    """

    text: str
    start: int
    end: int
    line: int
    kind: str
    block: int
    source: str = ""
    protected: tuple[tuple[int, int], ...] = ()
    changes: tuple[Change, ...] = ()
    suggestions: tuple[str, ...] = ()
    terms: tuple[TermMatch, ...] = ()
    # The msgctxt when the kind alone does not say it ("front matter: title", "alt text").
    label: str = ""
    # An attribute value's tag (or Markdown image/link target) as article offsets: when the
    # tag lies inside another segment, publishing finds it in that segment's output.
    anchor: tuple[int, int] = ()

    def __post_init__(self) -> None:
        if not self.source:
            object.__setattr__(self, "source", self.text)

    @property
    def translatable(self) -> bool:
        return self.kind != BOILERPLATE

    @property
    def context(self) -> str | None:
        """msgctxt used in catalogs: separates titles/boilerplate from body text."""
        if self.label:
            return self.label
        return None if self.kind == PARAGRAPH else self.kind


@dataclass(frozen=True)
class Block:
    kind: str
    start: int
    end: int
    line: int
    segments: tuple[Segment, ...] = ()


@dataclass(frozen=True)
class Article:
    path: Path
    text: str
    lang: str
    format: str = "text"  # "text" | "markdown" | "html"
    blocks: tuple[Block, ...] = ()
    date: _dt.date | None = None
    meta: dict = field(default_factory=dict, compare=False)

    @property
    def segments(self) -> list[Segment]:
        return [s for b in self.blocks for s in b.segments]

    @property
    def domain(self) -> str:
        return self.path.stem
