"""How commands print results, without typer (the launcher's fast path prints too)."""

from __future__ import annotations

import json


def json_text(data: object) -> str:
    """The one JSON form of every ``--json``: UTF-8 text as is, indented, paths as strings."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
