"""Names, acronyms, abbreviations, British spellings, URLs: never changed."""

import pytest

from transnews.normalize import Speller, fix_text


@pytest.fixture(scope="module")
def speller():
    return Speller.load()


UNCHANGED = [
    "Mr. XU Guojian, Senior Partner, Boss & Young, Attorneys at Law; Mr. RAN Handong, Partner of "
    "Maucher Jenkins; Mr. Geoff Hussey, Partner of AA Thornton; Mr. YAN Bo of CCTV.",
    "Ms. ZHAO Xiuling met Dr. Wang, Prof. Kaizhong and Mr Hussey in the U.S. on Monday, i.e. before "
    "the talks, e.g. at the forum.",
    "The organisations' neighbouring centres catalogued the programmes and licences, recognising the "
    "colour of behaviour and the travellers' favourite theatres.",
    "WIPO, NCAC, CISAC, CCPIT, WOC and the TRANING unit of ZHAO visited Zhongnan University in Xiamen.",
    "Visit https://www.wipo.int/traning,now or www.ncac.gov.cn/enviroment.html or write to "
    "traning.zhao@ncac.gov.cn about it.",
    "The COVID19 goverment2021 plan, the 3rd recieve_count and the H1N1 #traning tag stay.",
    "Rare real words stay: dosing, imaged, runny noses, snouted, refereed, driers, cleaves, takeup.",
    "He said the Traning Centre and the Enviroment Agency of Halland would attend.",
    "Don't worry: it's the co-operation of China's copyright industry and the WIPO's offices.",
]


@pytest.mark.parametrize("text", UNCHANGED)
def test_names_acronyms_and_british_spellings_unchanged(speller, text):
    result = fix_text(text, "en", speller, kind="paragraph")
    assert result.text == text
    assert result.changes == []


def test_capitalised_words_inside_sentences_are_not_even_suggested(speller):
    result = fix_text("The delegation met Xiuling, Beiling and Johnsen in Geneva.", "en", speller,
                      kind="paragraph")
    assert result.text.endswith("Johnsen in Geneva.")
    assert result.suggestions == []


def test_name_at_sentence_start_known_from_elsewhere_is_kept(speller):
    text = "Mr. Beiling chaired the meeting. Beiling said the report was ready."
    result = fix_text(text, "en", speller)
    assert result.text == text and result.suggestions == []


def test_name_like_fix_at_sentence_start_is_only_suggested(speller):
    result = fix_text("Johnsen said the report was ready.", "en", speller, kind="paragraph")
    assert result.text == "Johnsen said the report was ready."
    assert [s.describe() for s in result.suggestions] == ["Johnsen → Johnson?"]


def test_protected_glossary_terms_never_change(speller):
    sp = Speller.load(protected=["Cultral Holdings", "traning", "Ernst,Young"])
    text = "The traning firm Ernst,Young and cultral partners. Cultral Holdings agreed."
    result = fix_text(text, "en", sp, kind="paragraph")
    assert result.changes == []
    assert result.text == text


def test_project_words_are_known_and_are_targets():
    sp = Speller.load(extra_words=["rightholder", "douyin"])
    result = fix_text("The rightholdr and douyin users met.", "en", sp, kind="paragraph")
    assert result.text == "The rightholder and douyin users met."
