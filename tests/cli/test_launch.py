"""The entry point prints stored help pages exactly as typer would, without importing it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from transnews import __version__
from transnews.cli import _help_pages, helpgen
from transnews.cli.launch import stored_help

BIN = Path(sys.executable).with_name("transnews")


def test_stored_pages_are_what_typer_prints():
    assert _help_pages.VERSION == __version__
    # When this fails, a command's options or help changed: run `python -m transnews.cli.helpgen`.
    assert _help_pages.PAGES == helpgen.render_pages()


@pytest.mark.parametrize("args", [["--help"], ["translate", "--help"], ["glossary", "import", "-h"]])
def test_help_is_byte_identical_to_typer_and_skips_its_import(args):
    env = dict(os.environ, COLUMNS="100")
    fast = subprocess.run([str(BIN), *args], capture_output=True, text=True, env=env, check=True)
    code = "import sys; from transnews.cli.app import app; app(prog_name='transnews')"
    slow = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)
    assert fast.stdout == slow.stdout and fast.stdout.startswith("Usage: transnews")
    probe = ("import sys; sys.argv = ['transnews', *sys.argv[1:]]; from transnews.cli.launch import main; "
             "main(); print('typer' in sys.modules, file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env)
    assert out.stderr.strip() == "False"


def test_anything_but_a_plain_help_request_goes_to_typer():
    assert stored_help(["translate", "--help"], "transnews", 120) is not None
    assert stored_help(["translate", "--help"], "transnews", 60) is None  # narrow terminal: typer wraps
    assert stored_help(["translate", "--help"], "python", 120) is None
    assert stored_help(["translate", "x.txt", "--help"], "transnews", 120) is None
    assert stored_help(["--json", "--help"], "transnews", 120) is None
    assert stored_help(["translate"], "transnews", 120) is None


def test_narrow_terminal_help_still_works():
    out = subprocess.run([str(BIN), "translate", "--help"], capture_output=True, text=True,
                         env=dict(os.environ, COLUMNS="60"), check=True)
    assert out.stdout.startswith("Usage: transnews translate") and max(map(len, out.stdout.splitlines())) <= 60
