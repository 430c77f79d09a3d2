"""Per-language segmentation rules, kept as data on small classes.

The splitting algorithms (``latin`` and ``cjk`` modules) read these attributes;
a new language is usually a subclass overriding a few sets. Abbreviations are
stored lower-case without their final period ("mr", "u.s", "n°").

These sets are the one list of abbreviations: the source corrector
(:data:`ENGLISH_ABBREVIATIONS`) and MT cleanup (:data:`COMPANY_FORMS`,
:data:`NAME_SUFFIXES`, :data:`LATIN_IN_CJK`) read them from here.
"""

from __future__ import annotations

from typing import ClassVar

from ..text import MONTH_ABBREVIATIONS, check_language

_WEEKDAYS = frozenset({"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"})
# "Apple Inc.", "Smith & Sons Co.", "John Smith Jr.".
COMPANY_FORMS = frozenset({"inc", "ltd", "co", "corp", "plc", "llc", "llp", "bros"})
NAME_SUFFIXES = frozenset({"jr", "sr"})


class LanguageRules:
    """Generic rules for languages written with spaces and Latin-style punctuation."""

    lang: ClassVar[str] = "default"
    #: Which algorithm applies: "latin" (space-separated words) or "cjk".
    script: ClassVar[str] = "latin"
    #: Characters that can end a sentence (runs like "?!" and "..." are handled as one).
    terminators: ClassVar[frozenset[str]] = frozenset(".!?…‽।؟۔")
    #: Closing punctuation that stays with the sentence it follows.
    closers: ClassVar[frozenset[str]] = frozenset("\"'”’)]}»›")
    #: Opening punctuation that may start a sentence.
    openers: ClassVar[frozenset[str]] = frozenset("\"'“‘([{«‹")
    #: Characters that always start a list item (and so a new segment).
    bullets: ClassVar[frozenset[str]] = frozenset("•⁃▪◦‣●■□➢►")
    #: Always followed by a name: never end a sentence ("Mr. Smith").
    prepositive: ClassVar[frozenset[str]] = frozenset()
    #: Followed by a number: no break before a digit ("No. 5", "p. 55"); otherwise an
    #: ordinary word ("The answer is no. Then…").
    numeric: ClassVar[frozenset[str]] = frozenset()
    #: Other abbreviations: end a sentence only before a typical sentence starter.
    abbreviations: ClassVar[frozenset[str]] = frozenset()
    #: Abbreviations that are never the last word of a sentence ("e.g.", "vs.").
    never_final: ClassVar[frozenset[str]] = frozenset()
    #: Times of day ("a.m."): a sentence starting with a short prepositional phrase
    #: ("At 5 a.m. Mr. Smith went…") is not ended by them.
    time_abbreviations: ClassVar[frozenset[str]] = frozenset()
    fronting_prepositions: ClassVar[frozenset[str]] = frozenset()
    #: Capitalised words that typically begin a sentence: after an ambiguous
    #: abbreviation ("U.S.", "Co.") only these signal a new sentence.
    sentence_starters: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def abbreviation_kind(cls, word: str) -> str | None:
        """"prepositive", "numeric", "never_final", "time", "abbreviation" or None."""
        w = word.lower()
        if w in cls.prepositive:
            return "prepositive"
        if w in cls.never_final:
            return "never_final"
        if w in cls.time_abbreviations:
            return "time"
        if w in cls.numeric:
            return "numeric"
        if w in cls.abbreviations:
            return "abbreviation"
        return None


