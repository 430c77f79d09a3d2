"""Issue 12's source-side recognition rules: direction (target-only Chinese forms), 《》-only
short titles, ambiguous forms enforced only in context (article and sentence), titles of
international organisations, case rules, and forbidden forms checked only where the concept
occurs."""

from pathlib import Path

import pytest

from transnews.glossary import enforce, load_glossary, verify
from transnews.glossary.recognize import Matcher
from transnews.glossary.tsv import read_tsv

GLOSSARY = Path(__file__).resolve().parents[2] / "glossary"


@pytest.fixture(scope="module")
def g():
    return load_glossary(GLOSSARY)


def found(g, text, lang="en"):
    return [(m.text, m.concept_id, m.enforced) for m in g.recognize(text, lang)]


def test_ordinary_chinese_words_are_targets_only(g):
    for text in ("国务院批准了规划。", "他加入了公司。", "合同自签字之日起生效。", "未经许可不得入内。",
                 "请提供权威数据。", "采取技术措施减排。", "改进现有技术。", "美国最高法院作出裁定。"):
        assert found(g, text, "zh") == [], text
    # ... and still the approved targets of the English terms.
    assert [(m.text, m.target, m.enforced) for m in g.recognize("ratification and entry into force", "en")] == [
        ("ratification", "批准", True), ("entry into force", "生效", True)]
    # The unambiguous variants stay recognised.
    assert found(g, "邻接权和技术保护措施", "zh") == [
        ("邻接权", "related-rights", True), ("技术保护措施", "technological-protection-measures", True)]
    # The verifier of translations still sees 批准 (it is a target).
    assert verify(g.recognize("the ratification", "en"), "批准", g, "zh") == (1, [])


def test_short_law_titles_only_inside_book_title_marks(g):
    assert found(g, "我国不断完善著作权法律制度。", "zh") == [("著作权", "copyright", True)]
    assert found(g, "依照《著作权法》处理。", "zh") == [("《著作权法》", "prc-copyright-law", True)]
    assert found(g, "《著作权法实施条例》和《专利法实施细则》", "zh") == [
        ("《著作权法实施条例》", "prc-copyright-regulations", True),
        ("《专利法实施细则》", "prc-patent-rules", True)]
    # Approved full titles keep optional marks.
    assert found(g, "中华人民共和国著作权法", "zh") == [("中华人民共和国著作权法", "prc-copyright-law", True)]
    assert g["prc-copyright-regulations"].target("en") == (
        "Regulations for the Implementation of the Copyright Law of the People's Republic of China")


def test_abbreviation_defined_in_the_article_is_enforced(g):
    texts = ["Collective management organizations (CMOs) met in Beijing.", "The CMOs agreed on tariffs."]
    first, second = g.recognize_article(texts, "en")
    assert [(m.concept_id, m.enforced) for m in first] == [("collective-management-organization", True)]
    assert [(m.text, m.enforced, m.target) for m in second] == [("CMOs", True, "集体管理组织")]


def test_abbreviation_with_its_full_form_elsewhere_in_the_article_is_enforced(g):
    texts = ["The intellectual property system matters.", "China's IP undertakings grow."]
    assert [(m.text, m.enforced) for m in g.recognize_article(texts, "en")[1]] == [("IP", True)]
    # Context is the article: the same sentence alone leaves IP to MT.
    (m,) = g.recognize("China's IP undertakings grow.", "en")
    assert (m.text, m.enforced) == ("IP", False)
    assert "not defined in the article" in m.reason
    ctx = g.article_context(texts, "en")
    assert "intellectual-property" in ctx.settled
    assert g.recognize("China's IP undertakings grow.", "en", context=ctx)[0].enforced


def test_abbreviation_absent_or_defined_otherwise_is_only_noted(g):
    for text in ("The new CMO joined from a consumer brand.", "Police installed CCTV cameras.",
                 "ADR shares fell.", "Internet Protocol (IP) networks. Intellectual property too. IP again."):
        ms = [m for m in g.recognize(text, "en") if m.text in ("CMO", "CCTV", "ADR", "IP")]
        assert ms and not any(m.enforced for m in ms), text


def test_context_words_in_the_sentence(g):
    assert found(g, "The EPO granted the patent.") == [("EPO", "epo", True), ("patent", "patent", True)]
    assert found(g, "He tested positive for EPO.") == [("EPO", "epo", False)]
    assert found(g, "The Copyright Department of NCAC") == [
        ("Copyright Department", "ncac-copyright-department", True), ("NCAC", "ncac", True)]
    assert found(g, "The Copyright Department of the publisher") == [
        ("Copyright Department", "ncac-copyright-department", False)]


def test_heads_of_international_organisations_are_not_department_heads(g):
    def titles(text):
        return [(m.concept_id, m.target, m.enforced) for m in g.recognize(text, "en") if "director" in m.concept_id]

    assert titles("Gilbert Houngbo, Director-General of the ILO, said") == [
        ("ilo-director-general", "国际劳工组织总干事", True)]
    assert titles("FAO Director-General Qu Dongyu said") == [
        ("fao-director-general", "联合国粮食及农业组织总干事", True)]
    assert titles("WHO Director General Tedros said") == [("who-director-general", "世界卫生组织总干事", True)]
    assert titles("WIPO's Director General Daren Tang said") == [
        ("wipo-director-general", "世界知识产权组织总干事", True)]
    assert titles("The Director-General said") == [("director-general-io", "总干事", True)]
    assert titles("Deputy Director-General Wang Binying said") == [("deputy-director-general-io", "副总干事", True)]
    # Unhyphenated and without a Department: ambiguous, left to MT.
    assert titles("The Director General said") == [("director-general", "司长", False)]
    # A Department in the sentence makes it the Chinese ministry title, hyphen or not.
    assert titles("Director General of the Department of Treaty and Law said") == [
        ("director-general", "司长", True)]
    assert titles("Director-General of the Department of Treaty and Law said") == [
        ("director-general", "司长", True)]
    assert found(g, "律政司司长出席。", "zh") == [("司长", "director-general", False)]
    assert found(g, "国家知识产权局条法司司长出席。", "zh") == [
        ("国家知识产权局", "cnipa", True), ("司长", "director-general", True)]


