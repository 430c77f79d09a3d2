"""The translate run as a library call: per-run counters, the steps, the summary's shape."""

from pathlib import Path

import pytest

from transnews.engine import MemoryEngine
from transnews.pipeline import TranslateRun, load_articles
from transnews.stream import translate_articles
from transnews.project import Project
from transnews.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
FIRST = "WIPO held a training course in Geneva.\n\nAbout 100 people attended it.\n"
SECOND = "NCAC signed a memorandum with WIPO.\n"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("glossary", [None, ROOT / "glossary"], ids=["no-glossary", "glossary"])
def test_reusing_an_engine_reports_each_runs_own_mt_counters(tmp_path, glossary):
    settings = Settings.from_env(glossary_path=glossary, use_glossary=glossary is not None, fix_source=False)
    engine = MemoryEngine()  # identity: placeholders survive, so enforcement needs no repair call
    first = translate_articles([_write(tmp_path, "first.txt", FIRST)], src="en", tgt="zh", settings=settings,
                               out_dir=tmp_path / "locales", engine=engine)
    assert (first.mt_calls, first.mt_segments) == (1, 2)
    second = translate_articles([_write(tmp_path, "second.txt", SECOND)], src="en", tgt="zh",
                                settings=settings, out_dir=tmp_path / "locales", engine=engine)
    assert (second.mt_calls, second.mt_segments) == (1, 1)  # was (2, 3): the engine's lifetime totals
    assert [c.machine_translated for c in second.catalogs] == [1]
    again = translate_articles([tmp_path / "second.txt"], src="en", tgt="zh", settings=settings,
                               out_dir=tmp_path / "locales", engine=engine)
    assert (again.mt_calls, again.mt_segments) == (0, 0) and again.engine == "memory (deterministic)"
    assert (engine.calls, engine.segments_translated) == (2, 3)  # the engine keeps its own lifetime count


def test_the_run_steps_plan_queue_apply_write(tmp_path):
    project = Project.from_settings(Settings.from_env(use_glossary=False, locales_dir=tmp_path / "loc"))
    articles = load_articles([_write(tmp_path, "a.txt", FIRST), _write(tmp_path, "b.txt", FIRST)], "en", project)
    engine = MemoryEngine({"About 100 people attended it.": "约100人参加。"})
    run = TranslateRun(project, "en", "zh", project.locales_dir, engine=engine)
    plans, queue = run.plan(articles, domain="shared")
    assert [p.result.domain for p in plans] == ["shared"] and len(queue) == 2  # one catalog, two sentences
    assert not (tmp_path / "loc").exists()  # planning writes nothing
    run.translate(queue)
    assert run.usage.calls == 1 and queue[1].entry.msgstr == "约100人参加。" and "fuzzy" in queue[1].entry.flags
    run.write(plans)
    assert (tmp_path / "loc" / "zh" / "LC_MESSAGES" / "shared.po").is_file()
    assert run.summary.catalogs[0].machine_translated == 2


def test_summary_json_shape_is_unchanged(tmp_path):
    settings = Settings.from_env(use_glossary=False)
    summary = translate_articles([_write(tmp_path, "a.txt", FIRST)], src="en", tgt="zh", settings=settings,
                                 out_dir=tmp_path / "locales", engine=MemoryEngine())
    data = summary.as_dict()
    assert set(data) == {"src", "tgt", "engine", "catalogs", "changes", "suggestions", "mt_calls", "mt_segments",
                         "term_success_rate", "articles", "sentences", "up_to_date", "resumed", "nothing_to_do",
                         "repair_rate"}
    assert set(data["catalogs"][0]) == {
        "domain", "pot_path", "po_path", "articles", "entries", "kept", "from_tm", "machine_translated", "fuzzy",
        "obsolete", "boilerplate", "term_occurrences", "term_hits", "violations", "repaired"}


# ------------------------------------------------ same-stem articles; a reviewer's save during a run (issue 11)

import polib

