"""Language codes transnews accepts (those of the Argos Translate package index)."""

from __future__ import annotations

from .errors import LanguageError

# Argos uses ISO 639-1 codes; "zt" is its code for Traditional Chinese.
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

# Languages written without spaces between words (segmentation, joining, cleanup).
CJK = frozenset({"zh", "zt", "ja"})

# Locale for babel (plural forms, dates) and the PO Language header.
_LOCALES = {"zh": "zh_Hans_CN", "zt": "zh_Hant_TW", "nb": "nb_NO"}
_PO_LANGUAGE = {"zh": "zh_CN", "zt": "zh_TW"}


def check_language(code: str, *, option: str = "language") -> str:
    """Return the normalised code or raise a one-line error listing valid codes."""
    norm = code.strip().lower().replace("_", "-")
    norm = {"zh-cn": "zh", "zh-hans": "zh", "zh-tw": "zt", "zh-hant": "zt"}.get(norm, norm)
    if norm not in LANGUAGES:
        raise LanguageError(f"unknown {option} code {code!r}; valid codes: {', '.join(sorted(LANGUAGES))}")
    return norm


def is_cjk(code: str) -> bool:
    return code in CJK


def babel_locale(code: str) -> str:
    return _LOCALES.get(code, code)


def po_language(code: str) -> str:
    return _PO_LANGUAGE.get(code, code)


# Han (with extension A and compatibility ideographs) and kana, as a regex class body:
# what QA and word counts treat as CJK text.
CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff"
