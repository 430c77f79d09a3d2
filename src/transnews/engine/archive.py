"""Checking and unpacking ``.argosmodel`` archives, which come from the internet.

A package is a zip holding one directory with ``metadata.json``, ``model/model.bin``
and a tokenizer. Everything about an archive is checked from its central directory
before a byte is extracted (paths, links, encryption, compression, declared sizes,
metadata); extraction then counts the bytes it really writes, so a member that expands
past what its header says is stopped too. Every problem is one ModelError naming the
archive.
"""

from __future__ import annotations

import json
import re
import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from ..errors import ModelError
from ..settings import DEFAULT_MAX_MODEL_BYTES

# Argos packages are deflated (stored also works); anything else is refused up front
# rather than ending in NotImplementedError halfway through.
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_METHOD_NAMES = {1: "shrink", 6: "implode", 9: "deflate64", 12: "bzip2", 14: "lzma", 93: "zstandard",
                 95: "xz", 98: "ppmd", 99: "AES encryption"}
_MAX_MEMBERS = 10_000  # real packages have a few dozen files
_MAX_METADATA = 1 << 20
_CHUNK = 1 << 20
# Language codes as Argos writes them (en, zh, pt_BR, zh-Hant): also what names the folder.
LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{1,8})*\Z")


def validate_archive(archive: Path, max_bytes: int = DEFAULT_MAX_MODEL_BYTES) -> str:
    """Check an .argosmodel before anything is extracted; returns its top directory."""
    _check_file(archive)
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
            top = _check_members(infos, archive, max_bytes)
            _check_layout({i.filename for i in infos}, top, archive)
            meta = _read_metadata(zf, zf.getinfo(f"{top}/metadata.json"), archive)
    except (zipfile.BadZipFile, OSError, EOFError) as err:
        raise ModelError(f"corrupt archive: {err}", path=archive) from None
    problem = metadata_problem(meta)
    if problem:
        raise ModelError(f"metadata.json: {problem}", path=archive)
    if meta.get("type", "translate") != "translate":
        raise ModelError(f"not a translation model: metadata.json says type {meta['type']!r}", path=archive)
    return top


def _check_file(archive: Path) -> None:
    try:
        st = archive.stat()
    except FileNotFoundError:
        raise ModelError("no such file", path=archive) from None
    except OSError as err:
        raise ModelError(f"cannot read: {err.strerror}", path=archive) from None
    if not stat.S_ISREG(st.st_mode):  # a FIFO would block, /dev/zero never end
        raise ModelError("not a regular file", path=archive)
    if not zipfile.is_zipfile(archive):
        with archive.open("rb") as fh:
            head = fh.read(4)
        if head == b"PK\x03\x04":  # starts like a zip, but the directory at its end is missing
            raise ModelError(f"the archive is truncated ({st.st_size:,} bytes, its end is missing); "
                             "an incomplete download? fetch it again", path=archive)
        raise ModelError("not an Argos package (not a zip archive)", path=archive)


def _check_members(infos: list[zipfile.ZipInfo], archive: Path, max_bytes: int) -> str:
    """Paths, links, encryption, compression and declared sizes; returns the one top directory."""
    if len(infos) > _MAX_MEMBERS:
        raise ModelError(f"{len(infos):,} files in the archive; an Argos package has a few dozen", path=archive)
    tops, seen = set(), set()
    for info in infos:
        name = info.filename
        p = PurePosixPath(name)
        if (name.startswith(("/", "\\")) or ".." in p.parts or "\\" in name
                or (len(name) > 1 and name[1] == ":")):
            raise ModelError(f"unsafe path in archive: {name!r}", path=archive)
        if (info.external_attr >> 16) & 0o170000 == 0o120000:
            raise ModelError(f"symbolic link in archive: {name!r}", path=archive)
        if name in seen:
            raise ModelError(f"archive member {name!r} appears twice", path=archive)
        if info.flag_bits & 0x1:
            raise ModelError(f"archive member {name!r} is encrypted; Argos packages are not", path=archive)
        if info.compress_type not in _METHODS:
            method = _METHOD_NAMES.get(info.compress_type, "unknown")
            raise ModelError(f"archive member {name!r} uses compression method {info.compress_type} ({method}); "
                             "only stored and deflate are supported", path=archive)
        seen.add(name)
        tops.add(p.parts[0])
    if len(tops) != 1:
        raise ModelError("an Argos package holds exactly one top-level directory", path=archive)
    expanded = sum(i.file_size for i in infos)
    if expanded > max_bytes:
        raise ModelError(too_big(expanded, max_bytes), path=archive)
    return tops.pop()


def too_big(size: int, max_bytes: int, *, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return (f"the package expands to {more}{size:,} bytes, over the limit of {max_bytes:,} bytes "
            "(a zip bomb?); if it is genuine, raise the limit: transnews models install --max-size SIZE")


def _check_layout(names: set[str], top: str, archive: Path) -> None:
    if f"{top}/metadata.json" not in names:
        raise ModelError("no metadata.json in the package", path=archive)
    if f"{top}/model/model.bin" not in names:
        raise ModelError("no CTranslate2 model (model/model.bin) in the package", path=archive)
    if not {f"{top}/sentencepiece.model", f"{top}/bpe.model"} & names:
        raise ModelError("no tokenizer (sentencepiece.model or bpe.model) in the package", path=archive)


def _read_metadata(zf: zipfile.ZipFile, info: zipfile.ZipInfo, archive: Path):
    if info.file_size > _MAX_METADATA:
        raise ModelError(f"metadata.json is {info.file_size:,} bytes; package metadata is a few hundred",
                         path=archive)
    try:
        return json.loads(zf.read(info))
    except ValueError as err:  # JSONDecodeError and UnicodeDecodeError
        raise ModelError(f"metadata.json is not valid JSON: {err}", path=archive) from None
    except zlib.error as err:
        raise ModelError(f"corrupt archive member {info.filename!r}: {err}", path=archive) from None


def metadata_problem(meta) -> str | None:
    """What is wrong with package metadata (from metadata.json or an index entry), or None.

    Only the fields transnews uses are checked; codes must be language codes because they
    name files and folders.
    """
    if not isinstance(meta, dict):
        return "not a JSON object"
    kind = meta.get("type", "translate")
    if not isinstance(kind, str):
        return f"type {kind!r} is not a string"
    if kind == "translate":
        for key in ("from_code", "to_code"):
            code = meta.get(key)
            if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
                return f"{key} {code!r} is not a language code" if code is not None else f"no {key}"
    version = meta.get("package_version", "")
    if not isinstance(version, (str, int, float)) or isinstance(version, bool):
        return f"package_version {version!r} is not a version"
    return None


def extract_archive(archive: Path, dest: Path, max_bytes: int = DEFAULT_MAX_MODEL_BYTES) -> None:
    """Unpack a validated archive into ``dest``, stopping once more than ``max_bytes`` come out."""
    written = 0
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            target = dest.joinpath(*PurePosixPath(info.filename).parts)
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with zf.open(info) as src, target.open("xb") as out:
                    while chunk := src.read(_CHUNK):
                        written += len(chunk)
                        if written > max_bytes:
                            raise ModelError(too_big(max_bytes, max_bytes, at_least=True), path=archive)
                        out.write(chunk)
            except (zipfile.BadZipFile, zlib.error, EOFError) as err:
                raise ModelError(f"corrupt archive member {info.filename!r}: {err}", path=archive) from None
