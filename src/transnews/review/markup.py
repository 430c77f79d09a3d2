"""The markup of a msgid and its msgstr: tags, attributes and link targets, side by side.

One rule, used by ``check`` and by ``publish``: a translation may carry only markup its
source has — each tag (its name and attributes) no more often than the source has it,
and only link targets the source links to. What counts as markup depends on the
article's format, because that is what becomes live in the edition:

* text: URLs only (a URL a translation adds is still a link the source never had);
* Markdown: inline raw HTML, links, images, autolinks, reference definitions, URLs;
* HTML: tags, comments, declarations and URLs.

Attribute values are compared as written, except the human-readable ones a reviewer
translates (``alt``, ``title``…); URL-valued attributes are compared as link targets
(normalised, so ``jav&#x61;script:`` is ``javascript:``).
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import PurePath
from urllib.parse import unquote

# Attributes whose value is a URL (fetched or followed by a browser).
URL_ATTRS = frozenset({
    "href", "src", "action", "formaction", "srcset", "poster", "cite", "background", "data", "xlink:href",
    "longdesc", "lowsrc", "dynsrc", "ping", "manifest", "codebase", "usemap", "profile", "icon", "archive",
    "classid"})
# Attributes whose value is text for readers, which a translation translates.
TEXT_ATTRS = frozenset({"alt", "title", "aria-label", "aria-description", "placeholder", "label", "summary"})
# Browsers drop ASCII whitespace and control characters from URLs ("java\tscript:").
_URL_JUNK = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
# A Markdown reference definition: ``[label]: url`` at a line start (block level).
_REF_DEF = re.compile(r"(?m)^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)")

# (name, attributes): "/a" for an end tag, "!--" for a comment, "!" for a declaration.
Tag = tuple[str, tuple[tuple[str, str | None], ...]]


def link_key(url: str) -> str:
    """A link target as compared: entities and %-escapes decoded, whitespace and control
    characters dropped, the scheme lower-cased."""
    s = _URL_JUNK.sub("", unquote(html.unescape(url)))
    m = _SCHEME.match(s.lower())
    return m.group(0) + s[m.end():] if m else s


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in ``url`` ("javascript"), None for a relative URL."""
    m = _SCHEME.match(link_key(url).lower())
    return m.group(1) if m else None


def describe_tag(tag: Tag) -> str:
    name, attrs = tag
    if name == "!--":
        return "<!--…-->"
    if name == "!":
        return f"<!{attrs[0][1] if attrs else ''}>"
    shown = "".join(f" {k}" if v is None else f' {k}="{v}"' for k, v in attrs)
    return f"<{name}{shown}>"


