"""The fuzzy-match index finds exactly what a scan of every old sentence finds (issue 15)."""

import random
import shutil
import subprocess

import polib
import pytest
from rapidfuzz import fuzz, process

from transnews.catalog import build_template, dumps, loads_po, update
from transnews.catalog import entries as entries_mod
from transnews.catalog import fuzzy
from transnews.catalog.fuzzy import ANY, FuzzyIndex, Scan, matcher
from transnews.model import PARAGRAPH, TITLE, Change, Segment, TermMatch

MSGMERGE = shutil.which("msgmerge")


def exhaustive(query, choices, groups, cutoff, prefer=ANY):
    """The oracle: what update's _closest did before the index -- extractOne over every
    choice of the preferred group, then (no hit) over every choice."""
    same = [i for i, g in enumerate(groups) if g == prefer]
    for pool in (same, list(range(len(choices)))):
        if not pool:
            continue
        hit = process.extractOne(query, [choices[i] for i in pool], scorer=fuzz.ratio, score_cutoff=cutoff)
        if hit is not None:
            return pool[hit[2]]
    return None


# ------------------------------------------------------------------ random texts

EN = ("copyright treaty training Xiamen WIPO agency publishers enterprises overseas risk prevention trade "
      "cooperation experts lecture memorandum industry protection digital the of and a to in").split()
HAN = "版权条约培训厦门世界知识产权组织出版企业海外风险防范贸易合作专家讲座备忘录产业保护数字的了和"


def _text(rng, style):
    if style == "en":
        return " ".join(rng.choice(EN) for _ in range(rng.randint(1, 14))).capitalize() + rng.choice([".", "", "?"])
    if style == "zh":
        return "".join(rng.choice(HAN) for _ in range(rng.randint(1, 30))) + "。"
    if style == "tiny":  # small alphabet, short strings: many ties and near-ties
        return "".join(rng.choice("ab ") for _ in range(rng.randint(0, 7)))
    # Anything: astral and combining characters, lone surrogates, long runs.
    alphabet = "aé\u0301𝒳\ud800 x-–中\t"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))


def _edit(rng, s, style):
    alphabet = {"en": "abcdefghij ", "zh": HAN, "tiny": "ab "}.get(style, "aé𝒳\ud800 中")
    s = list(s)
    for _ in range(rng.choice([0, 1, 1, 2, 3, 8])):
        op, i = rng.random(), rng.randrange(len(s) + 1)
        if op < 0.4:
            s.insert(i, rng.choice(alphabet))
        elif s and op < 0.7:
            del s[min(i, len(s) - 1)]
        elif s:
            s[min(i, len(s) - 1)] = rng.choice(alphabet)
    return "".join(s)


def _case(rng):
    style = rng.choice(["en", "en", "zh", "tiny", "any"])
    base = [_text(rng, style) for _ in range(rng.randint(0, 120))]
    choices = base + [_edit(rng, rng.choice(base), style) for _ in range(rng.randint(0, 40)) if base]
    rng.shuffle(choices)
    if choices and rng.random() < 0.3:
        choices += rng.sample(choices, k=min(5, len(choices)))  # duplicates: the first must win
    groups = [rng.choice([None, None, None, "title", "boilerplate"]) for _ in choices]
    queries = [_edit(rng, rng.choice(choices), style) if choices and rng.random() < 0.8 else _text(rng, style)
               for _ in range(30)]
    return choices, groups, queries


