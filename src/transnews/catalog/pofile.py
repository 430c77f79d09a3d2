"""Reading and writing .po/.pot files: polib for parsing, a GNU-compatible writer.

polib's parser drops a few things GNU tools keep (``#~|`` previous msgids of
obsolete entries, empty ``#.`` lines), knows only some of the escape sequences
GNU accepts and does not check what ``msgfmt -c`` checks; its writer wraps
differently from ``msgcat``. So every line is checked and its strings decoded
here first, by GNU's rules, and handed to polib in a form it reads losslessly;
a file ``msgfmt -c`` would reject is refused with ``path:line`` rather than
"repaired" (which would change a reviewer's text). A catalog loaded and saved
again is byte-identical to ``msgcat`` output, so reviewers' diffs stay clean.
"""

from __future__ import annotations

import codecs
import functools
import gettext
import re
from collections.abc import Mapping
from pathlib import Path

import polib

from ..errors import CatalogError
from ..fsio import Fingerprint, read_with_fingerprint, write_many
from .wrap import PAGE_WIDTH, format_string

# Stands in for an empty "#." line while polib parses (it skips them); NUL cannot
# occur in a valid PO file, so it cannot clash with real text.
_EMPTY_DOT = "\x00"
# Characters Python's str.splitlines() (which polib uses) treats as line ends although
# GNU does not: while polib parses, each is written as NUL + a private-use character.
_SPLITTERS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_TO_SENTINEL = {ord(c): f"\x00{chr(0xE000 + i)}" for i, c in enumerate(_SPLITTERS)}
_SENTINEL = re.compile("\x00([\ue000-\ue008])")
# A line carrying a string: optional "#~" (obsolete) / "#|" (previous), optional keyword.
_STRING_LINE = re.compile(r'(#~\s*)?(#\|\s*)?(?:(msgctxt|msgid_plural|msgid|msgstr\[(\d+)\]|msgstr)\s*)?"')
# One token of a string literal: an escape sequence, the closing quote, or plain text.
_TOKEN = re.compile(r'\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))|(")|([^\\"]+)', re.S)
# The escape sequences GNU gettext accepts besides octal and hex (po-lex.c).
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a",
                   "\\": "\\", '"': '"'}
# What polib's unescape() turns back into the character; anything else passes through raw.
_POLIB_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\t"): "\\t",
                  ord("\r"): "\\r", ord("\v"): "\\v", ord("\b"): "\\b", ord("\f"): "\\f",
                  **{k: v for k, v in _TO_SENTINEL.items() if chr(k) not in "\r\x0b\x0c"}}
_POLIB_LINE = re.compile(r"\(line (\d+)\)")
_CHARSET = re.compile(r'(?m)^[ \t]*(?:msgstr[ \t]*)?"(?:[^"\n]*\\n)?Content-Type:[^"\n]*?charset=([^\s";\\]*)')
_PLURAL_FORMS = re.compile(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+);[\s;]*")
_TEMPLATE_PLURAL_FORMS = "nplurals=INTEGER; plural=EXPRESSION;"  # xgettext's placeholder
_MAX_PLURALS = 10  # polib reads one digit of msgstr[N]; real languages need at most 6

FORMAT_ORDER = ("fuzzy",)  # GNU writes fuzzy first, other flags in their given order


def load_po(path: str | Path) -> polib.POFile:
    """Parse a .po/.pot file; any syntax problem is a CatalogError naming ``path:line``."""
    return read_po(path)[0]


def read_po(path: str | Path) -> tuple[polib.POFile, Fingerprint]:
    """:func:`load_po`, and the fingerprint of the bytes parsed: a writer checks it just
    before replacing the file, so a reviewer's save in between is never overwritten."""
    path = Path(path)
    try:
        data, fp = read_with_fingerprint(path)
    except FileNotFoundError:
        raise CatalogError("no such catalog", path=path) from None
    except IsADirectoryError:
        raise CatalogError("is a directory, not a catalog", path=path) from None
    return loads_po(data, path=path), fp


def loads_po(data: bytes | str, *, path: str | Path | None = None) -> polib.POFile:
    """Parse catalog text; bytes are decoded with the charset the header declares
    (UTF-8 when it declares none). ``po.encoding`` is set to that charset."""
    probe = data.decode("latin-1") if isinstance(data, bytes) else data  # ASCII-compatible, lossless
    charset = declared_charset(probe, path=path)
    text = _decode(data, charset, path) if isinstance(data, bytes) else data
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise CatalogError("contains a NUL character (binary file?)", path=path,
                           line=text.count("\n", 0, text.index("\x00")) + 1)
    lines, plural_lines = _prescan(text, charset, path)
    try:
        po = polib.pofile("\n".join(lines) + "\n", wrapwidth=PAGE_WIDTH)
    except (OSError, ValueError, KeyError, IndexError) as err:
        m = _POLIB_LINE.search(str(err))
        detail = str(err).split("):", 1)[1].strip() if "):" in str(err) else "syntax error"
        raise CatalogError(detail or "syntax error", path=path, line=int(m.group(1)) if m else None) from None
    _restore(po)
    po.encoding = charset
    _check_header_charset(po, text, path)
    template = path is not None and str(path).endswith(".pot")
    nplurals = _plural_forms(po, text, path, template=template)
    _check_plural_entries(po, nplurals, plural_lines, path, template=template)
    _sanity_check(po, path)
    po.fpath = str(path) if path is not None else None
    return po


