"""Catalog cost vs. size: msgmerge-style update and build_template (issue 15, item 4).

- update, warm in-process: a reviewed catalog of ``--entries`` generated news-like
  sentences (English words drawn by frequency from wordfreq's list, 8–40 words,
  about 5 % titles), then the same article with 1 %, 10 % and 100 % of its
  sentences edited (one word replaced, inserted or dropped): ``catalog.update``
  of the old catalog with the new template, median of ``--runs``. Target: 100 %
  edited in 5k entries ≤ 2 s. ``--new 100`` adds the worst case, sentences with
  no similar old one (every candidate the bound cannot exclude is scored). With
  ``--msgmerge``, GNU ``msgmerge --previous`` on the same files, cold subprocess.
- build_template, warm in-process: a generated article of 5, 20 and 50 MB
  (``--sizes``): paragraphs of sentences drawn from ``--distinct`` (200) ones, with
  page furniture ("Advertisement", "Read more", …) between them, so sentences
  repeat more the bigger the article (a feed of the same stories, or one article
  pasted many times). Printed with seconds per MB: time ∝ size means that
  column stays flat.
- cold, whole command (``--cold``, needs the tiny synthetic Argos package, built
  here): ``transnews translate`` of the 1 % and 100 % edited article against the
  big reviewed catalog, a fresh subprocess, median of interleaved runs.

Figures are noisy on a shared 2-core machine: compare the columns of one run.

    uv run python benchmarks/catalog_bench.py [--entries 4810] [--edits 1,10,100] [--new 10,100]
        [--sizes 5,20,50] [--distinct 200] [--runs 3] [--msgmerge] [--cold]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FURNITURE = ["Advertisement", "Read more", "Share this article", "Related news", "Back to top"]


class Sentences:
    """Deterministic news-like English sentences and one-word revisions of them."""

    def __init__(self, seed: int = 15):
        from wordfreq import top_n_list

        self.rng = random.Random(seed)
        self.words = top_n_list("en", 8000)
        # Zipf-like weights: common words in most sentences, as in real text.
        self.weights = [1.0 / (rank + 10) for rank in range(len(self.words))]

    def _words(self, k: int) -> list[str]:
        return self.rng.choices(self.words, self.weights, k=k)

    def sentence(self) -> str:
        words = self._words(self.rng.randint(8, 40))
        if self.rng.random() < 0.3:
            words.insert(self.rng.randrange(len(words)), str(self.rng.randint(2, 2025)))
        return " ".join(words).capitalize() + "."

    def title(self) -> str:
        return " ".join(w.capitalize() for w in self._words(self.rng.randint(3, 9)))

    def edit(self, s: str) -> str:
        end = s[-1] if s.endswith(".") else ""
        words = (s[:-1] if end else s).split()
        i = self.rng.randrange(len(words))
        kind = self.rng.random()
        if kind < 0.5 or len(words) < 3:
            words[i] = self._words(1)[0]
        elif kind < 0.8:
            words.insert(i, self._words(1)[0])
        else:
            del words[i]
        out = " ".join(words) + end
        return out[0].upper() + out[1:]


def article_items(texts: list[tuple[str, str]]):
    """Segments, one per (kind, text), two lines apart (blank line between paragraphs)."""
    from transnews.model import PARAGRAPH, Segment

    segs, pos = [], 0
    for i, (kind, text) in enumerate(texts):
        segs.append(Segment(text, pos, pos + len(text), 2 * i + 1, kind or PARAGRAPH, i))
        pos += len(text) + 2
    return segs


def catalog_texts(gen: Sentences, n: int) -> list[tuple[str, str]]:
    from transnews.model import PARAGRAPH, TITLE

    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    while len(out) < n:
        kind = TITLE if gen.rng.random() < 0.05 else PARAGRAPH
        text = gen.title() if kind == TITLE else gen.sentence()
        if text not in seen:
            seen.add(text)
            out.append((kind, text))
    return out


def reviewed_catalog(texts):
    """The catalog a reviewer finished: every entry translated, not fuzzy (as file text)."""
    from transnews.catalog import build_template, dumps, update

    po = update(None, build_template(article_items(texts), domain="big", reference="big.txt"), lang="zh").po
    for i, e in enumerate(po):
        e.msgstr = f"译文{i}：{e.msgid[::-1]}"
    return dumps(po)


def edited(gen: Sentences, texts, pct: float, fresh: bool = False):
    """``texts`` with ``pct`` % of them edited by one word (``fresh``: replaced by new ones)."""
    idx = set(gen.rng.sample(range(len(texts)), round(len(texts) * pct / 100)))
    change = (lambda t: gen.sentence()) if fresh else gen.edit
    return [(k, change(t) if i in idx else t) for i, (k, t) in enumerate(texts)]


def update_figures(args, work: Path) -> dict[float, list]:
    from transnews.catalog import build_template, dumps, loads_po, update

    gen = Sentences()
    texts = catalog_texts(gen, args.entries)
    old_text = reviewed_catalog(texts)
    (work / "old.po").write_text(old_text, encoding="utf-8")
    print(f"update, warm in-process: reviewed catalog of {len(texts)} entries "
          f"(median of {args.runs}; parse of the old catalog not timed)")
    revisions = {}
    rows = [(pct, False) for pct in args.edits] + [(pct, True) for pct in args.new]
    for pct, fresh in rows:
        new = edited(gen, texts, pct, fresh)
        if not fresh:
            revisions[pct] = new
        times = []
        for _ in range(args.runs):
            old = loads_po(old_text)
            pot = build_template(article_items(new), domain="big", reference="big.txt")
            t = time.perf_counter()
            res = update(old, pot, lang="zh")
            times.append(time.perf_counter() - t)
        s = res.stats
        what = "new   " if fresh else "edited"
        line = (f"  {pct:5.0f}% {what}  {statistics.median(times):7.3f} s   kept {s.kept}, fuzzy {s.fuzzy_matched}, "
                f"new {s.new}, obsolete {s.obsolete}")
        # msgmerge searches new sentences far more slowly (minutes for 100 % new): only up to 10 %.
        if args.msgmerge and shutil.which("msgmerge") and not (fresh and pct > 10):
            (work / "new.pot").write_text(dumps(pot), encoding="utf-8")
            t = time.perf_counter()
            subprocess.run(["msgmerge", "--previous", "-q", "-o", str(work / "gnu.po"), str(work / "old.po"),
                            str(work / "new.pot")], check=True)
            line += f"   | GNU msgmerge --previous, cold: {time.perf_counter() - t:6.3f} s"
        print(line, flush=True)
    return {"texts": texts, "old": old_text, "revisions": revisions}


def big_article(mb: float, distinct: int, seed: int = 50) -> list[tuple[str, str]]:
    """About ``mb`` MB of paragraphs: ``distinct`` sentences and page furniture, repeated."""
    from transnews.model import BOILERPLATE, PARAGRAPH

    gen = Sentences(seed)
    pool = [gen.sentence() for _ in range(distinct)]
    rng, out, size, target = random.Random(seed), [], 0, mb * 1_000_000
    while size < target:
        if rng.random() < 0.1:
            text, kind = rng.choice(FURNITURE), BOILERPLATE
        else:
            text, kind = rng.choice(pool), PARAGRAPH
        out.append((kind, text))
        size += len(text.encode("utf-8")) + 2
    return out


def template_figures(args) -> None:
    from transnews.catalog import build_template

    print("\nbuild_template, warm in-process (one run each; segments built beforehand, not timed):")
    for mb in args.sizes:
        segs = article_items(big_article(mb, args.distinct))
        t = time.perf_counter()
        pot = build_template(segs, domain="big", reference="big.txt")
        dt = time.perf_counter() - t
        refs = max(len(e.occurrences) for e in pot)
        print(f"  {mb:5.0f} MB  {len(segs):8d} segments  {len(pot):5d} entries (most repeated: {refs} refs)  "
              f"{dt:8.2f} s  {dt / mb:6.3f} s/MB", flush=True)


def write_article(path: Path, texts) -> None:
    # Titles alone in their paragraph; body sentences four to a paragraph.
    paras, body = [], []
    for kind, text in texts:
        if kind == "title":
            if body:
                paras.append(" ".join(body))
                body = []
            paras.append(text)
        else:
            body.append(text)
            if len(body) == 4:
                paras.append(" ".join(body))
                body = []
    if body:
        paras.append(" ".join(body))
    path.write_text("\n\n".join(paras) + "\n", encoding="utf-8")


def cold_figures(args, work: Path, data) -> None:
    """`transnews translate` of a revised article against the big reviewed catalog, as a user runs it."""
    from transnews.catalog import dumps, load_po
    from transnews.engine.packages import ModelStore
    from transnews.engine.synthetic import build_package, default_corpus
    from transnews.stream import translate_articles
    from transnews.settings import Settings

    from transnews.engine import MemoryEngine

    class Reverse(MemoryEngine):
        def _translate(self, texts, progress):
            return [f"MT:{t[::-1]}" for t in texts]

    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(work / "packages"), "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/",
           "XDG_CACHE_HOME": str(work / "xdg-cache")}
    settings = Settings.from_env({}, packages_dir=work / "packages", downloads_dir=work / "dl",
                                 index_url="http://127.0.0.1:9/", offline=True, use_glossary=False, fix_source=False,
                                 cache_dir=work / "xdg-cache" / "transnews")
    corpus = default_corpus([t for _, t in data["texts"][:200]])
    ModelStore(settings).install_file(build_package(work / "translate-en_zh-1_0.argosmodel", corpus))
    article, base = work / "big.txt", work / "locales-reviewed"
    write_article(article, data["texts"])
    translate_articles([article], src="en", tgt="zh", settings=settings, out_dir=base, engine=Reverse())
    po_path = next(base.rglob("*.po"))
    po = load_po(po_path)
    for e in po:
        e.flags = [f for f in e.flags if f != "fuzzy"]  # reviewed
    po_path.write_text(dumps(po), encoding="utf-8")
    cmd = [str(Path(sys.executable).with_name("transnews")), "translate", str(article), "--locales", "LOCALES",
           "--no-glossary", "--no-fix", "--offline", "--beam", "1", "--json"]
    times: dict[float, list[float]] = {pct: [] for pct in (1, 100)}
    for _ in range(args.runs):
        for pct in times:
            write_article(article, data["revisions"].get(pct) or edited(Sentences(pct), data["texts"], pct))
            loc = work / "locales-run"
            shutil.rmtree(loc, ignore_errors=True)
            shutil.copytree(base, loc)
            t = time.perf_counter()
            proc = subprocess.run([str(loc) if c == "LOCALES" else c for c in cmd], env=env, cwd=work,
                                  capture_output=True, text=True)
            times[pct].append(time.perf_counter() - t)
            if proc.returncode != 0:
                sys.exit(f"translate failed: {proc.stderr.strip()}")
    print(f"\nwhole command, cold subprocess: transnews translate (--no-glossary --no-fix) against the "
          f"{len(po)}-entry reviewed catalog (median of {args.runs}, interleaved):")
    for pct, ts in times.items():
        print(f"  {pct:5.0f}% edited  {statistics.median(ts):7.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--entries", type=int, default=4810)
    ap.add_argument("--edits", default="1,10,100", help="percentages of edited msgids")
    ap.add_argument("--new", default="", help="percentages of sentences replaced by new ones, e.g. 100 "
                    "(no similar old sentence: every plausible candidate is scored)")
    ap.add_argument("--sizes", default="5,20,50", help="build_template article sizes in MB ('' = skip)")
    ap.add_argument("--distinct", type=int, default=200, help="distinct sentences in the big article")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--msgmerge", action="store_true", help="also time GNU msgmerge --previous")
    ap.add_argument("--cold", action="store_true", help="also time the whole translate command")
    args = ap.parse_args()
    args.edits = [float(x) for x in args.edits.split(",") if x]
    args.new = [float(x) for x in args.new.split(",") if x]
    args.sizes = [float(x) for x in args.sizes.split(",") if x]
    work = Path(tempfile.mkdtemp(prefix="transnews-catalog-"))
    try:
        data = update_figures(args, work) if args.edits or args.new else None
        if args.sizes:
            template_figures(args)
        if args.cold and data:
            cold_figures(args, work, data)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
