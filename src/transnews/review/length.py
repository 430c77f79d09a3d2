"""Is a translation as long as its source suggests? Like compared with like.

A Chinese character carries about as much as four English letters (news prose; 4.3 in
the example article), so lengths are compared in the target's own unit, after taking
out what is no translation at all:

* URLs and e-mail addresses, which both sides carry as written;
* glossary terms, whose length is fixed by the glossary (WIPO → 世界知识产权组织 is
  eight characters for four letters): recognised terms are taken out of the source and
  any concept form out of the translation;
* Latin text a Chinese translation keeps (names, numbers): it stands for as many letters
  of the source.
"""

from __future__ import annotations

import re

from ..text import LATIN, UNSPACED_RE, is_cjk_language, url_spans
from .terms import TermsCheck

LETTERS_PER_CJK_CHAR = 4.2  # English letters and digits per Chinese character (no spaces, no punctuation)
TOO_SHORT, TOO_LONG = 0.4, 2.5  # actual / expected beyond these is worth a look
MIN_CJK, MIN_LATIN = 8, 25  # below this on both sides there is too little to judge
_LATIN_CHAR = re.compile(f"[{LATIN}0-9]")


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for a, b in sorted(spans):
        if a >= pos:
            out.append(text[pos:a])
        pos = max(pos, b)
    return "".join(out) + text[pos:]


def _count(text: str) -> tuple[int, int]:
    """(CJK characters, Latin letters and digits) of ``text``."""
    return len(UNSPACED_RE.findall(text)), len(_LATIN_CHAR.findall(text))


def measure(source: str, translation: str, src: str, tgt: str, *, source_terms=(), target_terms=()
            ) -> tuple[int, float, str]:
    """(actual, expected, unit) of ``translation``, both in the target's unit: "Chinese
    characters" into Chinese, "letters" into English, "characters" within one script."""
    s_cjk, s_lat = _count(_without(source, [*source_terms, *url_spans(source, domains=True)]))
    t_cjk, t_lat = _count(_without(translation, [*target_terms, *url_spans(translation, domains=True)]))
    into_cjk, from_cjk = is_cjk_language(tgt), is_cjk_language(src)
    if into_cjk and not from_cjk:
        return t_cjk, max(0, s_lat - t_lat) / LETTERS_PER_CJK_CHAR, "Chinese characters"
    if from_cjk and not into_cjk:
        return t_lat, s_cjk * LETTERS_PER_CJK_CHAR + s_lat, "letters"
    return t_cjk + t_lat, float(s_cjk + s_lat), "characters"


class LengthRatio(TermsCheck):
    name, severity = "length", "warning"
    description = "translation much shorter or longer than its source suggests"

    def run(self, entry, src, tgt):
        t = entry.msgstr.strip()
        if not t:
            return []
        source_terms, target_terms = [], []
        if self.terms is not None:
            source_terms = [(m.start, m.end) for m in self.terms.matches(entry, src, tgt)]
            target_terms = self.terms.target_spans(t, tgt)
        actual, expected, unit = measure(entry.msgid, t, src, tgt, source_terms=source_terms,
                                         target_terms=target_terms)
        least = MIN_CJK if unit == "Chinese characters" else MIN_LATIN
        if max(actual, expected) < least:
            return []
        ratio = actual / max(expected, 1.0)
        if ratio < TOO_SHORT:
            return [(f"translation shorter than expected: {actual} {unit} for a source worth about "
                     f"{round(expected)} (left something out?)", None)]
        if ratio > TOO_LONG and actual >= least:
            return [(f"translation longer than expected: {actual} {unit} for a source worth about "
                     f"{round(expected)} (added or repeated something?)", None)]
        return []
