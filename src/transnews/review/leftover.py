"""Source-language text left in a translation: "培训班 was held in 厦门".

Into Chinese, a run of Latin words holding an ordinary lower-case English word is
reported; names ("Benjamin Ng", "Ignacio de Castro"), acronyms, glossary forms
(do-not-translate names such as "Boss & Young"), URLs, e-mail addresses, code,
markup and placeholders are no leftover. Into English, Chinese characters are.
A translation identical to its source is the ``identical`` check's, not this one's.
"""

from __future__ import annotations

import re

from ..text import LATIN, UNSPACED_CHARS, is_cjk_language, url_spans
from .findings import listing
from .terms import TermsCheck

# Lower-case words a name or a Chinese text keeps: name particles, units, loanwords.
KEPT_WORDS = frozenset("""
de da del della der den di du la le van von bin binti al el y
km kg cm mm ml mg kb mb gb tb kw kwh mhz ghz ppm pm am vs etc app
""".split())
_MASK = re.compile(r"`[^`\n]+`|<[^<>\n]*>|&#?\w+;|\]\([^)\s]*\)|\{[\w.]*\}|%(?:\d+\$)?[-+#0]*\d*(?:\.\d+)?[a-zA-Z]")
_LATIN_RUN = re.compile(f"[{LATIN}][{LATIN}'’-]*(?:[ \\t]+[{LATIN}0-9][{LATIN}0-9'’-]*)*")
_CJK_RUN = re.compile(f"[{UNSPACED_CHARS}]+")


def _masked(text: str, spans) -> str:
    chars = list(text)
    for a, b in spans:
        chars[a:b] = "\0" * (b - a)
    return "".join(chars)


def _english(run: str) -> bool:
    """Whether a Latin run reads as English prose: it holds a lower-case word that no name keeps."""
    words = re.split(r"[ \t]+", run)
    return any(len(w) > 1 and w.isalpha() and w.islower() and w not in KEPT_WORDS for w in words)


def leftovers(translation: str, src: str, tgt: str, spans=()) -> list[str]:
    """The source-language runs left in ``translation`` (``spans``: glossary forms to skip)."""
    from_cjk, into_cjk = is_cjk_language(src), is_cjk_language(tgt)
    if from_cjk == into_cjk:
        return []
    hidden = [*spans, *url_spans(translation, domains=True),
              *(m.span() for m in _MASK.finditer(translation))]
    text = _masked(translation, hidden)
    if into_cjk:
        return [m.group(0) for m in _LATIN_RUN.finditer(text) if _english(m.group(0))]
    return [m.group(0) for m in _CJK_RUN.finditer(text)]


class Leftover(TermsCheck):
    name, severity = "leftover", "warning"
    description = "source-language words left in the translation (English in Chinese, Chinese in English)"

    def run(self, entry, src, tgt):
        t = entry.msgstr
        if t.strip() == entry.msgid.strip():
            return []
        spans = self.terms.target_spans(t, tgt) if self.terms is not None else []
        runs = leftovers(t, src, tgt, spans)
        if not runs:
            return []
        lang = "Chinese" if is_cjk_language(src) else "English"
        return [(f"{lang} left in the translation: " + listing((repr(r) for r in runs), 5), None)]
