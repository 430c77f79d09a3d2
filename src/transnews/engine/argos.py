"""Argos Translate packages run directly on CTranslate2.

We do not use ``argostranslate.translate``: it imports torch/stanza/spacy and
downloads a sentence model. Segmentation is ours; here we only tokenize with
the package's own tokenizer, run one batched ``translate_batch`` and decode.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import InputError, ModelError
from ..settings import COMPUTE_TYPES, DEVICES
from .base import Engine, ProgressFn
from .cleanup import clean_output
from .loading import load_tokenizer
from .packages import ModelInfo, install_command

if TYPE_CHECKING:
    from ..settings import Settings

# Argos models are OpenNMT transformers with position tables of at least 1024 entries;
# no news sentence needs more output tokens than this.
MAX_DECODING = 512
BATCH_TYPES = ("examples", "tokens")
UNKNOWN_PIECE_COST = 100  # see ArgosEngine.pieces


def resolve_device(device: str) -> str:
    """The device CTranslate2 will run on: ``auto`` is CUDA where CTranslate2 sees a CUDA
    device, else the CPU; ``cuda`` without one is an InputError (one line, exit 2)."""
    if device not in DEVICES:
        raise InputError(f"unknown device {device!r}; choose one of: {', '.join(DEVICES)}",
                         hint="--device, or the ARGOS_DEVICE_TYPE variable")
    if device == "cpu":
        return "cpu"
    import ctranslate2

    try:
        count = ctranslate2.get_cuda_device_count()
    except RuntimeError:  # a CPU-only build, or a CUDA runtime that does not start
        count = 0
    if count:
        return "cuda"
    if device == "cuda":
        raise InputError("--device cuda: CTranslate2 finds no usable CUDA device on this machine",
                         hint="use --device cpu, or --device auto to use a GPU only where there is one")
    return "cpu"


def parallel_batches(inter_threads: int, device: str) -> int:
    """CTranslate2's inter_threads: as set, else one per usable core (at most 4) on a CPU,
    where single-threaded batches side by side use the cores best, and 1 on a GPU."""
    if inter_threads or device != "cpu":
        return inter_threads or 1
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(4, cores))


def check_compute_type(compute_type: str, device: str) -> None:
    """A compute type the device cannot run is an InputError naming the ones it can."""
    if compute_type not in COMPUTE_TYPES:
        raise InputError(f"unknown compute type {compute_type!r}; choose one of: {', '.join(COMPUTE_TYPES)}",
                         hint="--compute-type")
    if compute_type in ("auto", "default"):
        return
    import ctranslate2

    supported = sorted(ctranslate2.get_supported_compute_types(device))
    if compute_type not in supported:
        raise InputError(f"--compute-type {compute_type} is not supported on {device} here",
                         hint=f"supported: {', '.join(supported)}, auto")


class ArgosEngine(Engine):
    name = "argos"

    def __init__(self, model: ModelInfo, *, beam_size: int = 4, batch_size: int = 32,
                 batch_type: str = "examples", device: str = "cpu", threads: int = 0,
                 inter_threads: int = 0, compute_type: str = "auto", clean: bool = True) -> None:
        super().__init__()
        if batch_type not in BATCH_TYPES:
            raise ValueError(f"batch_type must be one of {BATCH_TYPES}, not {batch_type!r}")
        self.model = model
        self.beam_size = beam_size
        # Sentences per batch, or tokens per batch with batch_type="tokens". CTranslate2 sorts
        # a call's inputs by length before cutting batches, so batches are length-sorted.
        self.batch_size = batch_size
        self.batch_type = batch_type
        self.device = device
        self.threads = threads  # intra_threads: OpenMP threads per batch (0: CTranslate2's default)
        self.inter_threads = inter_threads  # batches translated in parallel (0: see parallel_batches)
        self.compute_type = compute_type
        self.clean = clean
        self._translator = None
        self._tokenizer = None

    @classmethod
    def from_settings(cls, model: ModelInfo, settings: Settings) -> ArgosEngine:
        """The engine with the run's CTranslate2 options (``--batch-tokens`` batches by tokens)."""
        tokens = settings.batch_tokens
        return cls(model, beam_size=settings.beam_size, batch_size=tokens or settings.batch_size,
                   batch_type="tokens" if tokens else "examples", device=settings.device,
                   threads=settings.threads, inter_threads=settings.inter_threads,
                   compute_type=settings.compute_type)

    def describe(self) -> str:
        return f"argos {self.model.name} {self.model.version} ({self.model.from_code}→{self.model.to_code}, CTranslate2)"

    # Loaded on first use: CTranslate2 import and model load cost ~1 s.
    @property
    def translator(self):
        if self._translator is None:
            import ctranslate2

            device = resolve_device(self.device)
            check_compute_type(self.compute_type, device)
            try:
                self._translator = ctranslate2.Translator(
                    str(self.model.path / "model"), device=device, compute_type=self.compute_type,
                    intra_threads=self.threads, inter_threads=parallel_batches(self.inter_threads, device))
            except (RuntimeError, ValueError) as err:
                raise ModelError(f"cannot load the CTranslate2 model: {err}", path=self.model.path,
                                 hint=f"reinstall it: transnews models remove {self.model.from_code} "
                                      f"{self.model.to_code} && "
                                      f"{install_command(self.model.from_code, self.model.to_code)}") from None
        return self._translator

    @property
    def tokenizer(self):
        if self._tokenizer is None:
            self._tokenizer = load_tokenizer(self.model.path, self.model.from_code, self.model.to_code)
        return self._tokenizer

    def tokenize(self, texts: list[str]) -> list[list[str]]:
        return [self.tokenizer.encode(t) for t in texts]

    def pieces(self, text: str) -> int:
        """Tokens of ``text``; one the vocabulary lacks reaches the model as ``<unk>``, which it
        cannot copy back, and counts as ``UNKNOWN_PIECE_COST``."""
        tokens = self.tokenizer.encode(text)
        processor = getattr(self.tokenizer, "lazy_processor", None)  # SentencePiece (not BPE) packages
        if processor is None:
            return len(tokens)
        sp = processor()
        return sum(UNKNOWN_PIECE_COST if sp.piece_to_id(t) == sp.unk_id() else 1 for t in tokens)

    def translate_tokens(self, tokens: list[list[str]], progress: ProgressFn | None = None):
        """One batched CTranslate2 call over every segment; returns token lists."""
        prefix = self.model.target_prefix
        longest = max((len(t) for t in tokens), default=0)
        results = self.translator.translate_batch(
            tokens,
            target_prefix=[[prefix]] * len(tokens) if prefix else None,
            max_batch_size=self.batch_size,
            batch_type=self.batch_type,
            beam_size=self.beam_size,
            replace_unknowns=True,
            # Bounds decoding for models that loop or never emit </s>.
            max_decoding_length=min(MAX_DECODING, 2 * longest + 16),
            asynchronous=progress is not None,
        )
        out = []
        for i, result in enumerate(results):
            if progress is not None:
                result = result.result()
                progress(i + 1, len(results), "Translating")
            out.append(result.hypotheses[0])
        return out

    def detokenize(self, hyps: list[list[str]]) -> list[str]:
        prefix = self.model.target_prefix
        out = []
        for hyp in hyps:
            if prefix and hyp and hyp[0] == prefix:
                hyp = hyp[1:]
            text = self.tokenizer.decode(hyp).strip()
            if self.clean:
                text = clean_output(text, self.model.to_code)
            out.append(text)
        return out

    def _translate(self, texts, progress):
        return self.detokenize(self.translate_tokens(self.tokenize(texts), progress))
