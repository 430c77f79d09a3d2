"""Keeping editions safe: no markup or link a source did not have, no live script.

Three guards, one per way markup reaches an edition:

* :func:`refuse_added_markup` — a translation may carry only the tags, attributes and
  link targets of its msgid (:func:`transnews.review.markup.compare`, the rule ``check``
  reports); publishing refuses an entry that adds any (``QualityError``, its ``.po``
  line), for every format, because a reviewer must look at it, not a filter.
* :func:`restrict_html` — in an HTML edition a translation's tags are re-emitted only
  when the msgid has the same tag; any other ``<`` is escaped, so nothing in a msgstr is
  ever inserted raw.
* :func:`sanitize_html` and :func:`sanitize_markdown` — Markdown editions (and the
  bilingual page) keep an allowlist of tags and attributes and only http(s), mailto
  and relative links: a Markdown source's own raw HTML (``<script>``, ``onerror=``,
  ``javascript:``) is dropped unless the publisher asks to keep it
  (``publish --allow-raw-html``). An HTML article is a whole page its publisher made:
  its own markup is kept as written.

The sanitiser rebuilds its output from what :class:`html.parser.HTMLParser` parsed:
text is escaped, allowed tags are written anew with escaped attribute values, so
nothing it did not understand passes through.
"""

from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser

from ..errors import QualityError
from ..review.markup import Markup, compare, markup_of, url_scheme

# Tags kept, with the attributes each may have (besides GLOBAL_ATTRS).
ALLOWED = {
    **{t: frozenset() for t in (
        "p", "em", "strong", "b", "i", "u", "s", "del", "ins", "code", "pre", "kbd", "samp", "var", "sub",
        "sup", "small", "mark", "q", "cite", "abbr", "span", "div", "ul", "li", "dl", "dt", "dd", "table",
        "thead", "tbody", "tfoot", "tr", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br",
        "hr", "figure", "figcaption", "article", "section", "main", "header", "footer", "nav")},
    "a": frozenset({"href"}), "img": frozenset({"src", "alt", "width", "height"}),
    "ol": frozenset({"start"}), "td": frozenset({"colspan", "rowspan"}), "th": frozenset({"colspan", "rowspan"}),
    "time": frozenset({"datetime"}), "code": frozenset({"class"}),  # markdown-it: class="language-x"
}
GLOBAL_ATTRS = frozenset({"title", "lang", "dir"})
# Void elements of HTML: no end tag (none written), nothing inside (nothing to drop).
VOID = frozenset({"area", "base", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link", "meta",
                  "param", "source", "track", "wbr"})
# Dropped with everything inside them (scripts, styles, embedded documents and vector images).
DROP_CONTENT = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "template", "noscript",
    "noembed", "noframes", "svg", "math", "textarea", "select", "xmp", "plaintext", "title", "head"})
# Link schemes kept (a relative link has none).
SAFE_SCHEMES = {"href": frozenset({"http", "https", "mailto"}), "src": frozenset({"http", "https"})}


def safe_url(value: str, attr: str = "href") -> bool:
    """``value`` is a relative link or uses a scheme allowed for ``attr`` (no javascript:,
    vbscript:, data:, file:… however spelt: entities, case, tabs)."""
    scheme = url_scheme(value)
    return scheme is None or scheme in SAFE_SCHEMES.get(attr, frozenset())


