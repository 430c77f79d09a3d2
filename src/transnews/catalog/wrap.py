"""Line wrapping of PO strings the way GNU gettext writes them.

GNU ``msgcat``/``msgmerge`` break long strings at Unicode line-break
opportunities (UAX #14, as implemented by libunistring), count East Asian wide
characters as two columns and keep every line within 79 columns including the
keyword and quotes. polib only breaks at spaces, so a catalog loaded and saved
with polib would be rewrapped and every reviewer's diff would be noise. This is
our own implementation of that behaviour for the characters news catalogs use
(Latin, CJK, their punctuation); it is checked against ``msgcat`` output on
real catalogs in the tests.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

PAGE_WIDTH = 79

# Break actions of the pair table.
_D, _I, _P = 0, 1, 2  # direct break, break only after spaces, prohibited

_CLASSES = ("OP", "CL", "CP", "QU", "GL", "NS", "EX", "SY", "IS", "PR", "PO", "NU", "AL",
            "ID", "IN", "HY", "BA", "BB", "B2", "ZW", "WJ")
# Row: class before, column: class after (measured against libunistring 1.0).
_TABLE_ROWS = {
    "OP": "^^^^^^^^^^^^^^^^^^^^^",
    "CL": "_^^%%^^^^%%___%%%__^^",
    "CP": "_^^%%%^^^%%%%_%%%__^^",
    "QU": "^^^%%%^^^%%%%%%%%%%^^",
    "GL": "%^^%%%^^^%%%%%%%%%%^^",
    "NS": "_^^%%%^^^_____%%%__^^",
    "EX": "_^^%%%^^^_____%%%__^^",
    "SY": "_^^%%%^^^__%__%%%__^^",
    "IS": "_^^%%%^^^__%__%%%__^^",
    "PR": "%^^%%%^^^__%%%%%%__^^",
    "PO": "%^^%%%^^^__%%_%%%__^^",
    "NU": "%^^%%%^^^%%%%_%%%__^^",
    "AL": "%^^%%%^^^%%%%_%%%__^^",
    "ID": "_^^%%%^^^_%___%%%__^^",
    "IN": "_^^%%%^^^_____%%%__^^",
    "HY": "_^^%_%^^^__%__%%%__^^",
    "BA": "_^^%_%^^^_____%%%__^^",
    "BB": "%^^%%%^^^%%%%%%%%%%^^",
    "B2": "_^^%%%^^^_____%%%_^^^",
    "ZW": "___________________^_",
    "WJ": "%^^%%%^^^%%%%%%%%%%^^",
}
_SYM = {"_": _D, "%": _I, "^": _P}
_TABLE = {a: {b: _SYM[row[i]] for i, b in enumerate(_CLASSES)} for a, row in _TABLE_ROWS.items()}

_ASCII = {
    "\t": "BA", " ": "SP", "!": "EX", '"': "QU", "$": "PR", "%": "PO", "'": "QU", "(": "OP",
    ")": "CP", "+": "PR", ",": "IS", "-": "HY", ".": "IS", "/": "SY", ":": "IS", ";": "IS",
    "?": "EX", "[": "OP", "\\": "PR", "]": "CP", "{": "OP", "|": "BA", "}": "CL",
}
_OTHER = {
    "\u00a0": "GL", "\u00ab": "QU", "\u00bb": "QU", "\u00ad": "BA", "\u00b4": "BB", "\u00b0": "PO",
    "\u00a2": "PO", "\u00a3": "PR", "\u00a5": "PR", "\u00b1": "PR", "\u20ac": "PR", "\u2030": "PO",
    "\u2032": "PO", "\u2033": "PO", "\u2010": "BA", "\u2011": "GL", "\u2012": "BA", "\u2013": "BA",
    "\u2014": "B2", "\u2018": "QU", "\u2019": "QU", "\u201c": "QU", "\u201d": "QU", "\u2024": "IN",
    "\u2025": "IN", "\u2026": "IN", "\u2007": "GL", "\u202f": "GL", "\u200b": "ZW", "\u2060": "WJ",
    "\ufeff": "WJ", "\u3000": "BA", "\u3001": "CL", "\u3002": "CL", "\u3005": "NS", "\u301c": "NS",
    "\u30fb": "NS", "\u30fc": "NS", "\u30a0": "NS", "\u309b": "NS", "\u309c": "NS",
    "\u309d": "NS", "\u309e": "NS", "\u30fd": "NS", "\u30fe": "NS",
    "\uff01": "EX", "\uff1f": "EX", "\uff0c": "CL", "\uff0e": "CL", "\uff1a": "NS", "\uff1b": "NS",
    "\uff08": "OP", "\uff09": "CL", "\uff3b": "OP", "\uff3d": "CL", "\uff5b": "OP", "\uff5d": "CL",
    "\uff05": "PO", "\uff04": "PR", "\uffe5": "PR", "\uffe0": "PO", "\uffe1": "PR",
    "\u2e3a": "B2", "\u2e3b": "B2",
}
# CJK brackets U+3008..U+3011 and U+3014..U+301B alternate opening/closing.
for _cp in list(range(0x3008, 0x3012)) + list(range(0x3014, 0x301C)):
    _OTHER[chr(_cp)] = "OP" if _cp % 2 == 0 else "CL"
_OTHER["\u301d"], _OTHER["\u301e"], _OTHER["\u301f"] = "OP", "CL", "CL"
# Small kana are "conditional Japanese starters", resolved to NS outside CJK locales.
for _ch in "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ":
    _OTHER[_ch] = "NS"


@lru_cache(maxsize=4096)
def line_break_class(ch: str) -> str:
    """UAX #14 class of ``ch`` as resolved by libunistring for UTF-8 text (AI→AL, CJ→NS)."""
    if ch in _ASCII:
        return _ASCII[ch]
    if ch < "\x7f":
        if ch.isdigit():
            return "NU"
        return "AL" if ch >= " " else "CM"  # control characters attach like CM
    if ch in _OTHER:
        return _OTHER[ch]
    cat = unicodedata.category(ch)
    if cat == "Nd":
        return "NU"
    if cat in ("Mn", "Mc", "Me"):
        return "CM"
    if cat == "Zs":
        return "BA"
    if cat == "Ps":
        return "OP"
    if cat == "Pe":
        return "CL"
    if cat in ("Pi", "Pf"):
        return "QU"
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return "ID"
    return "AL"


