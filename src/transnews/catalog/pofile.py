"""Reading and writing .po/.pot files: polib for parsing, a GNU-compatible writer.

polib's parser drops a few things GNU tools keep (``#~|`` previous msgids of
obsolete entries, empty ``#.`` lines) and its writer wraps differently from
``msgcat``; both are handled here so that a catalog loaded and saved again is
byte-identical to ``msgcat`` output and reviewers' diffs stay clean.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import polib

from ..errors import CatalogError
from ..fsio import write_many
from .wrap import PAGE_WIDTH, format_string

# Stands in for an empty "#." line while polib parses (it skips them); NUL cannot
# occur in a valid PO file, so it cannot clash with real text.
_EMPTY_DOT = "\x00"
_KEYWORD_LINE = re.compile(r'^(?:#~\s*)?(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s*"')
_STRING_LINE = re.compile(r'^(?:#~\s*)?"')
_PREV_LINE = re.compile(r'^#~?\|\s*(?:msgctxt|msgid|msgid_plural)?\s*"')
_POLIB_LINE = re.compile(r"\(line (\d+)\)")

FORMAT_ORDER = ("fuzzy",)  # GNU writes fuzzy first, other flags in their given order


def load_po(path: str | Path) -> polib.POFile:
    """Parse a .po/.pot file; any syntax problem is a CatalogError naming ``path:line``."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogError("no such catalog", path=path) from None
    except IsADirectoryError:
        raise CatalogError("is a directory, not a catalog", path=path) from None
    return loads_po(data, path=path)


