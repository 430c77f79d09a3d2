"""Find glossary terms in a segment: leftmost-longest, inflection- and spelling-tolerant.

English: each term becomes a regular expression that accepts a plural last word
("Treaties", "organizations"), -ise/-ize spellings, hyphen/space variants and
curly apostrophes; possessives ("WIPO's") match because the term ends before the
apostrophe. Acronyms are case-sensitive; other terms follow the concept's case
rule. Chinese: plain substring search (no word boundaries in CJK), book-title
marks 《》 optional. Overlaps are resolved longest-first, so "WIPO Office in
China" wins over "WIPO"; "Full Name (ABBR)" is one occurrence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import TermMatch
from .concept import EN, ZH, Concept, lang_family

_APOS = "['\u2019]"
_HYPHENS = "-\u2010\u2011\u2013"
_WORD_SEP_FOR_SPACE = rf"(?:\s*[{_HYPHENS}]\s*|\s+)"  # "audio visual" ~ "audio-visual"
_WORD_SEP_FOR_HYPHEN = rf"(?:\s*[{_HYPHENS}]\s*|\s+|)"  # "e-mail" ~ "e mail" ~ "email"
_IZE = re.compile(r"i([sz])(e|es|ed|ing|ation|ations|ational)$", re.IGNORECASE)
_BOOK = "《》"


def _word_regex(word: str, *, last: bool, abbr: bool) -> str:
    if abbr:
        return re.escape(word) + ("s?" if last else "")
    stem = word
    suffix = ""
    m = _IZE.search(stem)
    if m:  # organization / organisation
        stem, suffix = stem[: m.start()], "i[sz]" + re.escape(m.group(2))
    body = "".join(_APOS if ch in "'\u2019" else re.escape(ch) for ch in stem) + suffix
    if not last:
        return body
    if suffix:
        return body + "s?"
    low = word.lower()
    if len(low) > 2 and low.endswith("y") and low[-2] not in "aeiou":
        return re.escape(word[:-1]) + "(?:y|ies|Y|IES)"
    if low.endswith(("s", "x", "z", "ch", "sh")):
        return body + "(?:es)?"
    return body + "s?"


def english_pattern(form: str, *, abbr: bool = False) -> str:
    parts = re.split(rf"(\s+|[{_HYPHENS}])", form.strip())
    words, seps = parts[0::2], parts[1::2]
    out = []
    for i, word in enumerate(words):
        last = i == len(words) - 1
        out.append(_word_regex(word, last=last, abbr=abbr))
        if not last:
            out.append(_WORD_SEP_FOR_SPACE if seps[i].isspace() else _WORD_SEP_FOR_HYPHEN)
    return "".join(out)


@dataclass(frozen=True)
class _Form:
    concept: Concept
    regex: re.Pattern | None  # None: plain substring (Chinese)
    text: str


class Matcher:
    """Term recogniser for one source language, built once per glossary."""

    def __init__(self, concepts: Iterable[Concept], lang: str) -> None:
        self.lang = lang_family(lang)
        self.forms: list[_Form] = []
        self._brackets: dict[str, re.Pattern] = {}
        for c in concepts:
            for form in c.forms(self.lang):
                self.forms.append(self._compile(c, form))
            alts = [english_pattern(f, abbr=f in c.abbr) for f in c.en + c.abbr]
            alts += [re.escape(f.strip(_BOOK)) for f in (c.zh, *c.zh_variants) if f]
            if alts:
                # "Full Name (ABBR)" / "全称（WIPO）": the bracketed form is the same occurrence.
                self._brackets[c.id] = re.compile(
                    r"[ \t]*[(（][ \t]*《?(?:" + "|".join(alts) + r")》?[ \t]*[)）]",
                    0 if c.case_sensitive else re.IGNORECASE)

    def _compile(self, c: Concept, form: str) -> _Form:
        latin = not any(_is_cjk(ch) for ch in form)
        if self.lang == ZH and not latin:
            return _Form(c, None, form.strip(_BOOK))
        abbr = form in c.abbr
        flags = 0 if (abbr or c.case_sensitive) else re.IGNORECASE
        if self.lang == ZH:  # Latin names inside Chinese text: ASCII boundaries only
            rx = rf"(?<![A-Za-z0-9]){re.escape(form)}(?![A-Za-z0-9])"
        else:
            rx = rf"(?<!\w){english_pattern(form, abbr=abbr)}(?!\w)"
        return _Form(c, re.compile(rx, flags), form)

    def candidates(self, text: str) -> list[tuple[int, int, Concept]]:
        found = []
        for f in self.forms:
            if f.regex is None:
                start = text.find(f.text)
                while start != -1:
                    found.append((start, start + len(f.text), f.concept))
                    start = text.find(f.text, start + 1)
            else:
                found.extend((m.start(), m.end(), f.concept) for m in f.regex.finditer(text))
        out = []
        for start, end, c in found:
            if start > 0 and end < len(text) and text[start - 1] == "《" and text[end] == "》":
                start, end = start - 1, end + 1
            br = self._brackets.get(c.id)
            if br is not None:
                m = br.match(text, end)
                if m:
                    end = m.end()
            out.append((start, end, c))
        return out

    def find(self, text: str) -> list[tuple[int, int, Concept]]:
        """Non-overlapping occurrences, longest first, then leftmost; returned in text order."""
        chosen: list[tuple[int, int, Concept]] = []
        taken = bytearray(len(text) + 1)
        for start, end, c in sorted(set(self.candidates(text)), key=lambda t: (t[0] - t[1], t[0], t[2].id)):
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, c))
        return sorted(chosen, key=lambda t: t[0])

    def recognize(self, text: str, tgt: str) -> list[TermMatch]:
        out = []
        for start, end, c in self.find(text):
            found = text[start:end]
            target = c.target(tgt, found)
            if target is None:
                continue
            out.append(TermMatch(concept_id=c.id, text=found, start=start, end=end,
                                 target=target, dnt=c.dnt))
        return out


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FFFF or 0x3000 <= o <= 0x303F \
        or 0xFF00 <= o <= 0xFFEF


def default_target_lang(lang: str) -> str:
    return ZH if lang_family(lang) == EN else EN
