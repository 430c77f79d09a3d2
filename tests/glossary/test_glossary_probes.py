"""Issue 12: recognition keeps every term the seed and the examples had before the rules, and
a probe set of false friends (other organisations' titles, abbreviations in other senses,
ordinary Chinese words) is recognised with precision >= 0.95."""

from pathlib import Path

import pytest

from transnews.glossary import load_glossary
from transnews.ingest import read_article

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "glossary"
PROBES = Path(__file__).with_name("probes.tsv")
SEED = ROOT.parent / "shared" / "seeds" / "000_ed705ef30eaf3b30.txt"

# Recognised before issue 12 (computed with the glossary and recogniser of commit b3db73b),
# in document order: concept | text as found | target.
BEFORE_EN = """
    copyright | Copyright | 版权
    copyright-industry | Copyright Industry | 版权产业
    copyright | Copyright | 版权
    copyright-industry | Copyright Industry | 版权产业
    wipo | World Intellectual Property Organization (WIPO) | 世界知识产权组织
    ncac | National Copyright Administration of China (NCAC) | 国家版权局
    deputy-director-general | Deputy Director General | 副司长
    ncac-copyright-department | Copyright Department | 版权管理司
    ncac | NCAC | 国家版权局
    wipo-office-in-china | WIPO Office in China (WOC) | 世界知识产权组织中国办事处
    copyright | Copyright | 版权
    copyright-industry | Copyright Industry | 版权产业
    copyright | copyright | 版权
    copyright | copyright | 版权
    copyright | copyright | 版权
    copyright | copyright | 版权
    copyright-industry | copyright industry | 版权产业
    copyright-trade | copyright trade | 版权贸易
    copyright-industry | copyright industry | 版权产业
    copyright | copyright | 版权
    copyright | copyright | 版权
    copyright | copyright | 版权
    copyright | copyright | 版权
    copyright-industry | copyright industry | 版权产业
    collective-management-organization | collective management organizations | 集体管理组织
    memorandum-of-cooperation | Memorandum of Cooperation | 合作备忘录
    ncac | NCAC | 国家版权局
    wipo | WIPO | 世界知识产权组织
    ncac | NCAC | 国家版权局
    copyright-gold-award | Copyright Gold Award | 中国版权金奖
    international-copyright-forum | International Copyright Forum | 国际版权论坛
    international-copyright-expo | International Copyright Expo | 中国国际版权博览会
    copyright-protection | copyright protection | 版权保护
    entry-into-force | entry into force | 生效
    beijing-treaty | Beijing Treaty | 《视听表演北京条约》
    ratification | ratification | 批准
    marrakesh-treaty | Marrakesh Treaty | 《马拉喀什条约》
    wipo | WIPO | 世界知识产权组织
    intellectual-property | IP | 知识产权
    ncac | NCAC | 国家版权局
    copyright | copyright | 版权
    intellectual-property | IP | 知识产权
    ccpit | China Council for the Promotion of International Trade (CCPIT) | 中国国际贸易促进委员会
    zuel | Zhongnan University of Economics and Law | 中南财经政法大学
    cisac | International Confederation of Societies of Authors and Composers (CISAC) | 国际作者和作曲者协会联合会
    intellectual-property | IP | 知识产权
    wipo | WIPO | 世界知识产权组织
    boss-young | Boss & Young | Boss & Young
    maucher-jenkins | Maucher Jenkins | Maucher Jenkins
    aa-thornton | AA Thornton | AA Thornton
    copyright | Copyright | 版权
    cctv | China Central Television | 中央电视台
    copyright | copyright | 版权
    creative-industries | creative industry | 创意产业
    alternative-dispute-resolution | alternative dispute resolution | 替代性争议解决
    copyright-industry | copyright industry | 版权产业
    copyright-industry | copyright industry | 版权产业
"""
BEFORE_ZH = """
    copyright | 版权 | copyright
    copyright | 版权 | copyright
    ncac | 国家版权局 | National Copyright Administration of China
    copyright | 版权 | copyright
    copyright | 版权 | copyright
    copyright | 版权 | copyright
    ncac | 国家版权局 | National Copyright Administration of China
    copyright-protection | 版权保护 | copyright protection
    prc-copyright-law | 著作权法 | Copyright Law of the People's Republic of China
    infringement | 侵权 | infringement
    piracy | 盗版 | piracy
    copyright-industry | 版权产业 | copyright industry
    copyright-protection | 版权保护 | copyright protection
    copyright-registration | 版权登记 | copyright registration
    wipo-office-in-china | 世界知识产权组织中国办事处 | WIPO Office in China
    marrakesh-treaty | 《马拉喀什条约》 | Marrakesh Treaty
    copyright | 版权 | copyright
"""
# Deliberate changes (issue 12): bare "copyright" is recognised but no longer enforced (item 4;
# MT gives 版权, legal texts need 著作权); 著作权法 inside 著作权法律制度 was never the Copyright
# Law (item 3) and is now the concept copyright (著作权) instead.
NOTE_ONLY = {"copyright"}
DROPPED = {("prc-copyright-law", "著作权法")}


