"""Issue 15: on-disk caches (transnews.cache) only save time: a missing, corrupt or
unwritable entry is rebuilt silently, and a changed input gets a new entry."""

import marshal
from pathlib import Path

from transnews.cache import cached, entry_path, fingerprint
from transnews.settings import Settings


def _marshal_cached(folder, key, build):
    return cached(folder, "thing", key, build, dumps=marshal.dumps, loads=marshal.loads)


def test_built_once_then_read(tmp_path):
    calls = []

    def build():
        calls.append(1)
        return {"a": 1.5}

    assert _marshal_cached(tmp_path, "k1", build) == {"a": 1.5}
    assert _marshal_cached(tmp_path, "k1", build) == {"a": 1.5}
    assert len(calls) == 1
    assert [p.name for p in tmp_path.iterdir()] == [entry_path(tmp_path, "thing", "k1").name]


def test_no_folder_means_no_cache():
    calls = []
    assert cached(None, "thing", "k", lambda: calls.append(1) or 7, dumps=marshal.dumps, loads=marshal.loads) == 7
    assert cached(None, "thing", "k", lambda: calls.append(1) or 7, dumps=marshal.dumps, loads=marshal.loads) == 7
    assert len(calls) == 2


def test_corrupt_entry_is_rebuilt_silently(tmp_path, capsys):
    _marshal_cached(tmp_path, "k", lambda: [1, 2, 3])
    entry = entry_path(tmp_path, "thing", "k")
    entry.write_bytes(b"\xff\x00garbage")
    assert _marshal_cached(tmp_path, "k", lambda: [1, 2, 3]) == [1, 2, 3]
    assert marshal.loads(entry.read_bytes()) == [1, 2, 3]  # and written again
    assert capsys.readouterr() == ("", "")


def test_new_key_replaces_old_entry_of_same_kind(tmp_path):
    _marshal_cached(tmp_path, "old", lambda: 1)
    cached(tmp_path, "other", "x", lambda: 3, dumps=marshal.dumps, loads=marshal.loads)
    assert _marshal_cached(tmp_path, "new", lambda: 2) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [entry_path(tmp_path, "thing", "new").name, entry_path(tmp_path, "other", "x").name])


def test_unwritable_folder_still_gives_the_value(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert _marshal_cached(blocker / "cache", "k", lambda: "v") == "v"
    assert capsys.readouterr() == ("", "")


def test_fingerprint_follows_file_bytes(tmp_path):
    f = tmp_path / "a.tsv"
    f.write_text("one")
    k1 = fingerprint("x", files=[f])
    assert fingerprint("x", files=[f]) == k1
    f.write_text("two")
    assert fingerprint("x", files=[f]) != k1
    assert fingerprint("y", files=[f]) != fingerprint("x", files=[f])


def test_cache_dir_from_xdg_cache_home_never_the_project(tmp_path):
    s = Settings.from_env({"XDG_CACHE_HOME": str(tmp_path / "xdg")})
    assert s.cache_dir == tmp_path / "xdg" / "transnews"
    assert Settings(packages_dir=Path("p"), downloads_dir=Path("d")).cache_dir is None


def test_tests_never_use_the_real_cache(_private_cache_home):
    assert Settings.from_env({}).cache_dir == _private_cache_home / "transnews"
    assert Settings.from_env().cache_dir == _private_cache_home / "transnews"
