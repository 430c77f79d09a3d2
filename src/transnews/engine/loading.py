"""Loading an Argos package's parts: its tokenizer, and a load test before installing one.

Shared by :class:`~transnews.engine.argos.ArgosEngine` (which loads what it runs) and
the model store (which must know a package loads before it replaces a working one).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ModelError


def load_tokenizer(package_path: Path, from_code: str, to_code: str):
    """The package's own tokenizer (SentencePiece or BPE), via argostranslate.tokenizer."""
    from argostranslate.tokenizer import BPETokenizer, SentencePieceTokenizer

    sp = package_path / "sentencepiece.model"
    bpe = package_path / "bpe.model"
    if sp.exists():
        return SentencePieceTokenizer(sp)
    if bpe.exists():
        return BPETokenizer(bpe, from_code, to_code)
    raise ModelError("package has neither sentencepiece.model nor bpe.model", path=package_path)


def probe_package(package_path: Path, from_code: str, to_code: str, target_prefix: str = "") -> None:
    """Load the tokenizer and the CTranslate2 model (on the CPU) and translate one word.

    Raises ModelError saying which part does not load. Loading a real package takes about
    a second; that is what it costs to never install one that cannot translate.
    """
    import ctranslate2

    # Third-party loaders given a damaged file raise whatever their parser hits (RuntimeError,
    # OSError, UnicodeDecodeError, IndexError...): any of them means "does not load".
    try:
        tokens = load_tokenizer(package_path, from_code, to_code).encode("Test") or ["Test"]
    except ModelError:
        raise
    except Exception as err:  # noqa: BLE001 - see above
        raise ModelError(f"its tokenizer does not load ({_short(err)})") from None
    try:
        translator = ctranslate2.Translator(str(package_path / "model"), device="cpu")
        translator.translate_batch([tokens], target_prefix=[[target_prefix]] if target_prefix else None,
                                   beam_size=1, max_decoding_length=2)
    except Exception as err:  # noqa: BLE001 - see above
        raise ModelError(f"its CTranslate2 model does not load ({_short(err)})") from None


def _short(err: Exception) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text if len(text) <= 200 else text[:197] + "..."
