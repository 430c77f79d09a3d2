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


# ------------------------------------------------ crash leftovers and half-done batches (issue 11, case 6)

import json
import logging
import signal
import subprocess
import sys
import time

from transnews.fsio import ARGOS_LEFTOVERS, clean_leftovers, recover_interrupted_writes

# Runs write_many in a child that SIGKILLs itself right after the batch's first rename.
KILL_AFTER_FIRST_RENAME = """
import os, signal, sys
from pathlib import Path
from transnews import fsio
real = os.replace
def replace_then_die(src, dst):
    real(src, dst)
    os.kill(os.getpid(), signal.SIGKILL)
os.replace = replace_then_die
fsio.write_many({Path(sys.argv[1]): "new pot", Path(sys.argv[2]): "new po"})
"""


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(proc.stdout)


def _killed_batch(tmp_path):
    pot, po = tmp_path / "news.pot", tmp_path / "zh" / "LC_MESSAGES" / "news.po"
    write_many({pot: "old pot", po: "old po"})
    proc = subprocess.run([sys.executable, "-c", KILL_AFTER_FIRST_RENAME, str(pot), str(po)])
    assert proc.returncode == -signal.SIGKILL
    assert (pot.read_text(), po.read_text()) == ("new pot", "old po")  # out of step
    assert [p.name for p in tmp_path.glob(".transnews-batch-*.json")]
    return pot, po


def _dot_files(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob(".*"))


def test_batch_killed_between_renames_is_finished_by_the_next_write(tmp_path, caplog):
    pot, po = _killed_batch(tmp_path)
    other = tmp_path / "zh" / "LC_MESSAGES" / "other.po"
    with caplog.at_level(logging.WARNING, logger="transnews"):
        write_many({other: "x"})  # any later write under the same folders notices it first
    assert (pot.read_text(), po.read_text()) == ("new pot", "new po")
    (line,) = [r.getMessage() for r in caplog.records]
    assert line == f"{tmp_path}: finished a write that a killed run left half done " \
                   f"(news.pot, zh/LC_MESSAGES/news.po match again)"
    assert _dot_files(tmp_path) == []


def test_batch_is_rolled_back_when_the_reviewer_saved_the_other_file(tmp_path):
    pot, po = _killed_batch(tmp_path)
    po.write_text("old po, reviewed")  # a reviewer saved it after the crash
    (line,) = recover_interrupted_writes(tmp_path)
    assert "rolled back a write that a killed run left half done" in line
    assert (pot.read_text(), po.read_text()) == ("old pot", "old po, reviewed")
    assert _dot_files(tmp_path) == []


def test_batch_is_left_alone_when_both_files_changed_since(tmp_path):
    pot, po = _killed_batch(tmp_path)
    pot.write_text("pot edited")
    po.write_text("po edited")
    (line,) = recover_interrupted_writes(tmp_path)
    assert "nothing was touched; check them, then delete .transnews-batch-" in line
    assert (pot.read_text(), po.read_text()) == ("pot edited", "po edited")
    (journal,) = tmp_path.glob(".transnews-batch-*.json")
    staged = tmp_path / json.loads(journal.read_text())["files"][1]["staged"]
    assert staged.read_text() == "new po"  # kept for the user to compare
    journal.unlink()
    assert recover_interrupted_writes(tmp_path) == [] and _dot_files(tmp_path) == []


def test_interrupt_between_renames_rolls_back_at_once(tmp_path, monkeypatch):
    a, b = tmp_path / "a.po", tmp_path / "sub" / "b.po"
    write_many({a: "old a", b: "old b"})
    real = os.replace

    def interrupted(src, dst):
        if str(dst) == str(b):
            raise KeyboardInterrupt
        return real(src, dst)

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_many({a: "new a", b: "new b"})
    monkeypatch.setattr(os, "replace", real)
    assert (a.read_text(), b.read_text()) == ("old a", "old b")  # "nothing was written" holds
    assert _dot_files(tmp_path) == []


def test_only_dead_runs_leftovers_are_removed(tmp_path):
    target = tmp_path / "news.po"
    target.write_text("current")
    dead, live = _dead_pid(), os.getppid()
    leftovers = {f".news.po.{dead}.abcd_123.tmp": True, f".news.po.bak-{dead}": True,
                 f".news.po.{live}.abcd_123.tmp": False, f".news.po.bak-{live}": False,  # a concurrent run's
                 ".news.po.abcd_123.tmp": False, "news.po.bak": False, ".news.po.x.tmp": False}  # not ours
    for name in leftovers:
        (tmp_path / name).write_text("staged")
    write_many({target: "new"})
    assert target.read_text() == "new"
    left = {p.name for p in tmp_path.iterdir()}
    assert left == {"news.po"} | {n for n, stale in leftovers.items() if not stale}


