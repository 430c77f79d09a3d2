"""`translate --cluster ray`: the chunks translated by Ray actors, the same catalogs as a local run.

The Ray tests run on a local Ray started once for this module (2 CPUs) and skip cleanly
without the extra (`uv sync --extra ray`); the refusal without Ray runs everywhere.
"""

from __future__ import annotations

import builtins
import json

import pytest
from typer.testing import CliRunner

from transnews.cli.app import app
from transnews.manifest import MANIFEST_NAME

runner = CliRunner()
EPOCH = "1767225600"  # catalog header dates: the same in both runs (and passed on to the actors)


def _run(*args):
    r = runner.invoke(app, [str(a) for a in args])
    return r.exit_code, r.stdout, r.stderr


def _corpus(root, n):
    root.mkdir(parents=True)
    for i in range(n):
        (root / f"story{i}.txt").write_text(f"NCAC met WIPO on day {i}.\n\nThe traning ended well.\n\n"
                                           f"Item {i} was agreed.\n", encoding="utf-8")
    return root


def _files(loc):
    return {p.relative_to(loc).as_posix(): p.read_bytes() for p in sorted(loc.rglob("*.po*"))}


def _done(loc):
    """What the manifest says was done, without the locales folder's own paths."""
    data = json.loads((loc / MANIFEST_NAME).read_text(encoding="utf-8"))
    return data["running"], {k: (r["articles"], r["inputs"], sorted(r["files"].values()))
                             for k, r in data["catalogs"].items()}


@pytest.fixture(scope="module")
def local_ray():
    from transnews.cluster import import_ray
    from transnews.errors import InputError

    try:
        ray = import_ray()  # as the command does: workers run this interpreter (see transnews.cluster)
    except InputError:
        pytest.skip("the ray extra is not installed (uv sync --extra ray)")
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR",
                 runtime_env={"env_vars": {"SOURCE_DATE_EPOCH": EPOCH}})
    yield ray
    if started:
        ray.shutdown()


def test_the_cluster_writes_the_same_catalogs_as_a_local_run(local_ray, tiny_argos, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    arts = _corpus(tmp_path / "arts", 7)
    out = {}
    for name, extra in (("local", ()), ("ray", ("--cluster", "ray", "--cluster-actors", 2))):
        loc = tmp_path / name  # beside each other: the same X-Source-Files and #: references
        code, stdout, err = _run("translate", arts, "--locales", loc, "--offline", "--beam", 1,
                                 "--chunk-size", 3, "--json", *extra)
        assert code == 0, err
        out[name] = _files(loc), _done(loc), json.loads(stdout)
    (local_files, local_done, local_sum), (ray_files, ray_done, ray_sum) = out["local"], out["ray"]
    assert len(local_files) == 14 and ray_files == local_files
    assert ray_done == local_done and local_done[0] is False  # every catalog recorded, the run finished
    for key in ("articles", "sentences", "mt_calls", "mt_segments", "engine", "changes", "suggestions"):
        assert ray_sum[key] == local_sum[key], key
    assert local_sum["changes"] != [] and local_sum["mt_calls"] >= 3  # three chunks: a batch each (+ repairs)
    assert [c["domain"] for c in ray_sum["catalogs"]] == [f"story{i}" for i in range(7)]


def test_an_unchanged_rerun_on_the_cluster_has_nothing_to_do(local_ray, tiny_argos, tmp_path):
    arts = _corpus(tmp_path / "arts", 2)
    loc = tmp_path / "loc"
    code, _, err = _run("translate", arts, "--locales", loc, "--offline", "--beam", 1, "--cluster", "ray")
    assert code == 0, err
    code, stdout, err = _run("translate", arts, "--locales", loc, "--offline", "--beam", 1, "--cluster", "ray")
    assert code == 0 and stdout.startswith("nothing to do: 2 catalog(s) unchanged"), (stdout, err)


def test_a_bad_article_on_the_cluster_is_one_line_and_earlier_chunks_are_kept(local_ray, tiny_argos, tmp_path):
    arts = _corpus(tmp_path / "arts", 3)
    (arts / "story2.txt").write_bytes(b"\xff\xfe not utf-8 \xff\n")
    loc = tmp_path / "loc"
    code, _, err = _run("translate", arts, "--locales", loc, "--offline", "--beam", 1, "--chunk-size", 1,
                        "--cluster", "ray")
    assert code == 2 and "story2.txt" in err and "Traceback" not in err, err
    assert sorted(_files(loc)) == sorted([f"story{i}.pot" for i in (0, 1)] + [f"zh/LC_MESSAGES/story{i}.po" for i in (0, 1)])


def _without_ray(monkeypatch):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "ray" or name.startswith("ray."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)


def test_cluster_without_ray_installed_is_one_line_naming_the_extra(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("The court ruled today.\n", encoding="utf-8")
    _without_ray(monkeypatch)
    code, out, err = _run("translate", "a.txt", "--offline", "--no-glossary", "--cluster", "ray")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1, err
    assert "--cluster needs Ray" in err and "pip install 'transnews[ray]'" in err
    assert not (tmp_path / "locales").exists()


def test_an_unknown_cluster_address_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("The court ruled today.\n", encoding="utf-8")
    code, _, err = _run("translate", "a.txt", "--offline", "--no-glossary", "--cluster", "dask://x:1")
    assert code == 2 and "give 'ray'" in err and not (tmp_path / "locales").exists(), err