@pytest.fixture(scope="module")
def g():
    return load_glossary(GLOSSARY)


def _before(table: str) -> list[tuple[str, str, str]]:
    return [tuple(x.strip() for x in ln.split(" | ")) for ln in table.strip().splitlines()]


def _recognised(g, path: Path, lang: str):
    art = read_article(path, lang)
    texts = [s.text for s in art.segments]
    return [m for ms in g.recognize_article(texts, lang) for m in ms]


def _assert_kept(g, path: Path, lang: str, table: str) -> None:
    after = _recognised(g, path, lang)
    pending = list(after)
    for cid, text, target in _before(table):
        if (cid, text) in DROPPED:
            continue
        m = next((m for m in pending if m.concept_id == cid and m.text == text), None)
        assert m is not None, f"{path.name}: {text!r} ({cid}) is no longer recognised"
        pending.remove(m)
        assert m.target == target
        assert m.enforced or cid in NOTE_ONLY, f"{path.name}: {text!r} ({cid}) is no longer enforced"


@pytest.mark.parametrize("name", ["examples/ncac-wipo-copyright-training.txt", "seed"])
def test_english_terms_recognised_before_are_still_enforced(g, name):
    path = SEED if name == "seed" else ROOT / name
    if not path.is_file():
        pytest.skip("../shared/seeds is not present")
    _assert_kept(g, path, "en", BEFORE_EN)


def test_chinese_example_terms_recognised_before_are_still_enforced(g):
    _assert_kept(g, ROOT / "examples" / "cnipa-copyright-week-zh.txt", "zh", BEFORE_ZH)
    texts = [m.text for m in _recognised(g, ROOT / "examples" / "cnipa-copyright-week-zh.txt", "zh")]
    assert "著作权法" not in texts and "著作权" in texts


def _probes():
    for ln in PROBES.read_text(encoding="utf-8").splitlines():
        if ln.strip() and not ln.startswith(("#", "lang\t")):
            lang, text, expected = ln.split("\t")
            yield lang, text, set() if expected == "-" else set(expected.split())


def test_probe_set_precision(g):
    probes = list(_probes())
    assert len(probes) >= 40
    tp = fp = fn = 0
    wrong = []
    for lang, text, expected in probes:
        got = {m.concept_id + ("" if m.enforced else "?") for m in g.recognize(text, lang)}
        enforced, want = {x for x in got if not x.endswith("?")}, {x for x in expected if not x.endswith("?")}
        tp, fp, fn = tp + len(enforced & want), fp + len(enforced - want), fn + len(want - enforced)
        if got != expected:
            wrong.append((text, sorted(got), sorted(expected)))
    precision = tp / (tp + fp)
    print(f"\nprobes: {len(probes)} sentences, precision {precision:.3f}, recall {tp / (tp + fn):.3f}")
    assert precision >= 0.95, wrong
    assert fn == 0, wrong  # every IP sense in the probes is still enforced
