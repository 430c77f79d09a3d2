"""`transnews fix` through the CLI."""

import json
import os
import shutil

import pytest
from typer.testing import CliRunner

from transnews.cli.app import app

runner = CliRunner()


def _run(*args):
    r = runner.invoke(app, ["fix", *map(str, args)])
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture
def article(tmp_path, example_article):
    path = tmp_path / "news.txt"
    shutil.copyfile(example_article, path)
    return path


def test_fix_prints_corrected_article_and_lists_changes(article):
    before = article.read_bytes()
    code, out, err = _run(article)
    assert code == 0, err
    assert "cultural companies" in out and "training course" in out and "Wei, Deputy" in out
    assert "cultral" not in out and "traning" not in out
    assert out.replace("cultural companies", "cultral companies") \
        .replace("in the training course", "in the traning course").replace("Wei, Deputy", "Wei,Deputy") \
        .replace("Department, China", "Department,China") \
        .replace("improving, the", "improving, \u00a0the") == before.decode("utf-8")
    assert article.read_bytes() == before  # never overwritten without --in-place
    lines = err.strip().splitlines()
    assert f"{article}:6: typo: cultral → cultural" in lines
    assert f"{article}:12: spacing: 'Wei,Deputy' → 'Wei, Deputy'" in lines
    assert lines[-1] == f"{article}: 5 change(s), 0 suggestion(s)"


