"""On-disk caches of derived data (the spelling vocabulary, compiled glossaries).

A cache entry is one file in the cache folder (``Settings.cache_dir``: the
``transnews`` folder of ``$XDG_CACHE_HOME``; never inside the user's project),
named after what it holds and a hash of everything it was derived from: the
source files' bytes, the library version, the code that builds it. A changed
input is a new name, so an entry is never stale, only unused; older entries of
the same kind are removed when a new one is written.

A cache only saves time: a missing, unreadable or corrupt entry is rebuilt
silently, and a folder that cannot be written (read-only home, full disk) means
the next run builds again, never an error.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
_log = logging.getLogger("transnews")
# Bump to invalidate every entry when the layout of cache files changes.
CACHE_FORMAT = "1"


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Cyclic garbage collection off while a big structure is built or unpickled (a 50k-concept
    glossary: ~10⁶ objects). Every allocation burst otherwise triggers full collections that
    walk all of it again, which costs more than the loading itself; nothing built here is garbage."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def fingerprint(*parts: object, files: Iterable[Path] = ()) -> str:
    """A hex digest of ``parts`` (by their repr) and of the bytes of ``files``."""
    h = hashlib.sha256(CACHE_FORMAT.encode())
    for part in parts:
        h.update(repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    for f in files:
        h.update(os.fsencode(str(f)))
        h.update(b"\0")
        h.update(hashlib.sha256(Path(f).read_bytes()).digest())
    return h.hexdigest()


def source_files(*modules) -> list[Path]:
    """The source files of ``modules``: part of a key, so editing the code that builds an
    entry (a checkout under development) never reuses what the old code built."""
    return [Path(m.__file__) for m in modules]


def entry_path(cache_dir: Path, kind: str, key: str) -> Path:
    return Path(cache_dir) / f"{kind}-{key[:32]}.bin"


def cached(cache_dir: Path | None, kind: str, key: str, build: Callable[[], T], *,
           dumps: Callable[[T], bytes], loads: Callable[[bytes], T]) -> T:
    """The value stored under ``kind``/``key`` in ``cache_dir``, else ``build()`` (stored
    for next time). ``cache_dir`` None: no cache, just build."""
    if cache_dir is None:
        return build()
    path = entry_path(cache_dir, kind, key)
    try:
        data = path.read_bytes()
    except OSError:
        data = None
    if data is not None:
        try:
            return loads(data)
        except Exception as err:  # noqa: BLE001 - any damage to the file: rebuild it
            _log.debug("%s: unreadable cache entry (%s), rebuilding", path, err)
    value = build()
    store(path, dumps(value), kind)
    return value


def store(path: Path, data: bytes, kind: str) -> None:
    """Write one entry atomically and remove older entries of the same kind; failures
    are only logged (at debug level: a cache that cannot be written costs time, nothing else)."""
    from .errors import TransnewsError
    from .fsio import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except (OSError, TransnewsError) as err:
        _log.debug("%s: cache not written (%s)", path, err)
        return
    for old in path.parent.glob(f"{kind}-*.bin"):
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass
