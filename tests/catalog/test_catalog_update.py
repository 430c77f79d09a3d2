"""msgmerge-style updates: nothing a reviewer wrote is ever lost."""

import random
import shutil
import subprocess

import polib
import pytest

from transnews.catalog import build_template, dumps, get_comment, loads_po, set_comment, update
from transnews.model import PARAGRAPH, TITLE, Segment

MSGMERGE = shutil.which("msgmerge")


def segs(sentences, ctx=None):
    out, line = [], 1
    for text in sentences:
        kind = TITLE if (ctx and text in ctx) else PARAGRAPH
        out.append(Segment(text, 0, len(text), line, kind, 0))
        line += 2
    return out


def template(sentences, titles=()):
    return build_template(segs(sentences, set(titles)), domain="art", reference="art.txt", src_lang="en")


OLD = ["The training was held in Xiamen on July 7.", "About 100 participants attended the event.",
       "This sentence will be removed entirely from the article.", "Untranslated sentence that goes away.",
       "Copyright Training Held"]
NEW = ["The training was held in Xiamen on July 7.", "About 120 participants attended the event.",
       "A completely new sentence about something else.", "Copyright Training Held in Xiamen"]


def reviewed_old():
    res = update(None, template(OLD, titles=["Copyright Training Held"]), lang="zh")
    po = res.po
    tr = {OLD[0]: "培训于7月7日在厦门举行。", OLD[1]: "约100名学员参加了活动。", OLD[2]: "这句话将被删除。",
          OLD[4]: "版权培训举行"}
    for e in po:
        if e.msgid in tr:
            e.msgstr = tr[e.msgid]
    po.find(OLD[0]).tcomment = "reviewer note"
    po.find(OLD[0]).flags.append("no-wrap")
    return po


def test_update_semantics():
    old = reviewed_old()
    res = update(old, template(NEW, titles=["Copyright Training Held in Xiamen"]), lang="zh")
    po = res.po
    kept = po.find(NEW[0])
    assert (kept.msgstr, kept.tcomment, kept.flags) == ("培训于7月7日在厦门举行。", "reviewer note", ["no-wrap"])
    changed = po.find(NEW[1])
    assert changed.fuzzy and changed.previous_msgid == OLD[1] and changed.msgstr == "约100名学员参加了活动。"
    title = po.find(NEW[3], msgctxt="title")
    assert title.fuzzy and title.previous_msgctxt == "title" and title.previous_msgid == OLD[4]
    assert [e.msgid for e in res.pending] == [NEW[2]]
    assert [e.msgid for e in po.obsolete_entries()] == [OLD[2]]  # untranslated one simply goes
    assert (res.stats.kept, res.stats.fuzzy_matched, res.stats.new, res.stats.obsolete) == (1, 2, 1, 1)
    # The sentence comes back: the obsolete translation is reused as it was.
    back = update(loads_po(dumps(po)), template(NEW + [OLD[2]]), lang="zh").po
    assert back.find(OLD[2]).msgstr == "这句话将被删除。" and not back.find(OLD[2]).fuzzy


def test_rerun_is_a_fixed_point():
    old = reviewed_old()
    pot = template(OLD, titles=["Copyright Training Held"])
    first = dumps(update(loads_po(dumps(old)), pot, lang="zh").po)
    again = dumps(update(loads_po(first), template(OLD, titles=["Copyright Training Held"]), lang="zh").po)
    assert first == again
    assert update(loads_po(first), pot, lang="zh").pending == [e for e in loads_po(first) if not e.msgstr]


