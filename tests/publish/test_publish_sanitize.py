"""Edition safety: the allowlist sanitiser, Markdown editions, HTML translations, refusals."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest

from transnews.errors import QualityError
from transnews.ingest import read_article
from transnews.publish import publish_edition, render_bilingual
from transnews.publish.sanitize import ALLOWED, restrict_html, safe_url, sanitize_html, sanitize_markdown


class _Live(HTMLParser):
    """Everything in a page a browser would act on: disallowed tags, handlers, unsafe URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.found.append(f"<{tag}>")
        for k, v in attrs:
            if k.startswith("on") or k in ("style", "srcset", "formaction", "action", "xlink:href"):
                self.found.append(k)
            if k in ("href", "src") and not safe_url(v or "", k):
                self.found.append(f"{k}={v}")


def live(markup: str) -> list[str]:
    parser = _Live()
    parser.feed(markup)
    parser.close()
    return parser.found


# attack → what the sanitiser leaves
ATTACKS = [
    ("<script>alert(1)</script>ok", "ok"),
    ("<script>alert(1)", ""),  # never closed: the rest is script
    ("<img src=x onerror=alert(1)>", '<img src="x">'),
    ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
    ("<svg onload=alert(1)><circle/></svg>y", "y"),
    ('<a href="jav&#x61;script:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>', "<a>x</a>"),
    ('<a href="javascript&colon;alert(1)">x</a>', "<a>x</a>"),
    ('<a href="JAVASCRIPT:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="java\tscript:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="java&#9;script:alert(1)">x</a>', "<a>x</a>"),
    ('<a href=" &#14;javascript:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="vbscript:msgbox(1)">x</a>', "<a>x</a>"),
    ('<iframe src="https://e.example/"></iframe>z', "z"),
    ('<div style="width: expression(alert(1))">x</div>', "<div>x</div>"),
    ("<style>p { x: expression(alert(1)) }</style>p", "p"),
    ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', "<img>"),
    ('<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>', "<a>x</a>"),
    ('<object data="x.swf"></object><embed src="x.swf">e', "e"),
    ('<form action="javascript:x"><input value=1><button formaction=javascript:y>Go</button></form>', "Go"),
    ('<math><a xlink:href="javascript:alert(1)">x</a></math>y', "y"),
    ("<!--<script>alert(1)</script>-->c", "c"),
    ("<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)"),
    ("<img alt='\"><script>alert(1)</script>'>", '<img alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">'),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', ""),
    ('<base href="https://e.example/"><meta http-equiv="refresh" content="0;url=javascript:x">m', "m"),
    ('<a href="https://ok.org/a" onclick="x" target="_blank">ok</a>', '<a href="https://ok.org/a">ok</a>'),
]


@pytest.mark.parametrize("attack,after", ATTACKS)
def test_sanitize_html_attacks(attack, after):
    assert sanitize_html(attack) == after
    assert live(sanitize_html(attack)) == []


def test_sanitize_html_keeps_ordinary_markup():
    page = ('<h2>T</h2><p>Read <a href="/rel" title="t">r</a>, <a href="mailto:a@b.c">m</a> and <em>x</em>'
            '<br><img src="https://x.org/a.png" alt="A"></p><ol start="3"><li><code class="language-py">'
            'a &lt; b &amp; c</code></li></ol>')
    assert sanitize_html(page) == page


MD_ATTACKS = [
    ("[x](javascript:alert(1)) and [y]( JAVASCRIPT:alert(1) ) and [z](jav&#x61;script:alert(1))\n",
     "x and y and z\n"),
    ("[r] text\n\n[r]: javascript:alert(1)\n", "r text\n\n[r]: javascript:alert(1)\n"),
    ("![i](data:image/png;base64,AA) ![j](https://ok.org/a.png)\n", " ![j](https://ok.org/a.png)\n"),
    ("a <javascript:alert(1)> b <https://ok.org>\n", "a \\<javascript:alert(1)> b <https://ok.org>\n"),
    ("> q <img src=x onerror=alert(1)>\n> more\n\n> <script>\n> alert(1)\n> </script>\n",
     '> q <img src="x">\n> more\n\n> \n'),
    ("<div onclick=\"x\">\n<iframe src=x></iframe>hi\n</div>\n", "<div>\nhi\n</div>\n"),
    # A tag across lines of a block quote, CRLF line ends; a reference link followed by text "(".
    ("> a <b\n> onclick=x>t</b>\r\n> c\n", "> a <b>t</b>\r\n> c\n"),
    ("[a](javascript:x)\r\n[b](https://ok.org)\r\n", "a\r\n[b](https://ok.org)\r\n"),
    ("[r](x y) and [r][nope]\n\n[r]: javascript:z\n", "r(x y) and [r][nope]\n\n[r]: javascript:z\n"),
    # An unclosed comment is text; the reference link after it still goes.
    ("x <!--\n\n[r]\n\n[r]: javascript:z\n", "x <!--\n\nr\n\n[r]: javascript:z\n"),
]


