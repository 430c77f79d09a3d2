"""The Argos model store: list, install (from the index or a file), remove, resolve.

Index, package metadata and installed-package listing come from
``argostranslate.package``, configured from our Settings on first use (its
settings module reads the environment at import, so we set its attributes
instead of relying on that). Fetching the index, downloading and installing are
ours: Argos follows any link urllib can open and its ``install_from_path`` extracts
an archive unchecked and imports ``argostranslate.translate``. We fetch over HTTP(S)
only, within a size limit and a deadline (:mod:`.download`), check every member
before extracting (:mod:`.archive`), load-test the unpacked package, and only then
move it in place of the installed version (which stays until the new one is there).
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelError
from ..fsio import ARGOS_LEFTOVERS, clean_leftovers
from ..settings import Settings
from .archive import extract_archive, metadata_problem, validate_archive
from .base import ProgressFn
from .download import Clock, fetch
from .loading import probe_package

PIVOT = "en"
_MAX_INDEX = 16 << 20  # the real index is about 100 KB
_SHA256 = re.compile(r"[0-9a-f]{64}\Z")


@dataclass(frozen=True)
class ModelInfo:
    from_code: str
    to_code: str
    name: str  # package directory name, e.g. translate-en_zh-1_9
    version: str
    path: Path
    target_prefix: str = ""

    def as_dict(self) -> dict:
        return {"from": self.from_code, "to": self.to_code, "name": self.name,
                "version": self.version, "path": str(self.path)}


@dataclass(frozen=True)
class AvailableModel:
    from_code: str
    to_code: str
    version: str
    links: tuple[str, ...]
    filename: str
    sha256: str | None = None  # when the index gives a checksum, the download must match it

    def as_dict(self) -> dict:
        return {"from": self.from_code, "to": self.to_code, "version": self.version,
                "links": list(self.links), "sha256": self.sha256}


def install_command(from_code: str, to_code: str) -> str:
    return f"transnews models install {from_code} {to_code}"


class ModelStore:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._argos = None

    # -- argostranslate.package, configured from Settings ------------------------------
    def argos(self):
        if self._argos is None:
            from argostranslate import package, settings as argos_settings

            pkgdir = self.settings.packages_dir
            argos_settings.package_data_dir = pkgdir
            argos_settings.package_dirs = [pkgdir]
            argos_settings.downloads_dir = self.settings.downloads_dir
            base = self.settings.index_url or argos_settings.package_index
            if not base.endswith("/"):
                base += "/"
            argos_settings.remote_package_index = base + "index.json"
            argos_settings.local_package_index = self.settings.downloads_dir.parent / "index.json"
            self._argos = package
        return self._argos

    # -- installed ----------------------------------------------------------------------
    def installed(self) -> list[ModelInfo]:
        pkgdir = self.settings.packages_dir
        if not pkgdir.is_dir():
            return []
        found = (self._read(child) for child in sorted(pkgdir.iterdir())
                 if child.is_dir() and not child.name.startswith("."))
        return [m for m in found if m is not None]

    def _read(self, child: Path) -> ModelInfo | None:
        """The installed translate package in ``child``, or None if it is not one."""
        try:
            pkg = self.argos().Package(child)
        except (OSError, ValueError):
            return None  # not a package (or half-removed): ignore like argos does
        if getattr(pkg, "type", "translate") != "translate" or not pkg.from_code:
            return None
        return ModelInfo(pkg.from_code, pkg.to_code, child.name, pkg.package_version,
                         child, getattr(pkg, "target_prefix", "") or "")

    def find(self, from_code: str, to_code: str) -> ModelInfo | None:
        return _newest(self.installed(), from_code, to_code)

    # -- index --------------------------------------------------------------------------
    def index_url(self) -> str:
        self.argos()
        from argostranslate import settings as argos_settings

        return argos_settings.remote_package_index

    def available(self) -> list[AvailableModel]:
        """Fetch the package index (honours ARGOS_PACKAGE_INDEX) and list translate packages."""
        url, buf = self.index_url(), io.BytesIO()
        try:
            fetch(url, buf, clock=Clock(self.settings.download_deadline),
                  timeout=self.settings.download_timeout, max_bytes=_MAX_INDEX)
            index = json.loads(buf.getvalue())
        except ModelError as err:
            raise ModelError(f"cannot read the model index {err.message}") from None
        except ValueError as err:
            raise ModelError(f"cannot read the model index {url}: not JSON ({err})") from None
        return parse_index(index, url)

    def install_pair(self, from_code: str, to_code: str, progress: ProgressFn | None = None) -> ModelInfo:
        best = _newest(self.available(), from_code, to_code)
        if best is None:
            raise ModelError(f"the model index has no {from_code}→{to_code} package")
        archive, url = self.download(best, progress)
        try:
            return self.install_file(archive, expect=(from_code, to_code))
        except ModelError as err:
            if err.path != str(archive):
                raise
            # The cached archive is about to go: name where it came from instead.
            raise ModelError(err.message, path=url, hint=err.hint) from None
        finally:
            archive.unlink(missing_ok=True)

    def download(self, model: AvailableModel, progress: ProgressFn | None = None) -> tuple[Path, str]:
        """Stream a package to the downloads dir, with progress; returns the archive path and
        the link it came from.

        Links are tried in turn within one deadline; errors name the link or the archive,
        never the temporary file.
        """
        dest = self.settings.downloads_dir / model.filename
        self._tidy(dest.parent)
        clock, errors = Clock(self.settings.download_deadline), []
        label = f"Downloading {model.from_code}→{model.to_code} model"
        for url in model.links:
            try:
                fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".download-{os.getpid()}-")
            except OSError as err:
                raise ModelError(f"cannot download into {dest.parent}: {err.strerror or err}") from None
            try:
                with os.fdopen(fd, "wb") as out:
                    got = fetch(url, out, clock=clock, timeout=self.settings.download_timeout,
                                max_bytes=self.settings.max_model_bytes, progress=progress, label=label,
                                limit_hint=" (if the package is genuine, raise the limit with --max-size)")
                if model.sha256 and got.sha256 != model.sha256:
                    raise ModelError(f"{url}: checksum mismatch (the index gives sha256 {model.sha256}, "
                                     f"the download has {got.sha256})")
                os.replace(tmp, dest)
                return dest, url
            except ModelError as err:
                errors.append(err.message)
            except OSError as err:  # writing the download: a full disk, permissions
                errors.append(f"{url}: cannot write {dest}: {err.strerror or err}")
            finally:
                Path(tmp).unlink(missing_ok=True)
        raise ModelError(f"download of the {model.from_code}→{model.to_code} model failed ({'; '.join(errors)})")

    # -- install from file ----------------------------------------------------------------
    def install_file(self, archive: str | Path, *, expect: tuple[str, str] | None = None) -> ModelInfo:
        """Install an .argosmodel: check it, unpack it beside the packages, load-test it,
        and only then swap it in for the installed version. ``expect``: the pair asked for."""
        archive = Path(archive)
        limit = self.settings.max_model_bytes
        top = validate_archive(archive, limit)
        pkgdir = self.settings.packages_dir
        final = pkgdir / top
        self._tidy(pkgdir)
        try:
            # A sibling of the installed package, so the swap is a rename on one file system;
            # the pid in its name lets the next run remove it at once if this one is killed.
            staging = Path(tempfile.mkdtemp(dir=pkgdir, prefix=f".install-{os.getpid()}-"))
        except OSError as err:
            raise ModelError(f"cannot install into {pkgdir}: {err.strerror or err}") from None
        try:
            extract_archive(archive, staging, limit)
            info = self._staged_info(staging / top, archive, expect)
            _swap_in(staging / top, final)
        except OSError as err:  # a full disk, permissions: say where it was going, not the staging name
            raise ModelError(f"installation failed: {err.strerror or err}", path=final) from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return dataclasses.replace(info, path=final)

    def _tidy(self, create: Path) -> None:
        """Create ``create`` (the package or the download folder) and remove what killed runs
        left in both (staging folders, partial downloads; a package moved aside is put back)."""
        try:
            create.mkdir(parents=True, exist_ok=True)
            clean_leftovers((self.settings.packages_dir, self.settings.downloads_dir), ARGOS_LEFTOVERS)
        except OSError as err:
            raise ModelError(f"cannot prepare {create}: {err.strerror or err}") from None

    def _staged_info(self, staged: Path, archive: Path, expect: tuple[str, str] | None) -> ModelInfo:
        """The unpacked package's ModelInfo, once it is the pair asked for and it loads."""
        info = self._read(staged)
        if info is None:
            raise ModelError("metadata.json cannot be read as an Argos package", path=archive)
        if expect and (info.from_code, info.to_code) != expect:
            raise ModelError(f"the index's {expect[0]}→{expect[1]} link gave a {info.from_code}→{info.to_code} "
                             "package; nothing was installed", path=archive)
        try:
            probe_package(staged, info.from_code, info.to_code, info.target_prefix)
        except ModelError as err:
            message = err.message.replace(f"{staged.parent}{os.sep}", "")  # no staging names in messages
            raise ModelError(message, path=archive, hint="nothing was installed or replaced") from None
        return info

    def remove(self, from_code: str, to_code: str) -> list[ModelInfo]:
        found = [m for m in self.installed() if (m.from_code, m.to_code) == (from_code, to_code)]
        if not found:
            raise ModelError(f"no {from_code}→{to_code} model is installed")
        for m in found:
            trash = m.path.with_name(f".remove-{m.path.name}-{os.getpid()}")
            os.replace(m.path, trash)  # atomic disappearance, then delete
            shutil.rmtree(trash, ignore_errors=True)
        return found

    # -- resolution -----------------------------------------------------------------------
    def resolve(self, from_code: str, to_code: str, *, offline: bool,
                progress: ProgressFn | None = None) -> list[ModelInfo]:
        """Models to chain for from→to: direct, else pivot via English; installs if allowed."""
        have = self.installed()
        direct = _newest(have, from_code, to_code)
        if direct:
            return [direct]
        legs = [(from_code, PIVOT), (PIVOT, to_code)] if PIVOT not in (from_code, to_code) else []
        found = [_newest(have, *leg) for leg in legs]
        if legs and all(found):
            return found  # type: ignore[return-value]
        if offline:
            raise ModelError(
                f"no {from_code}→{to_code} model is installed and --offline forbids downloading",
                hint=f"install one from a file: transnews models install /path/to/translate-{from_code}_{to_code}.argosmodel"
                     f" (or run without --offline: {install_command(from_code, to_code)})")
        try:
            index = self.available()
        except ModelError as err:
            raise ModelError(
                f"no {from_code}→{to_code} model is installed and {err.message}",
                hint=f"on a machine without internet, install from a file: transnews models install "
                     f"/path/to/translate-{from_code}_{to_code}.argosmodel") from None
        pairs = {(a.from_code, a.to_code) for a in index}
        if (from_code, to_code) in pairs:
            return [self.install_pair(from_code, to_code, progress)]
        if legs and all(leg in pairs or m for leg, m in zip(legs, found, strict=True)):
            return [m or self.install_pair(*leg, progress) for leg, m in zip(legs, found, strict=True)]
        raise ModelError(f"the model index has no {from_code}→{to_code} package and no pivot via {PIVOT}",
                         hint="see: transnews models list --available")


