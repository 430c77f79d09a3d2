"""Planted typos: titles, sentence starts, lowercase words; confident vs suggested."""

import pytest

from transnews.normalize import Speller, fix_text
from transnews.normalize.speller import describe_edit


@pytest.fixture(scope="module")
def speller():
    return Speller.load()


def test_title_typos_fixed_with_case_kept(speller):
    result = fix_text("Enviroment Ministry Holds Traning Course in Xiamen", "en", speller, kind="title")
    assert result.text == "Environment Ministry Holds Training Course in Xiamen"
    assert [(c.original, c.replacement, c.start) for c in result.changes] == [
        ("Enviroment", "Environment", 0), ("Traning", "Training", 26)]


def test_sentence_start_typo_fixed_with_case_kept(speller):
    result = fix_text("Traning was held in Xiamen. Enviroment rules apply.", "en", speller)
    assert result.text == "Training was held in Xiamen. Environment rules apply."


def test_lowercase_typos_in_running_text(speller):
    text = "The goverment said it will recieve the seperate reports untill the begining of July."
    result = fix_text(text, "en", speller, kind="paragraph")
    assert result.text == ("The government said it will receive the separate reports until the "
                           "beginning of July.")
    assert all(c.kind == "typo" for c in result.changes)
    assert [text[c.start:c.end] for c in result.changes] == [c.original for c in result.changes]


def test_uncertain_correction_is_a_suggestion_not_applied(speller):
    text = "The meeting occured in May."
    result = fix_text(text, "en", speller, kind="paragraph")
    assert result.text == text and result.changes == []
    (sug,) = result.suggestions
    assert (sug.word, sug.replacement, sug.line) == ("occured", "occurred", 1)
    assert text[sug.start:sug.end] == "occured"
    assert sug.describe() == "occured → occurred?"


def test_short_words_are_never_corrected(speller):
    assert fix_text("teh cat and hte dog", "en", speller).changes == []


def test_possessive_is_corrected_on_its_stem(speller):
    assert fix_text("the goverment's plan", "en", speller).text == "the government's plan"


def test_ambiguous_typo_is_not_applied(speller):
    # "wich": which (6.3) and with (6.85) are both one edit away.
    result = fix_text("the wich report", "en", speller)
    assert result.text == "the wich report"
    assert result.suggestions and result.suggestions[0].replacement in ("which", "with")


def test_non_english_gets_spacing_only(speller):
    result = fix_text("La traning du goverment,la semaine.", "fr", speller)
    assert result.text == "La traning du goverment, la semaine."
    assert [c.kind for c in result.changes] == ["spacing"]


def test_no_speller_means_spacing_only():
    result = fix_text("the traning,course", "en", None)
    assert result.text == "the traning, course"


def test_line_numbers_are_one_based(speller):
    result = fix_text("Title\n\nthe traning course\nand the goverment", "en", speller)
    assert [(c.original, c.line) for c in result.changes] == [("traning", 3), ("goverment", 4)]


@pytest.mark.parametrize("typo, word, kind, classic", [
    ("recieve", "receive", "transposition", True),
    ("begining", "beginning", "doubling", True),
    ("cultral", "cultural", "omission", True),
    ("goverment", "government", "omission", True),
    ("seperate", "separate", "substitution", True),
    ("dosing", "doing", "insertion", False),
    ("imaged", "images", "substitution", False),
])
def test_edit_classification(typo, word, kind, classic):
    ed = describe_edit(typo, word)
    assert (ed.kind, ed.classic) == (kind, classic)


def test_vocabulary_is_loaded_once():
    from transnews.normalize.speller import _base_vocabulary

    Speller.load()
    Speller.load(extra_words=["x"])
    assert _base_vocabulary.cache_info().misses == 1
