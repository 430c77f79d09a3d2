"""The translate run's progress bars say what they do (issue 13, item 14): the first MT
call is "Translating"; the calls that re-translate pieces whose glossary placeholders the
model dropped are "Repairing terms"."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from transnews.cli.common import Progress
from transnews.engine.base import Engine
from transnews.stream import translate_articles
from transnews.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "WIPO and NCAC held a training course in Geneva.\n\nAbout 100 people attended it.\n"


class DropsPlaceholders(Engine):
    """Labels its bar "Translating" as the Argos engine does; its first batch loses every
    placeholder (a fixed sentence), later batches (the pieces around terms) come back as sent."""

    name = "drops-placeholders"

    def _translate(self, texts, progress):
        first = self.calls == 1  # Engine.translate has counted this call already
        for i in range(len(texts)):
            if progress is not None:
                progress(i + 1, len(texts), "Translating")
        return ["译文。" if first else t for t in texts]


class KeepsPlaceholders(DropsPlaceholders):
    def _translate(self, texts, progress):
        super()._translate(texts, progress)
        return list(texts)


def _run(tmp_path, engine, progress):
    article = tmp_path / "news.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    settings = Settings.from_env(glossary_path=ROOT / "glossary", use_glossary=True, fix_source=False)
    return translate_articles([article], src="en", tgt="zh", settings=settings, out_dir=tmp_path / "locales",
                              engine=engine, progress=progress)


def _labels(calls):
    return list(dict.fromkeys(label.partition(" · ")[0] for *_, label in calls if label))


def test_repairs_have_their_own_label(tmp_path):
    calls = []
    summary = _run(tmp_path, DropsPlaceholders(), lambda done, total, label="": calls.append((done, total, label)))
    assert summary.mt_calls == 2 and summary.repair_rate  # the repair pass did run
    labels = _labels(calls)
    assert labels.index("Translating") < labels.index("Repairing terms"), labels
    repairs = [(d, t) for d, t, label in calls if label == "Repairing terms"]
    assert repairs[-1][0] == repairs[-1][1]  # the repair bar runs to its end


def test_no_repair_no_repair_bar(tmp_path):
    calls = []
    summary = _run(tmp_path, KeepsPlaceholders(), lambda done, total, label="": calls.append((done, total, label)))
    assert summary.mt_calls == 1
    assert "Translating" in _labels(calls) and "Repairing terms" not in _labels(calls)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_commands_bars_are_labelled_translating_and_repairing_terms(tmp_path, monkeypatch):
    """The CLI's own bar (what `transnews translate` draws on a terminal) shows both labels."""
    err = _Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    bar = Progress(enabled=True)
    _run(tmp_path, DropsPlaceholders(), bar)
    bar.close()
    shown = err.getvalue()
    assert "Translating" in shown and "Repairing terms" in shown
    assert shown.index("Translating") < shown.rindex("Repairing terms")
