"""A glossary concept: one meaning, its English and Chinese forms, and how to enforce them."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..text import language_code, traditional_region

# Glossary languages: the curated glossary is English ↔ Simplified Chinese, with regional
# forms for the Traditional editions (zh_TW, zh_HK; see :mod:`.regional`).
EN = "en"
ZH = "zh"
ZT = "zt"
# The column (and Concept field) of each region's approved form.
REGIONAL_COLUMNS = {"TW": "zh_tw", "HK": "zh_hk"}


# A language code/tag (en-US, zh_CN, zh-Hans, ZH, eng) as the glossary's 'en' / 'zh'; Traditional
# Chinese (zh-TW, zh-Hant, zh_HK…) is "zt": its targets are the regional forms.
lang_family = language_code


def term_key(form: str) -> str:
    """How two English terms are compared for clashes: case-folded, spaces collapsed."""
    return " ".join(form.casefold().split())


@dataclass(frozen=True)
class Concept:
    """One glossary concept.

    ``en`` lists English terms, preferred first (full forms and short forms);
    ``abbr`` acronyms (always matched case-sensitively); ``zh`` the approved
    Chinese term (treaty and law titles include 《》); ``zh_variants`` accepted
    Chinese alternatives (recognised in Chinese sources, not used as targets);
    ``zh_forbidden`` forms that must never appear in a translation. A
    do-not-translate (``dnt``) concept keeps its source form in every language.

    Source-side rules (what is recognised in an article, not what is a target):
    ``zh_target_only`` Chinese forms that are also ordinary words (批准, 许可):
    targets for English→Chinese, never recognised in Chinese sources;
    ``ambiguous`` forms (IP, CMO, "Director General") enforced only in context —
    where the article also uses one of the concept's other forms (e.g. defines
    "Full Name (ABBR)") or the sentence holds one of the ``context`` words —
    elsewhere recognised as a note for the reviewer. ``first_word_case``: only
    the first word is case-sensitive ("Madrid system" / "Madrid System").

    Traditional editions: ``zh_tw`` / ``zh_hk`` are the approved forms in Taiwan and
    Hong Kong editions (世界智慧財產權組織 / 世界知識產權組織); without one, an edition
    uses the Simplified form converted with OpenCC, flagged for review (:mod:`.regional`).
    """

    id: str
    en: tuple[str, ...]
    abbr: tuple[str, ...] = ()
    zh: str = ""
    zh_variants: tuple[str, ...] = ()
    zh_forbidden: tuple[str, ...] = ()
    dnt: bool = False
    case_sensitive: bool = False
    note: str = ""
    source: str = ""
    zh_target_only: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    first_word_case: bool = False
    zh_tw: str = ""
    zh_hk: str = ""
    path: str | None = field(default=None, compare=False)
    line: int | None = field(default=None, compare=False)

    @property
    def preferred(self) -> str:
        return self.en[0] if self.en else (self.abbr[0] if self.abbr else "")

    def forms(self, lang: str, *, variants: bool = True) -> tuple[str, ...]:
        """Surface forms recognised in a source text of ``lang``; ``variants`` False leaves
        out the Chinese variants (the approved forms only)."""
        fam = lang_family(lang)
        if fam == EN:
            return self.en + self.abbr
        if fam == ZH:
            own = (self.zh,) if self.zh else ()
            # Brand names keep their Latin form inside Chinese text too.
            latin = self.en + self.abbr if self.dnt else ()
            return tuple(dict.fromkeys(own + (self.zh_variants if variants else ()) + latin))
        return ()

    def source_forms(self, lang: str) -> tuple[str, ...]:
        """The forms recognised in a source text of ``lang``: :meth:`forms` without the
        Chinese forms that are ordinary words (targets only)."""
        if lang_family(lang) != ZH or not self.zh_target_only:
            return self.forms(lang)
        return tuple(f for f in self.forms(lang) if f not in self.zh_target_only)

    def target(self, lang: str, found: str = "") -> str | None:
        """The approved form in ``lang`` (None when the glossary has none for it)."""
        fam = lang_family(lang)
        if self.dnt:
            return found or self.preferred
        if fam == ZH:
            return self.zh or None
        if fam == EN:
            return self.preferred or None
        if fam == ZT:
            return self.regional(traditional_region(lang)) or None
        return None

    def regional(self, region: str | None) -> str:
        """The approved form of a region's Traditional editions ("TW", "HK"); "" when none."""
        column = REGIONAL_COLUMNS.get(region or "")
        return getattr(self, column) if column else ""

    def forbidden(self, lang: str) -> tuple[str, ...]:
        return self.zh_forbidden if lang_family(lang) == ZH else ()

    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.path and self.line else (self.path or self.id)