def char_width(ch: str) -> int:
    """Display columns of ``ch`` (wide CJK = 2, combining = 0), like libunistring's uc_width."""
    if ch < "\x7f":
        return 1 if ch >= " " else 0
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me", "Cf") or ch == "\u200b":
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F") or "\u1100" <= ch <= "\u115f":
        return 2
    return 1


def possible_breaks(text: str) -> list[bool]:
    """For each character, whether a line may break just before it."""
    out = [False] * len(text)
    last = "BK"  # class of the last non-space character; BK = start of text
    seen_space = None  # index of the first space after the last non-space
    for i, ch in enumerate(text):
        cls = line_break_class(ch)
        if cls == "SP":
            if seen_space is None:
                seen_space = i
            continue
        if cls == "CM":
            # Combining marks stick to what precedes them.
            if last == "ZW":
                out[i] = True
                last = "AL"
            elif seen_space is not None:
                # After a space, a combining mark behaves like a letter.
                cls = "AL"
            else:
                continue
            if cls == "CM":
                continue
        if cls == "ZW":
            last, seen_space = "ZW", None
            continue
        if last == "BK":
            out[i] = False
        elif last == "ZW":
            out[i] = True
        elif cls == "OP" and last in ("AL", "NU") and char_width(ch) == 2:
            out[i] = True  # UAX #14 LB30: letters stick to "(" but not to full-width "（"
        else:
            action = _TABLE[last][cls]
            out[i] = action == _D or (action == _I and seen_space is not None)
        last, seen_space = cls, None
    return out


