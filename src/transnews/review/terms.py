"""The glossary as the checks of one catalog see it, and the two checks built on it.

Terms are recognised in each entry in the context of its whole article, as ``translate``
recognises them (:meth:`~transnews.glossary.Glossary.article_context`): an ambiguous
abbreviation defined anywhere in the article ("Full Name (ABBR)" in an earlier entry) is
settled for the later entries too. A catalog may hold several articles; an entry's
article is the file of its first ``#:`` reference.
"""

from __future__ import annotations

import re

import polib

from .findings import Check
from .names import is_personal_name


def article_of(entry: polib.POEntry) -> str:
    """The article an entry comes from (its first reference's file; "" without one)."""
    for ref, _ in entry.occurrences or ():
        return ref
    return ""


class CatalogTerms:
    """Each entry's glossary terms, recognised once per catalog run and shared by the checks."""

    def __init__(self, glossary) -> None:
        self.glossary = glossary
        self._prepared: tuple | None = None
        self._contexts: dict[str, object] = {}
        self._matches: dict[tuple, list] = {}
        self._spans: dict[tuple, list] = {}
        self._target_matchers: dict[str, object] = {}
        self._by_abbr: dict[str, list] | None = None

    def prepare(self, po: polib.POFile, src: str, tgt: str) -> None:
        """Read the article contexts of ``po``; shared checks call this once each, so a
        second call for the same catalog and languages does nothing."""
        key = (id(po), len(po), src, tgt)
        if self._prepared == key:
            return
        articles: dict[str, list[str]] = {}
        for e in po:
            if e.msgid and not e.obsolete:
                articles.setdefault(article_of(e), []).append(e.msgid)
        self._contexts = {a: self.glossary.article_context(texts, src) for a, texts in articles.items()}
        self._matches, self._spans = {}, {}
        self._prepared = key

    def matches(self, entry: polib.POEntry, src: str, tgt: str) -> list:
        """The :class:`~transnews.model.TermMatch` es of ``entry.msgid``, in its article's context
        (the entry alone when :meth:`prepare` was not called for its catalog)."""
        key = (entry.msgctxt, entry.msgid, article_of(entry), src, tgt)
        if key not in self._matches:
            ctx = self._contexts.get(article_of(entry))
            self._matches[key] = self.glossary.recognize(entry.msgid, src, tgt, context=ctx)
        return self._matches[key]

    def target_spans(self, text: str, tgt: str) -> list[tuple[int, int]]:
        """Where ``text`` (a translation) has a form of any concept: approved, accepted
        variant or do-not-translate name."""
        from ..glossary.recognize import Matcher

        view = self.glossary.target_view(tgt)  # a Traditional edition's own forms (zh_TW, zh_HK)
        fam = view.key
        if fam not in self._target_matchers:
            self._target_matchers[fam] = Matcher(view.concepts, view.lang)
        key = (text, fam)
        if key not in self._spans:  # the length and leftover checks both ask
            self._spans[key] = [(a, b) for a, b, _ in self._target_matchers[fam].find(text)]
        return self._spans[key]

    def renderings(self, acronym: str, tgt: str) -> set[str]:
        """Every form in ``tgt`` of the concepts ``acronym`` abbreviates (WIPO → 世界知识产权组织)."""
        if self._by_abbr is None:
            self._by_abbr = {}
            for c in self.glossary.concepts:
                for form in (*c.abbr, *(f for f in c.en if f.isupper())):
                    self._by_abbr.setdefault(form, []).append(c)
        view = self.glossary.target_view(tgt)
        return {form for c in self._by_abbr.get(acronym, ()) for form in _forms(view.by_id[c.id], view.lang)}


def _forms(concept, tgt: str) -> set[str]:
    forms = set(concept.forms(tgt))
    target = concept.target(tgt)
    if target:
        forms.add(target)
    return {f.strip("《》") for f in forms if f} | forms


class Glossary(Check):
    name, severity = "glossary", "error"
    description = "approved glossary term missing, or forbidden variant used"

    def __init__(self, glossary, terms: CatalogTerms | None = None) -> None:
        self.glossary = glossary
        self.terms = terms or CatalogTerms(glossary)

    def prepare(self, po, src_lang, tgt_lang):
        self.terms.prepare(po, src_lang, tgt_lang)

    def run(self, entry, src, tgt):
        # The verifier translate uses, so a draft and its reviewed entry are judged alike.
        from ..glossary.verify import verify_segment

        report = verify_segment(self.terms.matches(entry, src, tgt), entry.msgstr, self.glossary, tgt)
        # A target there fewer times than the source has the term is often a Chinese sentence
        # naming its subject once ("NCAC met WIPO, and NCAC signed"): the reviewer decides.
        return [(p.message, "warning" if p.partial else None) for p in report.problems]


ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Z0-9&]*[A-Z0-9](?![\w-])")


class TermsCheck(Check):
    """A check that needs the catalog's glossary terms (shared, read once per catalog)."""

    def __init__(self, glossary=None, terms: CatalogTerms | None = None) -> None:
        self.terms = terms or (CatalogTerms(glossary) if glossary is not None else None)

    def prepare(self, po, src_lang, tgt_lang):
        if self.terms is not None:
            self.terms.prepare(po, src_lang, tgt_lang)


class Acronyms(TermsCheck):
    name, severity = "acronyms", "warning"
    description = "ALL-CAPS names (WIPO, NCAC) kept, or rendered by their glossary target"

    def run(self, entry, src, tgt):
        s, t = entry.msgid, entry.msgstr
        # No acronyms, or an all-caps headline (not acronyms): nothing to look up.
        if not ACRONYM.search(s) or s.isupper():
            return []
        matches = self.terms.matches(entry, src, tgt) if self.terms is not None else []
        missing: dict[str, None] = {}
        for m in ACRONYM.finditer(s):
            acr = m.group(0)
            if acr in t or is_personal_name(s, m.start(), m.end()):
                continue
            # The term the acronym is part of ("WIPO Office in China", "Full Name (ABBR)"),
            # or the concept it abbreviates, rendered in full.
            shown = {x.target for x in matches if x.start <= m.start() and m.end() <= x.end and x.target}
            if self.terms is not None:
                shown |= self.terms.renderings(acr, tgt)
            if not any(form and form in t for form in shown):
                missing.setdefault(acr)
        return [(f"{acr!r} not found in translation", None) for acr in missing]
