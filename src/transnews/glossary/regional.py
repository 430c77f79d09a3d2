"""The glossary as a translation into one language sees it, Traditional editions included.

The curated targets are Simplified Chinese. A Taiwan or Hong Kong edition (``zh_TW``,
``zh_HK``) takes a concept's regional form (``zh_tw`` / ``zh_hk``) as its approved
target; a concept without one gets its Simplified form converted with the edition's
OpenCC configuration — the one its MT output gets — and each use is flagged for
review: conversion cannot know a region's terminology (``s2twp`` turns 国家知识产权局,
the name of a PRC office, into 國家智慧財產權局). Variants and forbidden forms are
converted alike; a converted forbidden form that is the region's approved form is
dropped (智慧财产权, forbidden in Simplified editions, is Taiwan's 智慧財產權).

Enforcement and the verifier work on a :class:`TargetView` exactly as on the Simplified
concepts: Traditional text is matched as Chinese.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from ..text import target_locale, traditional_region
from .concept import ZH, Concept, lang_family


@dataclass(frozen=True)
class TargetView:
    """The concepts with their targets in one target language (``key``: "zh", "zh_TW"…)."""

    key: str
    lang: str  # the glossary language translations are matched as: "en" or "zh"
    concepts: tuple[Concept, ...]
    converted: frozenset[str] = frozenset()  # concepts whose target is converted, not approved
    config: str | None = None  # the OpenCC configuration of a Traditional edition

    @cached_property
    def by_id(self) -> dict[str, Concept]:
        return {c.id: c for c in self.concepts}

    def flag(self, concept_id: str, simplified: str) -> str:
        """The reviewer's note for a converted target; "" for an approved one."""
        if concept_id not in self.converted:
            return ""
        return f"converted from {simplified}: no {self.key.replace('_', '-')} glossary form, check"


def target_view(concepts: Iterable[Concept], tgt: str) -> TargetView:
    """The view of ``concepts`` for translations into ``tgt`` (see the module docstring)."""
    key, region = target_locale(tgt), traditional_region(tgt)
    if region is None:
        return TargetView(key, lang_family(tgt), tuple(concepts))
    from ..engine.convert import simplified_config

    config = simplified_config(tgt)
    out, converted = [], set()
    for c in concepts:
        regional, own = _regional(c, region, config)
        out.append(regional)
        if not own:
            converted.add(c.id)
    return TargetView(key, ZH, tuple(out), frozenset(converted), config)


def _regional(c: Concept, region: str, config: str) -> tuple[Concept, bool]:
    """``c`` with Traditional forms for ``region``; whether its target is an approved one."""
    from ..engine.convert import convert

    if c.dnt:
        return c, True  # a name kept as written in every edition
    own = c.regional(region)
    zh = own or convert(c.zh, config)
    variants = tuple(dict.fromkeys(v for v in (convert(v, config) for v in c.zh_variants) if v != zh))
    forbidden = tuple(dict.fromkeys(f for f in (convert(f, config) for f in c.zh_forbidden)
                                    if f != zh and f not in variants))
    return dataclasses.replace(c, zh=zh, zh_variants=variants, zh_forbidden=forbidden,
                               zh_target_only=()), bool(own)
