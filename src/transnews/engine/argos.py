"""Argos Translate packages run directly on CTranslate2.

We do not use ``argostranslate.translate``: it imports torch/stanza/spacy and
downloads a sentence model. Segmentation is ours; here we only tokenize with
the package's own tokenizer, run one batched ``translate_batch`` and decode.
"""

from __future__ import annotations

from ..errors import ModelError
from .base import Engine, ProgressFn
from .cleanup import clean_output
from .loading import load_tokenizer
from .packages import ModelInfo, install_command

# Argos models are OpenNMT transformers with position tables of at least 1024 entries;
# no news sentence needs more output tokens than this.
MAX_DECODING = 512


class ArgosEngine(Engine):
    name = "argos"

    def __init__(self, model: ModelInfo, *, beam_size: int = 4, batch_size: int = 32,
                 device: str = "cpu", threads: int = 0, compute_type: str = "auto",
                 clean: bool = True) -> None:
        super().__init__()
        self.model = model
        self.beam_size = beam_size
        self.batch_size = batch_size
        self.device = device
        self.threads = threads
        self.compute_type = compute_type
        self.clean = clean
        self._translator = None
        self._tokenizer = None

    def describe(self) -> str:
        return f"argos {self.model.name} {self.model.version} ({self.model.from_code}→{self.model.to_code}, CTranslate2)"

    # Loaded on first use: CTranslate2 import and model load cost ~1 s.
    @property
    def translator(self):
        if self._translator is None:
            import ctranslate2

            try:
                self._translator = ctranslate2.Translator(
                    str(self.model.path / "model"), device=self.device,
                    compute_type=self.compute_type, intra_threads=self.threads)
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

    def translate_tokens(self, tokens: list[list[str]], progress: ProgressFn | None = None):
        """One batched CTranslate2 call over every segment; returns token lists."""
        prefix = self.model.target_prefix
        longest = max((len(t) for t in tokens), default=0)
        results = self.translator.translate_batch(
            tokens,
            target_prefix=[[prefix]] * len(tokens) if prefix else None,
            max_batch_size=self.batch_size,
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
