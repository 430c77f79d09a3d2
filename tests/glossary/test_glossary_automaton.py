"""The form index finds every place a form's own pattern matches, whatever the glossary size."""

from __future__ import annotations

import doctest
import random
from pathlib import Path

import pytest

from transnews.glossary import automaton
from transnews.glossary.automaton import FormIndex, normalise_word
from transnews.glossary.concept import Concept
from transnews.glossary.recognize import Matcher
from transnews.glossary.store import load_glossary

ROOT = Path(__file__).resolve().parents[2]


def test_doctests():
    assert doctest.testmod(automaton).failed == 0


@pytest.mark.parametrize("word, key", [
    ("Treaties", "treaty"), ("treaty", "treaty"), ("organisations", "organization"),
    ("Organization", "organization"), ("boxes", "box"), ("Access", "access"), ("accesses", "access"),
    ("PCTs", "pct"), ("IPs", "ip"), ("IP", "ip"), ("Rights", "right")])
def test_spelling_and_inflection_variants_share_a_key(word, key):
    assert normalise_word(word) == key


def _texts() -> list[str]:
    lines = (ROOT / "examples" / "ncac-wipo-copyright-training.txt").read_text(encoding="utf-8").splitlines()
    probes = [ln.split("\t")[0] for ln in (ROOT / "tests" / "glossary" / "probes.tsv")
              .read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    extra = ["e-mail and email and e mail", "Director-General’s office", "the organisations' Treaties",
             "the Marrakesh Treaties", "coronavirus and coronaviruses", "WIPO's", "（WIPO）世界知识产权组织WIPO总部", "_WIPO WIPO_ xWIPO", "Madrid SYSTEM"]
    return [t for t in lines + probes + extra if t.strip()]


def _brute_force(matcher: Matcher, text: str) -> set[tuple[int, str]]:
    """Every (start, form) a per-form scan finds: the behaviour before the index."""
    out = set()
    for f in matcher.forms:
        out |= {(m.start(), f.text) for m in f.regex.finditer(text)}
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("source", [True, False])
def test_index_never_misses_a_pattern_match(lang, source):
    matcher = Matcher(load_glossary(ROOT / "glossary").concepts, lang, source=source)
    for text in _texts():
        found = {(start, f.text) for start, f in matcher._index.positions(text)
                 if f.substring or f.regex.match(text, start)}
        found |= {(m.start(), f.text) for f in matcher._index.always for m in f.regex.finditer(text)}
        missing = _brute_force(matcher, text) - found
        assert not missing, (text, missing)


def test_big_glossary_finds_the_same_terms():
    rng = random.Random(7)
    words = ["alpha", "beta", "gamma", "delta", "sigma", "omega", "kappa", "zeta", "theta", "iota"]
    concepts = [Concept(id=f"c{i}", en=(" ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) + f" x{i}",),
                        zh=f"术语{i}") for i in range(3000)]
    concepts.append(Concept(id="wipo", en=("World Intellectual Property Organization",), abbr=("WIPO",),
                            zh="世界知识产权组织"))
    matcher = Matcher(concepts, "en", source=True)
    text = "The World Intellectual Property Organisation (WIPO) met; " + concepts[1234].en[0] + " too."
    assert [c.id for _s, _e, c in matcher.find(text)] == ["wipo", "c1234"]


def test_unkeyable_forms_are_scanned():
    index: FormIndex[str] = FormIndex()
    index.add("(c)", "paren", substring=False)
    assert index.always == ["paren"]
    index.add("版权", "zh", substring=True)
    assert list(index.positions("中国版权")) == [(2, "zh")]
