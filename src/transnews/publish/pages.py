"""HTML and Markdown pages built from an article's blocks: format conversion and
the bilingual (side-by-side) review edition."""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from html.parser import HTMLParser

import polib

from ..text import LANGUAGES, babel_locale
from ..model import BOILERPLATE, DATE, FRONT_MATTER, HEADING, LIST_ITEM, TITLE, Article
from .edition import (Resolved, joiner_edits, apply_edits, block_texts, format_date, html_lang,
                      native_text, resolve)
from .sanitize import sanitize_html, sanitize_markdown

CSS = """
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; line-height: 1.6; color: #1a1a1a;
       background: #fff; font-family: "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC",
       "PingFang SC", "Microsoft YaHei", sans-serif; }
:lang(zh-Hant) { font-family: "Noto Sans CJK TC", "Source Han Sans TC", sans-serif; }
nav, .crumb { color: #666; font-size: .9em; }
.date { color: #555; }
.bilingual .row { display: grid; grid-template-columns: 1fr 1fr; gap: 2.5rem; align-items: start;
                  border-bottom: 1px solid #eee; }
.bilingual .head { font-weight: bold; color: #555; border-bottom: 2px solid #ccc; }
.bilingual .untranslated { text-decoration: underline dashed #c60; }
"""


def page(body: str, *, lang: str, title: str, extra_class: str = "") -> str:
    """A complete UTF-8 HTML5 document."""
    cls = f' class="{extra_class}"' if extra_class else ""
    return (f'<!DOCTYPE html>\n<html lang="{html_lang(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body{cls}>\n"
            f"{body}\n</body>\n</html>\n")


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def strip_tags(markup: str) -> str:
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    return " ".join("".join(parser.parts).split())


_EMPHASIS_MARKS = {1: ("\ue000", "\ue001"), 2: ("\ue002", "\ue003"), 3: ("\ue004", "\ue005")}
_EMPHASIS_TAGS = {1: ("<em>", "</em>"), 2: ("<strong>", "</strong>"), 3: ("<em><strong>", "</strong></em>")}


@functools.lru_cache(maxsize=None)
def _inline_md():
    from markdown_it import MarkdownIt

    # Raw HTML in a translation is shown as text, not injected into the review page.
    return MarkdownIt("commonmark", {"html": False})


def inline_html(text: str, article_format: str) -> str:
    """One block's text as safe inline HTML (Markdown rendered; HTML/text reduced to escaped text)."""
    if article_format == "markdown":
        from ..emphasis import renderable_emphasis

        # Emphasis CommonMark would not render (next to CJK punctuation) goes through as
        # private-use marks (raw HTML is off here) that become the tags after rendering.
        text = renderable_emphasis(text, _EMPHASIS_MARKS)
        rendered = sanitize_html(_inline_md().renderInline(text))
        for n, (a, b) in _EMPHASIS_MARKS.items():
            rendered = rendered.replace(a, _EMPHASIS_TAGS[n][0]).replace(b, _EMPHASIS_TAGS[n][1])
        return rendered
    if article_format == "html":
        return html.escape(strip_tags(text))
    return html.escape(text).replace("\n", " ")


def _md_escape(text: str) -> str:
    """Plain text made literal in Markdown."""
    text = re.sub(r"([\\`*_\[\]<])", r"\\\1", text)
    return re.sub(r"(?m)^(\s*)([#>+-]|\d+[.)])", r"\1\\\2", text)


def _title_of(article: Article, texts: list[str]) -> str:
    for block, text in zip(article.blocks, texts, strict=True):
        if block.kind == TITLE:
            return strip_tags(inline_html(text, article.format)) if article.format != "text" else text
    return article.domain


def markdown_as_markdown(article: Article, res: Resolved, date: dt.date | None, *, raw_html: bool = False) -> str:
    """A Markdown article's edition: its raw HTML sanitised unless ``raw_html``."""
    text = native_text(article, res, date)
    return text if raw_html else sanitize_markdown(text)


def markdown_as_html(article: Article, res: Resolved, date: dt.date | None, *, raw_html: bool = False) -> str:
    """A Markdown article's edition as an HTML page: the published Markdown, rendered and
    sanitised (unless ``raw_html``: the source's raw HTML kept as written)."""
    from markdown_it import MarkdownIt

    from ..ingest.frontmatter import find_front_matter

    source = native_text(article, res, date)
    fm = find_front_matter(source)  # metadata, not body text (it would render as <hr> and <h2>)
    body = MarkdownIt("commonmark").enable("table").render(source[fm.end:] if fm else source)
    body = body if raw_html else sanitize_html(body)
    texts = block_texts(article, res)
    title = next((strip_tags(inline_html(t, "markdown")) for b, t in zip(article.blocks, texts, strict=True)
                  if b.kind == FRONT_MATTER and b.segments[0].label == "front matter: title"), None)
    return page(f"<article>\n{body}</article>", lang=res.lang, title=title or _title_of(article, texts))


def _text_rows(article: Article, res: Resolved,
               date: dt.date | None) -> tuple[list[tuple[str, str]], list[str], dt.date | None]:
    """A text article's edition as (block kind, text) rows, a date row added after the title
    when the article has none; also each block's text and the date shown."""
    texts = block_texts(article, res)
    date = date or article.date
    rows: list[tuple[str, str]] = [(b.kind, t) for b, t in zip(article.blocks, texts, strict=True)]
    if date is not None and not any(k == DATE for k, _ in rows):
        at = next((i + 1 for i, (k, _) in enumerate(rows) if k == TITLE), 0)
        rows.insert(at, (DATE, format_date(date, res.lang, res.date_format)))
    return rows, texts, date


