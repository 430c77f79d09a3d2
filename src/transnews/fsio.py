"""Atomic file output, shared by every stage that writes.

A file is written to a temporary file in its own directory and moved into
place with ``os.replace``, so a reader (or a crash) never sees half a file.
Several files are written all-or-nothing: all are staged first, then
replaced; if a replace fails part way, the ones already replaced are restored
from hard-link backups.

A run killed part way (``kill -9``, a power cut) cannot clean up after itself,
so the next write does: staged files and backups carry the pid of the process
that made them and are removed once that process is gone, and a batch of
several files is recorded in a journal before its first rename, so that a
batch killed between two renames (a .pot replaced, its .po not yet) is
finished or rolled back by the next run, which says so in one line.
"""

from __future__ import annotations

import errno
import hashlib
import itertools
import json
import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import BusyError, TransnewsError
from .fsnames import BATCH_PREFIX, LOCK_NAME


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def write_many(files: Mapping[Path, bytes | str], *, error: type[TransnewsError] = TransnewsError,
               skip_unchanged: bool = False,
               expected: Mapping[Path, Fingerprint | None] | None = None) -> list[Path]:
    """Write every file or none; returns the paths actually written.

    ``error`` is the TransnewsError subclass raised (one line, with the path) on failure.
    Existing files keep their permission bits; new ones get the umask's.

    ``expected`` maps targets to their :func:`fingerprint` when they were read (None: they
    did not exist). Each is checked again after staging, just before the first rename;
    if one changed (someone saved it meanwhile), nothing is replaced and
    :class:`~transnews.errors.BusyError` names it, so that edit is never overwritten.
    """
    _tidy([Path(t) for t in files])
    staged = _stage(files, error=error, skip_unchanged=skip_unchanged)
    try:
        _check_unchanged(staged, expected or {})
        journal = _begin_batch(staged)
    except BaseException as err:  # no rename has happened: drop the staged files
        for tmp, _ in staged:
            _unlink_quietly(tmp)
        if isinstance(err, OSError):  # named by a target: the user knows no staged or journal file
            raise error(f"cannot write: {err.strerror or err}",
                        path=staged[0][1] if staged else err.filename) from None
        raise
    try:
        _replace_all(staged, error=error)
    except TransnewsError:  # _replace_all has put every file back itself
        if journal is not None:
            _unlink_quietly(journal)
        raise
    except BaseException:  # Ctrl-C between two renames: undo them, as the next run would
        if journal is not None:
            _recover_batch(journal, roll_back=True)
        raise
    if journal is not None:
        _unlink_quietly(journal)
    return [t for _, t in staged]


@dataclass(frozen=True)
class Fingerprint:
    """What a file held when it was read: enough to tell later whether anyone changed it."""

    size: int
    mtime_ns: int
    sha256: str

    def same_content(self, other: Fingerprint | None) -> bool:
        # The mtime alone is not trusted (coarse clocks, a save within the same tick); a save
        # that leaves the bytes as they were loses nothing, so content decides.
        return other is not None and (self.size, self.sha256) == (other.size, other.sha256)


def read_with_fingerprint(path: str | Path) -> tuple[bytes, Fingerprint]:
    """A file's bytes and their fingerprint, from one open (no window between the two)."""
    with open(path, "rb") as fh:
        st = os.fstat(fh.fileno())
        data = fh.read()
    return data, Fingerprint(len(data), st.st_mtime_ns, hashlib.sha256(data).hexdigest())


def fingerprint(path: str | Path) -> Fingerprint | None:
    """The file's fingerprint now; None when it does not exist."""
    try:
        return read_with_fingerprint(path)[1]
    except (FileNotFoundError, NotADirectoryError):
        return None


def _check_unchanged(staged: list[tuple[Path, Path]], expected: Mapping[Path, Fingerprint | None]) -> None:
    """Raise BusyError for the first staged target that is no longer as it was read."""
    want = {Path(p).absolute(): fp for p, fp in expected.items()}
    for _, target in staged:
        key = target.absolute()
        if key not in want:
            continue
        now, then = fingerprint(target), want[key]
        if (now is None and then is None) or (then is not None and then.same_content(now)):
            continue
        what = "was created" if then is None else ("was deleted" if now is None else "was saved")
        raise BusyError(f"{what} by someone else while transnews worked on it; nothing was written",
                        path=target)