def declared_charset(text: str, *, path: str | Path | None = None) -> str:
    """The Python codec for the charset in the Content-Type header of catalog ``text``
    (``utf-8`` when none is declared, or xgettext's ``CHARSET`` placeholder).

    An unknown charset, or one in which ASCII text does not read as ASCII (UTF-16,
    EBCDIC: not usable for PO files), is a CatalogError at the header's line.
    """
    m = _CHARSET.search(text)
    if m is None or m.group(1).upper() in ("", "CHARSET"):
        return "utf-8"
    name, line = m.group(1), text.count("\n", 0, m.start(1)) + 1
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise CatalogError(f"unknown charset {name!r} in the Content-Type header", path=path, line=line) from None
    ascii_bytes = bytes(range(0x20, 0x7F)) + b"\t\n"
    try:
        compatible = ascii_bytes.decode(codec) == ascii_bytes.decode("ascii")
    except UnicodeDecodeError:
        compatible = False
    if not compatible:
        raise CatalogError(f"charset {name!r} cannot be used for a PO file (not ASCII-compatible)",
                           path=path, line=line, hint="convert it with msgconv --to-code=UTF-8")
    return codec


def _decode(data: bytes, charset: str, path) -> str:
    try:
        return data.decode(charset)
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        what = "UTF-8 (transnews catalogs are UTF-8)" if charset == "utf-8" else \
            f"{charset} text (the charset its header declares)"
        raise CatalogError(f"not valid {what}", path=path, line=line) from None


def _prescan(text: str, charset: str, path) -> tuple[list[str], list[tuple[int, int]]]:
    """Check every line by GNU's rules and rewrite it for polib: strings decoded and
    re-escaped the way polib reads them, ``#~|`` as ``#|``, empty ``#.`` lines marked.

    Returns the lines and ``(line, N)`` for each live ``msgstr[N]``.
    """
    lines = text.split("\n")  # GNU ends lines at LF only (CRLF is tolerated below)
    plural_lines = []
    for i, raw in enumerate(lines):
        num = i + 1
        line = raw[:-1].strip() if raw.endswith("\r") else raw.strip()
        if line.startswith("#~|"):
            line = "#|" + line[3:]
        m = _STRING_LINE.match(line)
        if m:
            lines[i] = _canonical_string_line(m, line, charset, path, num)
            if m.group(4) is not None:
                index = int(m.group(4))
                if index >= _MAX_PLURALS:
                    raise CatalogError(f"msgstr[{index}]: more than {_MAX_PLURALS} plural forms are not supported",
                                       path=path, line=num)
                if not m.group(1):
                    plural_lines.append((num, index))
        elif line == "#.":
            lines[i] = "#. " + _EMPTY_DOT
        elif line.startswith("#|"):
            raise CatalogError(f"malformed previous-msgid line: {line[:40]!r}", path=path, line=num)
        elif line.startswith("#~") and line != "#~":
            raise CatalogError(f"syntax error: unexpected {line[:40]!r}", path=path, line=num)
        elif line.startswith("#") or not line:
            lines[i] = line.translate(_TO_SENTINEL)
        else:
            raise CatalogError(f"syntax error: unexpected {line[:40]!r}", path=path, line=num)
    return lines, plural_lines


def _canonical_string_line(m: re.Match, line: str, charset: str, path, num: int) -> str:
    """``[#~ ][#| ][keyword ]"value"`` with ``value`` re-escaped for polib; a line may hold
    several string literals (GNU concatenates them)."""
    pos, parts = m.end() - 1, []
    while True:
        value, pos = _decode_string(line, pos, charset, path, num)
        parts.append(value)
        rest = line[pos:].lstrip()
        if not rest:
            break
        if not rest.startswith('"'):
            raise CatalogError(f"syntax error: unexpected {rest[:40]!r} after the string", path=path, line=num)
        pos = len(line) - len(rest)
    prefix = ("#~ " if m.group(1) else "") + ("#| " if m.group(2) else "")
    keyword = f"{m.group(3)} " if m.group(3) else ""
    return f'{prefix}{keyword}"{"".join(parts).translate(_POLIB_ESCAPES)}"'


