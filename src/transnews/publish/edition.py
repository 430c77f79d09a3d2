"""Rebuild an article in a target language from its reviewed catalog (as po4a does).

The article is re-read and segmented exactly as for translation; each segment's
``(msgctxt, msgid)`` is looked up in the catalog and its source span replaced by
the translation, while everything between segments (layout, markup, code,
navigation) is copied verbatim. The source-language edition replaces each span
with the corrected text (``Segment.text``), so it needs no catalog.

This module resolves segments and splices them into the source (the article's own
format); :mod:`.pages` builds pages from blocks; :mod:`.render`, above both, picks
the one that makes the output format asked for.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import polib

from ..errors import CatalogError, StaleCatalogError
from ..model import BOILERPLATE, DATE, TITLE, Article, Segment
from ..text import babel_locale, html_lang, is_east_asian
from ..text import is_cjk_language as is_cjk

_LISTED = 5  # segments named in an error message before "and N more"
# Dates: newsroom style per language; babel's "long" format elsewhere.
_DATE_PATTERNS = {"en": "d MMMM y"}


@dataclass
class Resolved:
    """Per-segment output text for one language (in ``article.segments`` order)."""

    lang: str
    outputs: list[str]
    total: int = 0
    translated: int = 0
    fallback: list[Segment] = field(default_factory=list)
    missing: list[Segment] = field(default_factory=list)
    untranslated: list[bool] = field(default_factory=list)  # source text used (any kind)
    # (segment index, catalog entry) of each translation used: publish checks their markup.
    used: list[tuple[int, polib.POEntry]] = field(default_factory=list)


def format_date(date: dt.date, lang: str) -> str:
    """The publication date as the edition's language writes it ("24 November 2026", "2026年11月24日")."""
    from babel.dates import format_date as babel_format

    return babel_format(date, _DATE_PATTERNS.get(lang, "long"), locale=babel_locale(lang))