def text_as_markdown(article: Article, res: Resolved, date: dt.date | None) -> str:
    """A text article's edition as Markdown: one paragraph (or heading, list item) per block."""
    rows, _, _ = _text_rows(article, res, date)
    md = {TITLE: "# ", HEADING: "## ", LIST_ITEM: "- "}
    return "\n\n".join(md.get(k, "") + _md_escape(" ".join(t.split())) for k, t in rows) + "\n"


def text_as_html(article: Article, res: Resolved, date: dt.date | None) -> str:
    """A text article's edition as an HTML page: one element per block."""
    rows, texts, date = _text_rows(article, res, date)
    out: list[str] = []
    in_list = False
    for kind, text in rows:
        if kind == LIST_ITEM and not in_list:
            out.append("<ul>")
        elif kind != LIST_ITEM and in_list:
            out.append("</ul>")
        in_list = kind == LIST_ITEM
        t = html.escape(" ".join(text.split()))
        out.append({
            BOILERPLATE: f"<nav>{t}</nav>", TITLE: f"<h1>{t}</h1>", HEADING: f"<h2>{t}</h2>",
            LIST_ITEM: f"<li>{t}</li>",
            DATE: f'<p class="date"><time datetime="{date.isoformat() if date else ""}">{t}</time></p>',
        }.get(kind, f"<p>{t}</p>"))
    if in_list:
        out.append("</ul>")
    return page("<article>\n" + "\n".join(out) + "\n</article>", lang=res.lang, title=_title_of(article, texts))


def language_name(lang: str) -> str:
    """The language's name in itself ("English", "中文"), for column headings."""
    from babel import Locale

    try:
        return Locale.parse(babel_locale(lang)).get_display_name(babel_locale(lang)) or LANGUAGES[lang]
    except (ValueError, LookupError):
        return LANGUAGES.get(lang, lang)


def _block_cells(article: Article, res: Resolved) -> list[str]:
    """Each block's text as inline HTML; sentences kept as source are marked for reviewers."""
    joins = joiner_edits(article, res)
    mark = res.lang != article.lang
    cells, i = [], 0
    for block in article.blocks:
        parts, pos = [], None
        for seg in block.segments:
            if pos is not None:
                gap = apply_edits(article.text, joins, pos, seg.start)
                parts.append(" " if gap and not gap.strip() else inline_html(gap, "text"))
            cell = inline_html(res.outputs[i], article.format)
            marked = mark and res.untranslated[i] and seg.translatable
            parts.append(f'<span class="untranslated">{cell}</span>' if marked else cell)
            pos, i = seg.end, i + 1
        cells.append("".join(parts))
    return cells


def render_bilingual(article: Article, po: polib.POFile | None, lang: str, *, date: dt.date | None = None,
                     allow_missing: bool = False, date_format: str | None = None) -> str:
    """A side-by-side page: the corrected source and the ``lang`` edition, one row per block
    (``date_format``: the edition column's date pattern; the source column keeps its locale's)."""
    source = resolve(article, None, article.lang, date=date)
    target = resolve(article, po, lang, date=date, allow_missing=allow_missing, date_format=date_format)
    left, right = _block_cells(article, source), _block_cells(article, target)
    date = date or article.date
    src_tag, tgt_tag = html_lang(article.lang), html_lang(lang)
    rows = [f'<div class="row head"><div lang="{src_tag}">{html.escape(language_name(article.lang))}</div>'
            f'<div lang="{tgt_tag}">{html.escape(language_name(lang))}</div></div>']
    wrap = {TITLE: ("<h1>", "</h1>"), HEADING: ("<h2>", "</h2>"), LIST_ITEM: ('<p class="li">• ', "</p>"),
            BOILERPLATE: ('<p class="crumb">', "</p>"), DATE: ('<p class="date">', "</p>")}
    previous = None
    blocks = [(blk.kind, src, tgt) for blk, src, tgt in zip(article.blocks, left, right, strict=True)]
    if date is not None and not any(b.kind == DATE for b in article.blocks):
        at = next((i + 1 for i, (kind, _, _) in enumerate(blocks) if kind == TITLE), 0)
        blocks.insert(at, (DATE, html.escape(format_date(date, article.lang)), html.escape(format_date(date, lang, date_format))))
    for kind, src, tgt in blocks:
        if (kind, src) == previous:  # an HTML page's <title> repeating its <h1>
            continue
        previous = (kind, src)
        a, b = wrap.get(kind, ("<p>", "</p>"))
        rows.append(f'<div class="row {kind}"><div class="cell src" lang="{src_tag}">{a}{src}{b}</div>'
                    f'<div class="cell tgt" lang="{tgt_tag}">{a}{tgt}{b}</div></div>')
    titles = [strip_tags(t) for kind, _, t in blocks if kind == TITLE]
    title = titles[-1] if titles else article.domain
    return page('<main class="bilingual">\n' + "\n".join(rows) + "\n</main>", lang=lang, title=title,
                extra_class="bilingual")


__all__ = ["language_name", "markdown_as_html", "markdown_as_markdown", "page", "render_bilingual", "strip_tags", "text_as_html",
           "text_as_markdown"]