def loads_po(data: bytes | str, *, path: str | Path | None = None) -> polib.POFile:
    """Parse catalog text (bytes are decoded as UTF-8, the only charset transnews writes)."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            line = data.count(b"\n", 0, err.start) + 1
            raise CatalogError("not valid UTF-8 (transnews catalogs are UTF-8)", path=path, line=line) from None
    else:
        text = data
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise CatalogError("contains a NUL character (binary file?)", path=path,
                           line=text.count("\n", 0, text.index("\x00")) + 1)
    lines = text.splitlines()
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#~|"):
            lines[i] = "#|" + line[3:]
            line = lines[i]
        elif line == "#.":
            lines[i] = "#. " + _EMPTY_DOT
            continue
        if line.startswith("#|") and len(line) > 2 and not _PREV_LINE.match(line):
            raise CatalogError(f"malformed previous-msgid line: {raw.strip()[:40]!r}", path=path, line=i + 1)
        if line.startswith("#") and not line.startswith("#~"):
            continue
        if _KEYWORD_LINE.match(line) or _STRING_LINE.match(line) or line.startswith("#|"):
            if not line.endswith('"') or line.endswith('\\"') and not line.endswith('\\\\"'):
                raise CatalogError("string is not closed with a double quote", path=path, line=i + 1)
            continue
        if line.startswith("#~") and len(line.split(None, 1)) == 1:
            continue
        raise CatalogError(f"syntax error: unexpected {line[:40]!r}", path=path, line=i + 1)
    try:
        po = polib.pofile("\n".join(lines) + "\n", wrapwidth=PAGE_WIDTH)
    except (OSError, ValueError, KeyError, IndexError) as err:
        m = _POLIB_LINE.search(str(err))
        detail = str(err).split("):", 1)[1].strip() if "):" in str(err) else "syntax error"
        raise CatalogError(detail or "syntax error", path=path, line=int(m.group(1)) if m else None) from None
    for entry in po:
        if _EMPTY_DOT in entry.comment:
            entry.comment = "\n".join("" if ln == _EMPTY_DOT else ln for ln in entry.comment.split("\n"))
    _sanity_check(po, path)
    po.fpath = str(path) if path is not None else None
    return po


def _sanity_check(po: polib.POFile, path) -> None:
    seen: dict[tuple, int] = {}
    for entry in po:
        key = (entry.obsolete, entry.msgctxt, entry.msgid)
        if key in seen:
            raise CatalogError(f"duplicate message definition {entry.msgid[:40]!r} "
                               f"(first defined at line {seen[key]})", path=path, line=entry.linenum)
        seen[key] = entry.linenum
        if entry.msgid == "" and not entry.obsolete:
            raise CatalogError("empty msgid outside the header", path=path, line=entry.linenum)
        if entry.msgstr_plural:
            idx = sorted(entry.msgstr_plural)
            if idx != list(range(len(idx))):
                raise CatalogError("msgstr[] indices are not 0, 1, …", path=path, line=entry.linenum)


# ---------------------------------------------------------------- writing


def _comment_lines(marker: str, text: str) -> list[str]:
    return [marker if ln == "" else f"{marker} {ln}" for ln in text.split("\n")]


def _reference_lines(occurrences) -> list[str]:
    # GNU packs "file:line" references into "#:" lines of at most 79 columns.
    lines, cur, col = [], "#:", 2
    for fname, line in occurrences:
        while fname.startswith("./"):
            fname = fname[2:]
        ref = f"{fname}:{line}" if str(line) != "" else fname
        if col > 2 and col + len(ref) + 1 > PAGE_WIDTH:
            lines.append(cur)
            cur, col = "#:", 2
        cur += " " + ref
        col += len(ref) + 1
    lines.append(cur)
    return lines


def _flags(flags) -> list[str]:
    ordered = [f for f in FORMAT_ORDER if f in flags] + [f for f in flags if f not in FORMAT_ORDER]
    out = []
    for f in ordered:
        if f and f not in out:
            out.append(f)
    return out


def format_entry(entry: polib.POEntry) -> list[str]:
    """Lines of one entry, in GNU order: comments, references, flags, previous, strings."""
    out: list[str] = []
    obsolete = bool(entry.obsolete)
    wrap = "no-wrap" not in entry.flags
    if entry.tcomment:
        out += _comment_lines("#", entry.tcomment)
    if not obsolete:
        if entry.comment:
            out += _comment_lines("#.", entry.comment)
        if entry.occurrences:
            out += _reference_lines(entry.occurrences)
    flags = _flags(entry.flags)
    if flags:
        out.append("#, " + ", ".join(flags))
    prev = "#~| " if obsolete else "#| "
    if entry.previous_msgctxt is not None:
        out += format_string("msgctxt", entry.previous_msgctxt, prefix=prev, wrap=wrap, flags=flags)
    if entry.previous_msgid:
        out += format_string("msgid", entry.previous_msgid, prefix=prev, wrap=wrap, flags=flags)
    if entry.previous_msgid_plural:
        out += format_string("msgid_plural", entry.previous_msgid_plural, prefix=prev, wrap=wrap, flags=flags)
    pfx = "#~ " if obsolete else ""
    if entry.msgctxt is not None:
        out += format_string("msgctxt", entry.msgctxt, prefix=pfx, wrap=wrap, flags=flags)
    out += format_string("msgid", entry.msgid, prefix=pfx, wrap=wrap, flags=flags)
    if entry.msgid_plural:
        out += format_string("msgid_plural", entry.msgid_plural, prefix=pfx, wrap=wrap, flags=flags)
        for idx in sorted(entry.msgstr_plural):
            out += format_string(f"msgstr[{idx}]", entry.msgstr_plural[idx], prefix=pfx, wrap=wrap, flags=flags)
    else:
        out += format_string("msgstr", entry.msgstr, prefix=pfx, wrap=wrap, flags=flags)
    return out


def _header_lines(po: polib.POFile) -> list[str]:
    if not po.header and not po.metadata:
        return []
    out = _comment_lines("#", po.header) if po.header else []
    if po.metadata_is_fuzzy:
        out.append("#, fuzzy")
    body = "".join(f"{k}: {v}\n" for k, v in po.metadata.items())
    out += format_string("msgid", "")
    out += format_string("msgstr", body)
    return out


def dumps(po: polib.POFile) -> str:
    """The catalog as GNU gettext would write it (``msgcat`` style, 79 columns)."""
    blocks = []
    header = _header_lines(po)
    if header:
        blocks.append("\n".join(header))
    live = [e for e in po if not e.obsolete]
    dead = [e for e in po if e.obsolete]
    for entry in live + dead:
        blocks.append("\n".join(format_entry(entry)))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def write_atomic(files: Mapping[Path, polib.POFile | str]) -> None:
    """Write several catalogs all-or-nothing (see :func:`transnews.fsio.write_many`).

    Unchanged files are not rewritten, so an unchanged re-run leaves mtimes alone.
    """
    write_many({Path(t): (po if isinstance(po, str) else dumps(po)) for t, po in files.items()},
               error=CatalogError, skip_unchanged=True)