from transnews.catalog import dumps, load_po
from transnews.errors import BusyError, InputError


def _settings():
    return Settings.from_env(use_glossary=False, fix_source=False)


class SavesDuringRun(TranslateRun):
    """A run during which a reviewer saves the catalog, between MT and the write: ``edit(po)``
    is applied to the file as it is on disk, ``times`` times (once per plan)."""

    def __init__(self, *args, po_path, edit, times=1, **kwargs):
        super().__init__(*args, **kwargs)
        self.po_path, self.edit, self.times, self.saves = po_path, edit, times, 0

    def translate(self, queue):
        super().translate(queue)
        if self.saves < self.times:
            po = load_po(self.po_path)
            self.edit(po, self.saves)
            self.po_path.write_text(dumps(po), encoding="utf-8")
            self.saves += 1


def _reviewed_catalog(tmp_path):
    """news.txt translated, then revised (a new sentence); returns the run's pieces."""
    project = Project.from_settings(Settings.from_env(use_glossary=False, fix_source=False,
                                                      locales_dir=tmp_path / "loc"))
    art = _write(tmp_path, "news.txt", FIRST)
    translate_articles([art], src="en", tgt="zh", project=project, engine=MemoryEngine())
    art.write_text(FIRST + "\nA new sentence was added.\n", encoding="utf-8")
    return project, art, tmp_path / "loc" / "zh" / "LC_MESSAGES" / "news.po"


def _approve(text):
    def edit(po, n):
        e = po.find("About 100 people attended it.")
        e.msgstr, e.flags, e.tcomment = f"{text}{n}", [], "desk"
    return edit


def test_a_reviewers_save_during_the_run_is_merged_not_overwritten(tmp_path):
    project, art, po_path = _reviewed_catalog(tmp_path)
    notes = []
    run = SavesDuringRun(project, "en", "zh", project.locales_dir, engine=MemoryEngine(), po_path=po_path,
                         edit=_approve("约100人参加。"), notify=notes.append)
    summary = run.run(load_articles([art], "en", project))
    po = load_po(po_path)
    kept = po.find("About 100 people attended it.")
    assert (kept.msgstr, kept.flags, kept.tcomment) == ("约100人参加。0", [], "desk")  # the reviewer's edit won
    assert po.find("A new sentence was added.").msgstr  # and the run's own work landed too
    assert notes == [f"{po_path}: saved by someone else while translate ran; merging (their edits win)"]
    assert (summary.mt_calls, summary.mt_segments) == (1, 1)  # the merge reused the translation
    assert [c.machine_translated for c in summary.catalogs] == [1]


def test_a_catalog_saved_again_at_every_merge_is_left_as_the_reviewer_saved_it(tmp_path):
    project, art, po_path = _reviewed_catalog(tmp_path)
    run = SavesDuringRun(project, "en", "zh", project.locales_dir, engine=MemoryEngine(), po_path=po_path,
                         edit=_approve("译文"), times=99, notify=lambda _: None)
    with pytest.raises(BusyError) as err:
        run.run(load_articles([art], "en", project))
    assert str(err.value).startswith(f"{po_path}: saved again each time translate merged it; nothing was written")
    po = load_po(po_path)
    assert po.find("About 100 people attended it.").msgstr == "译文2" and po.find("A new sentence was added.") is None
    assert sorted(p.name for p in po_path.parent.iterdir()) == ["news.po"]


def _same_stem(tmp_path, first="a/news.txt", second="b/news.txt"):
    a, b = tmp_path / first, tmp_path / second
    for p, text in ((a, FIRST), (b, SECOND + "\nAbout 100 people attended it.\n")):
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return a, b


