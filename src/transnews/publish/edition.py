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
import html
import re
from dataclasses import dataclass, field

import polib

from ..errors import CatalogError, InputError, StaleCatalogError
from ..model import ATTRIBUTE, BOILERPLATE, DATE, FRONT_MATTER, TABLE_CELL, TITLE, Article, Segment
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
    date_format: str | None = None  # the CLDR pattern of generated dates (None: the locale's)


def format_date(date: dt.date, lang: str, pattern: str | None = None) -> str:
    """The publication date as the edition's language writes it ("24 November 2026", "2026年11月24日").

    ``pattern`` is a CLDR pattern ("MMMM d, yyyy" for a US newsroom, "d MMMM yyyy" for a UK
    one); None: the house style for a bare language, babel's long format for the locale.
    """
    from babel.dates import format_date as babel_format

    pattern = pattern or _DATE_PATTERNS.get(lang, "long")
    try:
        return babel_format(date, pattern, locale=babel_locale(lang))
    except (AttributeError, KeyError, ValueError) as err:  # a time field (h, m, s) or an unknown letter
        raise InputError(f"date format {pattern!r} (--date-format, or [publish] date-format in the "
                         "project file) is not a date pattern, e.g. 'd MMMM yyyy'") from err


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


def _date_output(seg: Segment, date: dt.date, lang: str, pattern: str | None = None) -> str:
    """The date segment with its words replaced and surrounding markup (``<time>``, ``*``) kept."""
    lead = 0
    for a, b in sorted(seg.protected):
        if a <= lead:
            lead = max(lead, b)
    trail = len(seg.text)
    for a, b in sorted(seg.protected, reverse=True):
        if b >= trail and a >= lead:
            trail = min(trail, a)
    return seg.text[:lead] + format_date(date, lang, pattern) + seg.text[trail:]


def _lookup(index: dict, seg: Segment) -> polib.POEntry | None:
    # The msgid is the corrected sentence; a catalog made without corrections
    # (translate --no-fix) has the source as written.
    entry = None
    for key in dict.fromkeys((seg.text, seg.source, " ".join(seg.source.split()))):
        entry = entry or index.get((seg.context, key))
    return entry


def _reviewed_date(index: dict | None, seg: Segment) -> polib.POEntry | None:
    """The reviewer's translation of the date line: their words beat a generated date. A copy
    of the source line (an identity draft) is no translation: the date is written for the language."""
    entry = _lookup(index, seg) if index is not None else None
    if entry is None or not entry.msgstr.strip() or "fuzzy" in entry.flags:
        return None
    return None if entry.msgstr.strip() in (seg.text.strip(), seg.source.strip()) else entry


def resolve(article: Article, po: polib.POFile | None, lang: str, *, date: dt.date | None = None,
            allow_missing: bool = False, date_format: str | None = None) -> Resolved:
    """Look every segment up; the source language needs no catalog (corrected source).

    The date line is the reviewed translation of it when there is one (and ``date`` does
    not move the article to another day), else the date in ``date_format`` (see :func:`format_date`).
    """
    segs = article.segments
    own_day = date is None or date == article.date
    date = date or article.date
    res = Resolved(lang=lang, outputs=[], date_format=date_format)
    if date_format:  # a bad pattern is refused even when this article has no date to show
        format_date(dt.date(2000, 1, 1), lang, date_format)
    index = None
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
            entry = _reviewed_date(index, seg) if own_day else None
            if entry is not None:
                out = entry.msgstr
                res.used.append((len(res.outputs), entry))
            else:
                out = _date_output(seg, date, lang, date_format)
        elif native:
            out = seg.text
            if seg.translatable:
                res.total += 1
                res.translated += 1
        else:
            entry = _lookup(index, seg)
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


_NEWLINE_RUN = re.compile(r"[ \t]*\n\s*")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)


def _md_title(out: str, quote: str) -> str:
    close = {"(": ")"}.get(quote, quote)
    return re.sub(rf"(?<!\\)([{re.escape(close)}])", r"\\\1", out)


def written(article: Article, seg: Segment, out: str) -> str:
    """A segment's output as its place in the source must write it: a front matter value
    quoted, an attribute value escaped, a Markdown table cell's pipes escaped, Markdown emphasis
    that would not render written as HTML (:mod:`transnews.emphasis`)."""
    if out == seg.source:
        return out
    if seg.kind == FRONT_MATTER:
        from ..ingest.frontmatter import quote_value

        return quote_value(seg.source, out, article.meta.get("front_matter", "yaml"))
    before = article.text[seg.start - 1:seg.start]
    if seg.kind == ATTRIBUTE and article.format == "html":
        value = html.escape(html.unescape(out), quote=True)
        return value if before in "\"'" else f'"{value}"'
    if seg.kind == ATTRIBUTE and article.format == "markdown":
        if before in "\"'(":
            return _md_title(out, before)
        return re.sub(r"(?<!\\)([\[\]])", r"\\\1", out)  # alt text: no bracket may end it
    if article.format == "markdown":  # emphasis CommonMark would show as asterisks: as HTML
        from ..emphasis import renderable_emphasis

        out = renderable_emphasis(out)
    if seg.kind == TABLE_CELL and article.format == "markdown":
        return _UNESCAPED_PIPE.sub(r"\1\\|", out)
    return out


