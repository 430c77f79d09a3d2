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
from functools import lru_cache

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


# --- language codes and tags ------------------------------------------------------------------
# The codes of the Argos Translate package index: ISO 639-1, plus "zt" for Traditional Chinese.
LANGUAGES: dict[str, str] = {
    "ar": "Arabic", "az": "Azerbaijani", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan",
    "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician", "he": "Hebrew",
    "hi": "Hindi", "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese",
    "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "ms": "Malay", "nb": "Norwegian Bokmål",
    "nl": "Dutch", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian", "sv": "Swedish", "th": "Thai",
    "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
    "zh": "Chinese (Simplified)", "zt": "Chinese (Traditional)",
}
# Languages written without spaces between words (segmentation, joining, cleanup, QA).
CJK_LANGUAGES = frozenset({"zh", "zt", "ja"})

# ISO 639-2/3 codes seen in glossary and TMX files for the glossary's languages.
_ALIASES = {"eng": "en", "zho": "zh", "chi": "zh", "cmn": "zh"}
# Without a script subtag, Chinese of these regions is Traditional (zh-TW, zh-HK, zh_MO).
_TRADITIONAL_REGIONS = frozenset({"TW", "HK", "MO"})
_SCRIPTS = {"zh": "Hans", "zt": "Hant"}
_DEFAULT_REGION = {"zh": "CN", "zt": "TW", "nb": "NO"}
# OpenCC configurations of a Traditional edition, by region: (for Simplified MT output,
# phrase-level: 软件 → 軟體 in Taiwan, 軟件 in Hong Kong; for Traditional MT output, the
# region's character standard only). Other regions get the plain Traditional standard.
_OPENCC = {"TW": ("s2twp", "t2tw"), "HK": ("s2hk", "t2hk")}
_OPENCC_OTHER = ("s2t", None)
_PRIMARY = re.compile(r"[A-Za-z]{2,3}")
_SUBTAG = re.compile(r"[A-Za-z0-9]{2,8}")


@dataclass(frozen=True)
class LanguageTag:
    """A parsed language tag: the internal (Argos) ``code`` plus what else the tag said.

    ``zh-Hant-TW`` → code "zt", script "Hant", region "TW"; ``en_US`` → "en", region "US".
    Every stage works with ``code``; region and script only shape the locale names below.
    """

    code: str
    region: str | None = None
    script: str | None = None

    @property
    def known(self) -> bool:
        return self.code in LANGUAGES

    def babel_locale(self) -> str:
        """Locale for babel (plural forms, dates): "zh_Hans_CN", "zh_Hant_HK", "en_US", "en"."""
        lang, script = ("zh", _SCRIPTS[self.code]) if self.code in _SCRIPTS else (self.code, None)
        region = self.region or _DEFAULT_REGION.get(self.code)
        return "_".join(p for p in (lang, script, region) if p)

    def po_language(self) -> str:
        """The PO ``Language`` header: "zh_CN", "zh_TW", "zh_HK", "en_US", "en"."""
        if self.code in _SCRIPTS:
            return f"zh_{self.region or _DEFAULT_REGION[self.code]}"
        return f"{self.code}_{self.region}" if self.region else self.code

    def html_lang(self) -> str:
        """BCP 47 for a ``lang`` attribute: script subtags so browsers pick CJK fonts."""
        if self.code in _SCRIPTS:
            return "-".join(p for p in ("zh", _SCRIPTS[self.code], self.region) if p)
        return f"{self.code}-{self.region}" if self.region else self.code

    def tmx_lang(self) -> str:
        """``xml:lang`` in TMX exports: "zh-CN", "zh-TW", "en"."""
        if self.code in _SCRIPTS:
            return f"zh-{self.region or _DEFAULT_REGION[self.code]}"
        return f"{self.code}-{self.region}" if self.region else self.code

    @property
    def locale_dir(self) -> str:
        """The folder of a catalog, ``locales/<locale_dir>/LC_MESSAGES``, and the target a run,
        catalog and edition are keyed by: the code itself ("en", "zh"), but a Traditional
        edition keeps its region ("zh_TW", "zh_HK"): each region has its own terminology."""
        return self.po_language() if self.code == "zt" else self.code

    @property
    def traditional_region(self) -> str | None:
        """The region of a Traditional Chinese tag ("TW" by default); None for other languages."""
        return (self.region or _DEFAULT_REGION["zt"]) if self.code == "zt" else None

    def opencc_configs(self) -> tuple[str, str | None] | None:
        """(config for Simplified MT output, config for Traditional MT output) of a
        Traditional edition: ("s2twp", "t2tw") for Taiwan, ("s2hk", "t2hk") for Hong Kong;
        None for other languages."""
        region = self.traditional_region
        return None if region is None else _OPENCC.get(region, _OPENCC_OTHER)


