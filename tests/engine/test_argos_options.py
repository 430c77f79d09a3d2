"""CTranslate2 options (device, compute type, threads, token batches) reach CTranslate2."""

import pytest

from transnews.engine.argos import ArgosEngine, check_compute_type, resolve_device
from transnews.errors import InputError
from transnews.settings import Settings


@pytest.fixture
def spy(monkeypatch):
    """ctranslate2.Translator replaced by a real one that records how it was built and called."""
    import ctranslate2

    real, seen = ctranslate2.Translator, {}

    class Spy:
        def __init__(self, path, **kwargs):
            seen["init"] = kwargs
            self._inner = real(path, **kwargs)

        def translate_batch(self, tokens, **kwargs):
            seen["batch"] = kwargs
            return self._inner.translate_batch(tokens, **kwargs)

    monkeypatch.setattr(ctranslate2, "Translator", Spy)
    return seen


def test_options_reach_the_translator_and_translate_batch(tiny_argos, spy):
    _, info = tiny_argos
    engine = ArgosEngine(info, beam_size=1, batch_size=64, batch_type="tokens", threads=1, inter_threads=2,
                         compute_type="int8_float32")
    out = engine.translate(["WIPO held a training.", "About 100 participants attended."])
    assert len(out) == 2
    assert spy["init"] == {"device": "cpu", "compute_type": "int8_float32", "intra_threads": 1,
                           "inter_threads": 2}
    assert spy["batch"]["batch_type"] == "tokens" and spy["batch"]["max_batch_size"] == 64


def test_settings_batch_tokens_switch_to_token_batches(tiny_argos):
    settings, info = tiny_argos
    by_tokens = ArgosEngine.from_settings(info, settings.with_(batch_tokens=500, threads=2, compute_type="int8"))
    assert (by_tokens.batch_type, by_tokens.batch_size, by_tokens.threads, by_tokens.compute_type) == (
        "tokens", 500, 2, "int8")
    by_sentences = ArgosEngine.from_settings(info, settings.with_(batch_size=8))
    assert (by_sentences.batch_type, by_sentences.batch_size) == ("examples", 8)


def test_device_resolution(monkeypatch):
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    assert resolve_device("cpu") == "cpu" and resolve_device("auto") == "cpu"
    with pytest.raises(InputError, match="--device cuda: CTranslate2 finds no usable CUDA device") as err:
        resolve_device("cuda")
    assert "--device auto" in str(err.value) and err.value.exit_code == 2
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    assert resolve_device("auto") == "cuda" and resolve_device("cuda") == "cuda"
    with pytest.raises(InputError, match="unknown device 'gpu'"):
        resolve_device("gpu")


def test_a_cuda_runtime_that_fails_counts_as_no_cuda(monkeypatch):
    import ctranslate2

    def broken():
        raise RuntimeError("CUDA driver version is insufficient for CUDA runtime version")

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", broken)
    assert resolve_device("auto") == "cpu"
    with pytest.raises(InputError):
        resolve_device("cuda")


def test_compute_type_the_device_cannot_run_names_the_ones_it_can(monkeypatch):
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "get_supported_compute_types", lambda device: {"int8", "float32"})
    check_compute_type("auto", "cpu")
    check_compute_type("int8", "cpu")
    with pytest.raises(InputError, match="--compute-type float16 is not supported on cpu") as err:
        check_compute_type("float16", "cpu")
    assert "float32, int8" in str(err.value)
    with pytest.raises(InputError, match="unknown compute type 'fast'"):
        check_compute_type("fast", "cpu")


def test_engine_without_cuda_fails_before_loading(tiny_argos, monkeypatch, spy):
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    _, info = tiny_argos
    with pytest.raises(InputError, match="--device cuda"):
        ArgosEngine(info, device="cuda").translate(["One."])
    assert "init" not in spy  # no model load attempted, no misleading "reinstall it" hint


def test_environment_device_is_read_once_in_settings():
    assert Settings.from_env({"ARGOS_DEVICE_TYPE": "auto"}).device == "auto"
    assert Settings.from_env({}).device == "cpu" and Settings.from_env({"ARGOS_DEVICE_TYPE": ""}).device == "cpu"


def test_pieces_counts_the_packages_tokens(tiny_argos_engine):
    assert tiny_argos_engine.pieces(" ZX1") == len(tiny_argos_engine.tokenize([" ZX1"])[0]) > 0


def test_parallel_batches_default_one_per_core_on_cpu_one_on_gpu(monkeypatch):
    import os

    from transnews.engine.argos import parallel_batches

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert parallel_batches(0, "cpu") == 2 and parallel_batches(0, "cuda") == 1
    assert parallel_batches(3, "cpu") == 3 and parallel_batches(3, "cuda") == 3
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(16)), raising=False)
    assert parallel_batches(0, "cpu") == 4


def test_defaults_are_the_tuned_ones():
    settings = Settings.from_env({})
    assert (settings.threads, settings.inter_threads, settings.batch_size, settings.batch_tokens) == (1, 0, 8, 0)
