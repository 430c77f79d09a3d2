"""The example article: exactly the typo and spacing fixes it needs, nothing else."""

from pathlib import Path

import pytest

from transnews.ingest import read_article
from transnews.normalize import Speller, apply_changes, article_changes, fix_segments, fix_text

ROOT = Path(__file__).resolve().parents[2]

EXPECTED = [
    ("typo", "cultral", "cultural", "cultral companies"),
    ("typo", "traning", "training", "traning course"),
    ("spacing", " \u00a0", " ", "improving, \u00a0the"),
    ("spacing", ",", ", ", "Wei,Deputy"),
    ("spacing", ",", ", ", "Department,China"),
]


@pytest.fixture(scope="module")
def speller():
    return Speller.load()


@pytest.fixture(scope="module")
def glossary_speller():
    from transnews.glossary import load_glossary
    from transnews.normalize import load_word_list

    protected = load_glossary(ROOT / "glossary").protected_words("en")
    return Speller.load(extra_words=load_word_list(ROOT / "glossary" / "words.txt"), protected=protected)


def _check_changes(text, changes):
    assert [(c.kind, c.original, c.replacement) for c in changes] == [e[:3] for e in EXPECTED]
    for ch, (_, _, _, context) in zip(changes, EXPECTED, strict=True):
        at = text.index(context)
        assert at <= ch.start < ch.end <= at + len(context)
        assert text[ch.start:ch.end] == ch.original
        assert ch.line == text.count("\n", 0, ch.start) + 1


@pytest.mark.parametrize("which", ["plain", "glossary"])
def test_example_article_gets_exactly_the_needed_fixes(example_article, speller, glossary_speller, which):
    sp = speller if which == "plain" else glossary_speller
    article = read_article(example_article, "en")
    fixed = fix_segments(article, sp)
    changes = article_changes(fixed)
    _check_changes(article.text, changes)
    assert not any(s.suggestions for s in fixed.segments)
    # Every segment keeps its source; only the segments holding a fix change text.
    for old, new in zip(article.segments, fixed.segments, strict=True):
        assert new.source == old.source
        assert (new.text != old.text) == bool(new.changes)
    joined = " ".join(s.text for s in fixed.segments)
    for good in ("cultural companies", "training course", "Wei, Deputy", "Department, China",
                 "improving, the export"):
        assert good in joined
    # The rebuilt article differs from the original only at the fixes.
    rebuilt = apply_changes(article.text, changes)
    assert rebuilt.replace("cultural", "cultral").replace("training course held", "traning course held") \
        .replace("Wei, Deputy", "Wei,Deputy").replace("Department, China", "Department,China") \
        .replace("improving, the", "improving, \u00a0the") == article.text


def test_example_whole_text_mode_agrees(example_article, speller):
    text = example_article.read_text(encoding="utf-8")
    result = fix_text(text, "en", speller)
    _check_changes(text, result.changes)
    assert result.suggestions == []
    assert result.text == apply_changes(text, result.changes)


def test_example_line_by_line_words_untouched(example_article, speller):
    """Every word a naive corrector would 'fix' (WIPO, NCAC, Xiuling, Hussey, Mr) survives."""
    text = example_article.read_text(encoding="utf-8")
    out = fix_text(text, "en", speller).text
    for word in ("WIPO", "NCAC", "Xiuling", "Hussey", "Mr.", "ZHAO", "Guojian", "Handong", "Maucher",
                 "Kaizhong", "Zhongnan", "CCPIT", "CISAC", "Boss & Young", "organizations", "Marrakesh"):
        assert text.count(word) == out.count(word), word
