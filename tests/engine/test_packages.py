import json
import zipfile
from pathlib import Path

import pytest

from transnews.engine.packages import ModelStore, validate_archive
from transnews.errors import ModelError

from argos_index import serve_index


def _meta(src="en", tgt="zh", version="1.0"):
    return {"package_version": version, "argos_version": "1.9", "from_code": src, "to_code": tgt,
            "from_name": src, "to_name": tgt, "type": "translate"}


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_install_list_remove_real_package(tiny_argos_archive, argos_settings):
    store = ModelStore(argos_settings)
    assert store.installed() == []
    info = store.install_file(tiny_argos_archive)
    assert (info.from_code, info.to_code, info.version) == ("en", "zh", "1.0")
    assert (info.path / "model" / "model.bin").is_file()
    assert store.find("en", "zh") == info
    # Reinstalling replaces in place, never leaving staging directories behind.
    store.install_file(tiny_argos_archive)
    assert sorted(p.name for p in argos_settings.packages_dir.iterdir()) == [info.name]
    removed = store.remove("en", "zh")
    assert removed == [info] and store.installed() == []
    with pytest.raises(ModelError, match="no en→zh model is installed"):
        store.remove("en", "zh")


@pytest.mark.parametrize("members, message", [
    ({"/abs/metadata.json": b"{}"}, "unsafe path"),
    ({"pkg/../../evil.txt": b"x", "pkg/metadata.json": b"{}"}, "unsafe path"),
    ({"pkg/model/model.bin": b"x", "pkg/sentencepiece.model": b"x"}, "no metadata.json"),
    ({"pkg/metadata.json": json.dumps(_meta()).encode(), "pkg/sentencepiece.model": b"x"}, "no CTranslate2 model"),
    ({"pkg/metadata.json": json.dumps(_meta()).encode(), "pkg/model/model.bin": b"x"}, "no tokenizer"),
    ({"pkg/metadata.json": b"{not json", "pkg/model/model.bin": b"x", "pkg/sentencepiece.model": b"x"}, "not valid JSON"),
    ({"a/metadata.json": b"{}", "b/model/model.bin": b"x"}, "one top-level directory"),
])
def test_hostile_or_broken_archives_install_nothing(tmp_path, argos_settings, members, message):
    archive = _zip(tmp_path / "bad.argosmodel", members)
    with pytest.raises(ModelError, match=message):
        ModelStore(argos_settings).install_file(archive)
    assert not argos_settings.packages_dir.exists() or list(argos_settings.packages_dir.iterdir()) == []
    assert not (tmp_path.parent / "evil.txt").exists()


def test_not_a_zip_and_truncated_zip(tmp_path, argos_settings, tiny_argos_archive):
    junk = tmp_path / "junk.argosmodel"
    junk.write_bytes(b"hello, not a zip")
    with pytest.raises(ModelError, match="not a zip"):
        validate_archive(junk)
    truncated = tmp_path / "cut.argosmodel"
    data = tiny_argos_archive.read_bytes()
    truncated.write_bytes(data[: len(data) // 2] + data[-2000:])
    with pytest.raises(ModelError):
        ModelStore(argos_settings).install_file(truncated)
    assert ModelStore(argos_settings).installed() == []


def test_download_from_index_on_loopback(tmp_path, tiny_argos_archive, argos_settings):
    with serve_index([(tiny_argos_archive, _meta())], tmp_path / "www") as (base, requests):
        store = ModelStore(argos_settings.with_(index_url=base))
        assert [(a.from_code, a.to_code) for a in store.available()] == [("en", "zh")]
        seen = []
        info = store.install_pair("en", "zh", progress=lambda d, t, label: seen.append((d, t)))
    assert info.from_code == "en" and store.find("en", "zh") == info
    assert seen and seen[-1][0] == seen[-1][1] == tiny_argos_archive.stat().st_size
    assert "/index.json" in requests and f"/{tiny_argos_archive.name}" in requests
    # The downloaded archive does not linger in the cache.
    assert not any(argos_settings.downloads_dir.glob("*.argosmodel"))


def test_resolve_offline_missing_says_what_to_run(argos_settings):
    with pytest.raises(ModelError) as err:
        ModelStore(argos_settings).resolve("en", "zh", offline=True)
    text = str(err.value)
    assert "no en→zh model is installed" in text and "transnews models install" in text


def test_resolve_unreachable_index_names_the_file_install(argos_settings):
    with pytest.raises(ModelError) as err:
        ModelStore(argos_settings).resolve("en", "zh", offline=False)
    assert "cannot read the model index" in str(err.value)
    assert "transnews models install /path/to/translate-en_zh.argosmodel" in str(err.value)


@pytest.mark.slow  # builds two models
def test_resolve_pivots_through_english(tmp_path, argos_settings):
    from transnews.engine.synthetic import build_package, default_corpus

    corpus = default_corpus()
    store = ModelStore(argos_settings)
    store.install_file(build_package(tmp_path / "de_en.argosmodel", corpus, from_code="de", to_code="en"))
    store.install_file(build_package(tmp_path / "en_zh.argosmodel", corpus, from_code="en", to_code="zh"))
    chain = store.resolve("de", "zh", offline=True)
    assert [(m.from_code, m.to_code) for m in chain] == [("de", "en"), ("en", "zh")]
