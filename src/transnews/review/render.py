"""Checks on how a translation will look once rendered (not on what it says)."""

from __future__ import annotations

from .findings import Check


class Emphasis(Check):
    """Markdown emphasis a CommonMark renderer shows as asterisks (``*《条约》*和``): the
    flanking rules fail next to CJK punctuation (see :mod:`transnews.emphasis`)."""

    name, severity = "emphasis", "warning"
    description = "Markdown emphasis that will not render (asterisks shown next to CJK punctuation)"

    def run(self, entry, src, tgt):
        from ..emphasis import unrendered_emphasis
        from .markup import entry_format

        if entry_format(entry) not in ("markdown", None):
            return []  # in a text or HTML article an asterisk is only an asterisk
        return [(f"Markdown emphasis will not render, the reader sees the asterisks: {passage!r} "
                 "(publish writes it as <em>/<strong>; other renderers need the marks moved)", None)
                for passage in unrendered_emphasis(entry.msgstr) if passage not in entry.msgid]
