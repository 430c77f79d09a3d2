"""A package index served on 127.0.0.1, as ARGOS_PACKAGE_INDEX points to in tests.

Besides serving files it can misbehave on purpose, as a hostile or broken server would:
list links of its own, serve an index body as given, trickle an archive a few bytes at a
time, or end the connection before the Content-Length it announced.
"""

from __future__ import annotations

import http.server
import json
import shutil
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Misbehave:
    """How the server departs from serving files as they are (every field optional)."""

    index_body: bytes | None = None  # served as index.json instead of the generated index
    trickle: float = 0.0  # seconds to wait between 16-byte pieces of an archive
    cut_at: int | None = None  # send only this many bytes of an archive, then close
    chunked: bool = False  # send archives as one chunk (no Content-Length), cut as cut_at says
    redirect: str | None = None  # answer requests for archives with a redirect here


@contextmanager
def serve_index(packages: list[tuple[Path, dict]], root: Path, misbehave: Misbehave | None = None):
    """Serve index.json listing ``packages`` (archive, metadata) from ``root``; yields
    (base URL, request paths). An entry whose metadata has "links" keeps them (a ``{base}``
    in one becomes the server's address); otherwise it links to its archive here."""
    root.mkdir(parents=True, exist_ok=True)
    requests: list[str] = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(root, requests, misbehave or Misbehave()))
    server.daemon_threads = True  # a trickling response must not hold up shutdown
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    index = []
    for archive, meta in packages:
        shutil.copy(archive, root / archive.name)
        links = [u.replace("{base}", base) for u in meta["links"]] if "links" in meta else [base + archive.name]
        index.append({**meta, "links": links})
    (root / "index.json").write_text(json.dumps(index), encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base, requests
    finally:
        server.shutdown()
        server.server_close()


def _handler(root: Path, requests: list[str], how: Misbehave):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(root), **kw)

        def log_message(self, *args):  # keep test output clean
            requests.append(self.path)

        def do_GET(self):
            if self.path == "/index.json" and how.index_body is not None:
                return self._send(how.index_body)
            if self.path.endswith(".argosmodel") and how.redirect:
                self.send_response(302)
                self.send_header("Location", how.redirect)
                self.send_header("Content-Length", "0")
                return self.end_headers()
            if self.path.endswith(".argosmodel") and (how.trickle or how.cut_at is not None or how.chunked):
                return self._send((root / self.path.lstrip("/")).read_bytes(), how.cut_at, how.trickle)
            return super().do_GET()

        def _send(self, body: bytes, cut_at: int | None = None, trickle: float = 0.0) -> None:
            self.send_response(200)
            if how.chunked and self.path != "/index.json":
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                self.wfile.write(b"%x\r\n" % len(body))  # announces the whole body as one chunk
                body = body[:cut_at] if cut_at is not None else body + b"\r\n0\r\n\r\n"
            else:
                self.send_header("Content-Length", str(len(body)))  # the whole length, even when cut
                self.end_headers()
                body = body if cut_at is None else body[:cut_at]
            pieces = [body[i:i + 16] for i in range(0, len(body), 16)] if trickle else [body]
            try:
                for piece in pieces:
                    self.wfile.write(piece)
                    self.wfile.flush()
                    time.sleep(trickle)
            except OSError:
                pass  # the client gave up (the deadline): that is what the test wants
            self.close_connection = True

    return Handler
