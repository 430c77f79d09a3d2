"""`transnews translate` over folders: nothing to do when unchanged, --jobs, the project's domain rule."""

import json

from typer.testing import CliRunner

from transnews.cli.app import app

runner = CliRunner()


def _run(*args):
    r = runner.invoke(app, [str(a) for a in args])
    return r.exit_code, r.stdout, r.stderr


def _corpus(root, n):
    root.mkdir(parents=True)
    for i in range(n):
        (root / f"story{i}.txt").write_text(f"NCAC met WIPO on day {i}.\n\nThe traning ended well.\n",
                                           encoding="utf-8")
    return root


def _files(loc):
    return {p.relative_to(loc).as_posix(): p.read_bytes() for p in sorted(loc.rglob("*.po*"))}


def test_an_unchanged_rerun_says_nothing_to_do_and_touches_nothing(tiny_argos, tmp_path):
    arts = _corpus(tmp_path / "arts", 3)
    loc = tmp_path / "locales"
    code, out, err = _run("translate", arts, "--locales", loc, "--offline", "--beam", 1)
    assert code == 0, err
    before = {p: p.stat().st_mtime_ns for p in loc.rglob("*.po*")}
    code, out, err = _run("translate", arts, "--locales", loc, "--offline", "--beam", 1)
    assert code == 0 and out.startswith("nothing to do: 3 catalog(s) unchanged"), (out, err)
    assert {p: p.stat().st_mtime_ns for p in loc.rglob("*.po*")} == before
    code, out, _ = _run("translate", arts, "--locales", loc, "--offline", "--beam", 1, "--json")
    data = json.loads(out)
    assert data["nothing_to_do"] and data["up_to_date"] == 3 and data["catalogs"] == []
    code, out, err = _run("translate", arts, "--locales", loc, "--offline", "--beam", 2)  # a setting changed
    assert code == 0 and "3 machine-translated" not in out and out.count("entries") == 3, out


def test_two_jobs_write_the_same_catalogs_as_one(tiny_argos, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    arts = _corpus(tmp_path / "arts", 5)
    out = {}
    for jobs in (1, 2):
        loc = tmp_path / f"loc{jobs}"
        code, stdout, err = _run("translate", arts, "--locales", loc, "--offline", "--beam", 1,
                                 "--jobs", jobs, "--chunk-size", 2, "--json")
        assert code == 0, err
        out[jobs] = _files(loc), json.loads(stdout)
    assert out[1][0] == out[2][0] and len(out[1][0]) == 10
    assert out[1][1]["sentences"] == out[2][1]["sentences"] == 10
    assert out[1][1]["changes"] == out[2][1]["changes"] != []  # "traning" fixed in the workers too


def test_the_project_files_path_rule_names_catalogs_after_their_folders(tiny_argos, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "transnews.toml").write_text('[translate]\ndomain = "path"\n', encoding="utf-8")
    for month in ("05", "06"):
        page = tmp_path / "2024" / month / "index.txt"
        page.parent.mkdir(parents=True)
        page.write_text(f"WIPO met in month {month}.\n", encoding="utf-8")
    code, out, err = _run("translate", "2024", "--offline", "--beam", 1)
    assert code == 0, err
    names = sorted(p.name for p in (tmp_path / "locales" / "zh" / "LC_MESSAGES").glob("*.po"))
    assert names == ["2024-05-index.po", "2024-06-index.po"]
    code, out, err = _run("publish", "2024/06/index.txt", "--to", "zh", "--out", "editions")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "editions").iterdir()) == ["2024-06-index.zh.txt"]
