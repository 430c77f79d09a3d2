"""fix_segments: offsets in the article, line-wrapped paragraphs, markup fallback."""

from pathlib import Path

import pytest

from transnews.ingest import parse
from transnews.model import Article, Block, Segment, TermMatch
from transnews.normalize import Speller, apply_changes, article_changes, fix_article, fix_segments


@pytest.fixture(scope="module")
def speller():
    return Speller.load()


def _article(text, lang="en"):
    return parse(text, Path("t.txt"), lang, "text")


def test_wrapped_paragraph_fixes_source_offsets_and_collapses_msgid(speller):
    text = ("Enviroment Office Holds Traning\n\n"
            "The traning\ncourse,  held by the goverment,was useful.\n")
    art = _article(text)
    fixed = fix_segments(art, speller)
    changes = article_changes(fixed)
    assert [(c.kind, c.original, c.replacement, c.line) for c in changes] == [
        ("typo", "Enviroment", "Environment", 1), ("typo", "Traning", "Training", 1),
        ("typo", "traning", "training", 3), ("spacing", "  ", " ", 4),
        ("typo", "goverment", "government", 4), ("spacing", ",", ", ", 4)]
    for c in changes:
        assert text[c.start:c.end] == c.original
    title, para = fixed.segments
    assert title.text == "Environment Office Holds Training"
    assert para.text == "The training course, held by the government, was useful."
    assert para.source == "The traning\ncourse,  held by the goverment,was useful."
    assert apply_changes(text, changes) == ("Environment Office Holds Training\n\n"
                                            "The training\ncourse, held by the government, was useful.\n")


def test_names_seen_inside_sentences_protect_sentence_starts(speller):
    art = _article("Title\n\nThe delegation was led by Beiling. Beiling said the traning was useful.\n")
    fixed, suggestions = fix_article(art, speller)
    assert [c.original for c in article_changes(fixed)] == ["traning"]
    assert suggestions == []


def test_suggestions_are_strings_on_segments_and_objects_with_offsets(speller):
    text = "Title\n\nThe meeting occured in May.\n"
    fixed, suggestions = fix_article(_article(text), speller)
    seg = fixed.segments[1]
    assert seg.suggestions == ("occured → occurred?",)
    assert seg.text == seg.source == "The meeting occured in May."
    (sug,) = suggestions
    assert text[sug.start:sug.end] == "occured" and sug.line == 3


def test_non_english_article_spacing_only(speller):
    fixed = fix_segments(_article("Titre\n\nLa traning,du goverment.\n", "fr"), speller)
    assert fixed.segments[1].text == "La traning, du goverment."


def test_protected_spans_and_terms_are_shifted(speller):
    text = "the traning,course at WIPO"
    seg = Segment(text=text, start=0, end=len(text), line=1, kind="paragraph", block=0,
                  protected=((22, 26),), terms=(TermMatch("wipo", "WIPO", 22, 26, "世界知识产权组织"),))
    art = Article(path=Path("x.txt"), text=text, lang="en",
                  blocks=(Block("paragraph", 0, len(text), 1, (seg,)),))
    new = fix_segments(art, speller).segments[0]
    assert new.text == "the training, course at WIPO"
    (a, b), = new.protected
    assert new.text[a:b] == "WIPO"
    assert new.text[new.terms[0].start:new.terms[0].end] == "WIPO"


def test_markup_segment_changes_are_located_in_source(speller):
    source = "The **traning** course,now"
    msgid = "The <x1/>traning<x2/> course,now"
    seg = Segment(text=msgid, start=10, end=10 + len(source), line=1, kind="paragraph", block=0,
                  source=source, protected=((4, 9), (16, 21)))
    full = "0123456789" + source
    art = Article(path=Path("x.md"), text=full, lang="en", format="markdown",
                  blocks=(Block("paragraph", 10, len(full), 1, (seg,)),))
    new = fix_segments(art, speller).segments[0]
    assert new.text == "The <x1/>training<x2/> course, now"
    assert [(full[c.start:c.end], c.replacement) for c in new.changes] == [("traning", "training"), (",", ", ")]
    assert [new.text[a:b] for a, b in new.protected] == ["<x1/>", "<x2/>"]
    assert apply_changes(full, new.changes) == "0123456789The **training** course, now"


def test_boilerplate_and_dates_untouched(speller):
    art = _article("You are here: Home > Nws,Top > Traning\nTitle\n\nBody text.\n")
    fixed = fix_segments(art, speller)
    assert fixed.segments[0].kind == "boilerplate"
    assert fixed.segments[0] == art.segments[0]


def test_fixed_article_is_a_new_object(speller):
    art = _article("Title\n\nthe traning\n")
    fixed = fix_segments(art, speller)
    assert art.segments[1].text == "the traning"
    assert fixed.segments[1].text == "the training"