def _decode_string(line: str, start: int, charset: str, path, num: int) -> tuple[str, int]:
    """The value of the string literal whose opening quote is at ``line[start]``, and the
    index just after its closing quote. Octal and hex escapes are bytes in ``charset``."""
    out: list[str | bytes] = []
    pos = start + 1
    while True:
        m = _TOKEN.match(line, pos)
        if m is None:  # end of line inside the string (or a backslash escaping it)
            raise CatalogError("string is not closed with a double quote", path=path, line=num)
        pos = m.end()
        octal, hexa, simple, quote, plain = m.groups()
        if quote is not None:
            break
        if plain is not None:
            out.append(plain)
        elif simple is not None:
            if simple not in _SIMPLE_ESCAPES:
                raise CatalogError(f"invalid escape sequence {m.group(0)} (msgfmt rejects it; "
                                   "a backslash itself is written \\\\)", path=path, line=num)
            out.append(_SIMPLE_ESCAPES[simple])
        else:
            value = int(octal, 8) if octal is not None else int(hexa, 16)
            if not 0 < value <= 0xFF:
                why = "would end the string (NUL)" if value == 0 else "is larger than one byte"
                raise CatalogError(f"escape sequence {m.group(0)} {why}", path=path, line=num)
            out.append(bytes([value]))
    if all(isinstance(p, str) for p in out):
        return "".join(out), pos  # type: ignore[arg-type]
    return _bytes_to_text(out, charset, path, num), pos


def _bytes_to_text(parts: list[str | bytes], charset: str, path, num: int) -> str:
    try:
        data = b"".join(p if isinstance(p, bytes) else p.encode(charset) for p in parts)
        return data.decode(charset)
    except UnicodeError:
        raise CatalogError(f"octal/hex escapes do not form valid {charset} text", path=path, line=num) from None


def _restore(po: polib.POFile) -> None:
    """Undo the stand-ins used while polib parsed (see ``_SPLITTERS`` and ``_EMPTY_DOT``)."""
    def back(s):
        return _SENTINEL.sub(lambda m: _SPLITTERS[ord(m.group(1)) - 0xE000], s) if s and "\x00" in s else s

    po.header = back(po.header)
    po.metadata = {back(k): back(v) for k, v in po.metadata.items()}
    for entry in po:
        for name in ("msgid", "msgstr", "msgctxt", "msgid_plural", "tcomment",
                     "previous_msgctxt", "previous_msgid", "previous_msgid_plural"):
            setattr(entry, name, back(getattr(entry, name)))
        entry.msgstr_plural = {k: back(v) for k, v in entry.msgstr_plural.items()}
        entry.occurrences = [(back(f), back(n)) for f, n in entry.occurrences]
        entry.flags = [back(f) for f in entry.flags]
        comment = back(entry.comment)
        if _EMPTY_DOT in comment:
            comment = "\n".join("" if ln == _EMPTY_DOT else ln for ln in comment.split("\n"))
        entry.comment = comment


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
        if any("\x04" in (s or "") for s in (entry.msgctxt, entry.msgid, entry.msgid_plural)):
            raise CatalogError("msgid or msgctxt contains the context separator EOT (\\x04)",
                               path=path, line=entry.linenum)
        if entry.msgstr_plural and not entry.msgid_plural:
            raise CatalogError("msgstr[N] without msgid_plural", path=path, line=entry.linenum)
        if entry.msgid_plural and not entry.msgstr_plural:
            raise CatalogError("msgid_plural needs msgstr[0], msgstr[1], … (not msgstr)",
                               path=path, line=entry.linenum)
        if entry.msgstr_plural:
            idx = sorted(entry.msgstr_plural)
            if idx != list(range(len(idx))):
                raise CatalogError("msgstr[] indices are not 0, 1, …", path=path, line=entry.linenum)


def header_charset(po: polib.POFile, *, path: str | Path | None = None) -> str | None:
    """The Python codec for the charset in ``po``'s Content-Type header; None when it
    declares none (or xgettext's ``CHARSET``); an unknown one is a CatalogError."""
    m = re.search(r"charset=([^\s;]*)", po.metadata.get("Content-Type", ""))
    if m is None or m.group(1).upper() in ("", "CHARSET"):
        return None
    try:
        return codecs.lookup(m.group(1)).name
    except LookupError:
        raise CatalogError(f"unknown charset {m.group(1)!r} in the Content-Type header", path=path) from None


def _check_header_charset(po: polib.POFile, text: str, path) -> None:
    """The charset the file was decoded with must be the one its header entry declares."""
    try:
        declared = header_charset(po) or "utf-8"
    except CatalogError:
        declared = None
    if declared != po.encoding:
        raise CatalogError("the header entry's charset is not the one found before it",
                           path=path, line=_field_line(text, "Content-Type"))


