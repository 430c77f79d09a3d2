"""Which articles a catalog belongs to (issue 11, case 1): the header record and the rule."""

from pathlib import Path

import polib
import pytest

from transnews.catalog.identity import (SOURCES_FIELD, check_owners, recorded_sources, sources_value,
                                        suggest_domains)
from transnews.errors import InputError


def test_sources_are_recorded_relative_to_the_locales_folder(tmp_path):
    loc = tmp_path / "locales"
    arts = [tmp_path / "a" / "news, final.txt", tmp_path / "b" / "news.txt"]
    value = sources_value(arts + arts[:1], loc)
    assert value == "../a/news%2C%20final.txt ../b/news.txt"  # quoted: a space cannot split a path
    po = polib.POFile()
    po.metadata[SOURCES_FIELD] = value
    assert recorded_sources(po, loc) == {a.resolve() for a in arts}


def test_suggested_domains_are_distinct():
    assert suggest_domains([Path("/n/a/news.txt"), Path("/n/b/news.txt")]) == ["a-news", "b-news"]
    assert suggest_domains([Path("/n/2024/05/index.html"), Path("/n/2024/06/index.html")]) == ["05-index", "06-index"]
    assert suggest_domains([Path("/n/news.txt"), Path("/n/news.html")]) == ["news-txt", "news-html"]


def test_the_same_file_twice_is_not_two_articles(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news.txt").write_text("x")
    check_owners({"news": [Path("news.txt"), tmp_path / "news.txt"]}, {}, tmp_path / "loc", "zh",
                 domain_given=False)
    with pytest.raises(InputError, match="news.txt and news.html would share one catalog"):
        check_owners({"news": [Path("news.txt"), Path("news.html")]}, {}, tmp_path / "loc", "zh",
                     domain_given=False)
    check_owners({"news": [Path("news.txt"), Path("news.html")]}, {}, tmp_path / "loc", "zh", domain_given=True)
