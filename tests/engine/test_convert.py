"""Traditional editions: OpenCC conversion of MT output and the models it is made with."""

import subprocess
import sys

import pytest

from transnews.engine.base import MemoryEngine
from transnews.engine.convert import ConvertingEngine, convert, resolve_models, simplified_config, wrap
from transnews.engine.packages import ModelStore


def test_phrase_level_conversion_per_region():
    # s2twp converts Taiwan phrasing too, s2hk only the characters (Hong Kong keeps 软件 → 軟件).
    assert convert("软件和信息网络", "s2twp") == "軟體和資訊網路"
    assert convert("软件和信息网络", "s2hk") == "軟件和信息網絡"
    assert convert("", "s2twp") == ""


def test_placeholders_urls_and_latin_pass_through_conversion():
    text = "ZX1与ZX2签署协议，详见https://www.wipo.int/a_b.html (WIPO)"
    out = convert(text, "s2twp")
    assert out.startswith("ZX1與ZX2簽署") and out.endswith("https://www.wipo.int/a_b.html (WIPO)")


def test_converting_engine_converts_the_inner_engines_output():
    inner = MemoryEngine({"The software": "软件", "Hello": "你好"})
    engine = ConvertingEngine(inner, "s2twp")
    assert engine.translate(["The software", "Hello"]) == ["軟體", "你好"]
    assert engine.describe() == "memory (deterministic), converted with OpenCC s2twp"
    assert (engine.calls, inner.calls, engine.segments_translated) == (1, 1, 2)
    assert wrap(inner, None) is inner and isinstance(wrap(inner, "s2hk"), ConvertingEngine)


def test_simplified_config_of_each_target():
    assert [simplified_config(t) for t in ("zh_TW", "zh-HK", "zt", "zh", "en")] == \
        ["s2twp", "s2hk", "s2twp", None, None]


def test_opencc_is_imported_only_when_converting():
    code = ("import sys; import transnews.engine.convert, transnews.pipeline, transnews.glossary; "
            "assert 'opencc' not in sys.modules, 'opencc imported at start'; "
            "from transnews.engine.convert import convert; convert('软件', 's2hk'); "
            "assert 'opencc' in sys.modules")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


# --- which model a Traditional edition uses -------------------------------------------------

@pytest.fixture(scope="module")
def zt_archive(tmp_path_factory):
    """A real en→zt (Traditional) .argosmodel, random weights, like the en→zh one."""
    from transnews.engine.synthetic import build_package, default_corpus

    out = tmp_path_factory.mktemp("argos-zt") / "translate-en_zt-1_0.argosmodel"
    return build_package(out, default_corpus(), from_code="en", to_code="zt")


def test_traditional_edition_uses_the_simplified_model_converted(tiny_argos):
    settings, info = tiny_argos
    store = ModelStore(settings)
    models, config = resolve_models(store, "en", "zh_TW", offline=True)
    assert [m.to_code for m in models] == ["zh"] and config == "s2twp"
    models, config = resolve_models(store, "en", "zh_HK", offline=True)
    assert [m.to_code for m in models] == ["zh"] and config == "s2hk"
    assert resolve_models(store, "en", "zh", offline=True) == ([info], None)


def test_installed_traditional_model_is_used_directly(tiny_argos, zt_archive):
    settings, _ = tiny_argos
    store = ModelStore(settings)
    store.install_file(zt_archive)
    models, config = resolve_models(store, "en", "zh_HK", offline=True)
    # Its output only gets the region's character standard, no Simplified→Traditional pass.
    assert [m.to_code for m in models] == ["zt"] and config == "t2hk"
    assert resolve_models(store, "en", "zh_TW", offline=True)[1] == "t2tw"
