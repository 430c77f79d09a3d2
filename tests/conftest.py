"""Shared fixtures. Conformance data lives beside the repo in ../shared and is optional."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ncac-wipo-copyright-training.txt"
CONFORMANCE = ROOT.parent / "shared" / "conformance"
# Fixtures that build a real CTranslate2 model: every test using one (directly or through
# another fixture) is marked slow, so `pytest -m "not slow"` is the quick run.
MODEL_FIXTURES = frozenset({"tiny_argos_archive", "zh_en_archive"})


def pytest_collection_modifyitems(items):
    for item in items:
        if MODEL_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session", autouse=True)
def _private_cache_home(tmp_path_factory):
    """Tests never read or write the user's cache: $XDG_CACHE_HOME (inherited by the CLI
    subprocesses) and the default Settings.from_env({}) falls back to point at a temp dir."""
    from transnews import settings

    home = tmp_path_factory.mktemp("xdg-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(home))
        mp.setattr(settings, "_cache_home", lambda env: Path(env.get("XDG_CACHE_HOME") or home))
        yield home


@pytest.fixture
def conformance() -> Path:
    """Path to ../shared/conformance; skips the test when it is absent (fresh clone)."""
    if not CONFORMANCE.is_dir():
        pytest.skip("../shared/conformance is not present")
    return CONFORMANCE


@pytest.fixture
def example_article() -> Path:
    return EXAMPLE


@pytest.fixture
def growth():
    """``growth(fn, small, big)``: how many times longer ``fn(big)`` takes than ``fn(small)``.

    Both are timed in the same test, interleaved, best of three: a ratio, never absolute
    seconds, so a loaded machine slows both sides alike. Size ``small`` to take a few ms.
    """

    def ratio(fn, small, big, repeat: int = 3) -> float:
        fn(small)  # warm compiled-pattern caches
        best = {id(small): float("inf"), id(big): float("inf")}
        for _ in range(repeat):
            for arg in (small, big):
                t0 = time.perf_counter()
                fn(arg)
                best[id(arg)] = min(best[id(arg)], time.perf_counter() - t0)
        return best[id(big)] / max(best[id(small)], 1e-9)

    return ratio


@pytest.fixture(scope="session")
def tiny_argos_archive(tmp_path_factory) -> Path:
    """A real .argosmodel (en→zh): SentencePiece + random-weight CTranslate2 Transformer."""
    from transnews.engine.synthetic import build_package, default_corpus

    corpus = default_corpus(EXAMPLE.read_text(encoding="utf-8").splitlines())
    out = tmp_path_factory.mktemp("argos") / "translate-en_zh-1_0.argosmodel"
    return build_package(out, corpus, from_code="en", to_code="zh")


@pytest.fixture
def argos_settings(tmp_path, monkeypatch):
    """Settings with an empty, private Argos package dir (and ARGOS_* env pointing at it)."""
    from transnews.settings import Settings

    pk, dl = tmp_path / "argos-packages", tmp_path / "argos-cache" / "downloads"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(pk))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "argos-cache-home"))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")  # closed port: never the internet
    return Settings.from_env(packages_dir=pk, downloads_dir=dl, index_url="http://127.0.0.1:9/")


@pytest.fixture
def tiny_argos(tiny_argos_archive, argos_settings):
    """The tiny package installed with the real install code; returns (settings, ModelInfo)."""
    from transnews.engine.packages import ModelStore

    info = ModelStore(argos_settings).install_file(tiny_argos_archive)
    return argos_settings, info


@pytest.fixture
def tiny_argos_engine(tiny_argos):
    from transnews.engine.argos import ArgosEngine

    settings, info = tiny_argos
    return ArgosEngine(info, beam_size=1)
