"""A package index served on 127.0.0.1, as ARGOS_PACKAGE_INDEX points to in tests."""

from __future__ import annotations

import http.server
import json
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def serve_index(packages: list[tuple[Path, dict]], root: Path):
    """Serve index.json listing ``packages`` (archive, metadata) from ``root``; yields base URL."""
    root.mkdir(parents=True, exist_ok=True)
    requests: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(root), **kw)

        def log_message(self, *args):  # keep test output clean
            requests.append(self.path)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    index = []
    for archive, meta in packages:
        shutil.copy(archive, root / archive.name)
        index.append({**meta, "links": [base + archive.name]})
    (root / "index.json").write_text(json.dumps(index), encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base, requests
    finally:
        server.shutdown()
        server.server_close()