def width_breaks(text: str, width: int, start_column: int, no_break: set[int]) -> list[int]:
    """Indices where ``text`` must break so lines fit ``width`` columns (greedy, like GNU)."""
    # Columns only grow between breaks: text that fits whole needs none (most msgids do).
    if start_column + (len(text) if text.isascii() else sum(map(char_width, text))) <= width:
        return []
    possible = possible_breaks(text)
    chosen = []
    last_p = None
    last_column = start_column
    piece = 0
    for i, ch in enumerate(text):
        can = possible[i] and i not in no_break
        if can:
            if last_p is not None and last_column + piece > width:
                chosen.append(last_p)
                last_column = 0
            last_p = i
            last_column += piece
            piece = 0
        piece += char_width(ch)
    if last_p is not None and last_column + piece > width:
        chosen.append(last_p)
    return chosen


_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v",
            "\\": "\\", '"': '"'}


# Format directives GNU keeps on one line when the entry has the matching flag.
_DIRECTIVES = {
    "c-format": re.compile(r"%(?:\d+\$)?[-+ #0']*(?:\*(?:\d+\$)?|\d+)?(?:\.(?:\*(?:\d+\$)?|\d+))?"
                           r"(?:hh|h|ll|l|L|q|j|z|Z|t)?(?:<PRI\w+>|[diouxXeEfFgGaAcspnm%])"),
    "python-format": re.compile(r"%(?:\(\w+\))?[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]"),
    "python-brace-format": re.compile(r"\{[^{}]*\}"),
}


def directive_spans(value: str, flags) -> list[tuple[int, int]]:
    spans = []
    for flag, rx in _DIRECTIVES.items():
        if flag in flags:
            spans += [m.span() for m in rx.finditer(value)]
    return spans


def format_string(keyword: str, value: str, *, prefix: str = "", wrap: bool = True,
                  page_width: int = PAGE_WIDTH, flags=()) -> list[str]:
    """Lines for ``keyword "value"`` as GNU gettext writes them (``prefix`` e.g. ``#~ ``).

    ``flags`` are the entry's flags: with ``c-format`` etc. a line never breaks
    inside a format directive, as GNU does.
    """
    if value == "":
        return [f'{prefix}{keyword} ""']
    after_break = len(prefix) + 1  # continuation lines start with the prefix and a quote
    width = (page_width if wrap else 1 << 30) - 1 - after_break
    pieces = []  # logical lines: GNU always breaks after an embedded newline
    start = 0
    while start < len(value):
        nl = value.find("\n", start)
        end = len(value) if nl < 0 else nl + 1
        pieces.append(value[start:end])
        start = end
    inside = set()  # offsets in value that must not start a line
    for a, b in directive_spans(value, flags):
        inside.update(range(a + 1, b))
    lines: list[str] = []
    first = True
    offset = 0
    for k, piece in enumerate(pieces):
        esc = []
        no_break = set()
        for j, c in enumerate(piece):
            if offset + j in inside:
                no_break.add(len(esc))
            if c in _ESCAPES:
                no_break.add(len(esc) + 1)  # never between the backslash and its letter
                esc += ["\\", _ESCAPES[c]]
            else:
                esc.append(c)
        offset += len(piece)
        if piece.endswith("\n"):
            no_break.add(len(esc) - 2)  # never just before the final \n
        text = "".join(esc)
        while True:
            start_col = (len(prefix) + len(keyword) + 2 - after_break) if first else 0
            cuts = width_breaks(text, width, start_col, no_break)
            if first and text and (k < len(pieces) - 1 or cuts):
                # A string that does not fit on the keyword line starts with "".
                lines.append(f'{prefix}{keyword} ""')
                first = False
                continue
            break
        bounds = [0, *cuts, len(text)]
        for a, b in zip(bounds, bounds[1:], strict=False):  # pairwise
            if first:
                lines.append(f'{prefix}{keyword} "{text[a:b]}"')
                first = False
            else:
                lines.append(f'{prefix}"{text[a:b]}"')
    return lines