class _Tags(HTMLParser):
    """Collects the tags of an HTML fragment and the link targets of their attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[Tag] = Counter()
        self.links: set[str] = set()
        self.raw: set[str] = set()

    def handle_starttag(self, tag, attrs):
        sig = []
        for k, v in attrs:
            if k in URL_ATTRS and v is not None:
                self.links.add(link_key(v))
                v = link_key(v)
            sig.append((k, None if k in TEXT_ATTRS else v))
        self.tags[(tag, tuple(sorted(sig, key=lambda kv: (kv[0], kv[1] or ""))))] += 1
        self.raw.add(self.get_starttag_text() or "")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)  # <br/> is <br>: no end tag

    def handle_endtag(self, tag):
        self.tags[("/" + tag, ())] += 1

    def handle_comment(self, data):
        self.tags[("!--", (("", data),))] += 1

    def handle_decl(self, decl):
        self.tags[("!", (("", decl),))] += 1

    handle_pi = handle_unknown_decl = handle_decl

    def read(self, text: str) -> None:
        try:
            self.feed(text)
            self.close()
        except AssertionError:  # html.parser gives up on some "<![" forms: count the rest as one
            self.tags[("!", (("", text[self.getpos()[1]:][:40]),))] += 1
        self.reset()


@dataclass(frozen=True)
class Markup:
    """What in one string becomes markup or a link in an edition."""

    tags: Counter = field(default_factory=Counter)  # Tag → how often
    links: frozenset[str] = frozenset()  # link_key of each target
    raw: frozenset[str] = frozenset()  # start tags exactly as written


@dataclass(frozen=True)
class MarkupDiff:
    """What a translation has that its source does not."""

    tags: tuple[str, ...] = ()  # tags the source has none of: "<script>"
    attributes: tuple[str, ...] = ()  # 'onmouseover="x" on <a>'
    links: tuple[str, ...] = ()  # link targets

    def __bool__(self) -> bool:
        return bool(self.tags or self.attributes or self.links)

    def message(self) -> str:
        parts = []
        if self.tags:
            parts.append("tag(s) " + ", ".join(self.tags))
        if self.attributes:
            parts.append("attribute(s) " + ", ".join(self.attributes))
        if self.links:
            parts.append("link target(s) " + ", ".join(self.links))
        return "translation adds markup its source does not have: " + "; ".join(parts)


@functools.lru_cache(maxsize=1)
def _md():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    md.validateLink = lambda url: True  # see every target, javascript: included
    return md


def _bare_urls(text: str) -> set[str]:
    """URLs written out in the text. A Chinese sentence runs on after a URL without a space,
    so a URL ends at the first non-ASCII character here."""
    from ..text import url_spans

    return {link_key(re.split(r"[^\x00-\x7f]", text[a:b], maxsplit=1)[0])
            for a, b in url_spans(text, emails=False)}


def _markdown_inline(text: str, tags: _Tags) -> None:
    for tok in _md().parseInline(text)[0].children or ():
        if tok.type == "html_inline":
            tags.read(tok.content)
        elif tok.type == "link_open":
            tags.links.add(link_key(str(tok.attrs.get("href", ""))))
        elif tok.type == "image":
            tags.links.add(link_key(str(tok.attrs.get("src", ""))))
    tags.links.update(link_key(m.group(1)) for m in _REF_DEF.finditer(text))


def markup_of(text: str, fmt: str | None) -> Markup:
    """The markup of ``text`` read as ``fmt`` ("text", "markdown", "html"; None: Markdown,
    which sees inline HTML as well)."""
    tags = _Tags()
    if fmt == "html":
        tags.read(text)
    elif fmt != "text":
        _markdown_inline(text, tags)
    links = tags.links | _bare_urls(text)
    return Markup(tags=tags.tags, links=frozenset(links), raw=frozenset(tags.raw))


def _attribute_news(tag: Tag, source: Markup) -> list[str]:
    """The attributes of ``tag`` that no source tag of its name has (URL values apart:
    they are compared as link targets)."""
    name, attrs = tag
    known = {a for (n, src_attrs) in source.tags for a in src_attrs if n == name}
    known_names = {k for k, _ in known}
    return [f'{k}="{v}" on <{name}>' if v is not None else f"{k} on <{name}>" for k, v in attrs
            if (k, v) not in known and not (k in URL_ATTRS and k in known_names)]


def compare(msgid: str, msgstr: str, fmt: str | None) -> MarkupDiff:
    """What ``msgstr`` adds to the markup of ``msgid`` (empty: nothing)."""
    a, b = markup_of(msgid, fmt), markup_of(msgstr, fmt)
    links = b.links - a.links
    names = {n for n, _ in a.tags}
    tags, attributes = [], []
    for tag in b.tags - a.tags:
        if tag[0] not in names:
            tags.append(describe_tag(tag) if tag[0].startswith("!") else f"<{tag[0]}>")
            continue
        news = _attribute_news(tag, a)
        if not news and not any(k in URL_ATTRS and v in links for k, v in tag[1]):
            news = [f"one more {describe_tag(tag)}"]  # the same tag, more often than in the source
        attributes += news
    return MarkupDiff(tags=tuple(dict.fromkeys(tags)), attributes=tuple(dict.fromkeys(attributes)),
                      links=tuple(sorted(links)))


def entry_format(entry) -> str | None:
    """The article format an entry came from (its ``#:`` references), None when unknown."""
    from ..ingest import detect_format

    for ref, _ in getattr(entry, "occurrences", None) or ():
        return detect_format(PurePath(ref))
    return None


__all__ = ["Markup", "MarkupDiff", "TEXT_ATTRS", "URL_ATTRS", "compare", "describe_tag", "entry_format",
           "link_key", "markup_of", "url_scheme"]
