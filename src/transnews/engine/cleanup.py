"""Make raw MT output read like typeset text.

Detokenised MT output often has tokenizer spacing ("世界 知识 产权 组织 ( WIPO ) .",
"the WIPO , in 2021 .") and, for Chinese, ASCII punctuation. ``clean_output``
fixes spacing and, for Chinese/Japanese, punctuation width, while leaving
numbers ("1,500", "3.5", "10:30"), URLs, e-mail addresses and dotted
abbreviations ("U.S.", "e.g.") byte for byte as they were.
"""

from __future__ import annotations

import re

from ..segment.rules import COMPANY_FORMS, LATIN_IN_CJK, NAME_SUFFIXES
from ..text import CJK_LANGUAGES, EMAIL, FULLWIDTH_PUNCT, URL, UNSPACED_CHARS, url_end

# Han and kana are written without spaces between them (not Hangul: Korean uses spaces);
# full-width punctuation carries its own spacing, so no space belongs beside it.
_CJK_RE = re.compile(f"[{UNSPACED_CHARS}]")
_FW_RE = re.compile(f"[{FULLWIDTH_PUNCT}]")

# Spans that must pass through untouched. Order matters: URLs before e-mails before numbers.
_PROTECT = re.compile(
    f"(?P<url>{URL})|{EMAIL}"  # a URL's trailing punctuation is cut off in _mask
    r"|(?<!\d)\d+(?:[.,:/]\d+)+"  # 1,500 / 3.5 / 10:30 / 2021/07/09
    r"|(?<![^\W\d_])(?:[^\W\d_]\.){2,}"  # U.S. / e.g. / Ph.D.
    r"|\.{2,}|…+"  # ellipses stay as written
)
# Private-use code points stand in for protected spans while punctuation is rewritten.
_PUA_BASE = 0xF0000
_PLACEHOLDER = re.compile("[\U000f0000-\U000ffffd]")
_PUA_SIZE = 0xFFFE

_CJK_ELLIPSIS = re.compile(f"(?<=[{UNSPACED_CHARS}{FULLWIDTH_PUNCT}]) *(?:\\.{{3,}}|…+) *|(?:\\.{{3,}}|…+) *(?=[{UNSPACED_CHARS}])")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{UNSPACED_CHARS}]) +(?=[{UNSPACED_CHARS}])")
_SPACE_AROUND_FW = re.compile(f" +(?=[{FULLWIDTH_PUNCT}])|(?<=[{FULLWIDTH_PUNCT}]) +")

# Latin-script spacing: no space before closing punctuation / after opening brackets.
_SPACE_BEFORE = re.compile(r"[ ]+(?=[,.;:!?)\]}%](?!\.))")
_SPACE_BEFORE_FR = re.compile(r"[ ]+(?=[,.)\]}](?!\.))")  # French keeps spaces before ; : ! ? %
_SPACE_AFTER_OPEN = re.compile(r"(?<=[(\[{])[ ]+")
_SPACE_POSSESSIVE = re.compile(r"(?<=\w)[ ]+(?=['’]s\b)")
# "$ 1,500" → "$1,500" (the amount may be a protected placeholder).
_SPACE_AFTER_CURRENCY = re.compile("(?<=[$€£¥₹]) +(?=[\\d\U000f0000-\U000ffffd])")
# A sentence ending in an abbreviation takes no second period: "at 5 a.m. ." → "at 5 a.m."
_ABBREVIATION_STOP = re.compile(
    r"(?:(?<=\s)|(?<=^)|(?<=\())((?:[^\W\d_]\.){2,}|(?:etc|"
    + "|".join(sorted(w.capitalize() for w in COMPANY_FORMS | NAME_SUFFIXES)) + r")\.)\.(?![.\w])")

_ASCII_TO_FW = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def collapse_spaces(text: str) -> str:
    """Runs of spaces/tabs (incl. no-break and ideographic) become one space; lines are stripped."""
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()


def clean_output(text: str, lang: str) -> str:
    """MT output for ``lang`` with reader-ready spacing and punctuation."""
    if not text:
        return text
    masked, kept = _mask(text)
    masked = collapse_spaces(masked)
    if lang in CJK_LANGUAGES:
        out = _unmask(collapse_spaces(_clean_cjk(masked)), kept)
        # Chinese writes the ellipsis as two full-width "……", with no spaces around it.
        return _CJK_ELLIPSIS.sub("……", out)
    out = _unmask(collapse_spaces(_clean_latin(masked, lang)), kept)
    return _ABBREVIATION_STOP.sub(r"\1", out)


