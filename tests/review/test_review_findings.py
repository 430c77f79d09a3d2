"""Findings: capped and deduplicated messages, per-entry suppression flags."""

import polib

from transnews.review import Check, suppressed
from transnews.review.findings import MAX_MESSAGE, cap, listing


class Noisy(Check):
    name = "noisy"

    def run(self, entry, src, tgt):
        return [("same problem", None), ("same problem", None), ("x" * 1000, "error")]


def test_messages_are_deduplicated_and_capped():
    entry = polib.POEntry(msgid="A full source sentence, not cut.", msgstr="甲", msgctxt="title")
    found = Noisy().check(entry, "en", "zh")
    assert [f.message for f in found][0] == "same problem" and len(found) == 2
    assert len(found[1].message) <= MAX_MESSAGE and found[1].message.endswith("(message cut)")
    assert found[0].msgid == entry.msgid and found[0].msgctxt == "title"
    assert cap("short") == "short"
    assert listing(["%s", "%s", "%d"]) == "%s ×2, %d"
    assert listing(str(i) for i in range(10)) == "0, 1, 2, 3, 4, 5, 6, 7 … and 2 more"


def test_ignore_flags():
    entry = polib.POEntry(msgid="a", msgstr="b", flags=["fuzzy", "ignore-noisy", "ignore-same"])
    assert suppressed(entry) == {"noisy", "identical"}
    assert Noisy().check(entry, "en", "zh") == []
