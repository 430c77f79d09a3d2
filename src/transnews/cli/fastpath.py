"""``transnews translate`` answered before typer is imported, when there is nothing to do.

An unchanged re-run (articles, glossary, settings, memories, model and catalogs as the
last run left them) should cost little more than Python's start-up, but importing typer
and the pipeline costs several times that. The launcher reads the command line with the
option table helpgen generated from the typer command (``_options.py``), resolves it
exactly as the command does (:func:`transnews.cli.resolve.translate_request`), and asks
the manifest (:func:`transnews.manifest.unchanged_catalogs`). Only a definite "nothing
to do" is answered here, in the command's own words; anything else (an option it does
not read itself, a value typer would refuse, a changed input, a busy folder, any error)
goes to typer, which decides again from scratch and reports problems properly.
"""

from __future__ import annotations

from pathlib import Path


def read_command_line(args: list[str], table: dict) -> dict | None:
    """The command's parameters by name (defaults filled in) from ``args``, or None for
    anything this reader leaves to typer: an unknown or custom option, a bad value, help."""
    options, params = table["options"], dict(table["defaults"])
    given, i = [], 0
    while i < len(args):
        arg = args[i]
        i += 1
        if not arg.startswith("-") or arg == "-":
            given.append(Path(arg))
            continue
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        spec = options.get(name)
        if spec is None or spec[1] == "custom":
            return None  # "--", "-h", "--help", an unknown option, a value typer parses itself
        dest, kind, low, high = spec
        if kind == "flag":
            if eq:
                return None
            params[dest] = True
            continue
        if not eq:
            if i >= len(args):
                return None
            value, i = args[i], i + 1
        converted = _convert(value, kind, low, high)
        if converted is None:
            return None
        params[dest] = converted
    if not given or table["argument"] is None:
        return None
    params[table["argument"]] = given
    return params


def _convert(value: str, kind: str, low: int | None, high: int | None):
    if kind == "str":
        return value
    if kind == "path":
        return Path(value)
    try:
        number = int(value)
    except ValueError:
        return None
    if (low is not None and number < low) or (high is not None and number > high):
        return None
    return number


def unchanged_translate(args: list[str]) -> bool:
    """Print ``translate``'s "nothing to do" report and return True when ``args`` (after
    the command name) ask for a run that has nothing to do; False: typer must run it."""
    try:
        from .. import __version__
        from . import _options

        if _options.VERSION != __version__:
            return False
        params = read_command_line(args, _options.COMMANDS["translate"])
        if params is None or params["cluster"]:  # typer checks a cluster's address first
            return False
        from .resolve import project_config, translate_request

        project_config.cache_clear()  # as each typer command does: the file may have changed
        request = translate_request(params)
        count = request.unchanged_catalogs()
    except Exception:  # noqa: BLE001 - any doubt at all: typer runs the command and says what is wrong
        return False
    if count is None:
        return False
    _report(request, count)
    return True


def _report(request, count: int) -> None:
    import sys

    from ..languages import check_pair
    from ..summary import RunSummary, summary_lines

    summary = RunSummary(*check_pair(request.src, request.tgt), engine=None, up_to_date=count)
    if request.as_json:
        from .output import json_text

        sys.stdout.write(json_text(summary.as_dict()) + "\n")
        return
    out, err = summary_lines(summary)
    for line in err:
        sys.stderr.write(line + "\n")
    sys.stdout.write("".join(line + "\n" for line in out))