def test_same_as_real_msgmerge_previous(tmp_path):
    if MSGMERGE is None:
        pytest.skip("GNU msgmerge not installed")
    old = reviewed_old()
    old.append(polib.POEntry(msgid="An old obsolete sentence comes back.", msgstr="旧句子回来了。", obsolete=True))
    old.append(polib.POEntry(msgid="Another obsolete one stays obsolete.", msgstr="保持过时。", obsolete=True))
    pot = template(NEW + ["An old obsolete sentence comes back."], titles=["Copyright Training Held in Xiamen"])
    (tmp_path / "old.po").write_text(dumps(old), encoding="utf-8")
    (tmp_path / "new.pot").write_text(dumps(pot), encoding="utf-8")
    proc = subprocess.run([MSGMERGE, "--previous", "-q", "-o", "-", str(tmp_path / "old.po"),
                           str(tmp_path / "new.pot")], capture_output=True, text=True, check=True)
    gnu = loads_po(proc.stdout)
    ours = update(loads_po(dumps(old)), pot, lang="zh").po

    def summary(po):
        return sorted(repr((bool(e.obsolete), e.msgctxt, e.msgid, e.msgstr, e.fuzzy, e.previous_msgid,
                            e.previous_msgctxt, e.tcomment, sorted(e.occurrences))) for e in po)

    assert summary(ours) == summary(gnu)
    assert [e.msgid for e in ours if not e.obsolete] == [e.msgid for e in gnu if not e.obsolete]


def test_set_comment_is_idempotent():
    e = polib.POEntry(msgid="x", comment="developer note")
    for _ in range(3):
        set_comment(e, "engine", "machine translation: argos translate-en_zh-1_9")
        set_comment(e, "source", "source corrected: cultral → cultural")
    assert e.comment.split("\n") == ["developer note", "machine translation: argos translate-en_zh-1_9",
                                     "source corrected: cultral → cultural"]
    set_comment(e, "engine", "tm: exact match from locales/zh/LC_MESSAGES/other.po")
    assert get_comment(e, "engine").startswith("tm: exact") and e.comment.count("\n") == 2
    set_comment(e, "source", None)
    assert "source corrected" not in e.comment


def test_draft_notes_stay_with_msgstr_but_source_notes_refresh():
    pot = template(["One sentence here."])
    po = update(None, pot, lang="zh").po
    entry = po.find("One sentence here.")
    entry.msgstr, entry.flags = "一句话。", ["fuzzy"]
    set_comment(entry, "engine", "machine translation: argos x")
    set_comment(entry, "source", "source corrected: a → b")
    again = update(loads_po(dumps(po)), template(["One sentence here."]), lang="zh").po.find("One sentence here.")
    assert get_comment(again, "engine") == "machine translation: argos x"
    assert get_comment(again, "source") is None  # comes from the template (msgmerge semantics)


def test_comments_say_where_the_msgstr_really_came_from():
    """A draft carried from a similar old sentence, or taken from memory, does not claim to be
    machine translation (issue 11, case 1b)."""
    from transnews.catalog import apply_tm
    from transnews.catalog.tm import TMMatch

    po = update(None, template(["About 100 participants attended the event."]), lang="zh").po
    entry = po.find("About 100 participants attended the event.")
    entry.msgstr, entry.flags = "约100名学员参加了活动。", []  # an approved MT draft
    set_comment(entry, "engine", "machine translation: argos x")
    set_comment(entry, "problems", "glossary: WIPO not rendered")
    moved = update(loads_po(dumps(po)), template(["About 120 participants attended the event."]),
                   lang="zh").po.find("About 120 participants attended the event.")
    assert moved.fuzzy and moved.msgstr == "约100名学员参加了活动。"
    assert get_comment(moved, "engine") == "fuzzy match: the translation of a similar earlier sentence (see #|)"
    assert "machine translation" not in moved.comment
    # Memory replaces an earlier MT draft's notes about MT, not just its origin line.
    apply_tm(moved, TMMatch("x", None, "参加。", 100.0, True, "locales/zh/LC_MESSAGES/o.po"))
    assert moved.comment.split("\n") == ["tm: exact match from locales/zh/LC_MESSAGES/o.po"]


# ------------------------------------------------------------------ randomized

WORDS = ("copyright treaty training Xiamen WIPO agency publishers enterprises overseas risk "
         "prevention trade cooperation experts lecture memorandum industry protection digital").split()


def _sentence(rng):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 12))).capitalize() + f" {rng.randint(1, 999)}."


