"""`transnews glossary …` commands: output, --json, errors as one line with an exit code."""

import json
from pathlib import Path

from typer.testing import CliRunner

from transnews.cli.app import app

GLOSSARY = Path(__file__).resolve().parents[2] / "glossary"
runner = CliRunner()


def run(*args):
    r = runner.invoke(app, ["glossary", *[str(a) for a in args]])
    return r.exit_code, r.stdout, r.stderr


def test_list_and_check_json():
    code, out, _ = run("list", "--glossary", GLOSSARY, "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) >= 80
    wipo = next(r for r in rows if r["id"] == "wipo")
    assert wipo["zh"] == "世界知识产权组织" and wipo["abbr"] == ["WIPO"]
    code, out, _ = run("check", "--glossary", GLOSSARY, "--json")
    info = json.loads(out)
    assert code == 0 and info["ok"] and info["concepts"] == len(rows)
    code, out, _ = run("check", "--glossary", GLOSSARY)
    assert code == 0 and out.startswith(f"ok: {len(rows)} concepts")


def test_lookup():
    code, out, _ = run("lookup", "WIPO's", "--glossary", GLOSSARY)
    assert code == 0 and out.startswith("wipo: World Intellectual Property Organization / WIPO → 世界知识产权组织")
    code, out, _ = run("lookup", "《马拉喀什条约》", "--glossary", GLOSSARY, "--json")
    assert code == 0 and [r["id"] for r in json.loads(out)] == ["marrakesh-treaty"]
    code, out, err = run("lookup", "photosynthesis", "--glossary", GLOSSARY)
    assert code == 1 and "not in the glossary" in err


def test_bad_glossary_is_one_line_with_exit_5(tmp_path):
    bad = tmp_path / "g.tsv"
    bad.write_text("id\ten\tabbr\tzh\tzh_variants\tzh_forbidden\tdnt\tcase\tnote\tsource\n"
                   "a\tWIPO\t\t世界知识产权组织\t\t\t\texact\t\tx\n"
                   "b\tWIPO\t\t世界知识产权署\t\t\t\texact\t\tx\n", encoding="utf-8")
    code, out, err = run("check", "--glossary", bad)
    assert code == 5 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"transnews: error: {bad}:3: ")
    assert "two approved targets" in err and "Traceback" not in err


def test_export_and_import_round_trip(tmp_path):
    tbx = tmp_path / "g.tbx"
    code, _, err = run("export", "--format", "tbx", "--out", tbx, "--glossary", GLOSSARY)
    assert code == 0 and tbx.read_text(encoding="utf-8").startswith('<?xml version="1.0"')
    code, out, _ = run("export", "--format", "csv", "--glossary", GLOSSARY)
    assert code == 0 and out.splitlines()[0].startswith("concept,source,target")
    code, _, err = run("export", "--format", "pdf", "--glossary", GLOSSARY)
    assert code == 2 and "unknown export format" in err

    # Into an empty project glossary: everything is added to imported.tsv.
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "base.tsv").write_text("id\ten\tabbr\tzh\tzh_variants\tzh_forbidden\tdnt\tcase\tnote\tsource\n"
                                   "ncac\tNCAC\t\t国家版权管理局\t\t\t\texact\t\tx\n", encoding="utf-8")
    code, out, _ = run("import", tbx, "--glossary", proj, "--json")
    rep = json.loads(out)
    assert code == 0 and rep["written"] and rep["entries"] >= 80
    assert len(rep["conflicts"]) == 1 and "国家版权管理局" in rep["conflicts"][0]  # NCAC differs
    assert len(rep["added"]) == rep["entries"] - 1
    code, out, _ = run("check", "--glossary", proj)
    assert code == 0
    # A second import adds nothing and reports everything as known.
    code, out, _ = run("import", tbx, "--glossary", proj)
    assert code == 0 and "added 0" in out and "1 conflict(s)" in out


def test_import_invalid_file_changes_nothing(tmp_path):
    proj = tmp_path / "proj"
    proj.mkdir()
    bad = tmp_path / "bad.tbx"
    bad.write_text("<tbx><unclosed></tbx>", encoding="utf-8")
    code, out, err = run("import", bad, "--glossary", proj, "--output", proj / "x.tsv")
    assert code == 5 and err.startswith(f"transnews: error: {bad}:1: not well-formed XML")
    assert list(proj.iterdir()) == []


