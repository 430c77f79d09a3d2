"""The project file: found upward, validated with file:line, overridden by options."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
from typer.testing import CliRunner

from transnews import config
from transnews.cli.app import app
from transnews.config import find_config, load_config, parse_config, starter_text
from transnews.errors import ConfigError


def test_doctests():
    assert doctest.testmod(config).failed == 0


def test_found_upward_with_paths_relative_to_the_file(tmp_path):
    (tmp_path / "transnews.toml").write_text('[paths]\nlocales = "out/locales"\n[translate]\nto = "zh-HK"\n')
    deep = tmp_path / "2024" / "05"
    deep.mkdir(parents=True)
    assert find_config(deep) == (tmp_path / "transnews.toml").resolve()
    cfg = load_config(deep)
    assert cfg.locales == (tmp_path / "out" / "locales").resolve()
    assert cfg.targets == ("zh-HK",) and cfg.target == "zh-HK"
    assert cfg.root == tmp_path.resolve()


def test_no_project_file_is_an_empty_config(tmp_path):
    cfg = load_config(tmp_path)
    assert cfg.path is None and cfg.source is None and cfg.targets == ()


def test_starter_file_parses_to_its_defaults():
    cfg = parse_config(starter_text(source="zh", targets=("en",)), Path("/p/transnews.toml"))
    assert (cfg.source, cfg.targets, cfg.locales) == ("zh", ("en",), Path("/p/locales"))
    assert cfg.glossary is None and cfg.domain is None and cfg.check_ignore == ()


@pytest.mark.parametrize("text, line, words", [
    ('[translate]\nfrom = 3\n', 2, "must be a string"),
    ('[trans]\nx = 1\n', 1, "unknown section [trans]"),
    ('\n[translate]\nfoo = 1\n', 3, "unknown key 'foo'"),
    ('[translate]\nfrom = "en"\nfrom = "zh"\n', 3, "not valid TOML"),
    ('[translate]\nto = ["zh", "xx-bogus-tag-that-is-long"]\n', 2, "translate.to"),
    ('[translate]\ndomain = "dir"\n', 2, "'stem' or 'path'"),
    ('[check]\nignore = [1]\n', 2, "list of strings"),
])
def test_bad_project_file_is_one_line_with_file_and_line(text, line, words):
    with pytest.raises(ConfigError) as err:
        parse_config(text, Path("/p/transnews.toml"))
    assert str(err.value).startswith(f"/p/transnews.toml:{line}: ")
    assert words in str(err.value) and "\n" not in str(err.value)


def test_init_writes_a_commented_file_and_refuses_to_overwrite(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["init", str(tmp_path), "--from", "en", "--to", "zh", "--to", "zh-TW"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "transnews.toml").read_text()
    assert text.startswith("# transnews project file") and 'to = ["zh", "zh-TW"]' in text
    assert load_config(tmp_path).targets == ("zh", "zh-TW")
    again = runner.invoke(app, ["init", str(tmp_path)])
    assert again.exit_code == 2 and "already exists" in again.output
    assert (tmp_path / "transnews.toml").read_text() == text  # untouched
    assert runner.invoke(app, ["init", str(tmp_path), "--force", "--to", "en"]).exit_code == 0


def test_init_with_a_bad_language_writes_nothing(tmp_path):
    result = CliRunner().invoke(app, ["init", str(tmp_path), "--to", "klingon-xx"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not (tmp_path / "transnews.toml").exists()
