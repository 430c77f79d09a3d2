"""Catalog statistics: entries and words per review state.

Words are counted in the source (msgid), as translators are paid: for Latin
script, whitespace-separated tokens; every CJK character (Han, kana) counts as
one word, since Chinese has no spaces and we do not segment (no jieba).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import polib

from ..catalog.entries import has_translation
from ..text import UNSPACED_RE as _CJK_CHAR  # Han and kana: one word per character


def count_words(text: str) -> int:
    cjk = len(_CJK_CHAR.findall(text))
    rest = _CJK_CHAR.sub(" ", text)
    return cjk + len([w for w in rest.split() if any(ch.isalnum() for ch in w)])


@dataclass
class CatalogStats:
    path: str
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0
    translated_words: int = 0
    fuzzy_words: int = 0
    untranslated_words: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent_translated(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    def as_dict(self) -> dict:
        d = asdict(self)
        d["total"] = self.total
        d["percent_translated"] = round(self.percent_translated, 1)
        return d


def catalog_stats(po: polib.POFile, path: str | Path) -> CatalogStats:
    st = CatalogStats(str(path))
    for e in po:
        if e.msgid == "" and not e.obsolete:
            continue
        if e.obsolete:
            st.obsolete += 1
            continue
        words = count_words(e.msgid)
        has = has_translation(e)
        if has and "fuzzy" in e.flags:
            st.fuzzy += 1
            st.fuzzy_words += words
        elif has:
            st.translated += 1
            st.translated_words += words
        else:
            st.untranslated += 1
            st.untranslated_words += words
    return st