def test_madrid_hague_nice_system_in_any_case_after_the_name(g):
    for text in ("the Madrid system", "the Madrid System", "the Madrid SYSTEM"):
        assert [m.concept_id for m in g.recognize(text, "en")] == ["madrid-system"], text
    assert [m.concept_id for m in g.recognize("the Hague system", "en")] == ["hague-system"]
    assert [m.concept_id for m in g.recognize("the Nice classification", "en")] == ["nice-classification"]
    assert g.recognize("a nice classification of samples", "en") == []
    assert g.recognize("madrid system", "en") == []


def test_new_concepts_of_their_own(g):
    assert [(m.text, m.target) for m in g.recognize("PCT applications and the IP address", "en")] == [
        ("PCT applications", "PCT国际专利申请"), ("IP address", "IP地址")]
    assert g["technological-protection-measures"].zh == "技术措施"
    assert g["cmg"].zh == "中央广播电视总台"
    assert g["boss-young"].dnt


def test_forbidden_forms_checked_only_where_the_concept_occurs(g):
    # "Somali pirates" is not the concept piracy: 海盗 is no violation there.
    assert verify(g.recognize("Somali pirates hijacked a ship.", "en"), "索马里海盗劫持了一艘船。", g, "zh") == (0, [])
    hits, problems = verify(g.recognize("Online piracy grew.", "en"), "网络海盗增多。", g, "zh")
    assert hits == 0 and any("'海盗'" in p for p in problems)


def test_unenforced_terms_are_left_to_mt(g):
    text = "The new CMO met WIPO."
    matches = g.recognize(text, "en")
    assert [(m.text, m.enforced) for m in matches] == [("CMO", False), ("WIPO", True)]
    seen = []

    def engine(batch):
        seen.extend(batch)
        return [b.replace("The new CMO met", "新任CMO会见了") for b in batch]

    (res,) = enforce([text], [matches], engine, "en", "zh", g)
    assert "CMO" in seen[0] and "WIPO" not in seen[0]  # only WIPO was protected
    assert res.occurrences == 1 and res.hits == 1 and res.violations == []


def test_segment_comments_list_the_terms_to_check(g):
    from transnews.catalog.entries import segment_comments
    from transnews.model import Segment

    text = "The new CMO met WIPO."
    seg = Segment(text=text, start=0, end=len(text), line=1, kind="paragraph", block=0,
                  terms=tuple(g.recognize(text, "en")))
    comments = segment_comments(seg)
    assert comments["terms"] == "terms: WIPO → 世界知识产权组织"
    assert comments["unenforced"].startswith("terms to check: CMO (集体管理组织? not enforced")


def test_pipeline_recognition_sees_the_whole_article(g, tmp_path):
    from transnews.ingest import read_article
    from transnews.pipeline import recognize_terms

    art = tmp_path / "a.txt"
    art.write_text("Intellectual property matters.\n\nChina's IP undertakings grow.\n", encoding="utf-8")
    (out,) = recognize_terms([read_article(art, "en")], g, "en")
    ip = [t for s in out.segments for t in s.terms if t.text == "IP"]
    assert len(ip) == 1 and ip[0].enforced


def test_rule_columns_are_optional_and_checked(tmp_path):
    old = "id\ten\tabbr\tzh\tzh_variants\tzh_forbidden\tdnt\tcase\tnote\tsource\n"
    p = tmp_path / "old.tsv"
    p.write_text(old + "ip\tintellectual property\tIP\t知识产权\t\t\t\tany\t\tx\n", encoding="utf-8")
    (c,) = read_tsv(p)
    assert c.ambiguous == () and c.zh_target_only == ()
    new = old.rstrip("\n") + "\tzh_target_only\tambiguous\tcontext\n"
    p.write_text(new + "r\tratification\t\t批准\t\t\t\tfirst\t\tx\t批准\tratification\ttreaty\n", encoding="utf-8")
    (c,) = read_tsv(p)
    assert (c.zh_target_only, c.ambiguous, c.context, c.first_word_case) == (("批准",), ("ratification",),
                                                                          ("treaty",), True)
    assert Matcher([c], "zh", source=True).find("批准") == [] and Matcher([c], "zh").find("批准")
    problems = []
    p.write_text(new + "a\tx\t\t甲\t\t\t\tany\t\ts\t乙\n"
                       "b\ty\t\t丙\t\t\t\tany\t\ts\t\tz\n"
                       "c\tw\t\t丁\t\t\t\tany\t\ts\t\t\tword\n", encoding="utf-8")
    assert read_tsv(p, problems) == []
    assert [(e.line, e.message.split(" ")[0]) for e in problems] == [(2, "zh_target_only"), (3, "ambiguous"),
                                                                     (4, "context")]
