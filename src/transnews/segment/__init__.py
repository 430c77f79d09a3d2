"""Rule-based sentence segmentation (English, Chinese, generic Latin script).

``segment_spans`` returns offsets, not strings, so callers can rebuild the
document exactly from the text between spans. Rules per language live in
:mod:`transnews.segment.rules` as class attributes.
"""

from __future__ import annotations

from ..errors import InputError
from .rules import ChineseRules, DefaultRules, EnglishRules, LanguageRules, rules_for

__all__ = ["ChineseRules", "DefaultRules", "EnglishRules", "LanguageRules", "rules_for", "segment",
           "segment_spans"]


def segment_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``; ``text[start:end]`` is the stripped sentence.

    Spans are in order, non-overlapping and non-empty; everything between them is whitespace.
    Raises ``LanguageError`` for an unknown language code.
    """
    if not isinstance(text, str):
        raise InputError(f"cannot segment {type(text).__name__}: expected text")
    rules = rules_for(lang)
    if rules.script == "cjk":
        from .cjk import boundaries
    else:
        from .latin import boundaries
    cuts = [0, *boundaries(text, rules), len(text)]
    spans = []
    for a, b in zip(cuts, cuts[1:], strict=False):  # pairwise
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
    return spans


def segment(text: str, lang: str) -> list[str]:
    """The sentences of ``text`` (stripped)."""
    return [text[a:b] for a, b in segment_spans(text, lang)]
