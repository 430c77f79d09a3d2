"""Recognise a publication-date line ("July 12, 2021", "2021-07-12", "2021年7月12日")."""

from __future__ import annotations

import datetime as dt
import re

from ..text import MONTHS

_PATTERNS = [
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), ("y", "m", "d")),
    (re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"), ("y", "m", "d")),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), ("y", "m", "d")),
    (re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})"), ("mon", "d", "y")),
    (re.compile(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})"), ("d", "mon", "y")),
]
_PREFIX = re.compile(r"^\s*(?:(?:date|published|updated|发布(?:时间|日期)?|日期|时间)\s*[:：]?\s*)?", re.I)


def parse_date(line: str) -> dt.date | None:
    """Return the date if the whole line is a date (optionally "Date:"-prefixed)."""
    rest = _PREFIX.sub("", line.strip(), count=1).strip()
    for pattern, order in _PATTERNS:
        m = pattern.fullmatch(rest)
        if not m:
            continue
        parts = dict(zip(order, m.groups(), strict=True))
        month = parts.get("m") or MONTHS.get(parts.get("mon", "").lower())
        if not month:
            return None
        try:
            return dt.date(int(parts["y"]), int(month), int(parts["d"]))
        except ValueError:
            return None
    return None
