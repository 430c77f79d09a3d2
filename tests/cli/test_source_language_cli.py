"""The source language is checked against the article's script when it is loaded (translate, fix)."""

import shutil

from typer.testing import CliRunner

from transnews.cli.app import app

runner = CliRunner()
ZH = ("2026年全国版权宣传周活动在杭州启动\n\n"
      "4月20日，由国家版权局指导的2026年全国版权宣传周活动在杭州正式启动。约200名代表参加了启动仪式。\n")


def _translate(tmp_path, *args):
    r = runner.invoke(app, ["translate", *map(str, args), "--out", str(tmp_path / "locales"), "--offline",
                            "--no-glossary"])
    return r.exit_code, r.stdout, r.stderr


def test_translate_refuses_a_chinese_article_with_the_default_from(tmp_path):
    path = tmp_path / "zh.txt"
    path.write_text(ZH, encoding="utf-8")
    code, out, err = _translate(tmp_path, path)  # --from en by default
    assert code == 2
    (line,) = err.strip().splitlines()
    assert line == (f"transnews: error: {path}: this article is Chinese text (54 CJK characters, "
                    "0 Latin letters), not English; pass --from zh")
    assert not (tmp_path / "locales").exists()  # nothing written, no model looked for


def test_translate_refuses_an_english_article_given_as_chinese(tmp_path, example_article):
    path = tmp_path / "ncac.txt"
    shutil.copy(example_article, path)
    code, out, err = _translate(tmp_path, path, "--from", "zh", "--to", "en")
    assert code == 2
    (line,) = err.strip().splitlines()
    assert f"{path}: this article is Latin-script text" in line and line.endswith("pass --from en (or its language)")
    assert not (tmp_path / "locales").exists()


def test_translate_names_the_one_wrong_article_of_several(tmp_path, example_article):
    en = tmp_path / "ncac.txt"
    shutil.copy(example_article, en)
    zh = tmp_path / "zh.txt"
    zh.write_text(ZH, encoding="utf-8")
    code, out, err = _translate(tmp_path, en, zh, "--from", "en")
    assert code == 2 and f"{zh}: this article is Chinese text" in err and str(en) not in err