def _mask(text: str) -> tuple[str, list[str]]:
    kept: list[str] = []
    if _PLACEHOLDER.search(text):
        return text, kept  # input already uses the placeholder plane: clean without protection

    def repl(m: re.Match[str]) -> str:
        if len(kept) >= _PUA_SIZE:
            return m.group()  # out of placeholders (a huge input): leave the rest unprotected
        a, b = m.span()
        end = url_end(m.string, a, b) if m.lastgroup == "url" else b
        kept.append(m.string[a:end])
        # What follows a URL (its sentence's "." or "...") is masked like any other text.
        return chr(_PUA_BASE + len(kept) - 1) + (_PROTECT.sub(repl, m.string[end:b]) if end < b else "")

    return _PROTECT.sub(repl, text), kept


def _unmask(text: str, kept: list[str]) -> str:
    if not kept:
        return text
    return _PLACEHOLDER.sub(lambda m: kept[ord(m.group()) - _PUA_BASE], text)


def _clean_latin(text: str, lang: str) -> str:
    text = (_SPACE_BEFORE_FR if lang == "fr" else _SPACE_BEFORE).sub("", text)
    text = _SPACE_AFTER_OPEN.sub("", text)
    text = _SPACE_AFTER_CURRENCY.sub("", text)
    if lang == "en":
        text = _SPACE_POSSESSIVE.sub("", text)
    return text


def _is_cjk(c: str) -> bool:
    return bool(_CJK_RE.match(c))


def _is_fw(c: str) -> bool:
    return bool(_FW_RE.match(c))


def _neighbour(text: str | list[str], i: int, step: int) -> str:
    """The nearest non-space character from ``i`` in direction ``step`` ("" at the edges)."""
    j = i + step
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _clean_cjk(text: str) -> str:
    if not _CJK_RE.search(text):
        return _clean_latin(text, "en")  # a Latin-only string (a name, a code) in CJK output
    chars = list(text)
    # Brackets: convert a pair together, when it touches or contains CJK text.
    stack: list[int] = []
    for i, c in enumerate(text):
        if c == "(":
            stack.append(i)
        elif c == ")" and stack:
            o = stack.pop()
            inner = text[o + 1:i]
            if (_is_cjk(_neighbour(text, o, -1)) or _is_cjk(_neighbour(text, i, 1))
                    or _CJK_RE.search(inner) or _is_fw(_neighbour(text, i, 1))):
                chars[o], chars[i] = "（", "）"
    # Straight double quotes alternate open/close.
    opening = True
    for i, c in enumerate(text):
        if c == '"':
            chars[i] = "“" if opening else "”"
            opening = not opening
    for i, c in enumerate(text):
        if c in _ASCII_TO_FW:
            before, after = _neighbour(chars, i, -1), _neighbour(chars, i, 1)
            # In CJK text unless both sides are Latin ("Boss & Young, Attorneys at Law").
            if _is_cjk(before) or _is_cjk(after) or _is_fw(before) or _is_fw(after) or not after:
                chars[i] = _ASCII_TO_FW[c]
        elif c == "." and _period_is_final(chars, i):
            chars[i] = "。"
    out = "".join(chars)
    # No space between CJK characters, nor on either side of full-width punctuation.
    out = _SPACE_BETWEEN_CJK.sub("", out)
    out = _SPACE_AROUND_FW.sub("", out)
    # Remaining ASCII punctuation between Latin words keeps Latin spacing ("Boss & Young, LLP").
    return _clean_latin(out, "en")


def _period_is_final(chars: list[str], i: int) -> bool:
    """A "." that ends a Chinese sentence (or a clause followed by more CJK text)."""
    before, after = _neighbour(chars, i, -1), _neighbour(chars, i, 1)
    if after and not (_is_cjk(after) or _is_fw(after)):
        return False  # Latin text goes on: "Boss & Young. Ltd", a placeholder, a digit
    if not before.isascii() or not before.isalpha():
        return True  # after CJK, full-width punctuation, a digit or a protected span
    # After a Latin word: final unless the word is an abbreviation ("Apple Inc. 发布").
    j = i
    while j > 0 and chars[j - 1] == " ":
        j -= 1
    k = j
    while k > 0 and chars[k - 1].isascii() and chars[k - 1].isalpha():
        k -= 1
    return "".join(chars[k:j]).lower() not in LATIN_IN_CJK
