"""``.po`` → ``.mo``: the binary catalogs Python's ``gettext`` (and GNU gettext) load.

Like GNU ``msgfmt``, the strings are stored in the charset the catalog's header
declares (any charset Python's codecs know; the loader has refused the others),
the header is kept even when it is fuzzy, and fuzzy or untranslated entries are
left out. Keys are sorted by their encoded bytes: without a hash table, C gettext
finds a message by binary search over exactly those bytes.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable
from pathlib import Path

from ..errors import CatalogError
from .files import write_files

_MAGIC = 0x950412DE


def _header(po, charset: str | None) -> str:
    """The header entry's text; without a declared charset it gets ``charset=UTF-8``, as
    Python's gettext would otherwise read the strings as ASCII and fail on the rest."""
    text = po.metadata_as_entry().msgstr
    if charset is not None:
        return text
    if "Content-Type" not in po.metadata:
        return text + "Content-Type: text/plain; charset=UTF-8\n"
    return re.sub(r"(?m)^(Content-Type:.*?)(?:charset=\S*)?$",
                  lambda m: m.group(1).rstrip("; ") + "; charset=UTF-8", text, count=1)


def _pair(entry) -> tuple[str, str]:
    key = entry.msgid + ("\0" + entry.msgid_plural if entry.msgid_plural else "")
    if entry.msgctxt is not None:
        key = entry.msgctxt + "\x04" + key
    if entry.msgid_plural:
        return key, "\0".join(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
    return key, entry.msgstr


def mo_bytes(po, *, path: str | Path | None = None) -> bytes:
    """The GNU .mo image of a parsed catalog: translated, non-fuzzy entries and the header."""
    from ..catalog.pofile import header_charset

    charset = header_charset(po, path=path)
    codec = charset or "utf-8"
    pairs = []
    for key, value, line in [("", _header(po, charset), None),
                             *((*_pair(e), e.linenum) for e in po.translated_entries())]:
        try:
            pairs.append((key.encode(codec), value.encode(codec)))
        except UnicodeEncodeError:
            raise CatalogError(f"a string cannot be written in the catalog's charset {codec}",
                               path=path, line=line) from None
    pairs.sort()
    n = len(pairs)
    ids_start = 28 + 16 * n  # after the 7-word header and the two (length, offset) tables
    strs_start = ids_start + sum(len(k) + 1 for k, _ in pairs)
    table, ids, strs = [], b"", b""
    for key, value in pairs:
        table.append((len(key), ids_start + len(ids), len(value), strs_start + len(strs)))
        ids += key + b"\0"
        strs += value + b"\0"
    out = struct.pack("<7I", _MAGIC, 0, n, 28, 28 + 8 * n, 0, ids_start)
    out += b"".join(struct.pack("<2I", kl, ko) for kl, ko, _, _ in table)
    out += b"".join(struct.pack("<2I", vl, vo) for _, _, vl, vo in table)
    return out + ids + strs


def compile_catalogs(paths: Iterable[str | Path]) -> list[Path]:
    """Write ``X.mo`` next to each ``X.po``; every catalog is parsed before any file is written."""
    from ..catalog import load_po

    files: dict[Path, bytes] = {}
    for path in paths:
        path = Path(path)
        if path.suffix != ".po":
            raise CatalogError("not a .po catalog", path=path)
        po = load_po(path)
        files[path.with_suffix(".mo")] = mo_bytes(po, path=path)
    if not files:
        raise CatalogError("no catalogs to compile")
    return write_files(files)
