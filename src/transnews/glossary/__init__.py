"""The curated en↔zh IP glossary: loading, recognition, enforcement through MT, TBX/CSV interchange.

Typical use by the translate pipeline::

    g = load_glossary(path)                      # validated; GlossaryError at file:line
    matches = [g.recognize(t, "en") for t in texts]
    results = enforce(texts, matches, engine.translate, "en", "zh", g)
    rate = term_success_rate(results)
"""

from __future__ import annotations

from .concept import Concept, lang_family
from .enforce import Enforced, enforce, term_success_rate
from .store import Glossary, default_glossary_path, load_glossary
from .verify import TermProblem, TermReport, verify, verify_segment, verify_text

__all__ = [
    "Concept",
    "Enforced",
    "Glossary",
    "TermProblem",
    "TermReport",
    "default_glossary_path",
    "enforce",
    "lang_family",
    "load_glossary",
    "term_success_rate",
    "verify",
    "verify_segment",
    "verify_text",
]
