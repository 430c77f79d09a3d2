"""Issue 15 item 3: a big glossary is loaded, verified and protected in the speller without a
pass over every concept per segment or per run; the results are those of the old,
straightforward code (kept here as the reference)."""

import dataclasses
import random
import re
import shutil
from pathlib import Path

import pytest

from transnews.glossary import load_glossary, verify_segment
from transnews.glossary.recognize import Matcher
from transnews.glossary.tsv import ALL_COLUMNS, read_tsv, split_cell
from transnews.ingest import read_article
from transnews.normalize.speller import Protection, Speller, _base_vocabulary, protection

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ncac-wipo-copyright-training.txt"


def _big_glossary(folder: Path, n: int = 3000, seed: int = 15) -> Path:
    """The bundled glossary plus ``n`` generated concepts sharing the example's words; some
    with variants, forbidden forms, abbreviations, book-title targets and multi-value cells."""
    shutil.copytree(ROOT / "glossary", folder)
    rng = random.Random(seed)
    vocab = sorted({w.lower() for w in re.findall(r"[A-Za-z]{4,}", EXAMPLE.read_text(encoding="utf-8"))})
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 800)]
    bundled = load_glossary(folder)
    rows, seen = ["\t".join(ALL_COLUMNS)], {" ".join(f.casefold().split()) for c in bundled for f in c.en}
    while len(rows) <= n:
        en = " ".join(rng.choice(vocab) for _ in range(rng.randint(2, 3)))
        if en in seen:
            continue
        seen.add(en)
        zh = "".join(rng.choice(han) for _ in range(rng.randint(2, 4)))
        k = len(rows)
        row = dict.fromkeys(ALL_COLUMNS, "")
        row.update(id=f"syn-{k}", en=en, zh=f"《{zh}》" if k % 17 == 0 else zh, case="any", source="test")
        if k % 5 == 0:
            row["zh_variants"] = zh[::-1] + "子 | " + zh + "们"
        if k % 7 == 0:
            row["zh_forbidden"] = zh[:1] + "某" + zh[1:]
        if k % 11 == 0:
            row["abbr"] = f"SX{k}"
        rows.append("\t".join(row.values()))
    (folder / "synthetic.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    return _big_glossary(tmp_path_factory.mktemp("big") / "glossary")


def _old_split_cell(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split("|") if v.strip())


def test_split_cell_fast_path_is_the_old_split():
    for cell in ("", "  ", "WIPO", " WIPO ", "a | b", "a|b|", " | ", "x |", "Boss & Young, Attorneys"):
        assert split_cell(cell) == _old_split_cell(cell)


def test_big_tsv_reads_every_cell(big):
    concepts = read_tsv(big / "synthetic.tsv")
    assert len(concepts) == 3000
    c = next(c for c in concepts if c.id == "syn-35")  # k % 5 and k % 7: variants and forbidden
    assert len(c.zh_variants) == 2 and len(c.zh_forbidden) == 1 and c.note == "" and c.zh_tw == ""


def _translations(g) -> list[str]:
    """Chinese texts that use approved forms, variants, forbidden forms and bracketed variants."""
    cs = g.concepts
    out = []
    for i in range(0, len(cs), 37):
        parts = [c.zh for c in cs[i:i + 4]] + [v for c in cs[i:i + 4] for v in c.zh_variants]
        parts += [f for c in cs[i:i + 4] for f in c.zh_forbidden]
        parts += [f"{c.zh}（{c.zh_variants[0]}）" for c in cs[i:i + 4] if c.zh_variants]
        out.append("，".join(parts) + "。")
    return out


def test_verifier_matcher_is_the_old_variantless_copy(big):
    g = load_glossary(big)
    view = g.target_view("zh")
    old = Matcher([dataclasses.replace(c, zh_variants=()) for c in view.concepts], view.lang)
    new = Matcher(view.concepts, view.lang, approved=True)
    found = 0
    for text in _translations(g):
        assert [(s, e, c.id) for s, e, c in new.find(text)] == [(s, e, c.id) for s, e, c in old.find(text)]
        found += len(old.find(text))
    assert found > 100


def _old_forbidden(view, text, approved):
    found = []
    for c in view.concepts:
        for bad in c.forbidden("zh"):
            at = text.find(bad) if bad else -1
            while at != -1:
                if not any(a <= at and at + len(bad) <= b for a, b, _ in approved):
                    found.append((at, at + len(bad), c, bad))
                at = text.find(bad, at + 1)
    return found


def test_forbidden_forms_are_those_of_the_old_scan(big):
    from transnews.glossary.verify import _approved_matcher, _forbidden_uses

    g = load_glossary(big)
    view = g.target_view("zh")
    found = 0
    for text in _translations(g):
        approved = _approved_matcher(g, view).find(text)
        assert _forbidden_uses(g, view, "zh", text, approved) == _old_forbidden(view, text, approved)
        found += len(_old_forbidden(view, text, approved))
    assert found > 10


def test_big_glossary_verifies_alike_from_the_cache(big, tmp_path):
    texts = [s.text for s in read_article(EXAMPLE, "en").segments]
    fresh = load_glossary(big)
    load_glossary(big, cache_dir=tmp_path).matcher("en")  # stored with its matcher
    cached = load_glossary(big, cache_dir=tmp_path)
    assert cached.recognize_article(texts, "en") == fresh.recognize_article(texts, "en")
    matches = fresh.recognize_article(texts, "en")
    for m, t in zip(matches, _translations(fresh), strict=False):
        assert verify_segment(m, t, cached, "zh") == verify_segment(m, t, fresh, "zh")


def _old_speller_sets(zipf, extra_words, protected):
    """What the old Speller.__init__ derived, item by item (the reference)."""
    protected = frozenset(p.strip() for p in protected if p and p.strip())
    never, extra = set(), {}
    for item in (*extra_words, *protected):
        for part in item.replace("’", "'").split():
            word = part.strip(".,;:()[]\"'")
            if not word:
                continue
            never.add(word.lower())
            if word.isascii() and word.isalpha() and word.islower() and len(word) >= 4 \
                    and zipf.get(word, 0.0) < 3.0:
                extra.setdefault(len(word), {})[word] = 3.5
    risky = {p for p in protected if re.search(r"[,;.](?=\S)| {2}", p)}
    return protected, frozenset(never), extra, risky


def test_speller_from_a_protection_is_the_speller_from_the_words(big, tmp_path):
    g = load_glossary(big, cache_dir=tmp_path)
    words = g.protected_words("en")
    prot = load_glossary(big, cache_dir=tmp_path).speller_protection("en")  # from the cache
    assert isinstance(prot, Protection) and prot == protection(words)
    base = _base_vocabulary()
    extra = ["Thornton", "zorblatt", "copyrite", "Boss & Young, Attorneys"]
    new = Speller(base, extra, prot)
    phrases, never, extras, risky = _old_speller_sets(base.zipf, extra, words)
    assert new.protected == phrases and new._never == never and new._extra == extras
    assert set(new._risky) == risky and list(new._risky) == sorted(risky, key=lambda p: (-len(p), p))
    from_words = Speller(base, extra, words)
    vocab = sorted({w for w in re.findall(r"[A-Za-z]{4,}", EXAMPLE.read_text(encoding="utf-8"))})
    for w in vocab + ["traning", "enviroment", "occured", "zorblat", "copyrihgt", "orgnization"]:
        assert new.check(w) == from_words.check(w)
