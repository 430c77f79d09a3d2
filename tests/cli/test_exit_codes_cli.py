"""The exit codes the README documents are the ones the CLI uses (issue 13, item 14)."""

import inspect
import re
from pathlib import Path

from typer.testing import CliRunner

from transnews import errors
from transnews.cli.app import app

README = Path(__file__).resolve().parents[2] / "README.md"


def _documented() -> dict[int, str]:
    text = README.read_text(encoding="utf-8")
    table = text[text.index("### Exit codes"):].split("\n\n")[1]
    return {int(m[1]): m[2] for m in re.finditer(r"^\| (\d+) \| (.+?) \|$", table, re.M)}


def test_readme_documents_every_exit_code_of_the_error_tree():
    used = {cls.exit_code for _, cls in inspect.getmembers(errors, inspect.isclass) if hasattr(cls, "exit_code")}
    assert set(_documented()) == used | {0, 130}  # 0: success; 130: Ctrl-C (cli.common.command)


def test_an_interrupted_command_exits_130_in_one_line(monkeypatch):
    from transnews.cli import glossary

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(glossary, "_load", interrupted)
    result = CliRunner().invoke(app, ["glossary", "list"])
    assert result.exit_code == 130 and "interrupted" in _documented()[130]
    assert result.stderr == "transnews: error: interrupted; nothing was written\n"


def test_usage_errors_exit_2_as_documented():
    result = CliRunner().invoke(app, ["check", "--no-such-option"])
    assert result.exit_code == 2 and "usage errors" in _documented()[2]