def test_argos_leftovers(tmp_path):
    dead = _dead_pid()
    old_staging = tmp_path / ".install-k2j3h4g5"  # no pid in the name: stale after an hour
    (old_staging / "pkg").mkdir(parents=True)
    (old_staging / "pkg" / "model.bin").write_bytes(b"x")
    fresh_download = tmp_path / ".download-a1b2c3d4"  # perhaps a live download
    fresh_download.write_bytes(b"partial")
    hour_ago = time.time() - 7200
    for p in (old_staging / "pkg" / "model.bin", old_staging / "pkg", old_staging):
        os.utime(p, (hour_ago, hour_ago))
    moved_away = tmp_path / f".old-translate-en_zh-1_0-{dead}"  # killed before the new one arrived
    moved_away.mkdir()
    (tmp_path / f".remove-translate-en_de-1_0-{dead}").mkdir()
    notes = clean_leftovers(tmp_path, ARGOS_LEFTOVERS)
    assert notes == [f"{tmp_path / 'translate-en_zh-1_0'}: put back from {moved_away.name}, which a killed run left"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".download-a1b2c3d4", "translate-en_zh-1_0"]


# ------------------------------------------------ a reviewer's save during a run; one writer per folder (issue 11, case 2)

import threading

from transnews.errors import BusyError
from transnews.fsio import LOCK_NAME, FolderLock, fingerprint


def test_write_refuses_when_a_target_changed_since_it_was_read(tmp_path):
    po, pot = tmp_path / "news.po", tmp_path / "news.pot"
    po.write_text("as read")
    seen = fingerprint(po)
    po.write_text("saved by a reviewer")
    with pytest.raises(BusyError) as err:
        write_many({pot: "new pot", po: "new po"}, expected={po: seen})
    assert str(err.value).startswith(f"{po}: was saved by someone else while transnews worked on it")
    assert po.read_text() == "saved by a reviewer" and not pot.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.po"]  # no staged files left
    # A save that left the bytes as they were loses nothing; a file that appeared meanwhile does.
    seen = fingerprint(po)
    os.utime(po, ns=(1, 1))
    assert write_many({po: "new po"}, expected={po: seen}) == [po]
    pot.write_text("made meanwhile")
    with pytest.raises(BusyError, match="was created by someone else"):
        write_many({pot: "x"}, expected={pot: None})
    assert pot.read_text() == "made meanwhile"


def test_lock_refuses_with_no_wait_and_leaves_no_clutter(tmp_path):
    locales = tmp_path / "locales"
    with FolderLock(locales):
        assert (locales / LOCK_NAME).read_text().strip() == str(os.getpid())
        with pytest.raises(BusyError) as err:
            with FolderLock(locales, wait=False):
                pass
        assert f"another transnews run (pid {os.getpid()}) is writing here" in str(err.value)
        assert "--no-wait" in str(err.value)
    assert not locales.exists()  # created for the lock only: removed again
    locales.mkdir()
    (locales / "news.pot").write_text("x")
    with FolderLock(locales):
        pass
    assert [p.name for p in locales.iterdir()] == ["news.pot"]


# Holds the lock of argv[1] until a line arrives on stdin.
HOLD_LOCK = """
import sys
from transnews.fsio import FolderLock
with FolderLock(sys.argv[1]):
    print("locked", flush=True)
    sys.stdin.readline()
"""


def test_a_second_writer_waits_for_the_first(tmp_path):
    locales = tmp_path / "locales"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(locales)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "locked\n"
        waiting, order = threading.Event(), []

        def second():
            with FolderLock(locales, on_wait=lambda msg: (order.append(msg), waiting.set())):
                order.append("second has it")

        t = threading.Thread(target=second)
        t.start()
        assert waiting.wait(60)  # it says it waits, and does not take the lock meanwhile
        assert order[0].startswith(f"{locales}: waiting for another transnews run (pid {holder.pid})")
        assert order[1:] == []
        holder.stdin.write("\n")
        holder.stdin.flush()
        t.join(60)
        assert order[1:] == ["second has it"] and not t.is_alive()
    finally:
        holder.kill()
        holder.wait()
    assert holder.returncode == 0 or holder.returncode == -signal.SIGKILL
    assert not locales.exists()
