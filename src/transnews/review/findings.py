"""QA findings and the check base class (data apart from output)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import polib

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" | "warning" | "info"
    check: str
    message: str
    path: str = ""
    line: int = 0  # line of the entry in the .po file
    msgid: str = ""  # excerpt
    msgctxt: str | None = None

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def format(self) -> str:
        ctx = f" [{self.msgctxt}]" if self.msgctxt else ""
        return f"{self.location()}: {self.severity}: {self.check}: {self.message}{ctx} — {self.msgid!r}"

    def as_dict(self) -> dict:
        return asdict(self)


def excerpt(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class Check:
    """One QA rule. Subclasses set ``name``, ``severity``, ``description`` and ``run``."""

    name = "check"
    severity = "warning"
    description = ""
    needs_translation = True  # only run on entries with a msgstr

    def check(self, entry: polib.POEntry, src_lang: str, tgt_lang: str) -> list[Finding]:
        if entry.obsolete or entry.msgid == "":
            return []
        if self.needs_translation and not entry.msgstr:
            return []
        return [Finding(sev or self.severity, self.name, msg, line=entry.linenum,
                        msgid=excerpt(entry.msgid), msgctxt=entry.msgctxt)
                for msg, sev in self.run(entry, src_lang, tgt_lang)]

    def run(self, entry: polib.POEntry, src_lang: str, tgt_lang: str) -> list[tuple[str, str | None]]:
        """(message, severity or None for the default) pairs."""
        raise NotImplementedError
