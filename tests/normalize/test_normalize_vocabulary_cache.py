"""Issue 15: the spelling vocabulary is read from a compact cache built once; the cached
copy gives the same words, Zipf values, correction targets and verdicts as wordfreq's own."""

import pytest

from transnews.normalize import Speller, fix_segments
from transnews.normalize.speller import _base_vocabulary, _build_vocabulary, _vocabulary
from transnews.ingest import read_article


@pytest.fixture
def fresh():
    """No vocabulary loaded in this process yet, so the next load goes to the disk cache."""
    _base_vocabulary.cache_clear()
    yield
    _base_vocabulary.cache_clear()


def _entries(folder):
    return sorted(folder.glob("vocabulary-*.bin"))


def test_cached_vocabulary_equals_wordfreq(tmp_path, fresh):
    built = _vocabulary(tmp_path)
    assert len(_entries(tmp_path)) == 1
    _base_vocabulary.cache_clear()
    read = _vocabulary(tmp_path)  # this time from the file
    assert read is not built
    reference = _build_vocabulary()
    assert read.zipf == reference.zipf == built.zipf
    assert read.targets == reference.targets


def test_same_fixes_with_and_without_cache(tmp_path, fresh, example_article):
    _vocabulary(tmp_path)
    _base_vocabulary.cache_clear()
    cached = Speller.load(cache_dir=tmp_path)  # read from the file
    plain = Speller(_build_vocabulary())
    art = read_article(example_article, "en")
    assert fix_segments(art, cached) == fix_segments(art, plain)
    for word in ("traning", "cultral", "enviroment", "Xiamen", "organisations", "runny", "teh"):
        assert cached.check(word) == plain.check(word)


def test_corrupt_vocabulary_cache_is_rebuilt(tmp_path, fresh):
    _vocabulary(tmp_path)
    (entry,) = _entries(tmp_path)
    entry.write_bytes(entry.read_bytes()[:1000])  # truncated, as by a full disk
    _base_vocabulary.cache_clear()
    assert _vocabulary(tmp_path).zipf["training"] > 4
    assert entry.stat().st_size > 1000
    assert _entries(tmp_path) == [entry]


def test_project_speller_uses_settings_cache_dir(tmp_path, fresh):
    from transnews.project import Project
    from transnews.settings import Settings

    settings = Settings.from_env({"XDG_CACHE_HOME": str(tmp_path)}, use_glossary=False)
    assert Project.from_settings(settings).speller.check("traning").best == "training"
    assert len(_entries(settings.cache_dir)) == 1
    assert settings.cache_dir == tmp_path / "transnews"
