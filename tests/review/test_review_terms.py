"""Glossary-aware checks: acronyms by their concept, terms in the article's context."""

import polib

from transnews.glossary import Concept
from transnews.glossary import Glossary as TermGlossary
from transnews.review import Acronyms, CatalogTerms, Glossary, check_catalog


def _glossary():
    return TermGlossary([
        Concept(id="wipo", en=("World Intellectual Property Organization",), abbr=("WIPO",), zh="世界知识产权组织",
                case_sensitive=True),
        Concept(id="woc", en=("WIPO Office in China",), abbr=("WOC",), zh="世界知识产权组织中国办事处",
                case_sensitive=True),
        Concept(id="cmo", en=("collective management organization",), abbr=("CMO",), zh="集体管理组织",
                ambiguous=("CMO",)),
    ])


def _msgs(check, msgid, msgstr):
    return [f.message for f in check.check(polib.POEntry(msgid=msgid, msgstr=msgstr), "en", "zh")]


def test_acronym_satisfied_by_own_target_or_its_concepts():
    acr = Acronyms(_glossary())
    assert _msgs(acr, "The World Intellectual Property Organization (WIPO) met.", "世界知识产权组织开会。") == []
    assert _msgs(acr, "Ms. LIU Hua of the WIPO Office in China (WOC) spoke.", "世界知识产权组织中国办事处刘华发言。") == []
    assert _msgs(acr, "WIPO met the CMO.", "世界知识产权组织会见了集体管理组织。") == []  # CMO: not settled, still its target
    assert _msgs(acr, "WIPO met the XYZ.", "世界知识产权组织会见了该机构。") == ["'XYZ' not found in translation"]
    assert _msgs(Acronyms(), "WIPO met.", "WIPO会面。") == []


def test_terms_are_recognised_in_the_context_of_their_article():
    g = _glossary()
    po = polib.POFile()
    po.metadata = {"Language": "zh", "X-Source-Language": "en"}
    po.append(polib.POEntry(msgid="A collective management organization (CMO) was set up.", msgstr="成立了集体管理组织。",
                            occurrences=[("a.txt", "1")]))
    po.append(polib.POEntry(msgid="The CMO grew.", msgstr="该组织发展壮大。", occurrences=[("a.txt", "2")]))
    po.append(polib.POEntry(msgid="The CMO grew.", msgstr="该组织发展壮大。", occurrences=[("b.txt", "1")],
                            msgctxt="other article"))
    terms = CatalogTerms(g)
    found = check_catalog(po, "x.po", [Glossary(g, terms), Acronyms(terms=terms)])
    glossary = [(f.msgctxt, f.message) for f in found if f.check == "glossary"]
    assert glossary == [(None, "approved term missing: CMO → 集体管理组织 (approved target missing from the translation)")]
    assert {f.check for f in found} == {"glossary", "acronyms"}