def _edit(rng, s):
    words = s.split()
    i = rng.randrange(len(words) - 1)
    words[i] = rng.choice(WORDS)
    return " ".join(words)


def test_randomized_reviews_and_revisions_lose_nothing():
    """≥200 steps of MT, reviewer edits and article revisions through the public API."""
    rng = random.Random(20240707)
    article = [_sentence(rng) for _ in range(12)]
    po = None
    # Everything a reviewer did: msgid -> (msgstr, tcomment, flags) as last left by them.
    reviewed: dict[str, tuple[str, str, list]] = {}
    steps = kept_checks = gone_checks = 0
    for step in range(240):
        steps += 1
        res = update(loads_po(dumps(po)) if po is not None else None,
                     build_template(segs(article), domain="art", reference="art.txt"), lang="zh")
        po = res.po
        for e in res.pending:  # deterministic "MT"
            e.msgstr, e.flags = f"MT:{e.msgid[::-1]}", ["fuzzy"]
            set_comment(e, "engine", "machine translation: reverse (deterministic)")
        live = {e.msgid: e for e in po if not e.obsolete}
        everything = list(po)
        # Invariants: a reviewed entry whose sentence is still there is kept exactly; one whose
        # sentence went survives as an obsolete entry or as the draft of a fuzzy entry (its #|
        # previous msgid, or further down a chain of revisions) with msgstr and comments intact.
        for msgid, (msgstr, tcomment, flags) in reviewed.items():
            if msgid in live:
                e = live[msgid]
                assert (e.msgstr, e.tcomment, e.flags) == (msgstr, tcomment, flags), (step, msgid)
                kept_checks += 1
                continue
            gone_checks += 1
            # (A carried draft the reviewer then approved for the new sentence also counts.)
            carriers = [e for e in everything if e.msgstr == msgstr and e.tcomment == tcomment]
            assert carriers, (step, msgid)
        # Reviewer actions.
        for e in rng.sample(list(live.values()), k=min(3, len(live))):
            action = rng.random()
            before = e.msgstr
            if action < 0.5:
                e.msgstr = f"审校{step}:{e.msgid[:10]}"
                # The reviewer replaced this draft on purpose: what it carried is superseded.
                reviewed = {k: v for k, v in reviewed.items() if v[0] != before or k == e.msgid}
                if "fuzzy" in e.flags:
                    e.flags.remove("fuzzy")
                    e.previous_msgid = None
            elif action < 0.8 and e.msgstr:
                if "fuzzy" in e.flags:
                    e.flags.remove("fuzzy")
                    e.previous_msgid = None
            else:
                e.tcomment = (e.tcomment + "\n" if e.tcomment else "") + f"note {step}"
                reviewed = {k: v for k, v in reviewed.items() if v[0] != e.msgstr or k == e.msgid}
            if e.msgstr and "fuzzy" not in e.flags:
                reviewed[e.msgid] = (e.msgstr, e.tcomment, list(e.flags))
        _revise(rng, article)  # the article's next revision
    assert steps >= 200 and len(reviewed) > 50
    assert kept_checks > 1000 and gone_checks > 100  # both paths were exercised many times


# ------------------------------------------------------------------ randomized, through translate runs

def _reverse_engine():
    """Deterministic "MT": the sentence reversed."""
    from transnews.engine import MemoryEngine

    class Reverse(MemoryEngine):
        def _translate(self, texts, progress):
            return [f"MT:{t[::-1]}" for t in texts]

    return Reverse()