@pytest.mark.parametrize("seed", range(8))
def test_index_and_scan_choose_what_the_exhaustive_search_chooses(seed, monkeypatch):
    rng = random.Random(seed)
    checked = hits = 0
    for round_ in range(60):
        if round_ % 3 == 1:  # leave out most trigrams as "common"
            monkeypatch.setattr(fuzzy, "MIN_COMMON", 0)
            monkeypatch.setattr(fuzzy, "COMMON_SHARE", rng.choice([0.0, 0.01, 0.2]))
        elif round_ % 3 == 2:  # trigram classes merged by hashing
            monkeypatch.setattr(fuzzy._Alphabet, "LIMIT", rng.choice([1 << 8, 1 << 12, 1 << 20]))
        else:
            monkeypatch.undo()
        choices, groups, queries = _case(rng)
        index, scan = FuzzyIndex(choices, groups), Scan(choices, groups)
        for q in queries:
            cutoff = rng.choice([60.0, 60.0, 0.0, 30.0, 85.0, 100.0, 61.53846153846154])
            for prefer in (ANY, None, "title", "absent"):
                want = exhaustive(q, choices, groups, cutoff, prefer)
                assert index.best(q, cutoff, prefer) == want, (seed, round_, q, cutoff, prefer)
                assert scan.best(q, cutoff, prefer) == want, (seed, round_, q, cutoff, prefer)
                checked += 1
                hits += want is not None
    assert checked > 5000 and hits > checked // 4


def test_ties_go_to_the_first_choice():
    choices = ["abcd", "abce", "abcd", "xabc"]
    for make in (FuzzyIndex, Scan):
        m = make(choices, [None, None, None, None])
        assert m.best("abcx", 0.0) == 0  # "abcd", "abce" and "xabc" all score 75
        assert m.best("abcd", 60.0) == 0  # the exact duplicate later on does not win
        assert m.best("zzzz", 60.0) is None


def test_matcher_scans_small_merges_and_indexes_big_ones():
    assert isinstance(matcher(["a"] * 10, None, 10), Scan)
    assert isinstance(matcher(["a"] * 1000, None, 1000), FuzzyIndex)


# ------------------------------------------------------------------ through update

WORDS = EN + "news agency reported officials said year government market".split()


def _sentences(rng, n):
    out = set()
    while len(out) < n:
        out.add(" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 16))).capitalize() + ".")
    return sorted(out)


def _segs(texts):
    return [Segment(t, 0, len(t), 2 * i + 1, k, i) for i, (k, t) in enumerate(texts)]


def _revise(rng, texts, share):
    out = []
    for kind, t in texts:
        r = rng.random()
        if r < share:
            words = t[:-1].split()
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            t = " ".join(words).capitalize() + "."
        elif r < share * 1.2:
            t = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12))).capitalize() + "."
        out.append((kind, t))
    return out


class _Oracle:
    """The matcher update used before the index: the oracle above."""

    def __init__(self, choices, groups):
        self.choices, self.groups = list(choices), list(groups)

    def best(self, query, cutoff, prefer=ANY):
        return exhaustive(query, self.choices, self.groups, cutoff, prefer)


@pytest.mark.parametrize("seed", range(4))
def test_update_with_the_index_is_byte_identical_to_the_exhaustive_update(seed, monkeypatch):
    """Randomised catalogs (reviewed, fuzzy, obsolete entries; titles) revised at random:
    the whole merged catalog -- chosen drafts, #| previous msgids, flags -- is the same."""
    rng = random.Random(1500 + seed)
    texts = [(TITLE if rng.random() < 0.1 else PARAGRAPH, s) for s in _sentences(rng, 150)]
    po = update(None, build_template(_segs(texts), domain="d", reference="a.txt"), lang="zh").po
    for e in po:
        e.msgstr = f"译{e.msgid[::-1]}" if rng.random() < 0.9 else ""
        if rng.random() < 0.3:
            e.flags.append("fuzzy")
    po.append(polib.POEntry(msgid="Officials said the market grew.", msgstr="官员说。", obsolete=True))
    old = dumps(po)
    for step in range(3):
        texts = _revise(rng, texts, rng.choice([0.1, 0.5, 1.0]))
        pot = dumps(build_template(_segs(texts), domain="d", reference="a.txt"))
        results = []
        for make in (_Oracle, FuzzyIndex, Scan):
            monkeypatch.setattr(entries_mod, "matcher", lambda c, g, q, make=make: make(c, g))
            res = update(loads_po(old), loads_po(pot), lang="zh")
            results.append((dumps(res.po), res.stats))
        assert results[0] == results[1] == results[2], (seed, step)
        assert results[0][1].fuzzy_matched > 0
        old = results[0][0]


