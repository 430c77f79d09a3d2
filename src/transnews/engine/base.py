"""The engine interface and the engines that need no model files."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

ProgressFn = Callable[[int, int, str], None]


@dataclass
class Usage:
    """MT batches sent and the sentences in them; empty batches are never sent.

    Each owner keeps its own: an engine counts over its lifetime, a translate run
    (``pipeline.TranslateRun``) counts only its own calls, so reusing one engine for
    several runs does not add one run's figures to the next one's summary.
    """

    calls: int = 0
    segments: int = 0

    def record(self, texts: Sequence[str]) -> None:
        if texts:
            self.calls += 1
            self.segments += len(texts)


class Engine:
    """Translate batches of sentences. Subclasses set ``name`` and implement ``_translate``."""

    name = "engine"

    def __init__(self) -> None:
        self.usage = Usage()  # this engine's lifetime; runs count their own

    @property
    def calls(self) -> int:
        return self.usage.calls

    @property
    def segments_translated(self) -> int:
        return self.usage.segments

    def describe(self) -> str:
        """One line for the catalog's extracted comment: engine and model."""
        return self.name

    def pieces(self, text: str) -> int | None:
        """How many tokens the model's tokenizer makes of ``text`` (None: no tokenizer). The
        glossary enforcement picks the placeholder form the tokenizer splits least."""
        return None

    def translate(self, texts: Sequence[str], progress: ProgressFn | None = None) -> list[str]:
        texts = list(texts)
        if not texts:
            return []
        self.usage.record(texts)
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

    def pieces(self, text: str) -> int | None:
        return self.first.pieces(text)  # placeholders are the source side's

    def _translate(self, texts, progress):
        return self.second.translate(self.first.translate(texts, progress), progress)