class EnglishRules(LanguageRules):
    lang = "en"
    prepositive = frozenset({
        "mr", "mrs", "ms", "mx", "messrs", "mmes", "dr", "prof", "mt", "ft", "gen", "lt", "col", "capt",
        "cpt", "cmdr", "sgt", "cpl", "maj", "adm", "sen", "rep", "gov", "pres", "supt", "rev", "hon",
        "fr", "st", "ste", "mme", "mlle", "amb", "atty", "insp", "gov't",
    })
    numeric = frozenset({
        "no", "nos", "nr", "n°", "p", "pp", "fig", "figs", "vol", "vols", "art", "arts", "ch",
        "chap", "sec", "secs", "sect", "para", "paras", "op", "tel", "ext", "ref", "ed", "eds", "ex",
        "app", "apps",
    })
    abbreviations = COMPANY_FORMS | NAME_SUFFIXES | frozenset({
        "etc", "al", "dept", "depts",
        "univ", "assn", "assoc", "est", "govt", "intl", "natl", "ave", "rd", "blvd", "hwy",
        "approx", "esp", "misc", "min", "max", "hr", "hrs", "mins", "sec", "yr", "yrs", "mo",
        "ca", "ibid", "u.s", "u.k", "u.s.a", "e.u", "u.n", "ph.d", "b.a", "m.a", "b.sc", "m.sc",
        "d.c", "n.y", "l.a",
    }) | MONTH_ABBREVIATIONS | _WEEKDAYS
    never_final = frozenset({"e.g", "i.e", "cf", "viz", "vs", "v", "approx", "incl", "resp"})
    time_abbreviations = frozenset({"a.m", "p.m"})
    fronting_prepositions = frozenset({
        "at", "by", "on", "in", "after", "before", "until", "till", "from", "around", "since",
        "about", "shortly", "just",
    })
    sentence_starters = frozenset("""
        A An The This That These Those It Its He She They We I You Our My His Her Their Your
        There Here What When Where Why How Who Whom Which Whose But And Or So Yet Nor However
        Also In On At For From As If After Before While Although Though Because Since During
        Meanwhile Moreover Furthermore Then Thus Therefore Still Nevertheless Nonetheless Many
        Some Most All Each Every Both Either Neither Not Only Is Are Was Were Am Do Does Did Can
        Could Will Would Shall Should May Might Must Let Please Yes Today Yesterday Tomorrow
        Last Next Other Such To With By Under Over Among Despite Even Instead Now Once Unlike
        Until Whether Another One Two Three Several Few Lots Indeed Finally First Second Third
        Besides Consequently Hence Accordingly Otherwise Later Earlier Soon Recently Currently
        According Overall Altogether Afterwards Thereafter Whereas Whatever Whoever Whenever
    """.split())


class DefaultRules(LanguageRules):
    """Other space-separated languages: only the near-universal Latin abbreviations."""

    lang = "default"
    numeric = frozenset({"no", "nr", "n°", "p", "pp", "art", "vol"})
    never_final = frozenset({"e.g", "i.e", "cf", "vs", "z.b", "d.h", "u.a", "bzw"})
    prepositive = frozenset({"dr", "prof", "mr", "mrs", "ms", "st", "sr", "sra", "mme", "mlle", "hr", "fr"})
    abbreviations = frozenset({"etc", "inc", "ltd", "co", "corp", "usw", "ca", "bzw"})


class ChineseRules(LanguageRules):
    """Chinese (Simplified "zh", Traditional "zt"), also used for Japanese."""

    lang = "zh"
    script = "cjk"
    terminators = frozenset("。！？!?｡︒…")
    closers = frozenset("”’」』）》〉】〕〗)]\"'")
    #: Pairs whose inside never splits when the closing mark follows later
    #: (book titles; quotations whose terminator is not at the closing mark).
    pairs: ClassVar[dict[str, str]] = {"《": "》", "〈": "〉", "“": "”", "「": "」", "『": "』",
                                       "（": "）", "(": ")", "【": "】"}
    #: After a quotation closed by its own terminator, these continue the sentence
    #: (他说“好！”，然后… / “走吧！”的时候).
    continuation = frozenset("，,、；;：:的地得")
    #: A short attribution after a closed quotation belongs to it: “不！”他喊道。
    speech_verbs: ClassVar[tuple[str, ...]] = ("说", "道", "表示", "称", "指出", "问", "答", "强调",
                                               "认为", "介绍", "透露", "說", "稱", "問", "認為", "強調")
    speech_tag_max: ClassVar[int] = 12


# Every English abbreviation written as one word (no inner period): the source corrector
# never spell-checks them, and a capital after "Abbr." does not start a sentence there.
ENGLISH_ABBREVIATIONS = frozenset(
    w for s in (EnglishRules.prepositive, EnglishRules.numeric, EnglishRules.abbreviations,
                EnglishRules.never_final, EnglishRules.time_abbreviations) for w in s if "." not in w)
# In Chinese/Japanese MT output a "." after these Latin abbreviations stays a period
# ("Apple Inc. 发布"): company forms, name suffixes, titles and a few common shorthands.
LATIN_IN_CJK = COMPANY_FORMS | NAME_SUFFIXES | frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "etc", "al", "dept"})

_RULES: dict[str, type[LanguageRules]] = {"en": EnglishRules, "zh": ChineseRules, "zt": ChineseRules,
                                          "ja": ChineseRules}


def rules_for(lang: str) -> LanguageRules:
    """The rules for a language code; raises ``LanguageError`` for unknown codes."""
    code = check_language(lang)
    return _RULES.get(code, DefaultRules)()
