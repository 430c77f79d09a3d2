"""The markup comparison behind ``check``'s markup errors and ``publish``'s refusals."""

from __future__ import annotations

import polib
import pytest

from transnews.review import AddedMarkup, check_catalog
from transnews.review.markup import compare, entry_format, link_key, markup_of, url_scheme

LINK_MD = "Read the [report](https://x.org/r) today."
LINK_HTML = 'Read the <a href="https://x.org/r">report</a> today.'

# (format, msgid, msgstr, what the diff must name)
ADDED = [
    ("html", LINK_HTML, '今天阅读<a href="javascript:alert(1)" onmouseover="alert(2)">报告</a>。',
     ['onmouseover="alert(2)" on <a>', "javascript:alert(1)"]),
    ("html", LINK_HTML, '今天阅读<a href="https://x.org/r">报告</a>。<script>alert(1)</script>', ["<script>"]),
    ("html", LINK_HTML, '今天阅读<a href="https://x.org/r">报告</a><img src=x onerror=alert(1)>。', ["<img>"]),
    ("html", LINK_HTML, '今天阅读<a href="https://x.org/r">报告</a><svg onload=alert(1)>。', ["<svg>"]),
    ("html", LINK_HTML, '今天阅读<a href="https://x.org/r">报告</a><iframe src="https://e.example">。', ["<iframe>"]),
    ("html", LINK_HTML, '今天阅读<a href="https://x.org/r" style="x:expression(alert(1))">报告</a>。',
     ['style="x:expression(alert(1))" on <a>']),
    ("html", LINK_HTML, '今天阅读<a href="jav&#x61;script:alert(1)">报告</a>。', ["javascript:alert(1)"]),
    ("html", LINK_HTML, '今天阅读<a href="JAVASCRIPT:alert(1)">报告</a>。', ["javascript:alert(1)"]),
    ("html", LINK_HTML, '今天阅读<a href="java\tscript:alert(1)">报告</a>。', ["javascript:alert(1)"]),
    ("html", LINK_HTML, '今天阅读<a href="data:text/html,<b>x</b>">报告</a>。', ["data:text/html,<b>x</b>"]),
    ("html", LINK_HTML, '今天阅读<a href="https://x.org/r">报告</a>。<!-- x -->', ["<!--…-->"]),
    ("markdown", LINK_MD, "今天阅读[报告](javascript:alert(1))。", ["javascript:alert(1)"]),
    ("markdown", LINK_MD, "今天阅读[报告](jav&#x61;script:alert(1))。", ["javascript:alert(1)"]),
    ("markdown", LINK_MD, "今天阅读[报告](https://x.org/r)<script>alert(1)</script>。", ["<script>"]),
    ("markdown", LINK_MD, "今天阅读[报告](https://x.org/r)<img src=x onerror=alert(1)>。", ["<img>", "x"]),
    ("markdown", LINK_MD, "今天阅读[报告](https://x.org/r)![i](data:image/png;base64,AA)。",
     ["data:image/png;base64,AA"]),
    ("markdown", LINK_MD, "今天阅读[报告](https://x.org/r) <javascript:alert(1)>。", ["javascript:alert(1)"]),
    ("markdown", LINK_MD, "[r]: javascript:alert(1)", ["javascript:alert(1)"]),
    ("text", "See https://x.org/a for details.", "详见https://evil.example/a。", ["https://evil.example/a"]),
]

SAME = [
    ("html", LINK_HTML, '今天阅读<a href="https://x.org/r">报告</a>。'),
    ("html", LINK_HTML, "今天阅读<a href='https://x.org/r'>报告</a>。"),  # quoting is not markup
    ("html", 'An <img src="cat.png" alt="A cat"> here.', '这里有<img alt="一只猫" src="cat.png">。'),  # alt translated
    ("markdown", LINK_MD, "今天阅读[报告](https://x.org/r)。"),
    ("html", "One.<br>Two.", "一。<br/>二。"),  # the same line break
    ("markdown", "Use `<b>` tags.", "使用`<b>`标签。"),  # code, not markup
    ("markdown", "See https://x.org/a for more.", "详见https://x.org/a了解更多。"),  # no space before Chinese
    ("text", "Use <b> for bold.", "用<b>表示粗体。"),  # text is text
]


@pytest.mark.parametrize("fmt,msgid,msgstr,named", ADDED)
def test_added_markup_is_named(fmt, msgid, msgstr, named):
    diff = compare(msgid, msgstr, fmt)
    assert diff
    message = diff.message()
    assert message.startswith("translation adds markup its source does not have: ")
    for part in named:
        assert part in message


@pytest.mark.parametrize("fmt,msgid,msgstr", SAME)
def test_same_markup_passes(fmt, msgid, msgstr):
    assert not compare(msgid, msgstr, fmt)


def test_sides_and_link_keys():
    a = markup_of(LINK_HTML, "html")
    assert a.links == {"https://x.org/r"} and a.tags[("a", (("href", "https://x.org/r"),))] == 1
    assert markup_of(LINK_MD, "markdown").links == {"https://x.org/r"}
    assert markup_of(LINK_MD, "text").links == {"https://x.org/r"}  # the bracket it did not open left out
    assert link_key(" JAVA\tSCRIPT:alert(1)") == "javascript:alert(1)"
    assert [url_scheme(u) for u in ("jav&#x61;script:x", "java\nscript:x", "%6Aavascript:x", "/rel", "//h.org/a")] \
        == ["javascript", "javascript", "javascript", None, None]


def test_entry_format_from_references():
    assert entry_format(polib.POEntry(msgid="x", occurrences=[("news/a.md", "3")])) == "markdown"
    assert entry_format(polib.POEntry(msgid="x", occurrences=[("a.HTML", "3")])) == "html"
    assert entry_format(polib.POEntry(msgid="x", occurrences=[("a.txt", "3")])) == "text"
    assert entry_format(polib.POEntry(msgid="x")) is None


def test_check_reports_added_markup_as_an_error(tmp_path):
    po = polib.POFile()
    po.metadata = {"Language": "zh_CN", "X-Source-Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid=LINK_HTML, occurrences=[("a.html", "5")],
                            msgstr='今天阅读<a href="javascript:alert(1)" onmouseover="alert(2)">报告</a>。'))
    po.append(polib.POEntry(msgid="See https://x.org/a for details.", occurrences=[("a.txt", "1")],
                            msgstr="详见https://x.org/a。"))
    path = tmp_path / "a.po"
    po.save(str(path))
    loaded = polib.pofile(str(path))
    found = check_catalog(loaded, path, [AddedMarkup()])
    assert [(f.severity, f.check, f.line) for f in found] == [("error", "markup", loaded[0].linenum)]
    assert "onmouseover" in found[0].message and "javascript:alert(1)" in found[0].message
