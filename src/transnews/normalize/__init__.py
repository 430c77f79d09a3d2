"""Source normalisation before MT: name-safe typo correction and spacing fixes.

Public API::

    speller = Speller.load(extra_words=project_words, protected=glossary_terms)
    result = fix_text(text, "en", speller)          # FixResult(text, changes, suggestions)
    result = fix_text(text, "zh", None, cjk_spacing="space")  # Chinese: punctuation width, spacing
    article = fix_segments(article, speller)        # segments' text fixed, changes listed
    fixed = fix_file(path, "en", speller)           # whole file: corrected text + changes

Importing this package is cheap: wordfreq and rapidfuzz are imported when a
speller is loaded or first used.
"""

from __future__ import annotations

from .fix import (
    ABBREVIATIONS,
    SPACING,
    TYPO,
    FixResult,
    Suggestion,
    apply_changes,
    article_changes,
    collect_names,
    fix_article,
    fix_segments,
    fix_text,
    is_chinese,
    is_english,
    load_word_list,
)
from .chinese import CJK_SPACING, DEFAULT_CJK_SPACING, PUNCTUATION
from .document import FixedFile, fix_file, write_atomic
from .language import check_article_script
from .speller import Candidate, Speller, Verdict

__all__ = [
    "ABBREVIATIONS", "CJK_SPACING", "DEFAULT_CJK_SPACING", "PUNCTUATION", "SPACING", "TYPO", "Candidate",
    "FixResult", "FixedFile", "Speller", "Suggestion", "Verdict", "apply_changes", "article_changes",
    "check_article_script", "collect_names", "fix_article", "fix_file", "fix_segments", "fix_text",
    "is_chinese", "is_english", "load_word_list", "write_atomic",
]