def _bad_glossary(tmp_path):
    d = tmp_path / "g"
    d.mkdir()
    header = "id\ten\tabbr\tzh\tzh_variants\tzh_forbidden\tdnt\tcase\tnote\tsource\n"
    (d / "a.tsv").write_text(header +
                             "a\tWIPO\t\t世界知识产权组织\t\t\t\texact\t\tx\n"
                             "b\tNCAC\t\t国家版权局\t\t\t\tsometimes\t\tx\n"      # bad case
                             "c\tCNIPA\t\t国家知识产权局\t\t\t\texact\t\t\n", encoding="utf-8")  # no source
    (d / "b.tsv").write_text(header +
                             "a\tSAMR\t\t市场监管总局\t\t\t\texact\t\tx\n"       # duplicate id
                             "d\tWIPO\t\t世界知识产权署\t\t\t\texact\t\tx\n", encoding="utf-8")  # two targets
    (d / "c.tsv").write_text("id\ten\n", encoding="utf-8")  # bad header
    return d


def test_check_reports_every_problem_in_one_run(tmp_path):
    d = _bad_glossary(tmp_path)
    code, out, err = run("check", "--glossary", d)
    assert code == 5 and out == ""
    lines = err.splitlines()
    assert [ln.split(": ")[2] for ln in lines[:-1]] == [f"{d / 'a.tsv'}:3", f"{d / 'a.tsv'}:4",
                                                        f"{d / 'c.tsv'}:1", f"{d / 'b.tsv'}:2",
                                                        f"{d / 'b.tsv'}:3"]
    assert "case must be" in lines[0] and "empty required field 'source'" in lines[1]
    assert "bad header" in lines[2] and "duplicate concept id 'a'" in lines[3]
    assert "two approved targets" in lines[4] and lines[-1] == "transnews: 5 problems in the glossary"


def test_check_json_lists_the_problems(tmp_path):
    d = _bad_glossary(tmp_path)
    code, out, _ = run("check", "--glossary", d, "--json")
    info = json.loads(out)
    assert code == 5 and info["ok"] is False
    assert [(Path(p["file"]).name, p["line"]) for p in info["problems"]] == [
        ("a.tsv", 3), ("a.tsv", 4), ("c.tsv", 1), ("b.tsv", 2), ("b.tsv", 3)]
    assert all(set(p) == {"file", "line", "message"} for p in info["problems"])
    code, out, _ = run("check", "--glossary", GLOSSARY, "--json")
    info = json.loads(out)
    assert code == 0 and info["problems"] == [] and info["ambiguous_forms"] > 20


def test_import_takes_languages_as_from_and_to_and_a_file_only_as_output(tmp_path):
    """Issue 13, item 11: --from/--to name the languages of a CSV that names none; a file
    given as --to is refused in one line naming --output, and nothing is written."""
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "base.tsv").write_text("id\ten\tabbr\tzh\tzh_variants\tzh_forbidden\tdnt\tcase\tnote\tsource\n"
                                   "ncac\tNCAC\t\t国家版权局\t\t\t\texact\t\tx\n", encoding="utf-8")
    csv = tmp_path / "terms.csv"
    csv.write_text("版权示范城市,copyright demonstration city\n", encoding="utf-8")  # Chinese first
    code, _, err = run("import", csv, "--glossary", proj, "--to", tmp_path / "x.tsv")
    assert code == 2 and "is not a language" in err and "--output" in err and err.count("\n") == 1
    assert sorted(p.name for p in proj.iterdir()) == ["base.tsv"] and not (tmp_path / "x.tsv").exists()
    code, out, err = run("import", csv, "--glossary", proj, "--from", "zh", "--to", "en", "--json")
    assert code == 0, err
    assert json.loads(out)["added"] == ["copyright-demonstration-city"]
    code, out, _ = run("lookup", "copyright demonstration city", "--glossary", proj, "--json")
    assert code == 0 and "版权示范城市" in out  # English source, Chinese target, as --from zh --to en said
