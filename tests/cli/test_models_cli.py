"""`transnews models install` against broken, hostile and misbehaving packages and indexes
(issue 11, cases 9, 10, 11 and the download part of 13), through the CLI."""

import hashlib
import json
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from transnews.cli.app import app
from transnews.cli.common import parse_size

from argos_index import Misbehave, serve_index

runner = CliRunner()
META = {"package_version": "1.0", "argos_version": "1.9", "from_code": "en", "to_code": "zh",
        "from_name": "en", "to_name": "zh", "type": "translate"}
TOP = "translate-en_zh-1_0"


def _run(*args):
    r = runner.invoke(app, [str(a) for a in args])
    return r.exit_code, r.stdout, r.stderr


def _one_line_error(code, err, *needles):
    """The CLI failed with a model error in exactly one line, no traceback, saying each needle."""
    assert code == 3, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("transnews: error: "), err
    for needle in needles:
        assert needle in lines[0], lines[0]
    assert ".install-" not in err and ".download-" not in err  # never a staging or temp name
    return lines[0]


def _snapshot(folder: Path) -> dict:
    """Every entry under ``folder`` with its content hash and mtime: "untouched" means equal."""
    return {p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "",
                                               p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))}


def _variant(src: Path, dest: Path, change) -> Path:
    """A copy of the package ``src`` with each member's bytes passed through ``change(name, data)``."""
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            zo.writestr(info.filename, change(info.filename, zi.read(info)))
    return dest


def _small_package(path: Path, extra: dict[str, bytes] | None = None, compression=zipfile.ZIP_DEFLATED) -> Path:
    """A few-KB archive with a valid layout (its model does not load; size checks come first)."""
    members = {f"{TOP}/metadata.json": json.dumps(META).encode(), f"{TOP}/model/model.bin": b"x",
               f"{TOP}/sentencepiece.model": b"x", **(extra or {})}
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _patch_central_directory(archive: Path, member: str, patch) -> Path:
    """Rewrite ``member``'s central-directory record in place with ``patch(bytearray, offset)``."""
    data = bytearray(archive.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + name_len] == member.encode():
            patch(data, at)
        at = data.find(b"PK\x01\x02", at + 4)
    archive.write_bytes(bytes(data))
    return archive


def _metadata_type_sbd(name, data):
    return json.dumps({**json.loads(data), "type": "sbd"}).encode() if name.endswith("metadata.json") else data


def _junk(member):
    return lambda name, data: b"junk " * 64 if name.endswith(member) else data


@pytest.fixture
def installed(tiny_argos_archive, argos_settings):
    """The working tiny package installed through the CLI; returns (packages dir, snapshot)."""
    code, _, err = _run("models", "install", tiny_argos_archive)
    assert code == 0, err
    pk = argos_settings.packages_dir
    return pk, _snapshot(pk)


# ---------------------------------------------------------- case 9: stage, load-test, then swap

@pytest.mark.parametrize("change, needle", [
    (_metadata_type_sbd, "not a translation model: metadata.json says type 'sbd'"),
    (_junk("model/model.bin"), "its CTranslate2 model does not load"),
    (_junk("sentencepiece.model"), "its tokenizer does not load"),
])
def test_a_package_that_does_not_translate_leaves_the_installed_one_untouched(installed, tiny_argos_archive,
                                                                             tmp_path, change, needle):
    pk, before = installed
    bad = _variant(tiny_argos_archive, tmp_path / "translate-en_zh-1_0.argosmodel", change)
    code, out, err = _run("models", "install", bad)
    line = _one_line_error(code, err, needle, str(bad))
    assert out == "" and "Traceback" not in line
    assert _snapshot(pk) == before  # same files, same bytes, same mtimes: nothing swapped or touched
    code, out, _ = _run("models", "list", "--json")
    assert code == 0 and [m["name"] for m in json.loads(out)] == [TOP]


def test_a_newer_version_that_does_not_load_keeps_the_older_one(installed, tiny_argos_archive, tmp_path):
    pk, before = installed

    def newer_and_broken(name, data):
        data = _junk("model/model.bin")(name, data)
        return json.dumps({**json.loads(data), "package_version": "1.1"}).encode() \
            if name.endswith("metadata.json") else data

    bad = _variant(tiny_argos_archive, tmp_path / "newer.argosmodel", newer_and_broken)
    _one_line_error(*_run("models", "install", bad)[::2], "does not load", "nothing was installed or replaced")
    assert _snapshot(pk) == before