def _start_tag(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    kept = []
    for k, v in attrs:
        if k not in GLOBAL_ATTRS and k not in ALLOWED[tag]:
            continue
        if k in SAFE_SCHEMES and not safe_url(v or "", k):
            continue
        kept.append(f' {k}="{html.escape(v or "", quote=True)}"')
    return f"<{tag}{''.join(kept)}>"


class _Sanitizer(HTMLParser):
    def __init__(self, markdown: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.markdown = markdown
        self.out: list[str] = []
        self.dropping: list[str] = []  # open DROP_CONTENT elements

    def handle_starttag(self, tag, attrs):
        if tag in DROP_CONTENT:
            if tag not in VOID:
                self.dropping.append(tag)
        elif not self.dropping and tag in ALLOWED:
            self.out.append(_start_tag(tag, attrs))

    def handle_startendtag(self, tag, attrs):
        if tag not in DROP_CONTENT:  # <script/> has no content to drop
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self.dropping:
            if tag in self.dropping:
                del self.dropping[len(self.dropping) - 1 - self.dropping[::-1].index(tag):]
        elif tag in ALLOWED and tag not in VOID:
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.dropping:
            text = data.replace("&", "&amp;").replace("<", "&lt;")
            # In Markdown source ">" is a block quote's marker (and harmless in HTML).
            self.out.append(text if self.markdown else text.replace(">", "&gt;"))
    # Comments, declarations and processing instructions are dropped (no handlers).


def sanitize_html(markup: str, *, markdown: bool = False) -> str:
    """``markup`` with only allowlisted tags, attributes and link schemes; text escaped
    (``markdown``: raw HTML inside Markdown source, whose ">" may be Markdown's)."""
    parser = _Sanitizer(markdown)
    try:
        parser.feed(markup)
        parser.close()
    except AssertionError:  # html.parser gives up on some "<![" forms: keep none of it as markup
        return html.escape(markup, quote=False)
    return "".join(parser.out)


# ------------------------------------------------------------------ Markdown editions


@functools.lru_cache(maxsize=1)
def _md():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    md.validateLink = lambda url: True  # find every link, to judge it here
    md.disable("text_join")  # escapes and entities as their own tokens (their source form)
    return md


class _Unaligned(Exception):
    """A token's source could not be found in the block (a construct this walk does not know)."""


@functools.lru_cache(maxsize=256)
def _needle(literal: str) -> re.Pattern:
    # A token spanning lines has "\n" where the file may have "\r\n" or "\r", and not the
    # next line's block quote marker or indentation (tabs read as spaces).
    return re.compile(re.sub(r"\\\n(?:\\ )*",
                             lambda m: r"(?:\r\n?|\n)" + (r"[ \t>]*" if m.end() < len(m.string) else ""),
                             re.escape(literal)))


def _find(block: str, literal: str, start: int) -> tuple[int, int]:
    """Span of the first ``literal`` at or after ``start`` (line breaks in any style)."""
    m = _needle(literal).search(block, start)
    if m is None:
        raise _Unaligned(literal)
    return m.span()


def _target_end(block: str, i: int, kind: str, attr: str, url: str, refs) -> int:
    """End of the ``(url "title")`` or ``[label]`` after a link's or image's ``]`` at ``i - 1``.
    A reference link may be followed by a "(" that is only text: the part is the link's
    own only if it parses as a target giving ``url``."""
    from markdown_it.common.utils import normalizeReference

    from ..ingest.markdown import _dest_end

    end = _dest_end(block, i)
    if block.startswith("[", i):  # [text][label]: the label's if it names a definition
        label = block[i + 1:end - 1]
        return end if not label or normalizeReference(label) in refs else i
    if block.startswith("(", i):
        probe = ("![x]" if kind == "image" else "[x]") + block[i:end]
        toks = _md().parseInline(probe)[0].children or []
        if not (toks and toks[0].type == kind and toks[0].attrs.get(attr) == url):
            return i
    return end


def _inline_edits(children, block: str, refs) -> list[tuple[int, int, str]]:
    """Edits within one block's source that sanitise its inline raw HTML and drop unsafe
    links (their text kept), images and autolinks. Tokens are found in order, as the
    ingest's :func:`~transnews.ingest.markdown.inline_pieces` finds them."""
    from ..ingest.markdown import _bracket_end

    edits, cur, links, in_auto = [], 0, [], False
    for k, tok in enumerate(children):
        t = tok.type
        if in_auto:
            in_auto = t != "link_close"
        elif t in ("text", "text_special"):
            lit = tok.content if t == "text" else tok.markup
            cur = _find(block, lit, cur)[1] if lit else cur
        elif t in ("softbreak", "hardbreak"):
            cur = _find(block, "\n", cur)[1]
        elif t == "code_inline":
            cur = _find(block, tok.markup, _find(block, tok.markup, cur)[1])[1]
        elif t == "html_inline":
            p, cur = _find(block, tok.content, cur)
            edits.append((p, cur, sanitize_html(tok.content, markdown=True)))
        elif t == "image":
            p = _find(block, "![", cur)[0]
            src = str(tok.attrs.get("src", ""))
            cur = _target_end(block, _bracket_end(block, p + 1), "image", "src", src, refs)
            if not safe_url(src, "src"):
                edits.append((p, cur, ""))
        elif t == "link_open" and tok.info == "auto":
            inner = children[k + 1].content if k + 1 < len(children) else ""
            p, cur = _find(block, f"<{inner}>", cur)
            in_auto = True
            if not safe_url(str(tok.attrs.get("href", ""))):
                edits.append((p, p + 1, "\\<"))  # literal text, no longer a link
        elif t == "link_open":
            p = _find(block, "[", cur)[0]
            links.append((p, str(tok.attrs.get("href", ""))))
            cur = p + 1
        elif t == "link_close":
            p = _find(block, "]", cur)[0]
            start, href = links.pop()
            cur = _target_end(block, p + 1, "link_open", "href", href, refs)
            if not safe_url(href):  # the link goes, its text stays
                edits += [(start, start + 1, ""), (p, cur, "")]
        elif tok.markup:  # emphasis and strong: their delimiters
            cur = _find(block, tok.markup, cur)[1]
    return edits


def _sanitize_once(text: str) -> str:
    from ..ingest.markdown import _front_matter_lines
    from ..text import LineIndex
    from .edition import apply_edits

    lines = LineIndex(text)
    skip = _front_matter_lines(text)  # metadata, not Markdown: copied as it is
    edits, env = [], {}
    for tok in _md().parse(text, env):
        if tok.map is None or tok.map[0] < skip or tok.type not in ("html_block", "inline"):
            continue
        a, b = lines.offset(tok.map[0] + 1), lines.span(tok.map[1])[1]
        if tok.type == "html_block":
            edits.append((a, b, sanitize_html(text[a:b], markdown=True)))
            continue
        try:
            edits += [(a + s, a + e, new) for s, e, new in _inline_edits(tok.children or (), text[a:b], env.get("references", {}))]
        except _Unaligned:
            raise QualityError("cannot tell this Markdown's links and raw HTML apart to make them safe; "
                               "check it and publish with --allow-raw-html", line=tok.map[0] + 1) from None
    return apply_edits(text, [e for e in edits if text[e[0]:e[1]] != e[2]])


_PASSES = 8


def sanitize_markdown(text: str) -> str:
    """A Markdown edition with its raw HTML sanitised and unsafe link, image and autolink
    targets removed; everything else byte for byte.

    Removing markup can change how the rest parses (an unclosed ``<!--`` no longer swallows
    the lines after it), so passes repeat until one changes nothing: what is returned is
    safe as a whole, not just as first parsed.
    """
    for _ in range(_PASSES):
        clean = _sanitize_once(text)
        if clean == text:
            return text
        text = clean
    raise QualityError("this Markdown's raw HTML does not settle when sanitised; check it and publish "
                       "with --allow-raw-html")


# ------------------------------------------------------------------ translations


def refuse_added_markup(article, res, po_path=None) -> None:
    """``QualityError`` naming the first catalog entry whose translation adds tags,
    attributes or link targets to its msgid (``res.used``: the entries the edition uses)."""
    bad = [(entry, diff) for _, entry in res.used
           if (diff := compare(entry.msgid, entry.msgstr, article.format))]
    if not bad:
        return
    entry, diff = bad[0]
    more = f" (and {len(bad) - 1} more entries: lines {', '.join(str(e.linenum) for e, _ in bad[1:6])})" \
        if len(bad) > 1 else ""
    raise QualityError(f"{diff.message()}{more}; correct the translation (transnews check lists them)",
                       path=po_path, line=entry.linenum or None)


class _Restricted(HTMLParser):
    """Re-emits an HTML translation: a tag only where its msgid has the same tag (as the
    msgid wrote it), every other ``<`` escaped."""

    def __init__(self, source: Markup) -> None:
        super().__init__(convert_charrefs=False)
        self.source, self.left, self.out = source, source.tags.copy(), []

    def _tag(self, sig, markup: str, raw: str) -> None:
        """``markup`` when the msgid has one more tag ``sig`` to give, else ``raw`` as text."""
        if self.left[sig] > 0:
            self.left[sig] -= 1
            self.out.append(markup)
        else:
            self.out.append(html.escape(raw, quote=False))

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text() or ""
        sig = next(iter(markup_of(raw, "html").tags), None)
        # As the msgid wrote it; else rebuilt from what was parsed (a translated alt=).
        self._tag(sig, raw if raw in self.source.raw else _rebuilt(tag, attrs, raw), raw)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self._tag(("/" + tag, ()), f"</{tag}>", f"</{tag}>")

    def handle_comment(self, data):
        self._tag(("!--", (("", data),)), f"<!--{data}-->", f"<!--{data}-->")

    def handle_decl(self, decl):
        self._tag(("!", (("", decl),)), f"<!{decl}>", f"<!{decl}>")

    handle_pi = handle_unknown_decl = handle_decl

    def handle_data(self, data):
        self.out.append(data.replace("<", "&lt;"))

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")


def _rebuilt(tag: str, attrs, raw: str) -> str:
    quoted = "".join(f" {k}" if v is None else f' {k}="{html.escape(v, quote=True)}"' for k, v in attrs)
    return f"<{tag}{quoted}{' /' if raw.rstrip().endswith('/>') else ''}>"


def restrict_html(msgstr: str, msgid: str) -> str:
    """``msgstr`` for an HTML edition: only the tags of ``msgid`` are markup, the rest text."""
    parser = _Restricted(markup_of(msgid, "html"))
    try:
        parser.feed(msgstr)
        parser.close()
    except AssertionError:  # html.parser gives up on some "<![" forms: all of it is text
        return html.escape(msgstr, quote=False)
    return "".join(parser.out)


def secure_outputs(article, res, po_path=None) -> None:
    """Refuse translations that add markup; in an HTML edition, re-emit each translation
    with only its msgid's tags (in ``res.outputs``)."""
    refuse_added_markup(article, res, po_path)
    if article.format == "html":
        segs = article.segments
        for i, _ in res.used:
            if res.outputs[i] != segs[i].source:  # the source sentence itself: kept as written
                res.outputs[i] = restrict_html(res.outputs[i], segs[i].text)


__all__ = ["ALLOWED", "DROP_CONTENT", "refuse_added_markup", "restrict_html", "safe_url", "sanitize_html",
           "sanitize_markdown", "secure_outputs"]
