"""printf-style and brace placeholders, compared as msgfmt compares them.

GNU ``msgfmt -c`` lets a translation reorder a C format's arguments with positional
specifications (``%s of %s`` → ``%2$s的%1$s``): what must match is which argument each
specification takes and its type, not the order in which they are written. Python's
named ``%(name)s`` and brace ``{name}`` / ``{0}`` placeholders match by name.
"""

from __future__ import annotations

import re
from collections import Counter

# No space flag and not right after a digit: "14% cases" is prose, not "% c".
PRINTF = re.compile(r"(?<![\d%])%(?:(\d+)\$|\((\w+)\))?[-+#0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
                    r"(?:hh|h|ll|l|L|q|j|z|t)?([sdifuxXoeEgGcrp])")
BRACE = re.compile(r"\{([A-Za-z_][\w.]*|\d+)\}")
# Conversions msgfmt takes as one argument type.
_TYPES = {"i": "d", "u": "x", "X": "x", "o": "x", "e": "f", "E": "f", "g": "f", "G": "f", "F": "f"}


def printf_args(text: str) -> Counter:
    """{(argument, type): count}: the n-th unnumbered specification takes argument n."""
    out: Counter = Counter()
    n = 0
    for m in PRINTF.finditer(text):
        pos, name, conv = m.groups()
        if name is None and pos is None:
            n += 1
        key = name if name is not None else int(pos) if pos is not None else n
        out[key, _TYPES.get(conv, conv)] += 1
    return out


def printf_specs(text: str) -> list[str]:
    return [m.group(0) for m in PRINTF.finditer(text)]


def brace_args(text: str) -> Counter:
    return Counter(BRACE.findall(text))


def brace_specs(text: str) -> list[str]:
    return [m.group(0) for m in BRACE.finditer(text)]


def printf_differs(source: str, translation: str) -> bool:
    """Whether the translation takes other printf arguments, or with other types, than the
    source (a reordered or repeated positional form takes the same ones)."""
    a, b = printf_args(source), printf_args(translation)
    return set(a) != set(b)


def without_placeholders(text: str) -> str:
    """``text`` with its printf and brace placeholders replaced by a space."""
    return BRACE.sub(" ", PRINTF.sub(" ", text))