def test_a_failed_swap_puts_the_installed_package_back_and_names_the_target(installed, tiny_argos_archive,
                                                                           monkeypatch):
    """The new package loads, but moving it in fails (a full disk, a permissions change):
    the installed one is put back and the error names the package folder, not the staging one."""
    from transnews.engine import packages

    pk, before = installed
    real_replace = os.replace

    def failing_replace(src, dst):
        if ".install-" in str(src):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(packages.os, "replace", failing_replace)
    code, _, err = _run("models", "install", tiny_argos_archive)
    _one_line_error(code, err, f"{pk / TOP}: installation failed: No space left on device")
    assert _snapshot(pk) == before


# ---------------------------------------------------------- case 10: zip bombs, encryption, compression

def test_a_zip_bomb_is_refused_before_extraction_with_a_limit_to_raise(argos_settings, tmp_path):
    bomb = _small_package(tmp_path / "bomb.argosmodel", {f"{TOP}/README.md": bytes(3 << 20)})
    assert bomb.stat().st_size < 20_000  # a few KB that would expand to 3 MB
    code, _, err = _run("models", "install", bomb, "--max-size", "1M")
    _one_line_error(code, err, "expands to 3,145,", "over the limit of 1,048,576 bytes", "--max-size")
    assert not argos_settings.packages_dir.exists() or list(argos_settings.packages_dir.iterdir()) == []
    # Within a raised limit the size check passes and the next check speaks (this model cannot load).
    code, _, err = _run("models", "install", bomb, "--max-size", "4M")
    _one_line_error(code, err, "does not load")


def test_a_member_that_expands_past_its_header_is_stopped(argos_settings, tmp_path):
    """Sizes in the central directory are the archive's word; extraction does not trust them."""
    from transnews.engine.archive import extract_archive
    from transnews.errors import ModelError

    bomb = _small_package(tmp_path / "liar.argosmodel", {f"{TOP}/README.md": bytes(3 << 20)})
    _patch_central_directory(bomb, f"{TOP}/README.md", lambda d, at: struct.pack_into("<I", d, at + 24, 10))
    code, _, err = _run("models", "install", bomb, "--max-size", "1M")
    _one_line_error(code, err, "corrupt archive member", "README.md")
    with pytest.raises(ModelError, match="expands to more than 1,048,576 bytes"):
        extract_archive(_small_package(tmp_path / "big.argosmodel", {f"{TOP}/README.md": bytes(2 << 20)}),
                        tmp_path / "out", max_bytes=1 << 20)
    assert sum(p.stat().st_size for p in (tmp_path / "out").rglob("*") if p.is_file()) <= 1 << 20


def test_encrypted_and_unsupported_compression_members_are_one_line(argos_settings, tmp_path):
    readme = f"{TOP}/README.md"
    encrypted = _patch_central_directory(_small_package(tmp_path / "enc.argosmodel", {readme: b"hi"}), readme,
                                         lambda d, at: d.__setitem__(at + 8, d[at + 8] | 1))
    _one_line_error(*_run("models", "install", encrypted)[::2], "README.md' is encrypted")
    method99 = _patch_central_directory(_small_package(tmp_path / "aes.argosmodel", {readme: b"hi"}), readme,
                                        lambda d, at: struct.pack_into("<H", d, at + 10, 99))
    _one_line_error(*_run("models", "install", method99)[::2], "compression method 99")
    lzma = _small_package(tmp_path / "lzma.argosmodel", compression=zipfile.ZIP_LZMA)
    _one_line_error(*_run("models", "install", lzma)[::2], "compression method 14 (lzma)",
                    "only stored and deflate are supported")
    assert not argos_settings.packages_dir.exists() or list(argos_settings.packages_dir.iterdir()) == []


@pytest.mark.parametrize("text, size", [("2G", 2 << 30), ("500M", 500 << 20), ("1.5GiB", 3 << 29),
                                        ("1500000000", 1_500_000_000)])
def test_max_size_takes_human_sizes(text, size):
    assert parse_size(text) == size  # the one size parser every --max-* option uses


@pytest.mark.parametrize("bad", ["10x", "-1G", "0", "", "G"])
def test_max_size_refuses_nonsense(bad, tmp_path):
    code, _, err = _run("models", "install", tmp_path / "x.argosmodel", "--max-size", bad)
    assert code == 2 and "--max-size" in err and "is not a size" in err and "Traceback" not in err


# ---------------------------------------------------------- case 11: the index is third-party data

@pytest.fixture
def index(argos_settings, monkeypatch, tmp_path):
    """``index(packages, misbehave)``: serve them on 127.0.0.1 and point ARGOS_PACKAGE_INDEX there."""
    from contextlib import ExitStack

    stack = ExitStack()

    def start(packages, misbehave=None):
        base, _ = stack.enter_context(serve_index(packages, tmp_path / "www", misbehave))
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
        return base

    with stack:
        yield start