def _field_line(text: str, field: str) -> int | None:
    """Line of header ``field`` in the file text (for error messages)."""
    m = re.search(rf'(?m)(?:^[ \t]*(?:msgstr[ \t]*)?"|\\n){re.escape(field)}:', text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _plural_forms(po: polib.POFile, text: str, path, *, template: bool) -> int | None:
    """nplurals of a valid Plural-Forms header (None without one): the form gettext
    documents, an expression Python's gettext can load, and (as ``msgfmt -c`` checks)
    values in 0..nplurals-1 without a division by zero for n = 0..1000."""
    value = po.metadata.get("Plural-Forms")
    if value is None or (template and value.strip() == _TEMPLATE_PLURAL_FORMS):
        return None
    line = _field_line(text, "Plural-Forms")
    m = _PLURAL_FORMS.fullmatch(value)
    if m is None:
        raise CatalogError(f"Plural-Forms {value[:40]!r} is not 'nplurals=N; plural=EXPRESSION;'",
                           path=path, line=line)
    nplurals = int(m.group(1))
    if nplurals < 1:
        raise CatalogError("Plural-Forms: nplurals must be at least 1", path=path, line=line)
    problem = _plural_problem(m.group(2).strip(), nplurals)
    if problem is not None:
        raise CatalogError(f"Plural-Forms: {problem}", path=path, line=line)
    return nplurals


@functools.lru_cache(maxsize=64)
def _plural_problem(expression: str, nplurals: int) -> str | None:
    """What is wrong with a plural expression (None: nothing). Cached: a run reads many
    catalogs with the same header, and 1,001 evaluations each would cost more than parsing."""
    try:
        plural = gettext.c2py(expression)
    except (ValueError, RecursionError):
        return f"invalid plural expression {expression[:40]!r}"
    for n in range(1001):
        try:
            form = plural(n)
        except ZeroDivisionError:
            return f"the plural expression divides by zero for n = {n}"
        if not 0 <= form < nplurals:
            return f"the plural expression gives {form} for n = {n}, but nplurals = {nplurals}"
    return None


def _check_plural_entries(po: polib.POFile, nplurals: int | None, plural_lines, path, *,
                          template: bool) -> None:
    """Every live plural entry has exactly nplurals forms (what ``msgfmt -c`` requires)."""
    if nplurals is None:
        if not template:
            entry = next((e for e in po if e.msgid_plural and not e.obsolete), None)
            if entry is not None:
                raise CatalogError("plural entries need a Plural-Forms header", path=path, line=entry.linenum)
        return
    for num, index in plural_lines:
        if index >= nplurals:
            raise CatalogError(f"msgstr[{index}], but the Plural-Forms header says nplurals={nplurals}",
                               path=path, line=num)
    for entry in po:
        if entry.msgid_plural and not entry.obsolete and len(entry.msgstr_plural) != nplurals:
            raise CatalogError(f"{len(entry.msgstr_plural)} plural form(s), but the Plural-Forms header "
                               f"says nplurals={nplurals}", path=path, line=entry.linenum)


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


def _utf8_content_type(value: str) -> str:
    """Catalogs are always written in UTF-8: one read in another charset (ISO-8859-1,
    GBK, …) is converted, as ``msgconv --to-code=UTF-8`` would, and its header says so.
    xgettext's ``CHARSET`` placeholder and UTF-8 spelt otherwise are kept as written."""
    m = re.search(r"charset=([^\s;]*)", value)
    if m is None or m.group(1).upper() in ("", "CHARSET"):
        return value
    try:
        if codecs.lookup(m.group(1)).name == "utf-8":
            return value
    except LookupError:
        pass
    return value[:m.start(1)] + "UTF-8" + value[m.end(1):]


def _header_lines(po: polib.POFile) -> list[str]:
    if not po.header and not po.metadata:
        return []
    out = _comment_lines("#", po.header) if po.header else []
    if po.metadata_is_fuzzy:
        out.append("#, fuzzy")
    body = "".join(f"{k}: {_utf8_content_type(v) if k == 'Content-Type' else v}\n"
                   for k, v in po.metadata.items())
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


def write_atomic(files: Mapping[Path, polib.POFile | str], *,
                 expected: Mapping[Path, Fingerprint | None] | None = None) -> None:
    """Write several catalogs all-or-nothing (see :func:`transnews.fsio.write_many`).

    Unchanged files are not rewritten, so an unchanged re-run leaves mtimes alone.
    ``expected``: the fingerprints of the catalogs as read (None: absent); if one changed
    since, nothing is written and BusyError names it.
    """
    write_many({Path(t): (po if isinstance(po, str) else dumps(po)) for t, po in files.items()},
               error=CatalogError, skip_unchanged=True, expected=expected)
