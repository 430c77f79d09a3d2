"""Front matter of Markdown articles: YAML (``---``) and TOML (``+++``) blocks.

Front matter is metadata and is copied verbatim, except the values of a few
translatable keys (``title``, ``description``, ``summary`` by default), which become
segments of their own (msgctxt ``front matter: title``). The reader is line based
(top-level ``key: value`` / ``key = "value"`` lines only), so everything else —
comments, lists, dates, ordering, quoting — stays byte for byte; TOML is also
parsed with ``tomllib`` so a broken block is reported, and its values are read as
TOML reads them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import FRONT_MATTER, Block, Segment
from ..settings import DEFAULT_FRONT_MATTER_KEYS
from ..text import LineIndex
YAML, TOML = "yaml", "toml"
_FENCES = {"---": YAML, "+++": TOML}
_YAML_LINE = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]+(?P<value>\S.*?)[ \t]*$")
_TOML_LINE = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*=[ \t]*(?P<value>\S.*?)[ \t]*$")
# A YAML plain scalar that is not a string to translate: flow collections, block scalars,
# anchors, aliases, tags, a comment.
_YAML_NOT_TEXT = tuple("[{|>&*!#%@`")


@dataclass(frozen=True)
class FrontMatter:
    syntax: str  # "yaml" | "toml"
    lines: int  # lines of the block, both fences included
    end: int  # offset just after the closing fence's line


def find_front_matter(text: str) -> FrontMatter | None:
    """The leading front matter block, if the article starts with one."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() not in _FENCES:
        return None
    fence = lines[0].strip()
    closers = (fence, "...") if fence == "---" else (fence,)
    pos = len(lines[0])
    for i in range(1, len(lines)):
        pos += len(lines[i])
        if lines[i].strip() in closers:
            return FrontMatter(_FENCES[fence], i + 1, pos)
    return None


def front_matter_lines(text: str) -> int:
    """Number of lines of a leading YAML or TOML front matter block, else 0."""
    fm = find_front_matter(text)
    return fm.lines if fm else 0


def _quoted_end(value: str) -> int:
    """Length of a leading ``"…"`` / ``'…'`` string in ``value`` (0: not closed)."""
    q, i = value[0], 1
    while i < len(value):
        c = value[i]
        if q == '"' and c == "\\":
            i += 2
            continue
        if c == q:
            if q == "'" and value.startswith("''", i):  # YAML's doubled quote
                i += 2
                continue
            return i + 1
        i += 1
    return 0


def _value_span(value: str, syntax: str) -> tuple[int, int, str] | None:
    """(start, end, text) of the string in a front matter value (None: not a plain string)."""
    if value[0] in "\"'":
        if value.startswith(('"""', "'''")):
            return None  # multi-line strings: left as they are
        end = _quoted_end(value)
        rest = value[end:].strip()
        if not end or (rest and not rest.startswith("#")):
            return None
        raw = value[:end]
        if raw[0] == "'":
            inner = raw[1:-1]
            return 0, end, inner.replace("''", "'") if syntax == YAML else inner
        try:
            return 0, end, json.loads(raw)
        except ValueError:
            return 0, end, raw[1:-1]
    if syntax == TOML or value.startswith(_YAML_NOT_TEXT):
        return None
    body = re.split(r"[ \t]#", value, maxsplit=1)[0].rstrip()
    return (0, len(body), body) if body else None


def _check_toml(text: str, fm: FrontMatter, path: Path) -> dict:
    import tomllib

    body = "".join(text.splitlines(keepends=True)[1:fm.lines - 1])
    try:
        return tomllib.loads(body)
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None)
        if line is None:
            m = re.search(r"line (\d+)", str(err))
            line = int(m.group(1)) if m else 0
        msg = str(err).split(" (at ")[0]
        raise InputError(f"the TOML front matter does not parse: {msg}", path=path,
                         line=line + 1 if line else 1) from None


def front_matter_blocks(text: str, path: Path, lines: LineIndex,
                        keys: tuple[str, ...] = DEFAULT_FRONT_MATTER_KEYS) -> tuple[FrontMatter | None, list[Block]]:
    """The front matter and one block per translatable value (block numbers from 0)."""
    fm = find_front_matter(text)
    if fm is None:
        return None, []
    parsed = _check_toml(text, fm, path) if fm.syntax == TOML else {}
    pattern = _YAML_LINE if fm.syntax == YAML else _TOML_LINE
    blocks: list[Block] = []
    for n in range(2, fm.lines):  # the fences excluded
        ls, le = lines.span(n)
        if fm.syntax == TOML and text[ls:le].lstrip().startswith("["):
            break  # a [table]: later keys are not the page's own
        m = pattern.match(text, ls, le)
        if m is None or m.group("key") not in keys:
            continue
        found = _value_span(m.group("value"), fm.syntax)
        if found is None:
            continue
        a, b, value = found
        if fm.syntax == TOML:
            value = parsed.get(m.group("key"))
            if not isinstance(value, str):
                continue
        start, end = m.start("value") + a, m.start("value") + b
        if not value.strip():
            continue
        seg = Segment(text=value, start=start, end=end, line=n, kind=FRONT_MATTER, block=len(blocks),
                      source=text[start:end], label=f"front matter: {m.group('key')}")
        blocks.append(Block(kind=FRONT_MATTER, start=start, end=end, line=n, segments=(seg,)))
    return fm, blocks


def quote_value(source: str, out: str, syntax: str) -> str:
    """A translated value written back in its source's quoting (or double quotes when
    that quoting cannot hold it): ``"…"`` escaped as JSON (valid YAML and TOML)."""
    q = source[:1]
    if q == "'" and "\n" not in out and (syntax == YAML or "'" not in out):
        return "'" + (out.replace("'", "''") if syntax == YAML else out) + "'"
    if q in "\"'" or syntax == TOML:
        return json.dumps(out, ensure_ascii=False)
    plain_ok = (out == out.strip() and out and not out.startswith((*_YAML_NOT_TEXT, "-", "?", ":", ",", "'", '"'))
                and ": " not in out and " #" not in out and "\n" not in out and not out.endswith(":"))
    return out if plain_ok else json.dumps(out, ensure_ascii=False)