def _nothing_installed(settings):
    from transnews.settings import Settings

    downloads = Settings.from_env().downloads_dir  # the folder the CLI uses
    assert not settings.packages_dir.exists() or list(settings.packages_dir.iterdir()) == []
    assert not downloads.exists() or list(downloads.iterdir()) == []


@pytest.mark.parametrize("link, kind", [
    ("file:///etc/passwd", "file: link"), ("FILE:///dev/zero", "file: link"), ("ftp://127.0.0.1/x", "ftp: link"),
    ("data:,hello", "data: link"), ("/etc/passwd", "link without a scheme (a local path?)"),
    ("../x.argosmodel", "link without a scheme (a local path?)"),
])
def test_only_http_links_are_followed(index, argos_settings, tmp_path, link, kind):
    junk = tmp_path / "x.argosmodel"
    junk.write_bytes(b"x")
    index([(junk, {**META, "links": [link]})])
    code, _, err = _run("models", "install", "en", "zh")
    _one_line_error(code, err, "en→zh", f"{link}: refused a {kind}; only http and https are downloaded")
    _nothing_installed(argos_settings)


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/x.argosmodel"])
def test_a_redirect_away_from_http_is_refused(index, argos_settings, tiny_argos_archive, target):
    index([(tiny_argos_archive, META)], Misbehave(redirect=target))
    code, _, err = _run("models", "install", "en", "zh")
    line = _one_line_error(code, err, tiny_argos_archive.name, target)
    assert "refused a redirect" in line or "is not allowed" in line  # ours, or urllib's own for file:
    _nothing_installed(argos_settings)


def test_a_refused_link_falls_through_to_the_next_http_one(index, argos_settings, tiny_argos_archive):
    index([(tiny_argos_archive, {**META, "links": ["file:///etc/passwd", "{base}" + tiny_argos_archive.name]})])
    code, out, err = _run("models", "install", "en", "zh")
    assert code == 0 and "installed en → zh" in out, err


@pytest.mark.parametrize("body, needle", [
    (b"{not json", "not JSON"),
    (b"\xff\xfe[]", "not JSON"),
    (b'{"packages": []}', "not a list of packages"),
    (b"[1]", "entry 1: not a JSON object"),
    (b'[{"from_code": "en"}]', "entry 1: no to_code"),
    (b'[{"from_code": 3, "to_code": "zh"}]', "entry 1: from_code 3 is not a language code"),
    (b'[{"from_code": "en", "to_code": "../../x"}]', "is not a language code"),
    (b'[{"from_code": "en", "to_code": "zh", "links": "http://x"}]', "entry 1: links is not a list of URLs"),
    (b'[{"from_code": "en", "to_code": "zh", "links": [1]}]', "links is not a list of URLs"),
    (b'[{"from_code": "en", "to_code": "zh", "package_version": null}]', "package_version None is not a version"),
    (b'[{"from_code": "en", "to_code": "zh", "links": ["http://x"], "sha256": "abc"}]', "is not a SHA-256"),
])
def test_a_malformed_index_is_one_line(index, argos_settings, tmp_path, body, needle):
    base = index([], Misbehave(index_body=body))
    for args in (("models", "install", "en", "zh"), ("models", "list", "--available")):
        _one_line_error(*_run(*args)[::2], f"{base}index.json", needle)
    _nothing_installed(argos_settings)


def test_a_trickling_server_meets_the_download_deadline(index, argos_settings, tmp_path):
    slow = tmp_path / "translate-en_zh-1_0.argosmodel"
    slow.write_bytes(bytes(64 << 10))  # 4,096 pieces of 16 bytes, 20 ms apart: over a minute
    index([(slow, META)], Misbehave(trickle=0.02))
    code, _, err = _run("models", "install", "en", "zh", "--timeout", "0.5")
    _one_line_error(code, err, slow.name, "the 0.5 s download deadline passed", "--timeout")
    _nothing_installed(argos_settings)


def test_a_checksum_in_the_index_is_verified(index, argos_settings, tiny_argos_archive):
    index([(tiny_argos_archive, {**META, "sha256": "0" * 64})])
    code, _, err = _run("models", "install", "en", "zh")
    _one_line_error(code, err, "checksum mismatch", "0" * 64, hashlib.sha256(tiny_argos_archive.read_bytes()).hexdigest())
    _nothing_installed(argos_settings)


def test_a_matching_checksum_installs(index, argos_settings, tiny_argos_archive):
    digest = hashlib.sha256(tiny_argos_archive.read_bytes()).hexdigest()
    index([(tiny_argos_archive, {**META, "checksum": f"sha256:{digest.upper()}"})])
    code, out, err = _run("models", "install", "en", "zh")
    assert code == 0 and "installed en → zh" in out, err


# ---------------------------------------------------------- case 13: truncated downloads, named targets

