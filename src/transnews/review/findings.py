"""QA findings and the check base class (data apart from output)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass

import polib

SEVERITIES = ("error", "warning", "info")
MAX_MESSAGE = 300  # characters: a finding is read on one line; what is cut is said
IGNORE_PREFIX = "ignore-"  # Weblate's flag convention: "#, ignore-length" silences one check
# Weblate's names for the checks that have one here, so its flags work as written.
WEBLATE_NAMES = {"same": "identical", "end-stop": "punctuation", "double-space": "whitespace",
                 "c-format": "placeholders", "python-format": "placeholders", "python-brace-format": "placeholders"}


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" | "warning" | "info"
    check: str
    message: str
    path: str = ""
    line: int = 0  # line of the entry in the .po file
    msgid: str = ""  # the entry's full msgid: with msgctxt and line it names the entry
    msgctxt: str | None = None

    @property
    def excerpt(self) -> str:
        return excerpt(self.msgid)

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def format(self) -> str:
        ctx = f" [{self.msgctxt}]" if self.msgctxt else ""
        return f"{self.location()}: {self.severity}: {self.check}: {self.message}{ctx} — {self.excerpt!r}"

    def as_dict(self) -> dict:
        return asdict(self)


def excerpt(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def cap(message: str, width: int = MAX_MESSAGE) -> str:
    """``message`` cut to ``width`` characters, saying so."""
    if len(message) <= width:
        return message
    return message[: width - 20].rstrip() + " … (message cut)"


def listing(items: Iterable[str], limit: int = 8) -> str:
    """Items once each, in first-seen order, repeats counted ("%s ×2"), at most ``limit``
    shown ("… and 3 more"): a message that stays short whatever the entry holds."""
    counts = Counter(items)
    shown = [f"{item} ×{n}" if n > 1 else item for item, n in list(counts.items())[:limit]]
    more = len(counts) - limit
    return ", ".join(shown) + (f" … and {more} more" if more > 0 else "") if shown else "none"


def suppressed(entry: polib.POEntry) -> set[str]:
    """The checks an entry's flags silence: ``#, ignore-acronyms`` (Weblate's convention,
    which Poedit keeps as written); Weblate's own check names are understood too."""
    names = set()
    for flag in entry.flags:
        if flag.startswith(IGNORE_PREFIX):
            name = flag[len(IGNORE_PREFIX):]
            names.add(WEBLATE_NAMES.get(name, name))
    return names


class Check:
    """One QA rule. Subclasses set ``name``, ``severity``, ``description`` and ``run``."""

    name = "check"
    severity = "warning"
    description = ""
    needs_translation = True  # only run on entries with a msgstr

    def prepare(self, po: polib.POFile, src_lang: str, tgt_lang: str) -> None:
        """Called once per catalog before its entries: checks that need the whole catalog
        (the article context of glossary terms) read it here."""

    def check(self, entry: polib.POEntry, src_lang: str, tgt_lang: str) -> list[Finding]:
        if entry.obsolete or entry.msgid == "":
            return []
        if self.needs_translation and not entry.msgstr:
            return []
        if self.name in suppressed(entry):
            return []
        seen: dict[tuple[str, str], None] = {}  # a problem found twice is reported once
        for msg, sev in self.run(entry, src_lang, tgt_lang):
            seen.setdefault((cap(msg), sev or self.severity))
        return [Finding(sev, self.name, msg, line=entry.linenum, msgid=entry.msgid, msgctxt=entry.msgctxt)
                for msg, sev in seen]

    def run(self, entry: polib.POEntry, src_lang: str, tgt_lang: str) -> list[tuple[str, str | None]]:
        """(message, severity or None for the default) pairs."""
        raise NotImplementedError