def _swap_in(new: Path, final: Path) -> None:
    """Move ``new`` to ``final``. An installed package there is renamed aside first and
    put back if the move fails (a crash in between leaves ``.old-NAME-PID``, which the
    next run's leftover cleaning puts back)."""
    if not final.exists():
        os.replace(new, final)
        return
    old = final.with_name(f".old-{final.name}-{os.getpid()}")
    os.replace(final, old)
    try:
        os.replace(new, final)
    except OSError:
        os.replace(old, final)
        raise
    shutil.rmtree(old, ignore_errors=True)


def parse_index(index, url: str) -> list[AvailableModel]:
    """The translate packages an index lists; a malformed entry is one ModelError naming it."""
    if not isinstance(index, list):
        raise ModelError(f"the model index {url} is malformed: not a list of packages")
    out = []
    for n, entry in enumerate(index, 1):
        try:
            model = _index_entry(entry)
        except ValueError as err:
            raise ModelError(f"the model index {url} is malformed: entry {n}: {err}") from None
        if model is not None:
            out.append(model)
    return out


def _index_entry(entry) -> AvailableModel | None:
    """One index entry as an AvailableModel; None for other package types and entries
    without links; ValueError saying what is wrong with a malformed one."""
    problem = metadata_problem(entry)
    if problem:
        raise ValueError(problem)
    links = entry.get("links", [])
    if not isinstance(links, list) or not all(isinstance(u, str) for u in links):
        raise ValueError("links is not a list of URLs")
    checksum = _index_checksum(entry)
    if entry.get("type", "translate") != "translate" or not links:
        return None
    src, tgt = entry["from_code"], entry["to_code"]
    return AvailableModel(src, tgt, str(entry.get("package_version", "")), tuple(links),
                          f"translate-{src}_{tgt}.argosmodel", checksum)


def _index_checksum(entry: dict) -> str | None:
    """An entry's SHA-256, given as "sha256": HEX or "checksum": "sha256:HEX" (or HEX)."""
    value = entry.get("sha256", entry.get("checksum"))
    if value is None:
        return None
    digest = value.strip().lower().removeprefix("sha256:") if isinstance(value, str) else ""
    if not _SHA256.match(digest):
        raise ValueError(f"checksum {value!r} is not a SHA-256 hex digest")
    return digest


def _newest(models, from_code: str, to_code: str):
    """The highest-version model (installed or in the index) for the pair, or None."""
    matches = [m for m in models if (m.from_code, m.to_code) == (from_code, to_code)]
    return max(matches, key=lambda m: _version_key(m.version)) if matches else None


def _version_key(version: str):
    from packaging.version import InvalidVersion, Version

    try:
        return (1, Version(version))
    except InvalidVersion:
        return (0, version)
