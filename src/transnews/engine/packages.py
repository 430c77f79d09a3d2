"""The Argos model store: list, install (from the index or a file), remove, resolve.

Index, package metadata and installed-package listing come from
``argostranslate.package``, configured from our Settings on first use (its
settings module reads the environment at import, so we set its attributes
instead of relying on that). Installing is ours: Argos' ``install_from_path``
extracts an archive unchecked and imports ``argostranslate.translate``; we
validate every member first and move the package into place atomically.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import ModelError
from ..fsio import write_atomic
from ..settings import Settings
from .base import ProgressFn

PIVOT = "en"


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

    def as_dict(self) -> dict:
        return {"from": self.from_code, "to": self.to_code, "version": self.version,
                "links": list(self.links)}


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
    def available(self) -> list[AvailableModel]:
        """Fetch the package index (honours ARGOS_PACKAGE_INDEX) and list translate packages."""
        package = self.argos()
        from argostranslate import settings as argos_settings

        url = argos_settings.remote_package_index
        try:
            with urllib.request.urlopen(url, timeout=30) as resp:
                data = resp.read()
            index = json.loads(data)
            if not isinstance(index, list):
                raise ValueError("index is not a list")
        except (urllib.error.URLError, OSError, ValueError) as err:
            reason = getattr(err, "reason", err)
            raise ModelError(f"cannot read the model index {url}: {reason}") from None
        local = Path(argos_settings.local_package_index)
        local.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(local, data, error=ModelError)
        out = []
        for pkg in package.get_available_packages():
            if getattr(pkg, "type", "translate") != "translate" or not pkg.links:
                continue
            out.append(AvailableModel(pkg.from_code, pkg.to_code, pkg.package_version,
                                      tuple(pkg.links), package.argospm_package_name(pkg) + ".argosmodel"))
        return out

    def install_pair(self, from_code: str, to_code: str, progress: ProgressFn | None = None) -> ModelInfo:
        best = _newest(self.available(), from_code, to_code)
        if best is None:
            raise ModelError(f"the model index has no {from_code}→{to_code} package")
        archive = self.download(best, progress)
        try:
            return self.install_file(archive)
        finally:
            archive.unlink(missing_ok=True)

    def download(self, model: AvailableModel, progress: ProgressFn | None = None) -> Path:
        """Stream a package to the downloads dir, with progress; returns the archive path."""
        dest_dir = self.settings.downloads_dir
        dest_dir.mkdir(parents=True, exist_ok=True)
        dest = dest_dir / model.filename
        errors = []
        for url in model.links:
            fd, tmp = tempfile.mkstemp(dir=dest_dir, prefix=".download-")
            try:
                with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=60) as resp:
                    total = int(resp.headers.get("Content-Length") or 0)
                    done = 0
                    label = f"Downloading {model.from_code}→{model.to_code} model"
                    while chunk := resp.read(1 << 20):
                        out.write(chunk)
                        done += len(chunk)
                        if progress and total:
                            progress(done, total, label)
                os.replace(tmp, dest)
                return dest
            except (urllib.error.URLError, OSError) as err:
                errors.append(f"{url}: {getattr(err, 'reason', err)}")
                Path(tmp).unlink(missing_ok=True)
        raise ModelError(f"download of the {model.from_code}→{model.to_code} model failed ({'; '.join(errors)})")

    # -- install from file ----------------------------------------------------------------
    def install_file(self, archive: str | Path) -> ModelInfo:
        archive = Path(archive)
        top = validate_archive(archive)
        pkgdir = self.settings.packages_dir
        pkgdir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=pkgdir, prefix=".install-"))
        try:
            with zipfile.ZipFile(archive) as zf:
                zf.extractall(staging)
            final = pkgdir / top
            old = None
            if final.exists():
                old = pkgdir / f".old-{top}-{os.getpid()}"
                os.replace(final, old)
            os.replace(staging / top, final)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        except (OSError, zipfile.BadZipFile) as err:
            raise ModelError(f"installation failed: {err}", path=archive) from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        info = self._read(final)
        if info is None:  # validate_archive should make this impossible
            raise ModelError("installed package could not be read back", path=final)
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
        if legs and all(leg in pairs or m for leg, m in zip(legs, found)):
            return [m or self.install_pair(*leg, progress) for leg, m in zip(legs, found)]
        raise ModelError(f"the model index has no {from_code}→{to_code} package and no pivot via {PIVOT}",
                         hint="see: transnews models list --available")


def validate_archive(archive: Path) -> str:
    """Check an .argosmodel before anything is extracted; returns its top directory."""
    if not archive.exists():
        raise ModelError("no such file", path=archive)
    if not zipfile.is_zipfile(archive):
        raise ModelError("not an Argos package (not a zip archive)", path=archive)
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
            tops = set()
            for info in infos:
                name = info.filename
                p = PurePosixPath(name)
                if (name.startswith(("/", "\\")) or ".." in p.parts or "\\" in name
                        or (len(name) > 1 and name[1] == ":")):
                    raise ModelError(f"unsafe path in archive: {name!r}", path=archive)
                if (info.external_attr >> 16) & 0o170000 == 0o120000:
                    raise ModelError(f"symbolic link in archive: {name!r}", path=archive)
                tops.add(p.parts[0])
            if len(tops) != 1:
                raise ModelError("an Argos package holds exactly one top-level directory", path=archive)
            top = tops.pop()
            names = {i.filename for i in infos}
            if f"{top}/metadata.json" not in names:
                raise ModelError("no metadata.json in the package", path=archive)
            if f"{top}/model/model.bin" not in names:
                raise ModelError("no CTranslate2 model (model/model.bin) in the package", path=archive)
            if not {f"{top}/sentencepiece.model", f"{top}/bpe.model"} & names:
                raise ModelError("no tokenizer (sentencepiece.model or bpe.model) in the package", path=archive)
            bad = zf.testzip()
            if bad is not None:
                raise ModelError(f"corrupt archive member {bad!r}", path=archive)
            try:
                meta = json.loads(zf.read(f"{top}/metadata.json"))
            except ValueError as err:
                raise ModelError(f"metadata.json is not valid JSON: {err}", path=archive) from None
    except (zipfile.BadZipFile, OSError, EOFError) as err:
        raise ModelError(f"corrupt archive: {err}", path=archive) from None
    if not isinstance(meta, dict) or not meta.get("from_code") or not meta.get("to_code"):
        raise ModelError("metadata.json lacks from_code/to_code", path=archive)
    return top


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