def test_fix_json(article):
    code, out, err = _run(article, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["path"] == str(article) and data["spelling"] is True and data["written"] is False
    assert [(c["kind"], c["original"], c["replacement"], c["line"]) for c in data["changes"]] == [
        ("typo", "cultral", "cultural", 6), ("typo", "traning", "training", 6),
        ("spacing", " \u00a0", " ", 8), ("spacing", ",", ", ", 12), ("spacing", ",", ", ", 12)]
    text = article.read_text(encoding="utf-8")
    for c in data["changes"]:
        assert text[c["start"]:c["end"]] == c["original"]
    assert data["suggestions"] == []
    assert "cultural companies" in data["text"]


def test_fix_in_place_is_atomic_and_keeps_mode_and_bom(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfTitle\r\n\r\nThe traning,course was held.\r\n")
    os.chmod(path, 0o640)
    code, out, err = _run(path, "--in-place", "--no-glossary")
    assert code == 0, err
    assert out == ""
    assert path.read_bytes() == b"\xef\xbb\xbfTitle\r\n\r\nThe training, course was held.\r\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # no temp file left
    assert f"wrote {path}" in err


def test_fix_in_place_without_changes_does_not_rewrite(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("Title\n\nNothing to fix here.\n", encoding="utf-8")
    stamp = path.stat().st_mtime_ns
    code, out, err = _run(path, "--in-place", "--json", "--no-glossary")
    assert code == 0, err
    data = json.loads(out)
    assert data["changes"] == [] and data["written"] is False and "text" not in data
    assert path.stat().st_mtime_ns == stamp


def test_fix_non_english_spacing_only(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_text("Titre\n\nLa traning du goverment,la semaine.\n", encoding="utf-8")
    code, out, err = _run(path, "--lang", "fr")
    assert code == 0, err
    assert out == "Titre\n\nLa traning du goverment, la semaine.\n"
    assert "English-only" in err
    data = json.loads(_run(path, "--lang", "fr", "--json")[1])
    assert data["spelling"] is False and "note" in data


def test_fix_word_list_option(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("# project words\nrightholder\n", encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nThe rightholdr agreed.\n", encoding="utf-8")
    code, out, err = _run(path, "--words", words, "--no-glossary")
    assert code == 0, err
    assert "The rightholder agreed." in out


@pytest.mark.parametrize("setup, args, message", [
    (None, ["missing.txt"], "no such file"),
    ("binary", ["bin.txt"], "binary"),
    ("empty", ["empty.txt"], "empty"),
    ("latin1", ["latin.txt"], "not valid utf-8"),
    ("ok", ["ok.txt", "--lang", "xx"], "unknown --from code"),  # --lang: the old name of --from
    ("ok", ["ok.txt", "--words", "nowords.txt"], "word list not found"),
])
def test_fix_refuses_bad_input_with_one_line(tmp_path, monkeypatch, setup, args, message):
    monkeypatch.chdir(tmp_path)
    files = {"binary": ("bin.txt", b"\x00\x01\x02PK"), "empty": ("empty.txt", b"  \n"),
             "latin1": ("latin.txt", "Title\n\ncaf\u00e9 traning\n".encode("latin-1")),
             "ok": ("ok.txt", b"Title\n\nThe traning.\n")}
    if setup:
        name, data = files[setup]
        (tmp_path / name).write_bytes(data)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    code, out, err = _run(*args, "--in-place")
    assert code != 0
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("transnews: error: ") and message in lines[0]
    assert "Traceback" not in err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_fix_other_encoding_round_trip(tmp_path):
    path = tmp_path / "gb.txt"
    path.write_bytes("Title\n\n中国版权协会,WIPO和NCAC\n".encode("gb18030"))
    code, out, err = _run(path, "--lang", "zh", "--encoding", "gb18030", "--in-place")
    assert code == 0, err
    assert path.read_bytes().decode("gb18030") == "Title\n\n中国版权协会,WIPO和NCAC\n"
    path.write_bytes("Title\n\nThe traning,course\n".encode("gb18030"))
    code, out, err = _run(path, "--encoding", "gb18030", "--in-place", "--no-glossary")
    assert code == 0, err
    assert path.read_bytes().decode("gb18030") == "Title\n\nThe training, course\n"


ZH_ARTICLE = ("2026年全国版权宣传周活动在杭州启动\n\n"
              "4月20日,由国家版权局指导的活动在杭州正式启动.来自各地的约 200 名代表参加了启动仪式.\n\n"
              "世界知识产权组织(WIPO)的代表介绍了情况 ,详见 https://www.wipo.int/about-wipo/zh/ 。\n")


def test_fix_refuses_a_chinese_article_given_as_english(tmp_path):
    path = tmp_path / "zh.txt"
    path.write_text(ZH_ARTICLE, encoding="utf-8")
    before = path.read_bytes()
    code, out, err = _run(path, "--in-place", "--no-glossary")  # default --lang en
    assert code == 2 and out == ""
    (line,) = err.strip().splitlines()
    assert line.startswith(f"transnews: error: {path}: this article is Chinese text") and line.endswith("pass --from zh")
    assert path.read_bytes() == before


def test_fix_refuses_an_english_article_given_as_chinese(article):
    code, out, err = _run(article, "--lang", "zh")
    assert code == 2 and out == ""
    (line,) = err.strip().splitlines()
    assert f"{article}: this article is Latin-script text" in line and "pass --from en" in line


def test_fix_chinese_punctuation_and_spacing(tmp_path):
    path = tmp_path / "zh.txt"
    path.write_text(ZH_ARTICLE, encoding="utf-8")
    code, out, err = _run(path, "--lang", "zh", "--no-glossary")
    assert code == 0, err
    assert out == ("2026年全国版权宣传周活动在杭州启动\n\n"
                   "4月20日，由国家版权局指导的活动在杭州正式启动.来自各地的约200名代表参加了启动仪式。\n\n"
                   "世界知识产权组织（WIPO）的代表介绍了情况，详见 https://www.wipo.int/about-wipo/zh/ 。\n")
    lines = err.strip().splitlines()
    assert f"{path}:3: punctuation: '4月20日,由国家版权局' → '4月20日，由国家版权局'" in lines
    assert f"{path}:3: spacing: '来自各地的约 200' → '来自各地的约200'" in lines
    assert f"{path}:3: suggestion: 动. → 动。? (also: 动·)" in lines  # a name's dot or a sentence end
    assert "spacing and punctuation rules were applied (zh)" in err
    assert lines[-1] == f"{path}: 7 change(s), 1 suggestion(s)"


def test_fix_chinese_json_and_spacing_style(tmp_path):
    path = tmp_path / "zh.txt"
    path.write_text(ZH_ARTICLE, encoding="utf-8")
    code, out, err = _run(path, "--lang", "zh", "--json", "--cjk-spacing", "space", "--no-glossary")
    assert code == 0, err
    data = json.loads(out)
    assert {c["kind"] for c in data["changes"]} == {"punctuation", "spacing"}
    for c in data["changes"]:
        assert ZH_ARTICLE[c["start"]:c["end"]] == c["original"]
    assert "2026 年全国" in data["text"] and "约 200 名代表" in data["text"] and "（WIPO）" in data["text"]
    code, out, err = _run(path, "--lang", "zh", "--cjk-spacing", "keep", "--no-glossary")
    assert code == 0 and "约 200 名代表" in out and "4月20日，" in out
    code, out, err = _run(path, "--lang", "zh", "--cjk-spacing", "pangu")
    assert code == 2 and "unknown --cjk-spacing 'pangu'" in err and len(err.strip().splitlines()) == 1


def test_fix_space_before_comma(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nThe course was held here ,and ZHAO Wei spoke there , too.\n", encoding="utf-8")
    code, out, err = _run(path, "--no-glossary")
    assert code == 0, err
    assert out == "Title\n\nThe course was held here, and ZHAO Wei spoke there, too.\n"
    assert f"{path}:3: spacing: 'here ,and' → 'here, and'" in err.splitlines()
