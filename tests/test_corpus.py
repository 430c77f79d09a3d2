"""Which catalogs a run makes, from the paths alone: folders, patterns, domain rules, chunks."""

import pickle

import pytest

from transnews.corpus import CatalogJob, article_domain, chunk_jobs, expand_articles, plan_jobs
from transnews.errors import InputError


def _tree(root):
    for rel in ("2024/05/index.html", "2024/06/index.html", "2024/06/notes.md", "top.txt",
                "2024/06/image.png", ".hidden/x.txt", "2024/.draft.txt"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Hello.\n")
    return root


def test_a_folder_is_searched_recursively_for_articles_in_name_order(tmp_path):
    root = _tree(tmp_path / "site")
    found = [p.relative_to(root).as_posix() for p in expand_articles([root])]
    assert found == ["top.txt", "2024/05/index.html", "2024/06/index.html", "2024/06/notes.md"]


def test_a_quoted_pattern_is_expanded_and_a_file_named_twice_counts_once(tmp_path):
    root = _tree(tmp_path / "site")
    found = expand_articles([str(root / "**" / "*.html"), root / "2024" / "05" / "index.html"])
    assert [p.relative_to(root).as_posix() for p in found] == ["2024/05/index.html", "2024/06/index.html"]


@pytest.mark.parametrize("given, message", [("empty", "no article files"), ("none/*.txt", "no file matches")])
def test_an_empty_folder_or_pattern_is_one_clear_error(tmp_path, given, message):
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=message) as err:
        expand_articles([tmp_path / given])
    assert err.value.path.endswith(given)


def test_a_missing_file_is_left_for_ingest_to_name():
    assert [p.name for p in expand_articles(["missing.txt"])] == ["missing.txt"]


def test_domain_rules(tmp_path):
    art = tmp_path / "2024" / "05" / "index.html"
    assert article_domain(art) == "index"
    assert article_domain(art, "path", tmp_path) == "2024-05-index"
    assert article_domain(art, "path", tmp_path / "elsewhere") == "index"  # outside the project: its stem


def test_jobs_group_by_domain_and_chunks_never_split_a_job(tmp_path):
    paths = [tmp_path / f"a{i}.txt" for i in range(5)] + [tmp_path / "x" / "a0.txt"]
    jobs = plan_jobs(paths)
    assert [j.domain for j in jobs] == ["a0", "a1", "a2", "a3", "a4"] and len(jobs[0].paths) == 2
    chunks = chunk_jobs(jobs, size=2)
    assert [[j.domain for j in c] for c in chunks] == [["a0"], ["a1", "a2"], ["a3", "a4"]]
    assert [j.domain for j in plan_jobs(paths, "all")] == ["all"]
    assert plan_jobs(paths[:2], rule="path", root=tmp_path) == [CatalogJob("a0", (paths[0],)),
                                                                 CatalogJob("a1", (paths[1],))]


def test_an_error_raised_in_a_worker_keeps_its_file_and_line():
    err = InputError("a NUL byte", path="news.txt", line=3, hint="remove it")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is InputError and str(back) == str(err) == "news.txt:3: a NUL byte (remove it)"
