"""A run over many articles: chunk by chunk, unchanged work skipped, a killed run resumed."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from transnews.catalog import catalog_paths
from transnews.engine import MemoryEngine
from transnews.errors import InputError
from transnews.manifest import MANIFEST_NAME
from transnews.stream import translate_articles
from transnews.settings import Settings


def _corpus(root, n):
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (root / f"art{i:02d}.txt").write_text(f"Story {i} opens here.\n\nIt has {i} more facts.\n",
                                             encoding="utf-8")
    return root


def _settings(tmp_path):
    return Settings.from_env(use_glossary=False, fix_source=False, locales_dir=tmp_path / "loc",
                             cache_dir=None)


def _run(tmp_path, paths, **kw):
    notes = []
    summary = translate_articles(paths, src="en", tgt="zh", settings=_settings(tmp_path),
                                 engine=kw.pop("engine", None) or MemoryEngine(), notify=notes.append, **kw)
    return summary, notes


def _snapshot(loc):
    return {p.relative_to(loc).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(loc.rglob("*.po*"))}


def test_chunks_are_written_as_they_finish_and_a_rerun_has_nothing_to_do(tmp_path):
    arts = _corpus(tmp_path / "arts", 5)
    engine = MemoryEngine()
    first, _ = _run(tmp_path, [arts], chunk_size=2, engine=engine)
    assert [c.domain for c in first.catalogs] == [f"art{i:02d}" for i in range(5)]
    assert (first.articles, first.sentences, engine.calls) == (5, 10, 3)  # three chunks, one MT batch each
    before = _snapshot(tmp_path / "loc")
    again, _ = _run(tmp_path, [arts], chunk_size=2, engine=engine)
    assert again.nothing_to_do and again.up_to_date == 5 and engine.calls == 3
    assert _snapshot(tmp_path / "loc") == before  # not even rewritten


def test_only_what_changed_is_done_again(tmp_path):
    arts = _corpus(tmp_path / "arts", 4)
    _run(tmp_path, [arts])
    (arts / "art02.txt").write_text("Story 2 was rewritten.\n", encoding="utf-8")
    po1 = catalog_paths(tmp_path / "loc", "art01", "zh")[1]
    po1.write_text(po1.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a reviewer's save
    before = _snapshot(tmp_path / "loc")
    summary, _ = _run(tmp_path, [arts])
    assert sorted(c.domain for c in summary.catalogs) == ["art01", "art02"] and summary.up_to_date == 2
    after = _snapshot(tmp_path / "loc")
    assert all(after[k] == before[k] for k in after if "art00" in k or "art03" in k)


def test_a_changed_setting_or_memory_means_the_work_is_done_again(tmp_path):
    arts = _corpus(tmp_path / "arts", 2)
    _run(tmp_path, [arts])
    memory = tmp_path / "loc" / "zh" / "LC_MESSAGES" / "tm-import.po"
    memory.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8")
    summary, _ = _run(tmp_path, [arts])
    assert len(summary.catalogs) == 2
    summary, _ = _run(tmp_path, [arts], domain="all")
    assert [c.domain for c in summary.catalogs] == ["all"]


KILLED = textwrap.dedent("""
    import os, signal, sys
    from transnews.engine import MemoryEngine
    from transnews.stream import translate_articles
    from transnews.settings import Settings

    class Dies(MemoryEngine):
        def _translate(self, texts, progress):
            if self.calls == 3:  # the third chunk's MT: two chunks are written
                os.kill(os.getpid(), signal.SIGKILL)
            return super()._translate(texts, progress)

    settings = Settings.from_env(use_glossary=False, fix_source=False, locales_dir=sys.argv[2], cache_dir=None)
    translate_articles([sys.argv[1]], src="en", tgt="zh", settings=settings, engine=Dies(), chunk_size=2)
""")


def test_a_killed_run_resumes_after_its_finished_chunks(tmp_path):
    arts = _corpus(tmp_path / "arts", 6)
    proc = subprocess.run([sys.executable, "-c", KILLED, str(arts), str(tmp_path / "loc")])
    assert proc.returncode == -signal.SIGKILL
    done = sorted(p.stem for p in (tmp_path / "loc" / "zh" / "LC_MESSAGES").glob("*.po"))
    assert done == ["art00", "art01", "art02", "art03"]
    engine = MemoryEngine()
    summary, notes = _run(tmp_path, [arts], chunk_size=2, engine=engine)
    assert summary.resumed and summary.up_to_date == 4 and engine.calls == 1
    assert [c.domain for c in summary.catalogs] == ["art04", "art05"]
    assert notes == ["resuming an interrupted run: 4 of 6 catalogs were already written and are kept"]
    again, notes = _run(tmp_path, [arts], chunk_size=2)
    assert again.nothing_to_do and not again.resumed and notes == []


def test_a_bad_article_late_in_a_run_keeps_the_finished_chunks_and_says_so(tmp_path):
    arts = _corpus(tmp_path / "arts", 5)
    (arts / "art03.txt").write_bytes(b"Fine line.\nBad \x00 line.\n")
    with pytest.raises(InputError) as err:
        _run(tmp_path, [arts], chunk_size=2)
    assert err.value.path.endswith("art03.txt") and err.value.line == 2
    done = sorted(p.stem for p in (tmp_path / "loc" / "zh" / "LC_MESSAGES").glob("*.po"))
    assert done == ["art00", "art01"]
    (arts / "art03.txt").write_text("Fine line.\n", encoding="utf-8")
    summary, notes = _run(tmp_path, [arts], chunk_size=2)
    assert summary.resumed and [c.domain for c in summary.catalogs] == ["art02", "art03", "art04"]


def test_nothing_is_written_when_a_single_chunk_fails(tmp_path):
    arts = _corpus(tmp_path / "arts", 3)
    (arts / "art01.txt").write_bytes(b"\x00")
    with pytest.raises(InputError):
        _run(tmp_path, [arts])
    assert not (tmp_path / "loc").exists()


def test_two_jobs_give_the_same_catalogs_as_one(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    arts = _corpus(tmp_path / "arts", 5)
    (arts / "art01.txt").write_text("The WIPO traning course on cultral heritage.\n", encoding="utf-8")
    settings = {}
    for jobs in (1, 2):
        loc = tmp_path / f"loc{jobs}"
        s = Settings.from_env(locales_dir=loc, cache_dir=None)  # bundled glossary and fixes: real CPU stages
        summary = translate_articles([arts], src="en", tgt="zh", settings=s, engine=MemoryEngine(),
                                     jobs=jobs, chunk_size=2)
        settings[jobs] = ({p.relative_to(loc).as_posix(): p.read_bytes() for p in loc.rglob("*.po*")},
                          summary.changes)
    assert settings[1] == settings[2] and settings[1][1]  # the typo fixes were made (and reported) alike
    assert len(settings[1][0]) == 10


def test_the_manifest_is_not_a_catalog(tmp_path):
    arts = _corpus(tmp_path / "arts", 1)
    _run(tmp_path, [arts])
    assert (tmp_path / "loc" / MANIFEST_NAME).is_file()
    assert sorted(os.listdir(tmp_path / "loc")) == [MANIFEST_NAME, "art00.pot", "zh"]
