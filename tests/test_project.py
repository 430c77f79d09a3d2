"""The project object: one resolution of glossary, word list and locales; lazy loading."""

from pathlib import Path

import pytest

from transnews.errors import GlossaryError, InputError
from transnews.ingest import read_article
from transnews.project import Project, resolve_words_path
from transnews.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
TSV = ("id\ten\tabbr\tzh\tzh_variants\tzh_forbidden\tdnt\tcase\tnote\tsource\n"
       "wipo\tWorld Intellectual Property Organization\tWIPO\t世界知识产权组织\t\t\t\texact\t\ttest\n")


def _project(**settings) -> Project:
    return Project.from_settings(Settings.from_env(**settings))


@pytest.fixture
def folder(tmp_path):
    """A glossary folder holding one .tsv and the project words.txt."""
    d = tmp_path / "gl"
    d.mkdir()
    (d / "ip.tsv").write_text(TSV, encoding="utf-8")
    (d / "words.txt").write_text("recieve\n", encoding="utf-8")
    return d


def test_words_txt_is_in_the_glossary_folder_for_a_folder_and_for_a_file(folder):
    assert _project(glossary_path=folder).words_path == folder / "words.txt"
    assert _project(glossary_path=folder / "ip.tsv").words_path == folder / "words.txt"
    (folder / "words.txt").unlink()
    assert _project(glossary_path=folder).words_path is None


def test_no_glossary_means_no_glossary_and_no_implicit_word_list(folder):
    project = _project(glossary_path=folder, use_glossary=False)
    assert project.glossary_path is None and project.glossary is None and project.words_path is None
    # An explicit list is used anyway, and kept even when missing so that using it says so.
    assert resolve_words_path(folder / "nope.txt", None) == folder / "nope.txt"
    with pytest.raises(InputError, match="word list not found"):
        _ = _project(use_glossary=False, words_path=folder / "nope.txt").speller


def test_default_glossary_is_the_cwd_folder_else_the_bundled_one(folder, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bundled = _project().glossary_path
    assert bundled is not None and (bundled / "words.txt").is_file()
    folder.rename(tmp_path / "glossary")
    project = _project()
    assert project.glossary_path == tmp_path / "glossary"
    assert project.words_path == tmp_path / "glossary" / "words.txt"


def test_nothing_is_loaded_until_used(folder):
    project = _project(glossary_path=folder / "ip.tsv")
    assert "glossary" not in vars(project) and "speller" not in vars(project)
    assert len(project.glossary) == 1 and project.glossary is project.glossary  # loaded once
    assert project.speller.check("recieve") is None  # the project word
    assert project.speller is project.speller


def test_a_missing_glossary_is_reported_only_where_it_is_needed(tmp_path, monkeypatch):
    project = _project(glossary_path=tmp_path / "missing")
    with pytest.raises(GlossaryError, match="glossary not found"):
        _ = project.glossary
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("transnews.glossary.default_glossary_path", lambda: None)
    none = _project()
    assert none.glossary is None
    with pytest.raises(GlossaryError, match="no glossary found"):
        none.require_glossary()


def test_prepare_articles_follows_fix_source(folder, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The delegates recieve the traning.\n", encoding="utf-8")
    art = read_article(path, "en")
    fixed = _project(glossary_path=folder).prepare_articles([art])[0]
    assert fixed.segments[0].text == "The delegates recieve the training."
    assert _project(glossary_path=folder, fix_source=False).prepare_articles([art]) == [art]


def test_find_catalogs(tmp_path):
    locales = tmp_path / "locales"
    project = _project(locales_dir=locales)
    with pytest.raises(InputError, match="does not exist"):
        project.find_catalogs()
    (locales / "zh" / "LC_MESSAGES").mkdir(parents=True)
    with pytest.raises(InputError, match="no .po files under"):
        project.find_catalogs()
    po = locales / "zh" / "LC_MESSAGES" / "a.po"
    po.write_text("", encoding="utf-8")
    assert project.find_catalogs() == [po] == project.find_catalogs([locales])
    with pytest.raises(InputError, match="no such catalog"):
        project.find_catalogs([tmp_path / "b.po"])
