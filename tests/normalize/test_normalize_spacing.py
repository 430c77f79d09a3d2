"""Spacing rules: glued punctuation and doubled spaces; never numbers, abbreviations, URLs."""

import pytest

from transnews.normalize import Speller, fix_text


@pytest.fixture(scope="module")
def speller():
    return Speller.load()


@pytest.mark.parametrize("text, expected", [
    ("Mr. ZHENG Wei,Deputy Director", "Mr. ZHENG Wei, Deputy Director"),
    ("of Legal Department,China Council", "of Legal Department, China Council"),
    ("rights;and duties", "rights; and duties"),
    ("the Law.China Council", "the Law. China Council"),
    ("is steadily improving,  the export", "is steadily improving, the export"),
    ("is steadily improving, \u00a0the export", "is steadily improving, the export"),
    ("three   spaces", "three spaces"),
])
def test_spacing_fixed(speller, text, expected):
    result = fix_text(text, "en", speller, kind="paragraph")
    assert result.text == expected
    assert all(c.kind == "spacing" for c in result.changes)


@pytest.mark.parametrize("text", [
    "About 1,500 participants, 3.5 percent, 11% and 2,000,000.",
    "The U.S. and U.K. delegations, i.e. officials, e.g. the ministers, met at 9 a.m. on Jan. 5.",
    "See No.5 and Art.12 and Ph.D. holders and U.S.A.Today.",
    "Visit https://www.wipo.int/a,b/c.Html or www.Example.com/x;y and mail zhao.Wei@ncac.gov.cn.",
    "The wipo.int site and README.Md file.",
    "End of sentence.  Next sentence after two spaces.",
    "Line one\n    indented line\n\tand a tab\tinside",
    "版权产业,中国  市场",
])
def test_numbers_abbreviations_urls_untouched(speller, text):
    result = fix_text(text, "en", speller)
    assert result.text == text
    assert result.changes == []


def test_protected_spans_are_left_alone(speller):
    text = "keep a,b here but fix c,d"
    result = fix_text(text, "en", speller, protected_spans=[(5, 8)])
    assert result.text == "keep a,b here but fix c, d"
    (ch,) = result.changes
    assert (ch.start, ch.end, ch.original, ch.replacement) == (23, 24, ",", ", ")


def test_spacing_in_chinese_text_with_latin_words():
    result = fix_text("会议由WIPO,NCAC共同主办", "zh", None)
    assert result.text == "会议由WIPO, NCAC共同主办"


@pytest.mark.parametrize("text, expected", [
    ("It was here ,and there", "It was here, and there"),
    ("It was here , and there", "It was here, and there"),
    ("It was here  ,and there", "It was here, and there"),
    ("rights ;and duties", "rights; and duties"),
])
def test_space_before_comma_moved_after_it(speller, text, expected):
    result = fix_text(text, "en", speller, kind="paragraph")
    assert result.text == expected
    (ch,) = result.changes
    assert ch.kind == "spacing" and text[ch.start:ch.end] == ch.original


@pytest.mark.parametrize("text", [
    "About 1 ,500 people",  # a number, not a word, before the comma
    "Visit https://x.org/a ,b here",  # touching a URL
    "版权 ,中国",  # Chinese text: the Chinese rules decide
    "a list ,\nwrapped",
])
def test_space_before_comma_left_where_unsure(speller, text):
    assert fix_text(text, "en", speller, kind="paragraph").text == text
