"""Issue 15: a glossary (and its matchers) is read from a compiled cache keyed by its files'
bytes; the cached glossary recognises exactly what a freshly loaded one does."""

import shutil
from pathlib import Path

import pytest

from transnews.errors import GlossaryError
from transnews.glossary import load_glossary
from transnews.ingest import read_article

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "glossary"
PROBES = Path(__file__).with_name("probes.tsv")
EXAMPLES = {"en": ROOT / "examples" / "ncac-wipo-copyright-training.txt",
            "zh": ROOT / "examples" / "cnipa-copyright-week-zh.txt"}


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("glossary-*.bin"))


def _probe_lines():
    for ln in PROBES.read_text(encoding="utf-8").splitlines():
        if ln.strip() and not ln.startswith(("#", "lang\t")):
            lang, text, _ = ln.split("\t")
            yield lang, text


def _results(g):
    """Everything recognition gives on the example articles (zh and zh-TW targets) and the probes."""
    out = []
    for lang, path in EXAMPLES.items():
        texts = [s.text for s in read_article(path, lang).segments]
        for tgt in (None, "zh-TW") if lang == "en" else (None,):
            out.append(g.recognize_article(texts, lang, tgt))
    out.append([g.recognize(text, lang) for lang, text in _probe_lines()])
    return out


def test_cached_glossary_recognises_as_a_fresh_one(tmp_path):
    first = load_glossary(GLOSSARY, cache_dir=tmp_path)
    first.matcher("en"), first.matcher("zh")  # built and stored with the glossary
    assert len(_entries(tmp_path)) == 1
    cached = load_glossary(GLOSSARY, cache_dir=tmp_path)
    assert cached is not first and set(cached._matchers) == {"en", "zh"}  # unpickled, matchers included
    fresh = load_glossary(GLOSSARY)
    assert [c.id for c in cached] == [c.id for c in fresh]
    assert cached.concepts == fresh.concepts
    assert cached.protected_words("en") == fresh.protected_words("en")
    assert _results(cached) == _results(fresh)
    assert cached.lookup("WIPO") == fresh.lookup("WIPO")


def test_edited_glossary_is_not_read_from_the_old_cache(tmp_path):
    gdir = tmp_path / "glossary"
    shutil.copytree(GLOSSARY, gdir)
    cache = tmp_path / "cache"
    before = load_glossary(gdir, cache_dir=cache)
    tsv = sorted(gdir.glob("*.tsv"))[0]
    lines = tsv.read_text(encoding="utf-8").splitlines()
    header = next(i for i, ln in enumerate(lines) if ln.startswith("id\t"))
    cols = lines[header].split("\t")
    row = dict.fromkeys(cols, "")
    row.update(id="cache-probe-term", en="Zorblatt Convention", zh="佐布拉特公约", case="any", source="test")
    tsv.write_text("\n".join(lines + ["\t".join(row[c] for c in cols)]) + "\n", encoding="utf-8")
    after = load_glossary(gdir, cache_dir=cache)
    assert len(after) == len(before) + 1
    assert [m.concept_id for m in after.recognize("The Zorblatt Convention was signed.", "en")] == ["cache-probe-term"]
    assert len(_entries(cache)) == 1  # the old entry of this glossary was replaced


def test_corrupt_glossary_cache_is_rebuilt_silently(tmp_path, capsys):
    load_glossary(GLOSSARY, cache_dir=tmp_path)
    (entry,) = _entries(tmp_path)
    entry.write_bytes(b"\x80\x05not a pickle")
    g = load_glossary(GLOSSARY, cache_dir=tmp_path)
    assert len(g) == len(load_glossary(GLOSSARY))
    assert entry.read_bytes()[:20] != b"\x80\x05not a pickle"[:20]
    assert capsys.readouterr() == ("", "")


def test_invalid_glossary_is_never_cached(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\ten\tzh\nx\tFoo\t\n", encoding="utf-8")
    with pytest.raises(GlossaryError):
        load_glossary(bad, cache_dir=tmp_path / "cache")
    assert not (tmp_path / "cache").exists() or _entries(tmp_path / "cache") == []


def test_project_glossary_uses_settings_cache_dir(tmp_path):
    from transnews.project import Project
    from transnews.settings import Settings

    settings = Settings.from_env({"XDG_CACHE_HOME": str(tmp_path)}, glossary_path=GLOSSARY)
    Project.from_settings(settings).glossary.matcher("en")
    assert len(_entries(tmp_path / "transnews")) == 1