def test_a_truncated_download_is_reported_as_incomplete(index, argos_settings, tiny_argos_archive):
    size = tiny_argos_archive.stat().st_size
    index([(tiny_argos_archive, META)], Misbehave(cut_at=size // 2))
    code, _, err = _run("models", "install", "en", "zh")
    line = _one_line_error(code, err, tiny_argos_archive.name, "download incomplete",
                           f"got {size // 2:,} of {size:,} bytes")
    assert "zip" not in line
    _nothing_installed(argos_settings)


@pytest.mark.parametrize("cut", [None, 10_000])
def test_a_chunked_download_is_counted_and_a_cut_one_is_incomplete(index, argos_settings, tiny_argos_archive, cut):
    index([(tiny_argos_archive, META)], Misbehave(chunked=True, cut_at=cut))
    code, out, err = _run("models", "install", "en", "zh")
    if cut is None:
        assert code == 0 and "installed en → zh" in out, err
        return
    _one_line_error(code, err, tiny_argos_archive.name, "download incomplete", "got 10,000 bytes")
    _nothing_installed(argos_settings)


def test_a_truncated_file_is_reported_as_truncated(argos_settings, tiny_argos_archive, tmp_path):
    cut = tmp_path / "cut.argosmodel"
    cut.write_bytes(tiny_argos_archive.read_bytes()[:50_000])
    _one_line_error(*_run("models", "install", cut)[::2], f"{cut}: the archive is truncated", "incomplete download")


def test_errors_about_a_downloaded_package_name_its_link(index, argos_settings, tiny_argos_archive, tmp_path):
    bad = _variant(tiny_argos_archive, tmp_path / "translate-en_zh-1_0.argosmodel", _junk("model/model.bin"))
    base = index([(bad, META)])
    code, _, err = _run("models", "install", "en", "zh")
    _one_line_error(code, err, f"{base}{bad.name}: its CTranslate2 model does not load")
    assert "argos-cache" not in err  # not the cached archive, which is gone
    _nothing_installed(argos_settings)


def test_an_unusable_download_folder_is_named(index, argos_settings, tiny_argos_archive, tmp_path):
    from transnews.settings import Settings

    downloads = Settings.from_env().downloads_dir
    downloads.parent.mkdir(parents=True)
    downloads.write_text("a file where the folder should be")
    index([(tiny_argos_archive, META)])
    _one_line_error(*_run("models", "install", "en", "zh")[::2], f"cannot prepare {downloads}")


# ---------------------------------------------------------- case 6 (Argos folders): killed runs' leftovers

_KILLED = """
import os, sys
from transnews.cli.app import app
from transnews.engine import download, packages
if sys.argv[1] == "extract":  # killed once the new package is unpacked, before it is load-tested
    packages.ModelStore._staged_info = lambda *a: os._exit(9)
else:  # killed halfway through downloading the package (the index comes whole)
    def fetch(url, out, **kw):
        if url.endswith("/index.json"):
            return download.fetch(url, out, **kw)
        out.write(b"PK partial")
        out.flush()
        os._exit(9)
    packages.fetch = fetch
app(sys.argv[2:])
"""


def test_a_killed_install_and_download_are_cleaned_on_the_next_run(installed, index, argos_settings,
                                                                  tiny_argos_archive):
    from transnews.settings import Settings

    pk, before = installed
    downloads = Settings.from_env().downloads_dir
    live = pk / f".install-{os.getpid()}-abcdefgh"  # this process is alive: its staging folder stays
    live.mkdir()
    index([(tiny_argos_archive, META)])
    for how, args, folder in (("extract", ["models", "install", str(tiny_argos_archive)], pk),
                              ("download", ["models", "install", "en", "zh"], downloads)):
        killed = subprocess.run([sys.executable, "-c", _KILLED, how, *args], capture_output=True, text=True)
        assert killed.returncode == 9, killed.stderr
        left = [p.name for p in folder.iterdir() if p.name.startswith(".") and p != live]
        prefix = f".{'install' if how == 'extract' else 'download'}-"
        assert len(left) == 1 and left[0].startswith(prefix) and left[0] != prefix, left  # named with its pid
        code, out, err = _run("models", "install", tiny_argos_archive)
        assert code == 0, err
        assert [p.name for p in pk.iterdir() if p.name.startswith(".")] == [live.name]
        assert not downloads.exists() or not any(p.name.startswith(".") for p in downloads.iterdir())
        assert _snapshot(pk).keys() == before.keys() | {live.name}


def test_a_download_over_the_size_limit_is_stopped(index, argos_settings, tiny_argos_archive):
    index([(tiny_argos_archive, META)])
    code, _, err = _run("models", "install", "en", "zh", "--max-size", "100K")
    _one_line_error(code, err, tiny_argos_archive.name, "more than the limit of 102,400", "--max-size")
    _nothing_installed(argos_settings)