@pytest.mark.parametrize("attack,after", MD_ATTACKS)
def test_sanitize_markdown_attacks(attack, after):
    from markdown_it import MarkdownIt

    assert sanitize_markdown(attack) == after
    # Even a renderer that passes raw HTML and every link through finds nothing live.
    lax = MarkdownIt("commonmark")
    lax.validateLink = lambda url: True
    assert live(lax.render(sanitize_markdown(attack))) == []


@pytest.mark.parametrize("text", [
    "# Title *x*\n\nA [link](https://x.org/a \"t\") and `<script>` code, \\<b> and &lt;i&gt;.\n\n"
    "> quote <i>k</i>  \n> next\n\n1. item ![p](p.jpg)\n",
    "---\ntitle: <b>x</b>\n---\n\n# T\n",  # front matter is copied as it is
])
def test_sanitize_markdown_keeps_safe_markdown(text):
    assert sanitize_markdown(text) == text


def test_restrict_html_keeps_only_the_msgids_tags():
    msgid = 'Read the <a href="https://x.org/r" class="k">report</a>, <img src="c.png" alt="A cat">.'
    ok = "今天阅读<a href='https://x.org/r' class=\"k\">报告</a><img alt=\"一只猫\" src=\"c.png\">。"
    assert restrict_html(ok, msgid) == ('今天阅读<a href="https://x.org/r" class="k">报告</a>'
                                        '<img alt="一只猫" src="c.png">。')
    assert restrict_html('<a href="https://x.org/r" class="k">报告</a>', msgid) \
        == '<a href="https://x.org/r" class="k">报告</a>'
    assert restrict_html("a < b <i", msgid) == "a &lt; b &lt;i"
    out = restrict_html('<a href="javascript:x" onmouseover="y">报告</a><b>x</b><!--', msgid)
    assert live(out) == [] and "&lt;a href=" in out and "&lt;b&gt;" in out


# ------------------------------------------------------------------ editions

MARKDOWN = """\
# Title here

Read the [report](https://x.org/r) today. See <b onclick="x()">bold</b> now.

<script>alert('source')</script>

<img src=x onerror=alert(2)>

Second para is here.
"""


def _catalog(article, translate) -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "X-Source-Language": article.lang}
    for seg in article.segments:
        po.append(polib.POEntry(msgid=seg.text, msgctxt=seg.context, msgstr=translate(seg.text)))
    return po


def _md_article(tmp_path: Path):
    path = tmp_path / "news.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    return read_article(path, "en")


def test_markdown_editions_drop_the_sources_script_unless_raw_html_is_allowed(tmp_path):
    art = _md_article(tmp_path)
    po = _catalog(art, lambda t: "译：" + t)
    md = publish_edition(art, po, lang="zh").text
    page = publish_edition(art, po, lang="zh", fmt="html").text
    for out in (md, page):
        assert "<script" not in out and "onerror" not in out and "onclick" not in out
        assert "译：See <b>bold</b> now." in out and '<img src="x">' in out
    assert live(page[page.index("<article>"):]) == []
    raw = publish_edition(art, po, lang="zh", fmt="html", allow_raw_html=True).text
    assert "<script>alert('source')</script>" in raw and "<img src=x onerror=alert(2)>" in raw
    assert publish_edition(art, po, lang="zh", allow_raw_html=True).text.count("<script>") == 1


@pytest.mark.parametrize("msgstr", [
    "今天阅读[报告](https://x.org/r)<script>alert(1)</script>。",
    "今天阅读[报告](https://x.org/r)<img src=x onerror=alert(1)>。",
    "今天阅读[报告](javascript:alert(1))。",
])
def test_a_translation_adding_markup_is_refused(tmp_path, msgstr):
    art = _md_article(tmp_path)
    po = _catalog(art, lambda t: msgstr if t.startswith("Read the") else t)
    for fmt in ("md", "html"):
        with pytest.raises(QualityError, match="translation adds markup its source does not have"):
            publish_edition(art, po, lang="zh", fmt=fmt, allow_raw_html=True)


def test_bilingual_page_is_sanitised(tmp_path):
    art = _md_article(tmp_path)
    po = _catalog(art, lambda t: t.replace("(https://x.org/r)", "(https://x.org/r) ![i](data:image/png;base64,AA)"))
    page = render_bilingual(art, po, "zh")
    assert live(page[page.index("<main"):]) == [] and "data:image" not in page


PIECES = ["[", "]", "(", ")", "![", "<", ">", "`", "*", "\\", "&#x61;", "javascript:", "https://x.org/", "a", " ",
          "\n", "\n\n", "> ", "- ", "    ", "\t", "\r\n", "<b>", "</b>", "<img src=x onerror=y>", "<script>",
          "</script>", "<!--", "-->", '"', "<javascript:x>", "[r]: javascript:z\n", "[r]", "<div onclick=x>",
          '<a href="JaVa&#x09;script:q">', "</a>", "<svg>"]


def test_sanitized_markdown_has_nothing_live_whatever_the_mix():
    import random

    from markdown_it import MarkdownIt

    lax = MarkdownIt("commonmark")  # raw HTML on, every link allowed: the worst renderer
    lax.validateLink = lambda url: True
    rng = random.Random(11)
    for _ in range(2000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 20)))
        try:
            clean = sanitize_markdown(text)
        except QualityError:  # refused (nothing published) is safe too
            continue
        assert live(lax.render(clean)) == [], text
