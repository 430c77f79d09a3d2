"""Find glossary terms in a segment: leftmost-longest, inflection- and spelling-tolerant.

English: each term becomes a regular expression that accepts a plural last word
("Treaties", "organizations"), -ise/-ize spellings, hyphen/space variants and
curly apostrophes; possessives ("WIPO's") match because the term ends before the
apostrophe. Acronyms are case-sensitive; other terms follow the concept's case
rule. Chinese: plain substring search (no word boundaries in CJK), book-title
marks 《》 optional. Overlaps are resolved longest-first, so "WIPO Office in
China" wins over "WIPO"; "Full Name (ABBR)" is one occurrence. Of two terms on
the same span, one whose context word is in the sentence wins, then the exact
spelling ("Director-General" 总干事 over "Director General" 司长).

A source matcher (``source=True``, what :class:`~.store.Glossary` builds) applies
the glossary's source-side rules; the verifier's matcher of target texts does not:

- Chinese forms listed in ``zh_target_only`` (批准, 许可) are never recognised;
- a Chinese variant written with 《》 is recognised only inside 《》 (《著作权法》
  is the Copyright Law, 著作权法律制度 is not);
- an ``ambiguous`` form is enforced only in context: the article also uses one of
  the concept's other forms — a bare "IP" counts once "intellectual property"
  appears, and an abbreviation the article defines, "Full Name (ABBR)", counts
  only when the full name is the concept's — or the sentence holds one of the
  concept's ``context`` words. Elsewhere it is recognised with ``enforced=False``:
  left to MT and shown to the reviewer. The article is seen once, by
  :meth:`Matcher.article_context`; without it a segment is its own article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from ..model import TermMatch
from ..text import has_east_asian  # a form with East Asian text is matched as Chinese
from .automaton import ASCII_WORDS, WORDS, FormIndex
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


def english_pattern(form: str, *, abbr: bool = False, rest_any_case: bool = False) -> str:
    """``rest_any_case``: words after the first match in any case ("Madrid system")."""
    parts = re.split(rf"(\s+|[{_HYPHENS}])", form.strip())
    words, seps = parts[0::2], parts[1::2]
    out = []
    for i, word in enumerate(words):
        last = i == len(words) - 1
        rx = _word_regex(word, last=last, abbr=abbr)
        out.append(f"(?i:{rx})" if rest_any_case and i > 0 else rx)
        if not last:
            out.append(_WORD_SEP_FOR_SPACE if seps[i].isspace() else _WORD_SEP_FOR_HYPHEN)
    return "".join(out)


@dataclass(frozen=True)
class _Form:
    concept: Concept
    text: str
    substring: bool  # Chinese: found anywhere; else a Latin pattern bounded by words
    ambiguous: bool = False  # enforced only in context (source matchers only)
    seps: str = ""  # the form's word separators, for preferring the exact spelling
    ascii_bounds: bool = False  # Latin name inside Chinese text: ASCII boundaries only

    @cached_property
    def regex(self) -> re.Pattern:
        # Built on first use: a big glossary's forms mostly never occur.
        c, form = self.concept, self.text
        if self.substring:
            return re.compile(re.escape(form))
        abbr = form in c.abbr
        flags = 0 if (abbr or c.case_sensitive) else re.IGNORECASE
        if self.ascii_bounds:
            return re.compile(rf"(?<![A-Za-z0-9]){re.escape(form)}(?![A-Za-z0-9])", flags)
        return re.compile(rf"(?<!\w){english_pattern(form, abbr=abbr, rest_any_case=c.first_word_case)}(?!\w)",
                          flags)


@dataclass(frozen=True)
class ArticleContext:
    """What a whole article settles: the concepts whose ambiguous forms it makes
    unambiguous (it defines the abbreviation or uses another form of the concept)."""

    settled: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Settler:
    """How an article settles one concept's ambiguous forms."""

    full: re.Pattern | None  # the concept's unambiguous forms
    defined: re.Pattern | None  # "(ABBR)" for its ambiguous abbreviations
    full_before: re.Pattern | None  # a full form right before such a bracket