@lru_cache(maxsize=512)
def _parse(tag: str) -> tuple[LanguageTag, bool]:
    """(the tag, whether it is well formed). Subtags split on "-" or "_": a 2–3 letter
    language, then a 4-letter script, a 2-letter or 3-digit region and variants, in any
    case; anything else makes the tag malformed (still parsed as far as it goes)."""
    primary, *rest = re.split(r"[-_]", tag.strip())
    ok = bool(_PRIMARY.fullmatch(primary)) and all(_SUBTAG.fullmatch(p) for p in rest)
    script = region = None
    for sub in rest:
        if len(sub) == 4 and sub.isalpha() and script is None and region is None:
            script = sub.title()
        elif region is None and ((len(sub) == 2 and sub.isalpha()) or (len(sub) == 3 and sub.isdigit())):
            region = sub.upper()
    code = _ALIASES.get(primary.lower(), primary.lower())
    if code == "zh" and (script == "Hant" or (script is None and region in _TRADITIONAL_REGIONS)):
        code = "zt"
    return LanguageTag(code, region, script), ok


def parse_tag(tag: str) -> LanguageTag:
    """The tag for a well-formed BCP 47 or locale string, known language or not; raises
    ``LanguageError`` for a malformed one ("english", "en-", "zh--TW")."""
    parsed, ok = _parse(tag)
    if not ok:
        raise LanguageError(f"malformed language tag {tag!r}")
    return parsed


def is_language_tag(text: str) -> bool:
    """``text`` is shaped like a language tag ("en", "zh-CN", "zh_Hant_HK"): for headers."""
    return _parse(text)[1]


def language_code(tag: str) -> str:
    """The internal code of a tag, leniently (glossary and TMX files): "EN-us" → "en",
    "zh-Hans" → "zh", "zh-TW"/"zh-Hant"/"zh-HK" → "zt", "eng" → "en"; an unknown
    language keeps its lower-cased primary subtag; never raises."""
    return _parse(tag)[0].code


def check_tag(code: str, *, option: str = "language") -> LanguageTag:
    """The parsed tag of a language transnews supports, or a one-line error listing valid codes."""
    parsed, ok = _parse(code)
    if not ok or not parsed.known:
        raise LanguageError(f"unknown {option} code {code!r}; valid codes: {', '.join(sorted(LANGUAGES))}")
    return parsed


def check_language(code: str, *, option: str = "language") -> str:
    """The internal code of a supported language ("en-US" → "en", "zh-Hant-TW" → "zt"),
    or a one-line error listing valid codes."""
    return check_tag(code, option=option).code


def check_target(tag: str, *, option: str = "--to") -> str:
    """The target of a run, catalog or edition for a supported tag: "zh-CN" → "zh",
    "en-US" → "en", "zh-TW"/"zh-Hant-TW"/"zt" → "zh_TW", "zh-HK" → "zh_HK" (see
    :attr:`LanguageTag.locale_dir`); a one-line error for an unknown or malformed tag."""
    return check_tag(tag, option=option).locale_dir


def target_locale(tag: str) -> str:
    """:func:`check_target`, leniently (a catalog's ``Language`` header or folder); never raises."""
    return _parse(tag)[0].locale_dir


def traditional_region(tag: str) -> str | None:
    """"TW", "HK"… for a Traditional Chinese tag or target ("zh_HK", "zt" → "TW"), else None."""
    return _parse(tag)[0].traditional_region


def opencc_configs(tag: str) -> tuple[str, str | None] | None:
    return _parse(tag)[0].opencc_configs()


def is_cjk_language(code: str) -> bool:
    """``code`` (a code or tag) is written without spaces between words: zh, zt, ja."""
    return language_code(code) in CJK_LANGUAGES


def babel_locale(code: str) -> str:
    return _parse(code)[0].babel_locale()


def po_language(code: str) -> str:
    return _parse(code)[0].po_language()


def html_lang(code: str) -> str:
    return _parse(code)[0].html_lang()


def tmx_lang(code: str) -> str:
    return _parse(code)[0].tmx_lang()


def language_name(code: str) -> str:
    """English name of a code or target ("zt", "zh_TW" → "Chinese (Traditional)"), the code
    itself when unknown."""
    return LANGUAGES.get(code) or LANGUAGES.get(language_code(code), code)


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