@pytest.mark.skipif(MSGMERGE is None, reason="GNU msgmerge not installed")
def test_index_agrees_with_gnu_msgmerge_on_a_revised_catalog(tmp_path, monkeypatch):
    """300 reviewed sentences, a third of them edited by one word, some new: the index picks
    the draft and #| sentence msgmerge --previous picks."""
    monkeypatch.setattr(fuzzy, "SCAN_PAIRS", 0)  # the index, not the scan
    rng = random.Random(77)
    texts = [(PARAGRAPH, s) for s in _sentences(rng, 300)]
    old = update(None, build_template(_segs(texts), domain="d", reference="a.txt"), lang="zh").po
    for e in old:
        e.msgstr = f"译{e.msgid[::-1]}"
    pot = build_template(_segs(_revise(rng, texts, 0.33)), domain="d", reference="a.txt")
    (tmp_path / "old.po").write_text(dumps(old), encoding="utf-8")
    (tmp_path / "new.pot").write_text(dumps(pot), encoding="utf-8")
    proc = subprocess.run([MSGMERGE, "--previous", "-q", "-o", "-", str(tmp_path / "old.po"),
                           str(tmp_path / "new.pot")], capture_output=True, text=True, check=True)
    ours = update(loads_po(dumps(old)), pot, lang="zh")

    def live(po):
        return [(e.msgid, e.msgstr, e.fuzzy, e.previous_msgid) for e in po if not e.obsolete]

    assert ours.stats.fuzzy_matched > 50
    assert live(ours.po) == live(loads_po(proc.stdout))


# ------------------------------------------------------------------ build_template

def _old_build_template(items, *, domain, reference=None, src_lang=None):
    """build_template before it was made linear (the oracle)."""
    from transnews.catalog import new_catalog, set_comment
    from transnews.catalog.entries import segment_comments

    po = new_catalog(domain, None, src_lang=src_lang)
    index = {}
    for item in items:
        seg, ref = item if isinstance(item, tuple) else (item, reference)
        if not seg.text.strip():
            continue
        key = (seg.context, seg.text)
        entry = index.get(key)
        if entry is None:
            entry = polib.POEntry(msgid=seg.text, msgstr="", msgctxt=seg.context)
            index[key] = entry
            po.append(entry)
        occ = (ref, str(seg.line))
        if occ not in entry.occurrences:
            entry.occurrences.append(occ)
        for k, text in segment_comments(seg).items():
            if text is not None:
                set_comment(entry, k, text)
    return po


def _random_segment(rng, pool, line):
    text = rng.choice(pool)
    extra = {}
    if rng.random() < 0.3:
        extra["changes"] = (Change("typo", "teh", rng.choice(["the", "ten"]), 0, 3, line),)
    if rng.random() < 0.3:
        extra["terms"] = (TermMatch("c1", "WIPO", 0, 4, rng.choice(["世界知识产权组织", "世界知产组织"]),
                                    enforced=rng.random() < 0.7, reason="ambiguous"),)
    if rng.random() < 0.2:
        extra["suggestions"] = (rng.choice(["cultral → cultural", "recieve → receive"]),)
    kind = rng.choice([PARAGRAPH, PARAGRAPH, TITLE, "boilerplate"])
    return Segment(text, 0, len(text), line, kind, 0, label=rng.choice(["", "", "alt text"]), **extra)


@pytest.mark.parametrize("seed", range(5))
def test_build_template_is_byte_identical_to_the_quadratic_one(seed):
    rng = random.Random(seed)
    pool = ["  ", "Advertisement", "Read more"] + [" ".join(rng.choice(WORDS) for _ in range(6)) for _ in range(20)]
    items = []
    for _ in range(2000):
        seg = _random_segment(rng, pool, rng.randint(1, 400))  # lines repeat: duplicate references
        items.append((seg, rng.choice(["a.txt", "b/news.md"])) if rng.random() < 0.5 else seg)
    new = build_template(items, domain="d", reference="r.txt", src_lang="en")
    old = _old_build_template(items, domain="d", reference="r.txt", src_lang="en")
    new.metadata["POT-Creation-Date"] = old.metadata["POT-Creation-Date"]
    assert dumps(new) == dumps(old)
    assert max(len(e.occurrences) for e in new) > 20  # repeated sentences, many references