class _Desk:
    """What one catalog's reviewer did. ``reviewed``: msgid -> (msgstr, tcomment, flags) as last
    left, for sentences still in the article (kept exactly); ``departed``: msgid -> (msgstr,
    tcomment) of reviewed sentences the article dropped or changed (must survive somewhere:
    obsolete, or as the draft of a fuzzy entry)."""

    def __init__(self):
        self.reviewed: dict[str, tuple[str, str, list]] = {}
        self.departed: dict[str, tuple[str, str]] = {}

    def supersede(self, msgstr, keep):
        """The reviewer changed an entry holding ``msgstr`` on purpose: copies it carried go."""
        for book in (self.reviewed, self.departed):
            for k in [k for k, v in book.items() if v[0] == msgstr and k != keep]:
                del book[k]

    def review(self, rng, po, tag):
        """Up to three actions on ``po``: rewrite, approve, or comment."""
        live = [e for e in po if not e.obsolete and e.msgid and e.msgctxt is None]
        for e in rng.sample(live, k=min(3, len(live))):
            action = rng.random()
            if action < 0.5:
                self.supersede(e.msgstr, e.msgid)
                e.msgstr = f"审校{tag}:{e.msgid[:10]}"
            elif action >= 0.8 or not e.msgstr:
                e.tcomment = (e.tcomment + "\n" if e.tcomment else "") + f"note {tag}"
                self.supersede(e.msgstr, e.msgid)
            if e.msgstr and "fuzzy" in e.flags:
                e.flags.remove("fuzzy")
                e.previous_msgid = None
            if e.msgstr:
                self.reviewed[e.msgid] = (e.msgstr, e.tcomment, list(e.flags))
                self.departed.pop(e.msgid, None)

    def settle(self, sentences):
        for msgid in [m for m in self.reviewed if m not in sentences]:
            msgstr, tcomment, _ = self.reviewed.pop(msgid)
            self.departed[msgid] = (msgstr, tcomment)

    def check(self, po_path, step) -> tuple[int, int]:
        from transnews.catalog import loads_po

        data = po_path.read_bytes() if po_path.exists() else b""
        if data != getattr(self, "_seen", None):  # parse only what changed since the last check
            self._seen, self._parsed = data, list(loads_po(data)) if data else []
        everything = self._parsed
        live = {e.msgid: e for e in everything if not e.obsolete and e.msgctxt is None}
        for msgid, (msgstr, tcomment, flags) in self.reviewed.items():
            e = live.get(msgid)
            assert e is not None and (e.msgstr, e.tcomment, e.flags) == (msgstr, tcomment, flags), \
                (step, po_path.name, msgid)
        have = {(e.msgstr, e.tcomment) for e in everything}
        for msgid, kept in self.departed.items():
            assert kept in have, (step, po_path.name, msgid)
        return len(self.reviewed), len(self.departed)


def _revise(rng, article):
    kind = rng.random()
    if kind < 0.3:
        i = rng.randrange(len(article))
        article[i] = _edit(rng, article[i])
    elif kind < 0.5:
        article.insert(rng.randrange(len(article) + 1), _sentence(rng))
    elif kind < 0.7 and len(article) > 4:
        article.pop(rng.randrange(len(article)))
    elif kind < 0.85:
        i, j = rng.randrange(len(article)), rng.randrange(len(article))
        article[i], article[j] = article[j], article[i]


