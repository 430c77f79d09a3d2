"""Translation memory and TMX 1.4 import/export."""

import polib
import pytest

from transnews.catalog import apply_tm, catalog_paths, load_po, write_atomic
from transnews.catalog.tm import TranslationMemory
from transnews.catalog.tmx import export_locales, import_tmx, read_tmx
from transnews.errors import CatalogError


def _catalog(entries):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "zh_CN"}
    for msgid, msgstr, flags in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=list(flags)))
    return po


@pytest.fixture
def locales(tmp_path):
    root = tmp_path / "locales"
    write_atomic({
        catalog_paths(root, "other", "zh")[1]: _catalog([
            ("WIPO sees great future in China's IP undertakings.", "世界知识产权组织看好中国知识产权事业的未来。", ()),
            ("About 100 participants attended the training.", "约100名学员参加了培训。", ()),
            ("A draft nobody reviewed yet.", "没人审校的草稿。", ("fuzzy",)),
        ]),
    })
    return root


def test_exact_and_fuzzy_lookup(locales):
    tm = TranslationMemory.from_locales(locales, "zh")
    assert len(tm) == 2  # the fuzzy draft is not memory
    exact = tm.lookup("About 100 participants attended the training.")
    assert exact.exact and exact.score == 100 and exact.msgstr == "约100名学员参加了培训。"
    assert exact.origin.endswith("zh/LC_MESSAGES/other.po")
    close = tm.lookup("About 120 participants attended the training.")
    assert close is not None and not close.exact and 75 <= close.score < 100
    assert tm.lookup("Something entirely unrelated to anything.") is None
    assert tm.lookup("A draft nobody reviewed yet.") is None
    assert TranslationMemory.from_locales(locales, "fr").lookup("anything") is None


def test_apply_tm_comments_and_flags(locales):
    tm = TranslationMemory.from_locales(locales, "zh")
    entry = polib.POEntry(msgid="About 100 participants attended the training.")
    apply_tm(entry, tm.lookup(entry.msgid))
    assert entry.msgstr == "约100名学员参加了培训。" and not entry.fuzzy
    assert "tm: exact match from" in entry.comment and "other.po" in entry.comment
    apply_tm(entry, tm.lookup(entry.msgid), exact_fuzzy=True)
    assert entry.fuzzy and entry.comment.count("tm:") == 1
    near = polib.POEntry(msgid="About 120 participants attended the training.")
    apply_tm(near, tm.lookup(near.msgid))
    assert near.fuzzy and near.previous_msgid == "About 100 participants attended the training."
    assert "% match from" in near.comment


def test_broken_catalog_in_memory_is_an_error(locales):
    bad = locales / "zh" / "LC_MESSAGES" / "broken.po"
    bad.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        TranslationMemory.from_locales(locales, "zh")
    assert err.value.path.endswith("broken.po") and err.value.line == 2


def test_lisa_kit_imports(conformance, tmp_path):
    kit = conformance / "tmx_lisa_compliance_kit"
    files = sorted(kit.glob("*.tmx"))
    assert len(files) == 23
    for path in files:
        doc = read_tmx(path)
        assert doc.units, path
        assert all(u.variants and all(isinstance(v, str) for v in u.variants.values()) for u in doc.units)
    # UTF-16 LE with BOM, inline bpt/ept/ph/hi, "En-uS"/"FR-CA" language case.
    doc = read_tmx(kit / "ImportTest2A.tmx")
    texts = [u.variants for u in doc.units]
    assert texts[0]["en"] == "The big <b>black</b> <u>cat</u> sleeps."
    assert texts[0]["fr"] == "Le gros <u>chat</u> <b>noir</b> dors."
    assert any(t.get("en") == 'Picture: <img src="img.png"/>' for t in texts)
    assert any(t.get("en") == "Some text with a part highlighted." for t in texts)
    # RTF codes are not text: dropped.
    assert read_tmx(kit / "ImportTest2B.tmx").units[0].variants["en"] == "The big black cat sleeps."
    res = import_tmx(kit / "ImportTest1L.tmx", tgt="fr", locales_dir=tmp_path / "locales")
    po = load_po(res.po_path)
    assert res.po_path == tmp_path / "locales" / "fr" / "LC_MESSAGES" / "tm-ImportTest1L.po"
    assert po.find("Text of the segment.").msgstr == "Texte du segment."


