"""Review support: QA checks over catalogs and translation statistics."""

from __future__ import annotations

from .checks import (Acronyms, AddedMarkup, Fuzzy, Glossary, Identical, LengthRatio, Leftover, Numbers,
                     Placeholders, Punctuation, Repetition, Untranslated, Whitespace, catalog_languages,
                     check_catalog, default_checks, numbers)
from .findings import SEVERITIES, Check, Finding, suppressed
from .stats import CatalogStats, catalog_stats, count_words
from .terms import CatalogTerms

__all__ = [
    "Acronyms", "AddedMarkup", "CatalogStats", "CatalogTerms", "Check", "Finding", "Fuzzy", "Glossary", "Identical",
    "LengthRatio", "Leftover", "Numbers", "Placeholders", "Punctuation", "Repetition", "SEVERITIES", "Untranslated",
    "Whitespace", "catalog_languages", "catalog_stats", "check_catalog", "count_words",
    "default_checks", "numbers", "suppressed",
]