def short(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def describe(segments: list[Segment]) -> str:
    """``line 12 'First words…'; line 14 '…'`` (the first few, then how many more)."""
    shown = "; ".join(f"line {s.line} {short(s.text)!r}" for s in segments[:_LISTED])
    more = len(segments) - _LISTED
    return shown + (f"; and {more} more" if more > 0 else "")


def catalog_index(po: polib.POFile) -> dict[tuple[str | None, str], polib.POEntry]:
    return {(e.msgctxt, e.msgid): e for e in po if not e.obsolete and e.msgid}


def _date_output(seg: Segment, date: dt.date, lang: str) -> str:
    """The date segment with its words replaced and surrounding markup (``<time>``, ``*``) kept."""
    lead = 0
    for a, b in sorted(seg.protected):
        if a <= lead:
            lead = max(lead, b)
    trail = len(seg.text)
    for a, b in sorted(seg.protected, reverse=True):
        if b >= trail and a >= lead:
            trail = min(trail, a)
    return seg.text[:lead] + format_date(date, lang) + seg.text[trail:]


def resolve(article: Article, po: polib.POFile | None, lang: str, *, date: dt.date | None = None,
            allow_missing: bool = False) -> Resolved:
    """Look every segment up; the source language needs no catalog (corrected source)."""
    segs = article.segments
    date = date or article.date
    res = Resolved(lang=lang, outputs=[])
    native = lang == article.lang
    if not native:
        if po is None:
            raise CatalogError(f"no {lang} catalog for this article; run transnews translate first",
                               path=article.path)
        src = po.metadata.get("X-Source-Language")
        if src and src != article.lang:
            raise CatalogError(f"this catalog was made from {src} articles, but the article is read as "
                               f"{article.lang} (use --from {src})", path=getattr(po, "fpath", None))
        index = catalog_index(po)
    for seg in segs:
        untranslated = False
        if seg.kind == DATE and date is not None:
            out = _date_output(seg, date, lang)
        elif native:
            out = seg.text
            if seg.translatable:
                res.total += 1
                res.translated += 1
        else:
            # The msgid is the corrected sentence; a catalog made without corrections
            # (translate --no-fix) has the source as written.
            entry = None
            for key in dict.fromkeys((seg.text, seg.source, " ".join(seg.source.split()))):
                entry = entry or index.get((seg.context, key))
            if seg.translatable:
                res.total += 1
            if entry is None:
                res.missing.append(seg)
                out, untranslated = seg.text, True
            elif entry.msgstr and "fuzzy" not in entry.flags:
                out = entry.msgstr
                res.used.append((len(res.outputs), entry))
                res.translated += int(seg.translatable)
            else:
                out, untranslated = seg.text, True
                if seg.translatable:
                    res.fallback.append(seg)
        res.untranslated.append(untranslated)
        # Unchanged sentence: keep its original line wrapping and indentation.
        res.outputs.append(seg.source if out == seg.text and not seg.changes else out)
    if res.missing and not allow_missing:
        raise StaleCatalogError(
            f"{len(res.missing)} segment(s) are not in the {lang} catalog; the article changed since it "
            f"was translated (re-run transnews translate): {describe(res.missing)}", path=article.path)
    return res


_EDGE_MARKUP_END = re.compile(r"(?:<[^>]*>|[\s*_`\"'“”‘’)\]])+$")
_EDGE_MARKUP_START = re.compile(r"^(?:<[^>]*>|[\s*_`\"'“”‘’(\[])+")


def _cjk_edges(left: str, right: str) -> bool:
    """Both sides of a sentence boundary are CJK text (markup and quotes looked through)."""
    a, b = _EDGE_MARKUP_END.sub("", left), _EDGE_MARKUP_START.sub("", right)
    return bool(a) and bool(b) and is_east_asian(a[-1]) and is_east_asian(b[0])


def joiner_edits(article: Article, res: Resolved) -> list[tuple[int, int, str]]:
    """Sentence gaps for the edition's script when it differs from the source's.

    Chinese sentences join without a space, English ones with one; an untranslated
    sentence next to a translated one is spaced like the text it is (English
    fallback in a Chinese edition keeps its space).
    """
    if is_cjk(article.lang) == is_cjk(res.lang):
        return []  # same conventions: the source's own gaps are right
    edits = []
    segs = article.segments
    for i in range(1, len(segs)):
        a, b = segs[i - 1], segs[i]
        gap = article.text[a.end:b.start]
        if a.block != b.block or gap.strip():
            continue
        if _cjk_edges(res.outputs[i - 1], res.outputs[i]):
            new = ""
        else:
            new = gap or " "
        if new != gap:
            edits.append((a.end, b.start, new))
    return edits


def apply_edits(text: str, edits: list[tuple[int, int, str]], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` with non-overlapping ``(start, end, replacement)`` edits applied."""
    end = len(text) if end is None else end
    out, pos = [], start
    for a, b, new in sorted(edits, key=lambda e: (e[0], e[1])):
        if a < start or b > end:
            continue
        if a < pos:
            raise ValueError(f"overlapping edits at offset {a}")
        out.append(text[pos:a])
        out.append(new)
        pos = b
    out.append(text[pos:end])
    return "".join(out)


def segment_edits(article: Article, res: Resolved) -> list[tuple[int, int, str]]:
    edits = [(s.start, s.end, out) for s, out in zip(article.segments, res.outputs, strict=True)]
    return edits + joiner_edits(article, res)


def _title_block(article: Article):
    titles = [b for b in article.blocks if b.kind == TITLE]
    return titles[-1] if titles else None  # HTML: <h1> comes after <title>


def _date_insertion(article: Article, date: dt.date, lang: str) -> tuple[int, int, str] | None:
    """Where a date line goes when the article has none: right after the title."""
    text = article.text
    title = _title_block(article)
    label = format_date(date, lang)
    if article.format == "html":
        line = f'<p class="date"><time datetime="{date.isoformat()}">{label}</time></p>'
        if title is not None:
            close = text.find("</", title.end)
            pos = text.find(">", close) + 1 if close >= 0 else title.end
            return (pos, pos, "\n" + line)
        body = re.search(r"<body\b[^>]*>", text, re.IGNORECASE)
        pos = body.end() if body else (article.blocks[0].start if article.blocks else 0)
        return (pos, pos, "\n" + line + "\n")
    sep = "\n\n" if re.search(r"\n[ \t]*\n", text.strip()) or article.format == "markdown" else "\n"
    if title is None:
        first = next((b for b in article.blocks if b.kind != BOILERPLATE), None)
        pos = first.start if first is not None else 0
        return (pos, pos, label + sep)
    pos = text.find("\n", title.end)
    pos = len(text) if pos < 0 else pos
    if article.format == "markdown":  # a setext title is underlined on the next line
        nxt = text.find("\n", pos + 1)
        under = text[pos + 1:nxt if nxt >= 0 else len(text)].strip()
        if under and set(under) <= set("=-"):
            pos = nxt if nxt >= 0 else len(text)
    return (pos, pos, sep + label)


def native_text(article: Article, res: Resolved, date: dt.date | None) -> str:
    """The edition in the article's own format: the source with segment spans replaced."""
    edits = segment_edits(article, res)
    date = date or article.date
    if date is not None and not any(b.kind == DATE for b in article.blocks):
        ins = _date_insertion(article, date, res.lang)
        if ins is not None:
            edits.append(ins)
    span = article.meta.get("html_lang") if article.format == "html" else None
    if span is not None:
        a, b = span
        value = html_lang(res.lang)
        edits.append((a, b, value if b > a or article.text[a - 1:a] in "\"'=" else f' lang="{value}"'))
    return apply_edits(article.text, edits)


def block_texts(article: Article, res: Resolved) -> list[str]:
    """Each block's output text (segments and the gaps inside the block)."""
    edits = segment_edits(article, res)
    return [apply_edits(article.text, edits, b.start, b.end) for b in article.blocks]
