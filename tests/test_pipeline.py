"""The translate run as a library call: per-run counters, the steps, the summary's shape."""

from pathlib import Path

import pytest

from transnews.engine import MemoryEngine
from transnews.pipeline import TranslateRun, load_articles, translate_articles
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
                         "term_success_rate"}
    assert set(data["catalogs"][0]) == {
        "domain", "pot_path", "po_path", "articles", "entries", "kept", "from_tm", "machine_translated", "fuzzy",
        "obsolete", "boilerplate", "term_occurrences", "term_hits", "violations", "repaired"}
