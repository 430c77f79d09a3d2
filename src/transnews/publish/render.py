"""An edition in the output format asked for: the format registry, the review policy and
:func:`publish_edition`.

Above :mod:`.edition` (segments resolved and spliced into the source, the article's own
format) and :mod:`.pages` (pages built from blocks): the registry says which of them
makes each (article format, output format) pair.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import polib

from ..errors import InputError, QualityError
from ..model import Article, Segment
from .convert import as_text, html_as_markdown
from .edition import Resolved, describe, native_text, resolve
from .pages import markdown_as_html, markdown_as_markdown, text_as_html, text_as_markdown
from .sanitize import secure_outputs

# Output formats: name → (file extension, the names ``--format`` accepts for it).
_FORMATS = {"text": ("txt", ("txt", "text")), "markdown": ("md", ("md", "markdown")),
            "html": ("html", ("html", "htm"))}
FORMAT_ALIASES = {alias: name for name, (_, aliases) in _FORMATS.items() for alias in aliases}
EXTENSIONS = {name: ext for name, (ext, _) in _FORMATS.items()}
# (article format, output format) → renderer: every article format publishes to every
# output format (structure is added going text → Markdown → HTML, and taken back to
# blocks the other way).
RENDERERS: dict[tuple[str, str], Callable[[Article, Resolved, dt.date | None], str]] = {
    ("text", "text"): native_text, ("text", "markdown"): text_as_markdown, ("text", "html"): text_as_html,
    ("markdown", "text"): as_text, ("markdown", "markdown"): markdown_as_markdown,
    ("markdown", "html"): markdown_as_html,
    ("html", "text"): as_text, ("html", "markdown"): html_as_markdown, ("html", "html"): native_text,
}
# What each article format can be published as.
OUTPUTS = {src: tuple(out for s, out in RENDERERS if s == src) for src in _FORMATS}


@dataclass
class Edition:
    """One published edition and how much of it is translated."""

    text: str
    lang: str
    fmt: str  # "text" | "markdown" | "html"
    total: int  # translatable segments (boilerplate and generated dates not counted)
    translated: int
    fallback: list[Segment] = field(default_factory=list)  # untranslated/fuzzy: source text used
    missing: list[Segment] = field(default_factory=list)  # not in the catalog at all

    @property
    def percent(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.translated / self.total

    def summary(self) -> dict:
        def seg(s: Segment) -> dict:
            return {"line": s.line, "kind": s.kind, "text": s.text}

        return {"lang": self.lang, "format": self.fmt, "total": self.total, "translated": self.translated,
                "percent": round(self.percent, 1), "fallback": [seg(s) for s in self.fallback],
                "missing": [seg(s) for s in self.missing]}


def check_policy(ed: Edition, *, strict: bool, min_translated: float | None, where=None) -> None:
    """Refuse an edition that review has not finished (``--strict``, ``--min-translated``)."""
    if strict and ed.fallback:
        raise QualityError(f"--strict: {len(ed.fallback)} of {ed.total} segment(s) are untranslated or "
                           f"fuzzy: {describe(ed.fallback)}", path=where)
    if min_translated is not None and ed.percent + 1e-9 < min_translated:
        raise QualityError(f"only {ed.percent:.1f}% of segments are translated ({ed.translated}/{ed.total}); "
                           f"--min-translated is {min_translated:g}%", path=where)


def publish_edition(article: Article, po: polib.POFile | None, *, lang: str, fmt: str | None = None,
                    strict: bool = False, min_translated: float | None = None,
                    date: dt.date | None = None, allow_missing: bool = False,
                    allow_raw_html: bool = False, keep_comments: bool = False,
                    date_format: str | None = None) -> Edition:
    """Build the ``lang`` edition of ``article`` in ``fmt`` (default: the article's format).

    A translation that adds tags, attributes or links to its msgid is refused
    (``QualityError``); a Markdown article's own raw HTML is sanitised unless
    ``allow_raw_html`` (see :mod:`.sanitize`); an HTML article's comments are dropped
    from its HTML edition unless ``keep_comments``.

    Raises ``StaleCatalogError`` when segments are missing from the catalog (unless
    ``allow_missing``), ``QualityError`` when ``strict``/``min_translated`` refuse, and
    ``InputError`` for an output format the article cannot be published as.
    """
    name = FORMAT_ALIASES.get((fmt or article.format).lower())
    if name is None:
        raise InputError(f"unknown edition format {fmt!r}; choose one of {', '.join(EXTENSIONS.values())}")
    render = RENDERERS.get((article.format, name))
    if render is None:
        raise InputError(f"a {article.format} article cannot be published as {name}; choose "
                         f"{' or '.join(EXTENSIONS[f] for f in OUTPUTS[article.format])}", path=article.path)
    if min_translated is not None and not 0 <= min_translated <= 100:
        raise InputError(f"--min-translated must be a percentage between 0 and 100, not {min_translated:g}")
    res = resolve(article, po, lang, date=date, allow_missing=allow_missing, date_format=date_format)
    where = getattr(po, "fpath", None) if po is not None and lang != article.lang else article.path
    ed = Edition(text="", lang=lang, fmt=name, total=res.total, translated=res.translated,
                 fallback=res.fallback, missing=res.missing)
    check_policy(ed, strict=strict, min_translated=min_translated, where=where)
    secure_outputs(article, res, where)
    if allow_raw_html and article.format == "markdown" and name != "text":
        render = functools.partial(render, raw_html=True)
    if keep_comments and (article.format, name) == ("html", "html"):
        render = functools.partial(render, keep_comments=True)
    ed.text = render(article, res, date)
    return ed
