"""Length compared like with like: Chinese characters against English letters."""

import polib

from transnews.review import LengthRatio
from transnews.review.length import measure


def test_measure_in_the_target_unit():
    actual, expected, unit = measure("Copyright training.", "版权培训。", "en", "zh")
    assert (actual, unit) == (4, "Chinese characters") and round(expected) == 4
    actual, expected, unit = measure("版权培训。", "Copyright training.", "zh", "en")
    assert (actual, unit) == (17, "letters") and round(expected) == 17
    assert measure("Same script.", "Même écriture.", "en", "fr")[2] == "characters"


def test_urls_names_and_glossary_terms_are_taken_out():
    url = "https://www.wipo.int/about-ip/en/copyright/training-programmes.html"
    actual, expected, _ = measure(f"See {url}.", f"详见{url}。", "en", "zh")
    assert (actual, round(expected)) == (2, 1)
    # Latin kept in Chinese ("Benjamin Ng") stands for as many source letters.
    _, expected, _ = measure("Benjamin Ng spoke.", "Benjamin Ng发言。", "en", "zh")
    assert round(expected * 4.2) == 5


def test_message_says_which_way():
    src = "The training covered overseas risk prevention and control in detail."
    short = LengthRatio().check(polib.POEntry(msgid=src, msgstr="培训。"), "en", "zh")
    assert short[0].message.startswith("translation shorter than expected: 2 Chinese characters for a source")
    long_ = LengthRatio().check(polib.POEntry(msgid="The training ended.", msgstr="培训" * 30), "en", "zh")
    assert long_[0].message.startswith("translation longer than expected: 60 Chinese characters")
    ok = polib.POEntry(msgid="International Copyright Training on Overseas Risk Prevention and Control of "
                             "Copyright Industry 2021 Held in Xiamen",
                       msgstr="2021年版权产业海外风险防控国际版权培训班在厦门举办")
    assert LengthRatio().check(ok, "en", "zh") == []
