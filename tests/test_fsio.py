import os

import pytest

from transnews.errors import CatalogError
from transnews.fsio import write_atomic, write_many


def test_write_many_all_or_nothing_on_write_failure(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("old a")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a directory is needed")
    with pytest.raises(CatalogError) as err:
        write_many({a: "new a", blocked / "b.txt": "new b"}, error=CatalogError)
    assert a.read_text() == "old a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "blocked"]
    assert "cannot write" in str(err.value)


def test_write_atomic_keeps_mode_and_skips_unchanged(tmp_path):
    target = tmp_path / "x.po"
    target.write_text("v1")
    os.chmod(target, 0o640)
    write_atomic(target, "v2")
    assert target.read_text() == "v2" and (target.stat().st_mode & 0o777) == 0o640
    assert write_many({target: "v2"}, skip_unchanged=True) == []
    assert write_many({target: b"v3"}, skip_unchanged=True) == [target]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.po"]
