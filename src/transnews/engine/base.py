"""The engine interface and the engines that need no model files."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

ProgressFn = Callable[[int, int, str], None]


class Engine:
    """Translate batches of sentences. Subclasses set ``name`` and implement ``_translate``."""

    name = "engine"

    def __init__(self) -> None:
        self.calls = 0  # batches sent (a re-run of an unchanged article must send none)
        self.segments_translated = 0

    def describe(self) -> str:
        """One line for the catalog's extracted comment: engine and model."""
        return self.name

    def translate(self, texts: Sequence[str], progress: ProgressFn | None = None) -> list[str]:
        texts = list(texts)
        if not texts:
            return []
        self.calls += 1
        self.segments_translated += len(texts)
        out = self._translate(texts, progress)
        if len(out) != len(texts):  # an engine bug, not user input
            raise RuntimeError(f"{self.name} returned {len(out)} translations for {len(texts)} inputs")
        return out

    def _translate(self, texts: list[str], progress: ProgressFn | None) -> list[str]:
        raise NotImplementedError


class MemoryEngine(Engine):
    """A deterministic engine: exact lookups in a source→target table.

    Unknown sentences are returned unchanged (``identity`` behaviour), so an empty
    memory is the identity engine used by round-trip tests.
    """

    name = "memory"

    def __init__(self, table: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.table = dict(table or {})

    def describe(self) -> str:
        return f"{self.name} (deterministic)"

    def _translate(self, texts, progress):
        return [self.table.get(t, t) for t in texts]


class PivotEngine(Engine):
    """Translate through an intermediate language (X→en→Y) when no direct model exists."""

    name = "pivot"

    def __init__(self, first: Engine, second: Engine, via: str = "en") -> None:
        super().__init__()
        self.first, self.second, self.via = first, second, via

    def describe(self) -> str:
        return f"{self.first.describe()} → {self.second.describe()} (pivot via {self.via})"

    def _translate(self, texts, progress):
        return self.second.translate(self.first.translate(texts, progress), progress)
