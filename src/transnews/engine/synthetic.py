"""Build a small but real Argos package with random weights.

Real Argos models cannot be downloaded everywhere (CI, air-gapped machines), so
tests and benchmarks build one: a SentencePiece model trained on the given
text and a CTranslate2 Transformer created from ``ctranslate2.specs`` via the
OpenNMT-py converter helpers, fed a dict of random numpy arrays. Its output is
nonsense, but tokenization, batching, decoding and packaging are all real.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace


@dataclass(frozen=True)
class ModelShape:
    layers: int = 2
    d_model: int = 64
    heads: int = 4
    ffn: int = 128
    vocab: int = 0  # 0: exactly the SentencePiece vocabulary; larger pads it
    sp_vocab: int = 400
    quantization: str | None = None  # e.g. "int8"
    # Logit bias on </s>: random weights otherwise never end a sentence and every output
    # runs to the decoding cap, which no real model does (benchmarks want real lengths,
    # tests want quick runs: 3.0 gives a few to a few dozen characters, never empty).
    eos_bias: float = 0.0


# Sinusoidal position table size; decoding is capped below it (see ArgosEngine).
MAX_POSITIONS = 1024

TINY = ModelShape(eos_bias=3.0)  # what the test suite builds
# Transformer-base as in Argos' real packages (6+6 layers, 512 dims, 32k vocabulary).
BASE = ModelShape(layers=6, d_model=512, heads=8, ffn=2048, vocab=32000, sp_vocab=2000, quantization="int8",
                  eos_bias=3.0)


def _variables(shape: ModelShape, vocab_size: int, seed: int, eos_index: int | None = None) -> dict:
    import numpy as np

    rng = np.random.default_rng(seed)
    d, f = shape.d_model, shape.ffn

    def w(*dims):
        return (rng.standard_normal(dims) * (1.0 / np.sqrt(dims[-1]))).astype(np.float32)

    def b(n):
        return np.zeros(n, dtype=np.float32)

    v = {}

    def norm(scope):
        v[f"{scope}.weight"] = np.ones(d, dtype=np.float32)
        v[f"{scope}.bias"] = b(d)

    def linear(scope, out_dim, in_dim):
        v[f"{scope}.weight"] = w(out_dim, in_dim)
        v[f"{scope}.bias"] = b(out_dim)

    def attention(scope):
        for name in ("linear_query", "linear_keys", "linear_values", "final_linear"):
            linear(f"{scope}.{name}", d, d)

    def ffn(scope):
        norm(f"{scope}.layer_norm")
        linear(f"{scope}.w_1", f, d)
        linear(f"{scope}.w_2", d, f)

    pos = np.arange(MAX_POSITIONS)[:, None] / np.power(10000, np.arange(0, d, 2)[None, :] / d)
    pe = np.zeros((MAX_POSITIONS, d), dtype=np.float32)
    pe[:, 0::2], pe[:, 1::2] = np.sin(pos), np.cos(pos)
    for side in ("encoder", "decoder"):
        v[f"{side}.embeddings.make_embedding.emb_luts.0.weight"] = w(vocab_size, d)
        v[f"{side}.embeddings.make_embedding.pe.pe"] = pe
        norm(f"{side}.layer_norm")
    for i in range(shape.layers):
        enc = f"encoder.transformer.{i}"
        attention(f"{enc}.self_attn")
        norm(f"{enc}.layer_norm")
        ffn(f"{enc}.feed_forward")
        dec = f"decoder.transformer_layers.{i}"
        attention(f"{dec}.self_attn")
        attention(f"{dec}.context_attn")
        norm(f"{dec}.layer_norm_1")
        norm(f"{dec}.layer_norm_2")
        ffn(f"{dec}.feed_forward")
    linear("generator", vocab_size, d)
    if eos_index is not None and shape.eos_bias:
        v["generator.bias"][eos_index] = shape.eos_bias
    return v


def train_sentencepiece(corpus: list[str], vocab_size: int) -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus), model_writer=model, vocab_size=vocab_size,
        model_type="unigram", character_coverage=1.0, hard_vocab_limit=False,
        minloglevel=2, num_threads=1,
    )
    return model.getvalue()


def build_ct2_model(out_dir: Path, vocab: list[str], shape: ModelShape, seed: int = 0) -> None:
    from ctranslate2.converters.converter import Converter
    from ctranslate2.converters.opennmt_py import _get_model_spec_seq2seq

    variables = _variables(shape, len(vocab), seed, vocab.index("</s>") if "</s>" in vocab else None)
    opt = SimpleNamespace(enc_layers=shape.layers, dec_layers=shape.layers, heads=shape.heads,
                          position_encoding=True, max_relative_positions=0,
                          decoder_start_token="<s>")

    class _RandomConverter(Converter):
        def _load(self):
            return _get_model_spec_seq2seq(opt, variables, [vocab], [vocab], 1)

    _RandomConverter().convert(str(out_dir), quantization=shape.quantization, force=True)


def build_package(dest: Path, corpus: list[str], *, from_code: str = "en", to_code: str = "zh",
                  shape: ModelShape = TINY, version: str = "1.0", seed: int = 0,
                  target_prefix: str = "") -> Path:
    """Write ``dest`` (an .argosmodel zip) and return it."""
    import sentencepiece as spm

    sp_bytes = train_sentencepiece(corpus, shape.sp_vocab)
    sp = spm.SentencePieceProcessor(model_proto=sp_bytes)
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    if target_prefix and target_prefix not in vocab:
        vocab.append(target_prefix)
    vocab += [f"<extra_{i}>" for i in range(max(0, shape.vocab - len(vocab)))]
    name = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / name
        root.mkdir()
        build_ct2_model(root / "model", vocab, shape, seed)
        (root / "sentencepiece.model").write_bytes(sp_bytes)
        meta = {"package_version": version, "argos_version": "1.9", "from_code": from_code,
                "from_name": from_code, "to_code": to_code, "to_name": to_code, "type": "translate",
                "links": []}
        if target_prefix:
            meta["target_prefix"] = target_prefix
        (root / "metadata.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
        (root / "README.md").write_text("Random-weight test package built by transnews.\n", encoding="utf-8")
        dest.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
            for f in sorted(root.rglob("*")):
                zf.write(f, f.relative_to(Path(tmp)).as_posix())
    return dest


def default_corpus(extra: list[str] | None = None) -> list[str]:
    """A few KB of English and Chinese news text for the tokenizer."""
    here = Path(__file__).with_name("corpus.txt")
    lines = [ln for ln in here.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lines + list(extra or [])