def _nested(text: str, parent_out: str, children: list[tuple[Segment, str]]) -> str:
    """``parent_out`` with its children's values put into their tags (an ``alt=`` inside a
    sentence): each tag is found in the output as the source wrote it (or line-joined)."""
    anchors: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
    for seg, value in children:
        anchors.setdefault(seg.anchor or (seg.start, seg.end), []).append((seg.start, seg.end, value))
    out, cursor = parent_out, 0
    for (a, b), edits in anchors.items():
        old, new = text[a:b], apply_edits(text, edits, a, b)
        k = out.find(old, cursor)
        if k < 0 and "\n" in old:
            old, new = _NEWLINE_RUN.sub(" ", old), _NEWLINE_RUN.sub(" ", new)
            k = out.find(old, cursor)
        if k < 0 or old == new:
            continue  # the translation rewrote the tag: its own attribute stays
        out = out[:k] + new + out[k + len(old):]
        cursor = k + len(new)
    return out


def segment_edits(article: Article, res: Resolved) -> list[tuple[int, int, str]]:
    """Each segment's output as an edit of the source; a segment inside another one's span
    (an attribute value in a sentence's tag) is put into that one's output."""
    top: list[list] = []  # [start, end, output, children]
    order = sorted(zip(article.segments, res.outputs, strict=True), key=lambda p: (p[0].start, -p[0].end))
    for seg, out in order:
        value = written(article, seg, out)
        if top and top[-1][0] <= seg.start and seg.end <= top[-1][1] and top[-1][0] < top[-1][1]:
            top[-1][3].append((seg, value))
        else:
            top.append([seg.start, seg.end, value, []])
    edits = [(a, b, _nested(article.text, out, kids) if kids else out) for a, b, out, kids in top]
    return edits + joiner_edits(article, res)


def _comment_edits(text: str, spans, edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Edits dropping the HTML comments at ``spans`` (a comment alone on its line: the line)
    and those inside the segment outputs of ``edits``."""
    covered = [(a, b) for a, b, _ in edits if b > a]
    out = [(a, b, _COMMENT.sub("", new)) for a, b, new in edits]
    for s, e in spans:
        if any(a <= s and e <= b for a, b in covered):
            continue
        ls = text.rfind("\n", 0, s) + 1
        le = text.find("\n", e)
        le = len(text) if le < 0 else le
        if not text[ls:s].strip() and not text[e:le].strip():
            s, e = ls, min(le + 1, len(text))
        out.append((s, e, ""))
    return out


def _title_block(article: Article):
    titles = [b for b in article.blocks if b.kind == TITLE]
    return titles[-1] if titles else None  # HTML: <h1> comes after <title>


def _date_insertion(article: Article, date: dt.date, res: Resolved) -> tuple[int, int, str] | None:
    """Where a date line goes when the article has none: right after the title."""
    text = article.text
    title = _title_block(article)
    label = format_date(date, res.lang, res.date_format)
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
        first = next((b for b in article.blocks if b.kind not in (BOILERPLATE, FRONT_MATTER, ATTRIBUTE)), None)
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


def native_text(article: Article, res: Resolved, date: dt.date | None, *, keep_comments: bool = False) -> str:
    """The edition in the article's own format: the source with segment spans replaced.

    An HTML article's comments (editors' notes, CMS markers) are dropped unless
    ``keep_comments``."""
    edits = segment_edits(article, res)
    if article.format == "html" and not keep_comments:
        edits = _comment_edits(article.text, article.meta.get("html_comments", ()), edits)
    date = date or article.date
    if date is not None and not any(b.kind == DATE for b in article.blocks):
        ins = _date_insertion(article, date, res)
        if ins is not None:
            edits.append(ins)
    span = article.meta.get("html_lang") if article.format == "html" else None
    if span is not None:
        a, b = span
        value = html_lang(res.lang)
        edits.append((a, b, value if b > a or article.text[a - 1:a] in "\"'=" else f' lang="{value}"'))
    return apply_edits(article.text, edits)


def block_texts(article: Article, res: Resolved) -> list[str]:
    """Each block's output text (segments and the gaps inside the block); an attribute's or
    front matter value's block: the value itself."""
    edits = segment_edits(article, res)
    first = {}
    for i, seg in enumerate(article.segments):
        first.setdefault(seg.block, i)
    return [res.outputs[first[n]] if b.kind in (ATTRIBUTE, FRONT_MATTER) and n in first
            else apply_edits(article.text, edits, b.start, b.end) for n, b in enumerate(article.blocks)]
