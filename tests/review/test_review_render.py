"""The emphasis check (issue 14 item 3): Markdown emphasis a renderer would show as asterisks."""

import polib

from transnews.review import default_checks
from transnews.review.render import Emphasis


def _findings(msgid, msgstr, ref="news.md"):
    entry = polib.POEntry(msgid=msgid, msgstr=msgstr, occurrences=[(ref, "3")])
    return Emphasis().check(entry, "en", "zh")


def test_unrendered_emphasis_warns_in_markdown_only():
    found = _findings("the *Beijing Treaty* and **Marrakesh Treaty**", "*《视听表演北京条约》*和**《马拉喀什条约》**")
    assert [f.severity for f in found] == ["warning", "warning"]
    assert "'*《视听表演北京条约》*'" in found[0].message and "asterisks" in found[0].message
    assert _findings("the *Beijing Treaty*", "《视听表演*北京*条约》") == []  # renders
    assert _findings("a *b*", "*《视听表演北京条约》*和", ref="news.txt") == []  # plain text: just asterisks
    assert _findings("a *b*", "*《视听表演北京条约》*和", ref="news.html") == []
    assert "emphasis" in [c.name for c in default_checks()]


def test_the_reviewed_example_raises_no_emphasis_warning_even_read_as_markdown():
    """Issue 13's closing figure (0 findings on the correct translation) holds with the
    emphasis check added, also were the article Markdown (the check's only format)."""
    from pathlib import Path

    po = polib.pofile(str(Path(__file__).parent / "data" / "ncac-wipo-copyright-training.po"))
    entries = [e for e in po if e.msgstr]
    assert len(entries) > 10
    for entry in entries:
        entry.occurrences = [("ncac-wipo-copyright-training.md", "1")]
        assert Emphasis().check(entry, "en", "zh") == [], entry.msgid
