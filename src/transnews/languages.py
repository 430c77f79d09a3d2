"""Language codes and tags: which languages transnews knows, how a tag ("zh-Hant-TW",
"en_US", "zt") maps to the internal Argos code, and the locale names each stage writes
(babel, PO ``Language``, HTML ``lang``, TMX ``xml:lang``, catalog folders).

Kept apart from :mod:`transnews.text` (character classes, URLs, scripts) because reading
a project file or a command's ``--to`` needs only this, and compiling text's large
character-class patterns costs more than Python's start-up (``transnews translate``'s
unchanged re-run decides before any of them is needed). :mod:`transnews.text`
re-exports every name, so either import works; this module is their one home.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .errors import InputError, LanguageError

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


def check_pair(src: str, tgt: str) -> tuple[str, str]:
    """(source code, target): the target keeps a Traditional edition's region ("zh_TW")."""
    src, tgt = check_language(src, option="--from"), check_target(tgt, option="--to")
    if src == language_code(tgt) or {src, language_code(tgt)} <= {"zh", "zt"}:
        raise InputError(f"--from {src!r} and --to {tgt!r} are the same language")
    return src, tgt