def _stage(files: Mapping[Path, bytes | str], *, error: type[TransnewsError],
           skip_unchanged: bool) -> list[tuple[Path, Path]]:
    """Write each file's data to a temporary file beside it: ``(temporary, target)`` pairs.
    On any failure the temporary files are removed and nothing else has changed."""
    staged: list[tuple[Path, Path]] = []
    target = None
    try:
        for target, data in files.items():
            target = Path(target)
            payload = data.encode("utf-8") if isinstance(data, str) else data
            if skip_unchanged:
                try:
                    if target.is_file() and target.read_bytes() == payload:
                        continue
                except OSError:
                    pass
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
            staged.append((Path(tmp), target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
            os.chmod(tmp, mode)
    except BaseException as err:  # nothing replaced yet: drop the staged files
        for tmp, _ in staged:
            _unlink_quietly(tmp)
        if isinstance(err, OSError):
            # The target, not err.filename: that is often the temporary file, which the user never named.
            raise error(f"cannot write: {err.strerror or err}", path=target or err.filename) from None
        raise
    return staged


def _replace_all(staged: list[tuple[Path, Path]], *, error: type[TransnewsError]) -> None:
    """Move every staged file into place; if one move fails, restore the targets already
    replaced from their backups (and remove those that did not exist) before raising."""
    done: list[tuple[Path, Path | None]] = []
    backup = target = None
    try:
        for tmp, target in staged:
            backup = None
            if target.exists():
                backup = _backup_path(target)
                _unlink_quietly(backup)
                # A hard link keeps the old file reachable without a moment where the target is absent.
                try:
                    os.link(target, backup)
                except OSError:
                    shutil.copy2(target, backup)
            os.replace(tmp, target)
            done.append((target, backup))
    except OSError as err:
        if backup is not None:
            _unlink_quietly(backup)  # its target was not replaced
        for target, old in reversed(done):
            if old is not None:
                os.replace(old, target)
            else:
                _unlink_quietly(target)  # it did not exist before
        for tmp, _ in staged:
            _unlink_quietly(tmp)
        raise error(f"cannot replace: {err.strerror or err}", path=target or err.filename) from None
    for _, backup in done:
        if backup is not None:
            _unlink_quietly(backup)


def write_atomic(path: Path, data: bytes | str, *, error: type[TransnewsError] = TransnewsError) -> None:
    """Write one file atomically (see :func:`write_many`)."""
    write_many({Path(path): data}, error=error)


# ---------------------------------------------------------------- what a killed run leaves

_log = logging.getLogger("transnews")
_GRACE_S = 3600.0  # a leftover without a pid in its name is stale once nothing in it changed for this long
_JOURNAL = re.compile(re.escape(BATCH_PREFIX) + r"(?P<pid>\d+)-\d+\.json")
_batch_numbers = itertools.count()
_ANCESTORS = 4  # how far above a target's folder the journal of an earlier batch is looked for
# Names write_many gives its staged files and backups (_stage, _backup_path), the pid included.
FSIO_LEFTOVERS = (re.compile(r"\..+\.(?P<pid>\d+)\.[a-z0-9_]{8}\.tmp"),
                  re.compile(r"\..+\.bak-(?P<pid>\d+)"))
# Names engine/packages.py gives its staging folders, partial downloads and the packages it
# replaces (``backup_of``: put back if the new one never arrived) or removes.
ARGOS_LEFTOVERS = (re.compile(r"\.install-(?:(?P<pid>\d+)-)?[a-z0-9_]{8}"),
                   re.compile(r"\.download-(?:(?P<pid>\d+)-)?[a-z0-9_]{8}"),
                   re.compile(r"\.old-(?P<backup_of>.+)-(?P<pid>\d+)"),
                   re.compile(r"\.remove-.+-(?P<pid>\d+)"))


def _backup_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.bak-{os.getpid()}")


def _pid_alive(pid: int) -> bool:
    """Whether process ``pid`` may still be running (when unsure: yes, so nothing live is touched)."""
    if pid == os.getpid() or os.name == "nt":  # on Windows os.kill(pid, 0) would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: alive, someone else's; anything else: do not guess
        return True
    return True


def _newest_mtime(path: Path) -> float:
    newest = path.lstat().st_mtime
    if path.is_dir() and not path.is_symlink():
        for root, dirs, names in os.walk(path):
            for name in dirs + names:
                try:
                    newest = max(newest, os.lstat(os.path.join(root, name)).st_mtime)
                except OSError:
                    pass
    return newest


def _is_stale(path: Path, m: re.Match, keep_pids: set[int]) -> bool:
    pid = m.groupdict().get("pid")
    if pid is not None:
        return int(pid) not in keep_pids and not _pid_alive(int(pid))
    try:
        return _newest_mtime(path) < time.time() - _GRACE_S
    except OSError:
        return False


def clean_leftovers(directories: str | Path | Iterable[str | Path], patterns: Iterable[re.Pattern],
                    *, keep_pids: Iterable[int] = (), log: bool = True) -> list[str]:
    """Remove what killed runs left in ``directories`` (not their subfolders): entries whose
    whole name matches one of ``patterns`` and whose maker is gone.

    A pattern's ``pid`` group names the process that made the entry: it is stale once that
    process no longer runs (two concurrent runs never remove each other's files). Without
    one, an entry is stale when nothing in it changed for an hour. A ``backup_of`` group
    names the file the entry stands in for: if that file is missing, the entry is put back
    instead of removed. Returns one line per file put back (and with ``log``, warns it on
    the "transnews" logger, which without a configured handler prints it on stderr).
    """
    if isinstance(directories, (str, Path)):
        directories = [directories]
    patterns, keep = tuple(patterns), set(keep_pids)
    notes = []
    for directory in map(Path, directories):
        try:
            names = sorted(os.listdir(directory))
        except OSError:
            continue
        for name in names:
            m = next((m for p in patterns if (m := p.fullmatch(name))), None)
            if m is not None and _is_stale(directory / name, m, keep):
                notes += _dispose(directory / name, m.groupdict().get("backup_of"))
    for note in notes if log else ():
        _log.warning(note)
    return notes


def _dispose(path: Path, backup_of: str | None) -> list[str]:
    try:
        if backup_of and not os.path.lexists(path.with_name(backup_of)):
            os.replace(path, path.with_name(backup_of))
            return [f"{path.with_name(backup_of)}: put back from {path.name}, which a killed run left"]
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError:
        pass  # best effort: the next run tries again
    return []


# ---------------------------------------------------------------- journal of a batch of renames


@dataclass(frozen=True)
class _BatchFile:
    target: Path
    staged: Path
    backup: Path
    old: str | None  # sha256 of the target before the batch (None: it did not exist)
    new: str  # sha256 of what the batch writes


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def _batch_dir(targets: Iterable[Path]) -> Path:
    return Path(os.path.commonpath([str(t.absolute().parent) for t in targets]))


def _write_durably(path: Path, data: bytes) -> None:
    """Create ``path`` atomically and make it (and its name) survive a power cut."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.rename(tmp, path)  # ``path`` is a fresh, unique name: nothing to replace
    except BaseException:
        _unlink_quietly(Path(tmp))
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:  # no directory handles (Windows): the rename is as durable as it gets
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _begin_batch(staged: list[tuple[Path, Path]]) -> Path | None:
    """Record the renames about to happen (a single rename is atomic: no record needed)."""
    if len(staged) < 2:
        return None
    base = _batch_dir(t for _, t in staged)
    journal = base / f"{BATCH_PREFIX}{os.getpid()}-{next(_batch_numbers)}.json"
    files = [{"target": os.path.relpath(t.absolute(), base), "staged": os.path.relpath(tmp.absolute(), base),
              "backup": os.path.relpath(_backup_path(t).absolute(), base),
              "old": _digest(t), "new": _digest(tmp)} for tmp, t in staged]
    _write_durably(journal, json.dumps({"pid": os.getpid(), "files": files}, indent=1).encode("utf-8"))
    return journal


def _read_batch(journal: Path) -> list[_BatchFile]:
    data = json.loads(journal.read_text(encoding="utf-8"))
    base = journal.parent
    return [_BatchFile(base / f["target"], base / f["staged"], base / f["backup"], f["old"], f["new"])
            for f in data["files"]]


def _recover_batch(journal: Path, *, roll_back: bool = False) -> str | None:
    """Finish (or with ``roll_back``, undo) a batch whose run stopped between renames.

    A renamed file's staged copy is gone; finishing needs every file still as the batch
    left it, rolling back every renamed one still as the batch wrote it (or already put
    back), so a reviewer's later save is never overwritten. When neither holds, the files
    are left alone and the journal kept; the line returned says so.
    """
    try:
        files = _read_batch(journal)
    except (OSError, ValueError, KeyError, TypeError):
        return f"{journal}: unreadable record of an interrupted write; check the files beside it, then delete it"
    done = [f for f in files if not f.staged.exists()]
    pending = [f for f in files if f.staged.exists()]
    now = {f.target: _digest(f.target) for f in files}
    where = journal.parent
    names = ", ".join(os.path.relpath(f.target, where) for f in files)
    forward = (not roll_back and done and all(now[f.target] == f.new for f in done)
               and all(now[f.target] == f.old for f in pending))
    if not forward and not all(now[f.target] == f.old or (now[f.target] == f.new and (
            f.old is None or f.backup.exists())) for f in done):
        return (f"{where}: a killed run left {names} out of step, and they changed since: nothing was "
                f"touched; check them, then delete {journal.name}")
    try:
        _apply(forward, done, pending, now)
    except OSError as err:  # e.g. another run recovering it at the same moment: try again next time
        return f"{where}: could not yet repair the write a killed run left half done ({err.strerror or err})"
    for f in files:
        _unlink_quietly(f.backup)
    _unlink_quietly(journal)
    if not (done and pending):
        return None  # the killed run had renamed none or all of its files: nothing out of step
    action = "finished" if forward else "rolled back"
    return f"{where}: {action} a write that a killed run left half done ({names} match again)"


def _apply(forward: bool, done: list[_BatchFile], pending: list[_BatchFile], now: dict) -> None:
    """Rename the rest of the batch into place, or put the renamed files back."""
    if forward:
        for f in pending:
            os.replace(f.staged, f.target)
        return
    for f in done:
        if now[f.target] == f.old:
            continue  # already put back (the run was killed while undoing its own batch)
        if f.old is None:
            f.target.unlink()
        else:
            os.replace(f.backup, f.target)
    for f in pending:
        _unlink_quietly(f.staged)


def _journals(directory: Path) -> list[tuple[Path, int]]:
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return []
    return [(directory / n, int(m.group("pid"))) for n in names if (m := _JOURNAL.fullmatch(n))]


def _recover_journals(directories: Iterable[Path]) -> tuple[list[str], set[int]]:
    """Recover the dead batches recorded in ``directories``; returns the report lines and
    the pids whose files must stay (a live batch, or one left for the user to check)."""
    notes, keep = [], set()
    for directory in dict.fromkeys(directories):
        for journal, pid in _journals(directory):
            if _pid_alive(pid):
                keep.add(pid)
                continue
            note = _recover_batch(journal)
            if note:
                notes.append(note)
            if journal.exists():
                keep.add(pid)
    return notes, keep


def recover_interrupted_writes(directory: str | Path) -> list[str]:
    """Before reading or writing under ``directory`` (a locales folder, an edition folder):
    finish or roll back the batches killed runs left there, and remove their staged files
    and backups anywhere below it. Returns one line per thing that was out of step."""
    directory = Path(directory)
    notes, keep = _recover_journals([directory])
    for root, _, _ in os.walk(directory):
        notes += clean_leftovers(root, FSIO_LEFTOVERS, keep_pids=keep, log=False)
    return notes


def _tidy(targets: list[Path]) -> None:
    """What write_many does first: recover dead batches recorded in or above the targets'
    folders, then remove dead runs' staged files and backups beside the targets."""
    if not targets:
        return
    folders = list(dict.fromkeys(t.absolute().parent for t in targets))
    above = [d for f in folders for d in [f, *f.parents][:_ANCESTORS + 1]]
    notes, keep = _recover_journals(above)
    for note in notes:
        _log.warning(note)
    clean_leftovers(folders, FSIO_LEFTOVERS, keep_pids=keep)


# ---------------------------------------------------------------- one writer per folder



def _missing_dirs(directory: Path) -> list[Path]:
    """``directory`` and those of its parents that do not exist yet, deepest first."""
    out = []
    for d in [directory, *directory.parents]:
        if d.exists():
            break
        out.append(d)
    return out


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        pid = ""
    return f"another transnews run (pid {pid})" if pid.isdigit() else "another transnews run"


def _open_locked(path: Path, *, wait: bool, on_wait) -> tuple[int | None, list[Path]]:
    """A descriptor holding the exclusive flock of ``path`` (created if needed), and the
    folders created for it; no descriptor where the lock file cannot be made (a read-only
    folder: nothing can be written there either, and writing says so itself)."""
    import fcntl

    told = False
    while True:
        created = _missing_dirs(path.parent)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except FileNotFoundError:  # the folder was removed by the run that just finished
            continue
        except (PermissionError, IsADirectoryError, NotADirectoryError, FileExistsError) as err:
            _log.debug("no lock in %s: %s", path.parent, err)
            return None, []
        except OSError as err:
            if err.errno != errno.EROFS:
                raise
            return None, []
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                who = _holder(fd)
                if not wait:
                    raise BusyError(f"{who} is writing here", path=path.parent,
                                    hint="wait for it to finish, or run without --no-wait to queue behind it") from None
                if on_wait is not None and not told:
                    on_wait(f"{path.parent}: waiting for {who} to finish writing there")
                    told = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            # The run before us removed the lock file when it finished: a lock on that
            # unlinked file excludes nobody, so lock the file now at ``path`` instead.
            st = os.fstat(fd)
            try:
                now = os.stat(path)
            except FileNotFoundError:
                now = None
            if now is None or (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
                os.close(fd)
                continue
            # Fixed width, so no truncation is needed (ext4 flushes a file truncated to zero
            # when it is closed: that would cost every run a disk write).
            os.pwrite(fd, f"{os.getpid():<20}\n".encode("ascii"), 0)
            return fd, created
        except BaseException:
            os.close(fd)
            # Refused or interrupted: a folder made for the lock goes if empty (the lock file is
            # not ours to remove: the run holding it relies on it staying).
            for d in created:
                try:
                    d.rmdir()
                except OSError:
                    break
            raise


class FolderLock:
    """Advisory lock on a folder (``fcntl.flock`` on ``<folder>/.transnews.lock``), so two
    transnews runs writing there queue instead of interleaving their reads and writes.

    ``wait=False`` raises BusyError at once when another run holds it; otherwise
    ``on_wait(message)`` is called once and the run waits. The lock file is removed on
    release and folders created for it are removed again if nothing was written there,
    so a run leaves no clutter. Where ``fcntl`` does not exist (Windows) it locks nothing.
    """

    def __init__(self, directory: str | Path, *, wait: bool = True, on_wait=None) -> None:
        self.path = Path(directory) / LOCK_NAME
        self.wait, self.on_wait = wait, on_wait
        self._fd: int | None = None
        self._created: list[Path] = []

    def __enter__(self) -> "FolderLock":
        if os.name == "nt":
            return self
        self._fd, self._created = _open_locked(self.path, wait=self.wait, on_wait=self.on_wait)
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is None:
            return
        _unlink_quietly(self.path)  # still held: whoever waits on it sees it went and retries
        self._remove_created()
        os.close(self._fd)
        self._fd = None

    def _remove_created(self) -> None:
        for d in self._created:  # deepest first; a folder something was written to stays
            try:
                d.rmdir()
            except OSError:
                break