def test_same_stem_articles_never_share_a_catalog(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a, b = _same_stem(tmp_path)
    loc = tmp_path / "locales"
    with pytest.raises(InputError) as err:
        translate_articles([a, b], src="en", tgt="zh", settings=_settings(), out_dir=loc, engine=MemoryEngine())
    assert str(err.value) == ("a/news.txt and b/news.txt would share one catalog (locales/zh/LC_MESSAGES/news.po): "
                              "translate each on its own with a --domain, e.g. --domain a-news and --domain b-news")
    assert not loc.exists()
    translate_articles([a], src="en", tgt="zh", settings=_settings(), out_dir=loc, engine=MemoryEngine())
    po_path = loc / "zh" / "LC_MESSAGES" / "news.po"
    po = load_po(po_path)
    assert po.metadata["X-Source-Files"] == "../a/news.txt"
    for e in po:
        e.flags = []  # reviewed
    po_path.write_text(dumps(po), encoding="utf-8")
    before = po_path.read_bytes()
    with pytest.raises(InputError) as err:
        translate_articles([b], src="en", tgt="zh", settings=_settings(), out_dir=loc, engine=MemoryEngine())
    assert str(err.value) == ("locales/zh/LC_MESSAGES/news.po holds the translations of a/news.txt, not of "
                              "b/news.txt: give b/news.txt its own catalog with --domain b-news "
                              "(or --domain news if it is the same article, moved)")
    assert po_path.read_bytes() == before
    # With its own domain, B gets A's reviewed sentence from memory; A's catalog is untouched.
    translate_articles([b], src="en", tgt="zh", settings=_settings(), out_dir=loc, engine=MemoryEngine(),
                       domain="b-news")
    assert po_path.read_bytes() == before
    shared = load_po(loc / "zh" / "LC_MESSAGES" / "b-news.po").find("About 100 people attended it.")
    assert shared.comment.startswith("tm: exact match from locales/zh/LC_MESSAGES/news.po")
    assert "machine translation" not in shared.comment
    # The rule does not depend on the working directory: from a/ the same catalog is found.
    monkeypatch.chdir(tmp_path / "a")
    translate_articles(["news.txt"], src="en", tgt="zh", settings=_settings(), out_dir=loc, engine=MemoryEngine())
    with pytest.raises(InputError, match=r"holds the translations of news.txt, not of \.\./b/news.txt"):
        translate_articles([b], src="en", tgt="zh", settings=_settings(), out_dir=loc, engine=MemoryEngine())


def test_same_stem_in_dated_folders_and_catalogs_from_before_the_header(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a, b = _same_stem(tmp_path, "2024/05/index.txt", "2024/06/index.txt")
    loc = tmp_path / "locales"
    with pytest.raises(InputError, match="--domain 05-index and --domain 06-index"):
        translate_articles([a, b], src="en", tgt="zh", settings=_settings(), out_dir=loc, engine=MemoryEngine())
    translate_articles([a], src="en", tgt="zh", settings=_settings(), out_dir=loc, engine=MemoryEngine())
    po_path = loc / "zh" / "LC_MESSAGES" / "index.po"
    po = load_po(po_path)
    del po.metadata["X-Source-Files"]  # as an older transnews wrote it: only the #: references say
    po_path.write_text(dumps(po), encoding="utf-8")
    with pytest.raises(InputError, match="holds the translations of 2024/05/index.txt, not of 2024/06/index.txt"):
        translate_articles([b], src="en", tgt="zh", settings=_settings(), out_dir=loc, engine=MemoryEngine())
    # The same article again is fine, and the header is filled in.
    translate_articles([a], src="en", tgt="zh", settings=_settings(), out_dir=loc, engine=MemoryEngine())
    assert load_po(po_path).metadata["X-Source-Files"] == "../2024/05/index.txt"
    # --domain shares a catalog on purpose.
    summary = translate_articles([a, b], src="en", tgt="zh", settings=_settings(), out_dir=loc,
                                 engine=MemoryEngine(), domain="both")
    assert [c.domain for c in summary.catalogs] == ["both"]
    assert polib.pofile(str(loc / "zh" / "LC_MESSAGES" / "both.po")).metadata["X-Source-Files"] == \
        "../2024/05/index.txt ../2024/06/index.txt"