class _Simulation:
    """Translate runs (the real pipeline, deterministic MT) on two articles with one stem,
    ``a/news.txt`` (the plain domain ``news``) and ``b/news.txt`` (``--domain b-news``), in
    ``root``; reviewers save between runs and during them (between MT and the write)."""

    def __init__(self, root, rng, counts):
        from transnews.project import Project
        from transnews.settings import Settings

        self.root, self.rng, self.counts = root, rng, counts
        self.project = Project.from_settings(Settings.from_env(use_glossary=False, fix_source=False,
                                                               locales_dir=root / "locales"))
        loc = root / "locales" / "zh" / "LC_MESSAGES"
        self.arts = {"a": [_sentence(rng) for _ in range(8)], "b": [_sentence(rng) for _ in range(6)]}
        self.domains = {"a": None, "b": "b-news"}  # b has its own catalog, as the same-stem refusal asks
        self.paths = {"a": loc / "news.po", "b": loc / "b-news.po"}
        self.desks = {"a": _Desk(), "b": _Desk()}
        self.engine = _reverse_engine()
        self.write_articles()

    def article(self, name):
        return self.root / name / "news.txt"

    def write_articles(self):
        for name, sentences in self.arts.items():
            self.article(name).parent.mkdir(parents=True, exist_ok=True)
            # A fixed title first, so every sentence stays body text (msgctxt never changes).
            text = "\n\n".join([f"News from desk {name.upper()}"] + sentences) + "\n"
            self.article(name).write_text(text, encoding="utf-8")

    def save(self, name, tag):
        """A reviewer's editor: read the file, change a few entries, save it."""
        from transnews.catalog import dumps, load_po

        if self.paths[name].exists():
            po = load_po(self.paths[name])
            self.desks[name].review(self.rng, po, tag)
            self.paths[name].write_text(dumps(po), encoding="utf-8")
            self.desks[name].settle(self.arts[name])

    def mistake(self):
        """Both articles without --domain, or b into a's catalog: refused, nothing changed."""
        from transnews.errors import InputError
        from transnews.pipeline import TranslateRun, load_articles

        before = {p: p.read_bytes() for p in self.paths.values() if p.exists()}
        which = ["a", "b"] if self.rng.random() < 0.5 or not before else ["b"]
        with pytest.raises(InputError, match="--domain"):
            TranslateRun(self.project, "en", "zh", self.project.locales_dir, engine=self.engine).run(
                load_articles([self.article(n) for n in which], "en", self.project))
        assert {p: p.read_bytes() for p in self.paths.values() if p.exists()} == before
        self.counts["refused"] += 1

    def translate(self, name, step):
        from transnews.errors import BusyError
        from transnews.pipeline import TranslateRun, load_articles

        sim = self

        class Run(TranslateRun):
            saves_left = 0 if sim.rng.random() < 0.6 else sim.rng.choice((1, 1, 1, 2, 5))

            def translate(self, queue):
                super().translate(queue)
                if self.saves_left > 0:  # the reviewer saves while this run is between MT and write
                    self.saves_left -= 1
                    sim.counts["saves_during"] += 1
                    sim.save(name, f"{step}m{self.saves_left}")

        run = Run(self.project, "en", "zh", self.project.locales_dir, engine=self.engine, notify=lambda _: None)
        try:
            run.run(load_articles([self.article(name)], "en", self.project), self.domains[name])
        except BusyError:
            self.counts["gave_up"] += 1  # saved at every merge: nothing written, the reviewer's file stands
        self.counts["runs"] += 1

    def step(self, step):
        if self.rng.random() < 0.08:
            return self.mistake()
        self.translate(self.rng.choice("ab"), step)
        for n in "ab":
            kept, departed = self.desks[n].check(self.paths[n], step)
            self.counts["kept"] += kept
            self.counts["departed"] += departed
        if self.rng.random() < 0.6:
            self.save(self.rng.choice("ab"), str(step))
        revised = self.rng.choice("ab")
        _revise(self.rng, self.arts[revised])
        self.desks[revised].settle(self.arts[revised])
        self.write_articles()


def test_randomized_runs_with_concurrent_saves_and_same_stem_articles_lose_nothing(tmp_path, monkeypatch):
    """1,000 steps (ten projects of 100, so catalogs stay article-sized): translate runs on two
    articles with one stem, reviewer saves between runs and *during* runs, article revisions, and
    the same-stem mistakes of issue 11. No reviewer edit is ever lost."""
    import os

    monkeypatch.setattr(os, "fsync", lambda fd: None)  # durability is not under test here; speed is
    monkeypatch.chdir(tmp_path)
    rng = random.Random(20241203)
    counts = dict.fromkeys(("runs", "saves_during", "gave_up", "refused", "kept", "departed"), 0)
    steps = 0
    for project in range(10):
        sim = _Simulation(tmp_path / f"p{project}", rng, counts)
        for _ in range(100):
            sim.step(steps)
            steps += 1
    assert steps == counts["runs"] + counts["refused"] == 1000
    assert counts["saves_during"] > 300 and counts["gave_up"] > 5 and counts["refused"] > 40, counts
    assert counts["kept"] > 5000 and counts["departed"] > 500, counts
    assert not list(tmp_path.rglob(".*"))  # no lock, staged file or journal left behind
