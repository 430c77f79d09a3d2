"""False corrections on real clean text: the English side of the TICO-19 memory."""

import xml.etree.ElementTree as ET

from transnews.normalize import Speller, collect_names, fix_text


def test_tico19_english_has_almost_no_typo_changes(conformance):
    sents = []
    for tu in ET.parse(conformance / "tico19" / "all.en-zh.tmx").getroot().iter("tu"):
        for tuv in tu.findall("tuv"):
            if (tuv.get("{http://www.w3.org/XML/1998/namespace}lang") or "").lower().startswith("en"):
                sents.append("".join(tuv.find("seg").itertext()))
    assert len(sents) == 3071
    words = sum(len(s.split()) for s in sents)
    speller = Speller.load()
    names = collect_names((s, False) for s in sents)
    typos, suggestions = [], 0
    for s in sents:
        result = fix_text(s, "en", speller, kind="paragraph", names=names)
        typos += [c for c in result.changes if c.kind == "typo"]
        suggestions += len(result.suggestions)
        for c in result.changes:
            assert s[c.start:c.end] == c.original
    # Professionally edited medical text full of rare words: fewer than one typo
    # change per 10,000 words, and fewer than one suggestion per 2,000 words.
    assert len(typos) < words / 10_000, [(c.original, c.replacement) for c in typos]
    assert suggestions < words / 2_000
