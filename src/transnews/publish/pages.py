"""HTML and Markdown pages built from an article's blocks: format conversion, and the
page shell and type shared with the bilingual review page (:mod:`.bilingual`)."""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from html.parser import HTMLParser

from ..model import BOILERPLATE, DATE, FRONT_MATTER, HEADING, LIST_ITEM, TITLE, Article
from .edition import Resolved, block_texts, format_date, html_lang, native_text
from .sanitize import sanitize_html, sanitize_markdown

# Type: a Latin stack for every language but Chinese, Japanese and Korean, which get their
# own CJK fonts. Each element with a ``lang`` picks its stack (what is inside inherits it, code
# keeps its monospace), so English in a Chinese page never falls back to a CJK font, whose
# curly quotes and apostrophes are full-width ("China’ s").
LATIN_FONTS = '"Noto Sans", "Segoe UI", "Helvetica Neue", "DejaVu Sans", "Liberation Sans", Arial, sans-serif'
CJK_FONTS = {
    "zh": '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei"',
    "zh-Hant": '"Noto Sans CJK TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei"',
    "zh-Hant-HK": '"Noto Sans CJK HK", "Source Han Sans HK", "PingFang HK", "Microsoft JhengHei"',
    "ja": '"Noto Sans CJK JP", "Source Han Sans JP", "Hiragino Sans", "Yu Gothic"',
    "ko": '"Noto Sans CJK KR", "Source Han Sans KR", "Apple SD Gothic Neo", "Malgun Gothic"',
}
# Narrower than this the bilingual page shows each row's translation under its source.
PHONE_WIDTH = "40rem"
CSS = f"""
body {{ margin: 0 auto; max-width: 72rem; padding: 1.5rem; line-height: 1.6; color: #1a1a1a;
       background: #fff; }}
html, [lang] {{ font-family: {LATIN_FONTS}; }}
""" + "".join(f"[lang]:lang({tag}) {{ font-family: {fonts}, sans-serif; }}\n" for tag, fonts in CJK_FONTS.items()) + f"""
a {{ color: #0b57d0; }}
nav, .crumb {{ color: #666; font-size: .9em; }}
.date {{ color: #555; }}
img {{ max-width: 100%; }}
.bilingual .row {{ display: grid; grid-template-columns: 1fr 1fr; gap: 2.5rem; align-items: start;
                  border-bottom: 1px solid #eee; }}
.bilingual .row > div {{ min-width: 0; overflow-wrap: anywhere; }}
.bilingual .head {{ font-weight: bold; color: #555; border-bottom: 2px solid #ccc; }}
.bilingual .metadata {{ font-size: .9em; color: #444; background: #f6f6f6; }}
.bilingual .metadata .key {{ font-weight: bold; color: #777; margin-right: .5em; }}
.bilingual table {{ border-collapse: collapse; margin: 1em 0; }}
.bilingual th, .bilingual td {{ border: 1px solid #ccc; padding: .2em .5em; text-align: left; }}
.bilingual pre {{ white-space: pre-wrap; background: #f6f6f6; padding: .5em; }}
.bilingual .untranslated {{ text-decoration: underline dashed #c60; }}
@media (max-width: {PHONE_WIDTH}) {{
  body {{ padding: .75rem; }}
  .bilingual .row {{ grid-template-columns: 1fr; gap: 0; }}
  .bilingual .row > .tgt {{ border-left: 3px solid #8ab4f8; padding-left: .6rem; margin-bottom: .6rem; }}
}}
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


@functools.lru_cache(maxsize=None)
def block_markdown():
    """The Markdown renderer of HTML editions and the bilingual page (tables on; raw HTML
    passes, to be sanitised after rendering)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


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
    from ..ingest.frontmatter import find_front_matter

    source = native_text(article, res, date)
    fm = find_front_matter(source)  # metadata, not body text (it would render as <hr> and <h2>)
    body = block_markdown().render(source[fm.end:] if fm else source)
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


__all__ = ["block_markdown", "markdown_as_html", "markdown_as_markdown", "page", "strip_tags", "text_as_html",
           "text_as_markdown"]