def test_tico19_imports_all_units(conformance, tmp_path):
    res = import_tmx(conformance / "tico19" / "all.en-zh.tmx", tgt="zh", locales_dir=tmp_path)
    assert res.units == 3071 and res.skipped_missing == 0
    assert res.imported + res.duplicates + res.conflicts == 3071
    po = load_po(res.po_path)
    assert len(po.translated_entries()) == res.imported
    assert sum(len(e.occurrences) for e in po) == 3071  # every unit is referenced
    tm = TranslationMemory.from_locales(tmp_path, "zh")
    hit = tm.lookup("and along with a fever")
    assert hit.exact and hit.msgstr == "并伴有发热症状"


@pytest.mark.parametrize("body, line, words", [
    ('<?xml version="1.0"?>\n<tmx version="1.4"><header/>\n<body><tu><tuv xml:lang="en"><seg>x</tuv></tu></body></tmx>',
     3, "not well-formed"),
    ('<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<tmx><body/></tmx>',
     2, "entities"),
    ('<?xml version="1.0"?>\n<xliff/>', 2, "not a TMX"),
    ('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>\n<tu><tuv><seg>x</seg></tuv></tu></body></tmx>',
     3, "xml:lang"),
])
def test_bad_tmx_names_file_and_line(tmp_path, body, line, words):
    path = tmp_path / "bad.tmx"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        read_tmx(path)
    assert err.value.path == str(path) and err.value.line == line and words in str(err.value)


def test_billion_laughs_refused(tmp_path):
    lol = "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10 if i else "lol"}">' for i in range(10))
    path = tmp_path / "lol.tmx"
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE tmx [{lol}]><tmx><body>&l9;</body></tmx>', encoding="utf-8")
    with pytest.raises(CatalogError, match="entities"):
        read_tmx(path)


def test_export_then_import_round_trip(locales, tmp_path):
    text, units, cats = export_locales(locales, tgt="zh", src="en")
    assert units == 2 and cats == 1 and '<tmx version="1.4">' in text and 'xml:lang="zh-CN"' in text
    out = tmp_path / "memory.tmx"
    write_atomic({out: text})
    doc = read_tmx(out)
    pairs = {u.variants["en"]: u.variants["zh"] for u in doc.units}
    assert pairs["About 100 participants attended the training."] == "约100名学员参加了培训。"
    res = import_tmx(out, tgt="zh", locales_dir=tmp_path / "again")
    assert res.imported == 2


def test_many_lookups_use_the_index_and_find_what_a_scan_finds(monkeypatch):
    import random

    from rapidfuzz import fuzz, process

    from transnews.catalog import fuzzy
    from transnews.catalog.tm import _Unit

    monkeypatch.setattr(fuzzy, "SCAN_PAIRS", 2_000)  # the index after a few look-ups, on a small memory
    rng = random.Random(7)
    words = "the copyright office treaty training held officials rights authors works beijing".split()
    sentences = [" ".join(rng.choice(words) for _ in range(rng.randint(4, 12))) for _ in range(400)]
    tm = TranslationMemory([_Unit(s, None, f"t{i}", "x.po", i) for i, s in enumerate(sentences)])
    queries = [s.replace("the", "a", 1) for s in rng.sample(sentences, 40)] + ["unrelated words entirely"]
    for q in queries:
        want = process.extractOne(q, tm._choices, scorer=fuzz.ratio, score_cutoff=tm.threshold)
        got = tm.lookup(q)
        assert (got is None) == (want is None), q
        if got is not None and not got.exact:
            assert (got.msgid, got.score) == (want[0], want[1]), q
    assert isinstance(tm._fuzzy, fuzzy.FuzzyIndex)
