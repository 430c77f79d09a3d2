"""Machine translation engines and the Argos model store.

``Engine`` is the whole interface the pipeline needs: a batch of source strings
in, the same number of target strings out. Implementations: ``ArgosEngine``
(CTranslate2 + the package's tokenizer), ``PivotEngine`` (X→en→Y),
``MemoryEngine`` (deterministic, a translation memory; for tests and reuse).
"""

from .base import Engine, MemoryEngine, PivotEngine

__all__ = ["Engine", "MemoryEngine", "PivotEngine"]