def _seps(text: str) -> str:
    return "".join("-" if ch in _HYPHENS else " " for ch in re.sub(r"\s+", " ", text)
                   if ch == " " or ch in _HYPHENS)


class Matcher:
    """Term recogniser for one source language, built once per glossary."""

    def __init__(self, concepts: Iterable[Concept], lang: str, *, source: bool = False,
                 approved: bool = False) -> None:
        """``approved``: approved forms only, no Chinese variants (the verifier's matcher of
        target texts): as if built from the concepts with ``zh_variants=()``, without copying
        every concept of a big glossary to say so."""
        self.lang = lang_family(lang)
        self.source = source
        self.approved = approved and not source
        self.forms: list[_Form] = []
        self._index: FormIndex[_Form] = FormIndex(ASCII_WORDS if self.lang == ZH else WORDS)
        self._brackets: dict[str, re.Pattern | None] = {}
        self._context: dict[str, re.Pattern] = {}
        self._settlers: dict[str, _Settler] = {}
        from ..cache import gc_paused

        with gc_paused():  # a big glossary: tens of thousands of forms at once
            for c in concepts:
                for form in self._forms_of(c):
                    f = self._compile(c, form)
                    self.forms.append(f)
                    self._index.add(f.text, f, substring=f.substring)
                if source and c.ambiguous:
                    self._rules(c)

    def _forms_of(self, c: Concept) -> tuple[str, ...]:
        if self.source:
            return c.source_forms(self.lang)
        return c.forms(self.lang, variants=not self.approved)

    def _bracket(self, c: Concept) -> re.Pattern | None:
        """"Full Name (ABBR)" / "全称（WIPO）": the bracketed form is the same occurrence."""
        if c.id not in self._brackets:
            alts = [english_pattern(f, abbr=f in c.abbr, rest_any_case=c.first_word_case) for f in c.en + c.abbr]
            alts += [re.escape(f.strip(_BOOK)) for f in (c.zh, *(() if self.approved else c.zh_variants)) if f]
            self._brackets[c.id] = re.compile(
                r"[ \t]*[(（][ \t]*《?(?:" + "|".join(alts) + r")》?[ \t]*[)）]",
                0 if c.case_sensitive else re.IGNORECASE) if alts else None
        return self._brackets[c.id]

    def _compile(self, c: Concept, form: str) -> _Form:
        ambiguous = self.source and form in c.ambiguous
        if self.lang == ZH and has_east_asian(form):
            # A short title variant (《著作权法》) only counts with its marks in a source.
            marks = self.source and form in c.zh_variants and form.startswith("《")
            return _Form(c, form if marks else form.strip(_BOOK), True, ambiguous)
        return _Form(c, form, False, ambiguous, _seps(form), ascii_bounds=self.lang == ZH)

    def _pattern(self, c: Concept, form: str) -> str:
        """One form as a regex source (no flags) for the context rules."""
        if has_east_asian(form):
            return re.escape(form.strip(_BOOK))
        rx = english_pattern(form, abbr=form in c.abbr, rest_any_case=c.first_word_case)
        if not (form in c.abbr or c.case_sensitive):
            rx = f"(?i:{rx})"
        return rf"(?<!\w){rx}(?!\w)"

    def _rules(self, c: Concept) -> None:
        if c.context:
            # A context word written in lower case matches in any case ("patent" ~ "Patent").
            words = [self._pattern(c, w) if not w.islower() else f"(?i:{self._pattern(c, w)})"
                     for w in c.context]
            self._context[c.id] = re.compile("|".join(words))
        full = [f for f in c.source_forms(self.lang) if f not in c.ambiguous]
        abbrs = [f for f in c.ambiguous if f in c.abbr]
        full_src = "|".join(self._pattern(c, f) for f in full)
        self._settlers[c.id] = _Settler(
            full=re.compile(full_src) if full else None,
            defined=re.compile(r"[(（][ \t]*(?:" + "|".join(map(re.escape, abbrs)) + r")s?[ \t]*[)）]")
            if abbrs else None,
            full_before=re.compile(rf"(?:{full_src})[ \t]*$") if full and abbrs else None)

    def article_context(self, texts: Iterable[str]) -> ArticleContext:
        """Which concepts the article (all its segments) settles; see the module docstring."""
        if not self._settlers:
            return ArticleContext()
        joined = "\n".join(texts)
        return ArticleContext(frozenset(cid for cid, rule in self._settlers.items()
                                        if _settles(rule, joined)))

    def candidates(self, text: str) -> list[tuple[int, int, Concept]]:
        return [(start, end, f.concept) for start, end, f in self._candidates(text)]

    def _candidates(self, text: str) -> list[tuple[int, int, _Form]]:
        found: dict[tuple[int, int], tuple[int, int, _Form]] = {}
        for start, f in self._index.positions(text):
            if f.substring:
                found[start, id(f)] = (start, start + len(f.text), f)
            elif (start, id(f)) not in found:
                m = f.regex.match(text, start)
                if m:
                    found[start, id(f)] = (start, m.end(), f)
        for f in self._index.always:  # forms the index cannot key (rare): scan them
            for m in f.regex.finditer(text):
                found[m.start(), id(f)] = (m.start(), m.end(), f)
        out = []
        for start, end, f in found.values():
            if start > 0 and end < len(text) and text[start - 1] == "《" and text[end] == "》":
                start, end = start - 1, end + 1
            br = self._bracket(f.concept)
            if br is not None:
                m = br.match(text, end)
                if m:
                    end = m.end()
            out.append((start, end, f))
        return out

    def _in_context(self, c: Concept, text: str) -> bool:
        rx = self._context.get(c.id)
        return rx is not None and rx.search(text) is not None

    def _choose(self, text: str) -> list[tuple[int, int, _Form]]:
        def rank(t: tuple[int, int, _Form]) -> tuple:
            start, end, f = t
            hit = f.ambiguous and self._in_context(f.concept, text)
            exact = not f.seps or _seps(text[start:end]) == f.seps
            return (start - end, start, not hit, not exact, f.concept.id, f.text)

        chosen: list[tuple[int, int, _Form]] = []
        taken = bytearray(len(text) + 1)
        for start, end, f in sorted(self._candidates(text), key=rank):
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, f))
        return sorted(chosen, key=lambda t: t[0])

    def find(self, text: str) -> list[tuple[int, int, Concept]]:
        """Non-overlapping occurrences, longest first, then leftmost; returned in text order."""
        return [(start, end, f.concept) for start, end, f in self._choose(text)]

    def recognize(self, text: str, tgt: str, context: ArticleContext | None = None) -> list[TermMatch]:
        """Term occurrences in ``text`` with their targets in ``tgt``. ``context`` is the
        article's (:meth:`article_context`); None: ``text`` is taken as the whole article."""
        if context is None:
            context = self.article_context([text])
        out = []
        for start, end, f in self._choose(text):
            c, found = f.concept, text[start:end]
            target = c.target(tgt, found)
            if target is None:
                continue
            reason = ""
            if f.ambiguous and c.id not in context.settled and not self._in_context(c, text):
                reason = _why(c, f.text)
            out.append(TermMatch(concept_id=c.id, text=found, start=start, end=end,
                                 target=target, dnt=c.dnt, enforced=not reason, reason=reason))
        return out


def _settles(rule: _Settler, text: str) -> bool:
    """An article settles a concept by using one of its unambiguous forms; when it defines
    the abbreviation in brackets, only a definition by the concept's own full form counts."""
    if rule.defined is not None:
        brackets = list(rule.defined.finditer(text))
        if brackets:
            return rule.full_before is not None and any(
                rule.full_before.search(text, max(0, b.start() - 200), b.start()) for b in brackets)
    return rule.full is not None and rule.full.search(text) is not None


def _why(c: Concept, form: str) -> str:
    if form in c.abbr:
        return "not enforced: ambiguous abbreviation, not defined in the article"
    if c.context:
        return "not enforced: ambiguous here, no context word in the sentence"
    return "not enforced: the right form depends on the text (see the glossary note)"


def default_target_lang(lang: str) -> str:
    return ZH if lang_family(lang) == EN else EN
