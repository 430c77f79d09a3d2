"""Traditional Chinese editions from MT output: OpenCC conversion and the models it needs.

A Taiwan or Hong Kong edition (target ``zh_TW`` / ``zh_HK``) is translated with the
Simplified (``zh``) Argos model and its output converted phrase by phrase with OpenCC:
``s2twp`` for Taiwan (Taiwan phrasing too: 软件 → 軟體, 信息 → 資訊), ``s2hk`` for Hong
Kong. Where a Traditional (``zt``) model is installed it is used directly and its output
only brought to the region's character standard (``t2tw`` / ``t2hk``).

Conversion runs inside the engine, before glossary enforcement restores its
placeholders (Latin tokens, which OpenCC leaves alone): approved regional forms are
put in after conversion and never converted themselves. OpenCC is imported on the
first conversion only.
"""

from __future__ import annotations

from functools import lru_cache

from ..errors import ModelError
from ..text import language_code, opencc_configs
from .base import Engine, ProgressFn

TRADITIONAL = "zt"  # the Argos code of Traditional Chinese models
SIMPLIFIED = "zh"


@lru_cache(maxsize=8)
def _converter(config: str):
    import opencc  # ~20 ms and its dictionaries: only when a Traditional edition is made

    return opencc.OpenCC(config)


def convert(text: str, config: str) -> str:
    """``text`` converted with the OpenCC configuration ``config`` ("s2twp", "s2hk"…)."""
    return _converter(config).convert(text) if text else text


def simplified_config(tgt: str) -> str | None:
    """The configuration that turns Simplified text into the ``tgt`` edition's (None: not a
    Traditional target): what the glossary converts its Simplified forms with."""
    configs = opencc_configs(tgt)
    return configs[0] if configs else None


class ConvertingEngine(Engine):
    """An engine whose output is converted with OpenCC (see the module docstring)."""

    name = "opencc"

    def __init__(self, inner: Engine, config: str) -> None:
        super().__init__()
        self.inner, self.config = inner, config

    def describe(self) -> str:
        return f"{self.inner.describe()}, converted with OpenCC {self.config}"

    def pieces(self, text: str) -> int | None:
        return self.inner.pieces(text)

    def _translate(self, texts, progress):
        return [convert(t, self.config) for t in self.inner.translate(texts, progress)]


def resolve_models(store, src: str, tgt: str, *, offline: bool,
                   progress: ProgressFn | None = None) -> tuple[list, str | None]:
    """The models to chain for ``src`` → ``tgt`` and the OpenCC configuration their output
    needs (None: none). A Traditional target uses an installed ``zt`` model (direct or
    pivot) when there is one, else the Simplified model, downloaded if allowed."""
    code = language_code(tgt)
    configs = opencc_configs(tgt)
    if code != TRADITIONAL or configs is None:
        return store.resolve(src, code, offline=offline, progress=progress), None
    try:
        return store.resolve(src, TRADITIONAL, offline=True), configs[1]
    except ModelError:
        pass  # no Traditional model installed: the Simplified one, converted
    return store.resolve(src, SIMPLIFIED, offline=offline, progress=progress), configs[0]


def wrap(engine: Engine, config: str | None) -> Engine:
    return engine if config is None else ConvertingEngine(engine, config)
