"""Fetching the package index and packages: HTTP(S) only, bounded in size and time.

What the index says is third-party data. Plain ``urllib.request.urlopen`` follows a
``file:///etc/passwd`` link (and ``ftp://``, and redirects to ``ftp://``), reads an
endless body until memory or disk runs out and waits forever on a server that sends a
byte now and then. So every request here goes through an opener that only has the
HTTP(S) handlers and refuses redirects to other schemes, stops at a byte limit, and
gives up at a deadline for the whole transfer (checked between reads; a read that
gets nothing at all times out after ``timeout`` seconds).
"""

from __future__ import annotations

import hashlib
import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import ModelError
from .base import ProgressFn

SCHEMES = ("http", "https")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Fetched:
    size: int
    sha256: str  # hex digest of what was received


class Clock:
    """One deadline shared by every link tried for one download."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return self.end - time.monotonic()

    def passed(self) -> str:
        return f"the {self.seconds:g} s download deadline passed (a slow link? raise it with --timeout)"


def check_url(url: str) -> None:
    """Refuse anything but an absolute http(s) URL (raises ModelError naming it)."""
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        kind = f"{scheme}: link" if scheme else "link without a scheme (a local path?)"
        raise ModelError(f"{url}: refused a {kind}; only http and https are downloaded")


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme.lower() not in SCHEMES:
            raise urllib.error.HTTPError(newurl, code, f"refused a redirect to {newurl}; only http and https "
                                                       "are followed", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    # Built by hand rather than with build_opener, so no file:, ftp: or data: handler exists at all.
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.UnknownHandler(),
                    urllib.request.HTTPHandler(), urllib.request.HTTPSHandler(),
                    urllib.request.HTTPDefaultErrorHandler(), _HttpOnlyRedirects(),
                    urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


def fetch(url: str, out: BinaryIO, *, clock: Clock, timeout: float, max_bytes: int,
          progress: ProgressFn | None = None, label: str = "", limit_hint: str = "") -> Fetched:
    """Stream ``url`` into ``out``; every failure is a ModelError whose message starts with the URL.
    ``limit_hint`` ends the message saying ``max_bytes`` was passed (how to raise it)."""
    check_url(url)
    if clock.left() <= 0:
        raise ModelError(f"{url}: not tried, {clock.passed()}")
    wait = max(0.001, min(timeout, clock.left()))  # the socket's timeout, for each read
    try:
        with _opener().open(url, timeout=wait) as resp:
            return _stream(url, resp, out, clock=clock, max_bytes=max_bytes, limit_hint=limit_hint,
                           progress=progress, label=label)
    except urllib.error.HTTPError as err:
        raise ModelError(f"{url}: HTTP {err.code} {err.reason}") from None
    except urllib.error.URLError as err:
        raise ModelError(f"{url}: {err.reason}") from None
    except TimeoutError:
        why = clock.passed() if wait < timeout else f"the server sent nothing for {timeout:g} s"
        raise ModelError(f"{url}: {why}") from None
    except (OSError, http.client.HTTPException, ValueError) as err:
        raise ModelError(f"{url}: {err.strerror if isinstance(err, OSError) and err.strerror else err}") from None


def _stream(url, resp, out: BinaryIO, *, clock: Clock, max_bytes: int, limit_hint: str,
            progress: ProgressFn | None, label: str) -> Fetched:
    total = _content_length(resp)
    if total > max_bytes:
        raise ModelError(f"{url}: the server announces {total:,} bytes, more than the limit of {max_bytes:,}"
                         f"{limit_hint}")
    digest, done = hashlib.sha256(), 0
    # read1 returns what one socket read brings, so the deadline is checked even while a
    # server trickles (read(n) would wait for n bytes).
    while chunk := _read(url, resp, done, total):
        done += len(chunk)
        if done > max_bytes:
            raise ModelError(f"{url}: more than the limit of {max_bytes:,} bytes; stopped{limit_hint}")
        out.write(chunk)
        digest.update(chunk)
        if progress and total:
            progress(done, total, label)
        if clock.left() <= 0:
            got = f"{done:,} of {total:,}" if total else f"{done:,}"
            raise ModelError(f"{url}: {clock.passed()}; {got} bytes had arrived")
    if total and done != total:
        raise ModelError(_incomplete(url, done, total))
    return Fetched(done, digest.hexdigest())


def _read(url: str, resp, done: int, total: int) -> bytes:
    try:
        return resp.read1(_CHUNK)
    except http.client.IncompleteRead:  # a chunked body cut short
        raise ModelError(_incomplete(url, done, total)) from None


def _incomplete(url: str, done: int, total: int) -> str:
    got = f"{done:,} of {total:,}" if total else f"{done:,}"
    return f"{url}: download incomplete, the connection ended early (got {got} bytes)"


def _content_length(resp) -> int:
    try:
        return max(0, int(resp.headers.get("Content-Length") or 0))
    except ValueError:
        return 0  # a garbled header: count what comes instead
