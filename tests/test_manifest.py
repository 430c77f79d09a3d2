"""The re-run manifest: unchanged work is recognised, any change is not, a bad file is no error."""

from __future__ import annotations

from transnews.manifest import MANIFEST_NAME, Manifest, article_digests, inputs_digest, tree_digest


def _setup(tmp_path):
    art = tmp_path / "news.txt"
    art.write_text("Hello.\n")
    po = tmp_path / "locales" / "zh" / "LC_MESSAGES" / "news.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n')
    man = Manifest.load(tmp_path / "locales")
    inputs = inputs_digest({"src": "en", "tgt": "zh", "glossary": tree_digest(None)})
    man.record("zh/news", article_digests([art]), inputs, [po])
    man.save()
    return art, po, inputs


def test_unchanged_run_is_recognised_after_a_reload(tmp_path):
    art, _po, inputs = _setup(tmp_path)
    again = Manifest.load(tmp_path / "locales")
    assert again.unchanged("zh/news", article_digests([art]), inputs)


def test_each_kind_of_change_means_work(tmp_path):
    art, po, inputs = _setup(tmp_path)
    man = Manifest.load(tmp_path / "locales")
    assert not man.unchanged("zh/news", article_digests([art]), inputs_digest({"src": "en", "tgt": "zh-TW"}))
    assert not man.unchanged("zh/other", article_digests([art]), inputs)
    po.write_text('msgid ""\nmsgstr "reviewer saved"\n')  # a reviewer's save
    assert not man.unchanged("zh/news", article_digests([art]), inputs)
    po.write_text('msgid ""\nmsgstr ""\n')
    assert man.unchanged("zh/news", article_digests([art]), inputs)
    art.write_text("Hello again.\n")
    assert not man.unchanged("zh/news", article_digests([art]), inputs)
    po.unlink()
    assert not man.unchanged("zh/news", article_digests([art]), inputs)


def test_a_corrupt_or_foreign_manifest_is_just_empty(tmp_path):
    for text in ("{not json", '{"format": 99, "catalogs": {}}', '[1, 2]', '{"format": 1, "catalogs": {"k": 3}}'):
        (tmp_path / MANIFEST_NAME).write_text(text)
        assert Manifest.load(tmp_path).records == {}


def test_tree_digest_follows_names_and_contents(tmp_path):
    g = tmp_path / "glossary"
    g.mkdir()
    (g / "a.tsv").write_text("x")
    first = tree_digest(g, ["*.tsv"])
    (g / "notes.md").write_text("not part of it")
    assert tree_digest(g, ["*.tsv"]) == first
    (g / "a.tsv").write_text("y")
    assert tree_digest(g, ["*.tsv"]) != first
    assert tree_digest(tmp_path / "absent") == "missing" and tree_digest(None) == ""
