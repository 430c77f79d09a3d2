"""Text and language facts every stage shares, each written once.

* which characters are CJK (regex class bodies, compiled patterns, predicates);
* language codes and tags: the Argos codes transnews accepts, and one parser for
  BCP 47 and locale forms (``en-US``, ``zh_Hant_HK``, ``zh-TW``…) with the locale,
  PO ``Language`` header and HTML/TMX tag each code is written as, and for Traditional
  Chinese the region an edition is for (zh_TW, zh_HK) with its OpenCC configuration;
* where URLs and e-mail addresses are (they pass every stage verbatim);
* month names;
* :class:`LineIndex`, the one offset ↔ line number table.

Abbreviations belong to sentence segmentation (:mod:`transnews.segment.rules`),
which fix and MT cleanup read.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import LanguageError

# --- CJK characters ---------------------------------------------------------------------------
# Regex class bodies (use inside "[...]"). Han: unified ideographs with extension A, the
# compatibility ideographs and every supplementary-plane block (extensions B–H and the
# compatibility supplement, U+20000–U+3FFFF).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
# Hiragana, katakana (with its phonetic extensions and the half-width forms).
KANA = "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"
# Hangul syllables and jamo (with the compatibility and half-width jamo).
HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\uffa0-\uffdc"
# Scripts written without spaces between words: Han and kana, not Hangul (Korean spaces its
# words). What MT cleanup joins, QA expects no space between, and word counts count singly.
UNSPACED_CHARS = HAN + KANA
# Any CJK letter, Hangul included: what Chinese/Japanese segmentation treats as CJK text.
CJK_CHARS = HAN + KANA + HANGUL
# Symbols and punctuation of East Asian text: radicals and ideographic description characters,
# CJK symbols and punctuation, bopomofo, kanbun, strokes, enclosed and compatibility forms,
# Yijing hexagrams, vertical and small forms, and the half-/full-width forms block.
CJK_SYMBOLS = "\u2e80-\u2fff\u3000-\u303f\u3100-\u312f\u3190-\u33ff\u4dc0-\u4dff\ufe30-\ufe4f\uff00-\uffef"
# Full-width punctuation (and the curly quotes, ellipsis, dash and middle dot Chinese sets the
# same way): it carries its own spacing, so no space belongs beside it.
FULLWIDTH_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’…—·"

CJK_RE = re.compile(f"[{CJK_CHARS}]")
UNSPACED_RE = re.compile(f"[{UNSPACED_CHARS}]")
FULLWIDTH_PUNCT_RE = re.compile(f"[{FULLWIDTH_PUNCT}]")
_EAST_ASIAN_RE = re.compile(f"[{CJK_CHARS}{CJK_SYMBOLS}]")


def is_cjk_char(ch: str) -> bool:
    """``ch`` is a Han, kana or Hangul letter ("" is not)."""
    return bool(ch) and CJK_RE.match(ch) is not None


def is_unspaced_char(ch: str) -> bool:
    """``ch`` is Han or kana: written with no space beside its neighbours."""
    return bool(ch) and UNSPACED_RE.match(ch) is not None


def is_fullwidth_punct(ch: str) -> bool:
    return bool(ch) and FULLWIDTH_PUNCT_RE.match(ch) is not None


def is_east_asian(ch: str) -> bool:
    """``ch`` belongs to East Asian text: a CJK letter or a CJK symbol/punctuation mark."""
    return bool(ch) and _EAST_ASIAN_RE.match(ch) is not None


def has_east_asian(text: str) -> bool:
    """``text`` holds at least one CJK letter or CJK symbol/punctuation mark."""
    return _EAST_ASIAN_RE.search(text) is not None


def has_cjk(text: str) -> bool:
    """``text`` holds at least one Han, kana or Hangul letter."""
    return CJK_RE.search(text) is not None


# Language codes and tags live in transnews.languages (their one home); re-exported here.
from .languages import (  # noqa: F401
    LANGUAGES,
    CJK_LANGUAGES,
    LanguageTag,
    parse_tag,
    is_language_tag,
    language_code,
    check_tag,
    check_language,
    check_target,
    target_locale,
    traditional_region,
    opencc_configs,
    is_cjk_language,
    babel_locale,
    po_language,
    html_lang,
    tmx_lang,
    language_name,
)


# --- URLs and e-mail addresses ----------------------------------------------------------------
# A URL starts with a scheme or "www." (not inside a Latin word) and runs to whitespace, a
# quote, an angle bracket or CJK/full-width punctuation; ``url_end`` then drops sentence
# punctuation after it and closing brackets it did not open ("(see https://x.org/a_(b))").
_URL_STOP = "\\s<>\"'`“”‘’\u3000-\u303f\uff00-\uffef"
URL = rf"(?<![A-Za-z0-9])(?i:(?:https?|ftp)://|www\.)[^{_URL_STOP}]+"
# Anchored at a token start, so a long run without "@" is scanned once (linear).
EMAIL = r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# A bare domain with a common top-level domain ("wipo.int", "ncac.gov.cn/x.html").
DOMAIN = (r"\b(?:[A-Za-z0-9-]+\.)+(?i:com|org|net|int|gov|edu|mil|info|biz|io|cn|hk|tw|uk|eu|jp|de|fr)\b"
          rf"(?:/[^{_URL_STOP}]*)?")
URL_TRAILING = frozenset(".,;:!?*_")
_BRACKETS = {")": "(", "]": "[", "}": "{"}
_URL_SCANNERS = {
    (emails, domains): re.compile("|".join(
        [f"(?P<url>{URL})"] + ([f"(?P<email>{EMAIL})"] if emails else [])
        + ([f"(?P<domain>{DOMAIN})"] if domains else [])))
    for emails in (False, True) for domains in (False, True)
}


def url_end(text: str, start: int, end: int) -> int:
    """Where the URL matched at ``text[start:end]`` really ends: without the sentence
    punctuation after it, nor a closing bracket it did not open."""
    while end > start:
        c = text[end - 1]
        if c in URL_TRAILING or (c in _BRACKETS
                                 and text.count(_BRACKETS[c], start, end) < text.count(c, start, end)):
            end -= 1
        else:
            break
    return end


def url_spans(text: str, start: int = 0, end: int | None = None, *, emails: bool = True,
              domains: bool = False) -> Iterator[tuple[int, int]]:
    """(start, end) of each URL in ``text[start:end]`` (and e-mail address, and bare domain
    when asked), trailing punctuation excluded."""
    scanner = _URL_SCANNERS[emails, domains]
    for m in scanner.finditer(text, start, len(text) if end is None else end):
        a, b = m.span()
        if m.lastgroup != "email":
            b = url_end(text, a, b)
        if b > a:
            yield a, b


# --- months -----------------------------------------------------------------------------------
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
# Lower-case month names and abbreviations → month number ("sept" too).
MONTHS: dict[str, int] = {
    **{name: i for i, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3]: i for i, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}
# Month abbreviations written with a period ("Jan.", "Sept."): "may" is a whole word.
MONTH_ABBREVIATIONS = frozenset(m for m in MONTHS if m not in _MONTH_NAMES)


# --- line numbers -----------------------------------------------------------------------------
_LINE_BREAK = re.compile(r"\r\n?|\n")


class LineIndex:
    """Line numbers of one text (1-based): the line breaks are found once, each lookup is
    a binary search (counting from the start per segment is quadratic).

    A line ends at "\\n", "\\r\\n" or a lone "\\r", as editors and markdown-it count
    them; ``newline_only`` counts "\\n" alone, as :class:`html.parser.HTMLParser` does.
    """

    def __init__(self, text: str, *, newline_only: bool = False) -> None:
        self.starts = [0]
        self._ends = []
        for m in re.finditer("\n", text) if newline_only else _LINE_BREAK.finditer(text):
            self._ends.append(m.start())
            self.starts.append(m.end())
        self._ends.append(len(text))

    def __len__(self) -> int:
        """Lines in the text; one ending in a line break has an empty last line."""
        return len(self.starts)

    def line(self, offset: int) -> int:
        """The line holding ``offset`` (a line break belongs to the line it ends)."""
        return bisect.bisect_right(self.starts, offset)

    def offset(self, line: int, column: int = 0) -> int:
        return self.starts[line - 1] + column

    def span(self, line: int) -> tuple[int, int]:
        """(start, end without the line break) of ``line``."""
        return self.starts[line - 1], self._ends[line - 1]


# --- script detection -------------------------------------------------------------------------
# Which script an article is written in, to catch a Chinese article run as English (or the
# reverse) before it is segmented by the wrong rules and sent to the wrong model.
# Latin letters: ASCII and the Latin-1 / Extended-A/B letters (é, ß, ł, ơ…).
LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
# Languages of LANGUAGES written in Latin script; zh/zt/ja are checked against CJK letters,
# the rest (Cyrillic, Arabic, Indic, Greek, Hebrew, Thai, Hangul) are not checked.
LATIN_SCRIPT_LANGUAGES = frozenset({
    "az", "ca", "cs", "da", "de", "en", "eo", "es", "et", "eu", "fi", "fr", "ga", "gl", "hu", "id",
    "it", "lt", "lv", "ms", "nb", "nl", "pl", "pt", "ro", "sk", "sl", "sq", "sv", "tl", "tr", "vi"})
# A CJK character carries about as much text as three Latin letters (roughly a word either
# way), so a bilingual page weighs about even and neither declaration is refused.
CJK_WEIGHT = 3
# Refuse only when the other script holds at least this share of the weighted letters, and
# only with enough letters to judge (a one-line title proves nothing).
MISMATCH_SHARE = 0.75
MIN_EVIDENCE = 20
# The first this many characters are evidence enough (a 50 MiB article is not scanned whole).
SCRIPT_SAMPLE = 200_000
_SCRIPTS_RE = re.compile(f"(?P<han>[{HAN}])|(?P<kana>[{KANA}])|(?P<hangul>[{HANGUL}])|(?P<latin>[{LATIN}])")
# Markup that may survive in plain text: tags and character references.
_MARKUP_RE = re.compile(r"<[^<>\n]{0,500}>|&#?\w{1,32};")


@dataclass(frozen=True)
class ScriptCounts:
    """Letters of each script in a text (URLs, e-mail addresses, markup, digits ignored)."""

    han: int = 0
    kana: int = 0
    hangul: int = 0
    latin: int = 0

    @property
    def cjk(self) -> int:
        return self.han + self.kana + self.hangul

    @property
    def weighted_cjk(self) -> int:
        return CJK_WEIGHT * self.cjk

    @property
    def weighted_total(self) -> int:
        return self.weighted_cjk + self.latin

    def cjk_language(self) -> str:
        """The CJK language these letters suggest: ja with kana, ko with Hangul, else zh."""
        if self.hangul > self.han + self.kana:
            return "ko"
        return "ja" if self.kana * 5 >= self.han + self.kana else "zh"


def count_scripts(text: str) -> ScriptCounts:
    """Han, kana, Hangul and Latin letters of ``text``, outside URLs, e-mail addresses,
    bare domains and markup tags/entities (which are Latin whatever the language)."""
    cut, pos = [], 0
    skip = sorted([*url_spans(text, domains=True), *(m.span() for m in _MARKUP_RE.finditer(text))])
    for a, b in skip:
        if a >= pos:
            cut.append(text[pos:a])
        pos = max(pos, b)
    cut.append(text[pos:])
    counts = dict.fromkeys(("han", "kana", "hangul", "latin"), 0)
    for m in _SCRIPTS_RE.finditer("".join(cut)):
        counts[m.lastgroup] += 1
    return ScriptCounts(**counts)


def script_mismatch(text: str, lang: str) -> tuple[str, ScriptCounts] | None:
    """(the language code the text's script suggests, the counts) when ``text`` is clearly not
    written in the script of ``lang`` (a code); None when it fits or cannot be judged."""
    counts = count_scripts(text[:SCRIPT_SAMPLE])
    total = counts.weighted_total
    if total < MIN_EVIDENCE:
        return None
    code = language_code(lang)
    if code in LATIN_SCRIPT_LANGUAGES and counts.weighted_cjk >= MISMATCH_SHARE * total:
        return counts.cjk_language(), counts
    if code in CJK_LANGUAGES and counts.latin >= MISMATCH_SHARE * total:
        return "en", counts
    return None


def check_script(text: str, lang: str, *, path=None, option: str = "--from") -> None:
    """Raise a one-line ``LanguageError`` naming the option to pass when ``text`` is clearly
    written in another script than ``lang``'s (a Chinese article given as English)."""
    found = script_mismatch(text, lang)
    if found is None:
        return
    code, c = found
    if code == "en":
        what, letters, more = "Latin-script text", f"{c.latin} Latin letters, {c.cjk} CJK characters", " (or its language)"
    else:
        what, letters, more = f"{_SCRIPT_NAMES[code]} text", f"{c.cjk} CJK characters, {c.latin} Latin letters", ""
    raise LanguageError(f"this article is {what} ({letters}), not {language_name(language_code(lang))}; "
                        f"pass {option} {code}{more}", path=path)


_SCRIPT_NAMES = {"zh": "Chinese", "ja": "Japanese", "ko": "Korean"}
