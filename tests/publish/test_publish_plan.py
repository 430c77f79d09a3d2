"""plan_edition / write_edition: what `publish` decides, as library calls a script can make."""

import shutil
from pathlib import Path

import pytest

from transnews.engine import MemoryEngine
from transnews.errors import CatalogError, InputError
from transnews.stream import translate_articles
from transnews.project import Project
from transnews.publish import build_edition, plan_edition, write_edition
from transnews.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
ZH_EXAMPLE = ROOT / "examples" / "cnipa-copyright-week-zh.txt"


@pytest.fixture
def project(tmp_path):
    return Project.from_settings(Settings.from_env(use_glossary=False, locales_dir=tmp_path / "locales"))


@pytest.fixture
def article(tmp_path, project):
    """The Chinese example with an en catalog (identity drafts, left fuzzy)."""
    path = tmp_path / "week.txt"
    shutil.copy(ZH_EXAMPLE, path)
    translate_articles([path], src="zh", tgt="en", project=project, engine=MemoryEngine())
    return path


def test_source_language_comes_from_the_catalog(project, article, tmp_path):
    plan = plan_edition(project, article, "en", out_dir=tmp_path / "ed")
    assert plan.src == "zh" and plan.po is not None and plan.article.lang == "zh"
    assert plan.po_path == tmp_path / "locales" / "en" / "LC_MESSAGES" / "week.po"


def test_the_source_language_edition_needs_no_catalog(project, tmp_path):
    path = tmp_path / "other.txt"
    shutil.copy(ZH_EXAMPLE, path)
    plan = plan_edition(project, path, "zh", src="zh", out_dir=tmp_path / "ed")
    assert plan.po is None and plan.src == plan.lang == "zh"
    result = write_edition(plan)
    assert result.written == [tmp_path / "ed" / "other.zh.txt"]


def test_preconditions(project, article, tmp_path):
    with pytest.raises(CatalogError, match="no fr catalog for this article"):
        plan_edition(project, article, "fr", src="zh")
    with pytest.raises(InputError, match="--bilingual needs an edition language different"):
        plan_edition(project, article, "zh", src="zh", bilingual=True)
    with pytest.raises(InputError, match="no such file"):
        plan_edition(project, tmp_path / "missing.txt", "en")
    with pytest.raises(InputError, match="not an article file"):
        plan_edition(project, tmp_path, "en")


def test_build_writes_nothing_and_write_writes_every_file(project, article, tmp_path):
    plan = plan_edition(project, article, "en", fmt="html", bilingual=True, out_dir=tmp_path / "ed")
    built = build_edition(plan)
    assert sorted(p.name for p in built.files) == ["week.en.html", "week.zh-en.html"]
    assert not (tmp_path / "ed").exists() and built.written == []
    result = write_edition(plan)
    assert sorted(result.written) == sorted(built.files)
    assert result.edition.total == 7 and result.edition.translated == 0  # identity drafts stay fuzzy


def test_review_state_and_the_mostly_untranslated_warning(project, article, tmp_path):
    from transnews.publish.plan import MOSTLY_UNTRANSLATED

    result = build_edition(plan_edition(project, article, "en", out_dir=tmp_path / "ed"))
    stats = result.catalog
    assert stats is not None and stats.translated == 0 and stats.fuzzy + stats.untranslated == stats.total
    assert (stats.fuzzy + stats.untranslated) / stats.total > MOSTLY_UNTRANSLATED
    (line,) = result.warnings
    assert line.startswith(f"{tmp_path / 'locales' / 'en' / 'LC_MESSAGES' / 'week.po'}: "
                           f"MOSTLY UNTRANSLATED: {stats.total} of {stats.total} entries (100%)")
    source = build_edition(plan_edition(project, article, "zh", src="zh", out_dir=tmp_path / "ed"))
    assert source.catalog is None and source.warnings == []


def test_strict_runs_the_review_checks_only_when_asked(project, article, tmp_path):
    from transnews.review import Check

    assert plan_edition(project, article, "en").checks == ()
    checks = plan_edition(project, article, "en", strict=True).checks
    assert checks and all(isinstance(c, Check) for c in checks)
    assert "glossary" not in {c.name for c in checks}  # the project has no glossary: as `check --no-glossary`
