"""PO reading/writing: GNU-identical output, clear errors, atomic all-or-nothing writes."""

import ctypes
import ctypes.util
import os
import shutil
import subprocess

import polib
import pytest

import transnews
from transnews.catalog import dumps, load_po, loads_po, write_atomic
from transnews.catalog.wrap import format_string, possible_breaks
from transnews.errors import CatalogError

MSGCAT = shutil.which("msgcat")
MSGFMT = shutil.which("msgfmt")
REAL = ["dpkg_po_zh_CN.po", "bleachbit_po_zh_CN.po", "mc_po_zh_CN.po"]


@pytest.mark.parametrize("name", REAL)
def test_load_save_equals_msgcat(conformance, name):
    if MSGCAT is None:
        pytest.skip("GNU msgcat not installed")
    src = conformance / "po_zh_CN" / name
    expected = subprocess.run([MSGCAT, str(src)], capture_output=True, text=True, check=True).stdout
    po = load_po(src)
    assert dumps(po) == expected
    # Saving our own output again is stable.
    assert dumps(loads_po(expected)) == expected


def test_dpkg_keeps_obsolete_previous_and_empty_extracted_lines(conformance):
    po = load_po(conformance / "po_zh_CN" / "dpkg_po_zh_CN.po")
    obsolete = [e for e in po if e.obsolete]
    assert len(obsolete) == 197
    assert sum(1 for e in obsolete if e.previous_msgid) > 0  # "#~|" lines, dropped by plain polib
    assert sum(1 for e in po if e.previous_msgid and not e.obsolete) == 79
    pct = po.find("%d%%")
    assert pct.comment.endswith("percentage.\n")  # the bare "#." line survives


def _unistring():
    name = ctypes.util.find_library("unistring")
    if not name:
        pytest.skip("libunistring not available")
    lib = ctypes.CDLL(name)
    fn = lib.u8_possible_linebreaks
    fn.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_char_p]

    def breaks(text):
        data = text.encode()
        buf = ctypes.create_string_buffer(len(data))
        fn(data, len(data), b"UTF-8", buf)
        out, i = [], 0
        for ch in text:
            out.append(buf.raw[i] == 2)  # UC_BREAK_POSSIBLE
            i += len(ch.encode())
        return out

    return breaks


def test_line_breaks_match_libunistring(conformance, example_article):
    """Our UAX #14 classes agree with libunistring (what msgcat uses) on real text."""
    breaks = _unistring()
    texts = [example_article.read_text(encoding="utf-8")]
    for name in REAL:
        po = load_po(conformance / "po_zh_CN" / name)
        texts += [e.msgstr for e in po if e.msgstr] + [e.msgid for e in po]
    texts += ["2021年7月7日至9日，世界知识产权组织（WIPO）在厦门举办了“版权培训”。",
              "《马拉喀什条约》——中国、日本……第3.5%", "He said: \"OK?\" (yes) [1] {x} a/b 3,500 $5 -1"]
    bad = [t for t in texts for line in t.split("\n") if possible_breaks(line) != breaks(line)]
    assert not bad, bad[:3]


def test_wrapping_examples():
    assert format_string("msgid", "short") == ['msgid "short"']
    lines = format_string("msgstr", "一" * 50)
    assert lines[0] == 'msgstr ""' and all(len(l.encode("utf-16-le")) // 2 <= 79 for l in lines)
    assert format_string("msgid", "a\nb") == ['msgid ""', '"a\\n"', '"b"']
    assert format_string("msgid", 'say "hi"\t', prefix="#~ ") == ['#~ msgid "say \\"hi\\"\\t"']


@pytest.mark.parametrize("text, line, words", [
    ('msgid "a"\nmsgstr "b"\nmsgid "c"\nmsgstr "d"\nbogus line\n', 5, "unexpected"),
    ('msgid "a"\nmsgstr "b\n', 2, "not closed"),
    ('msgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n', 4, "duplicate"),
    ('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', 3, "syntax"),
])
def test_syntax_errors_name_the_line(tmp_path, text, line, words):
    path = tmp_path / "bad.po"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        load_po(path)
    assert err.value.path == str(path) and err.value.line == line
    assert words in str(err.value)


def test_invalid_utf8_and_missing(tmp_path):
    path = tmp_path / "latin1.po"
    path.write_bytes(b'msgid "a"\nmsgstr "caf\xe9"\n')
    with pytest.raises(CatalogError, match="UTF-8") as err:
        load_po(path)
    assert err.value.line == 2
    with pytest.raises(CatalogError, match="no such catalog"):
        load_po(tmp_path / "nope.po")


def _po(msgid, msgstr):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    return po


def test_write_atomic_all_or_nothing(tmp_path):
    a, b = tmp_path / "x" / "a.po", tmp_path / "b.po"
    write_atomic({a: _po("one", "一"), b: _po("two", "二")})
    assert load_po(a).find("one").msgstr == "一" and load_po(b).find("two").msgstr == "二"
    before = a.read_bytes(), b.read_bytes()
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where a directory is needed")
    with pytest.raises(CatalogError):
        write_atomic({a: _po("one", "壹"), blocker / "c.po": _po("three", "三")})
    assert (a.read_bytes(), b.read_bytes()) == before
    leftovers = [p for p in tmp_path.rglob("*") if p.name.startswith(".")]
    assert leftovers == []


def test_write_atomic_rolls_back_when_a_replace_fails(tmp_path, monkeypatch):
    a, b = tmp_path / "a.po", tmp_path / "b.po"
    write_atomic({a: _po("one", "一"), b: _po("two", "二")})
    before = a.read_bytes(), b.read_bytes()
    real = os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if str(dst) == str(b) and len(calls) == 2:
            raise PermissionError(13, "Permission denied", str(dst))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(CatalogError, match="Permission denied"):
        write_atomic({a: _po("one", "壹"), b: _po("two", "贰")})
    monkeypatch.setattr(os, "replace", real)
    assert (a.read_bytes(), b.read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.po", "b.po"]


def _template_and_catalog(tmp_path):
    """A template and a drafted catalog written by transnews; returns their paths."""
    from transnews.catalog import build_template, update
    from transnews.model import PARAGRAPH, TITLE, Segment

    segs = [Segment("WIPO and NCAC held a training \"on copyright\".", 0, 10, 1, TITLE, 0),
            Segment("About 100 participants from 1,500 firms attended on July 7 to 9, 2021.", 11, 80, 3,
                    PARAGRAPH, 1)]
    pot = build_template(segs, domain="news", reference="news.txt", src_lang="en")
    res = update(None, pot, lang="zh", domain="news")
    for e in res.pending:
        e.msgstr, e.flags = "中文译文。", ["fuzzy"]
    write_atomic({tmp_path / "news.pot": pot, tmp_path / "zh" / "news.po": res.po})
    return tmp_path / "news.pot", tmp_path / "zh" / "news.po"


@pytest.mark.skipif(MSGFMT is None, reason="GNU msgfmt not installed")
def test_output_passes_msgfmt_check(tmp_path):
    for path in _template_and_catalog(tmp_path):
        proc = subprocess.run([MSGFMT, "-c", "--check-format", "-o", os.devnull, str(path)],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr


def test_output_headers(tmp_path):
    po = load_po(_template_and_catalog(tmp_path)[1])
    assert po.metadata["Language"] == "zh_CN" and po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert po.metadata["X-Generator"] == f"transnews {transnews.__version__}" and po.metadata["Project-Id-Version"] == "news"


# ------------------------------------------------ what msgfmt -c rejects (issue 11, case 4)

HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: {plural}\\n"\n\n')
PLURAL_ENTRY = 'msgid "file"\nmsgid_plural "files"\nmsgstr[0] "文件"\n'
# (file text, line of the error, words in the message): each is a file GNU msgfmt -c rejects.
REJECTED = {
    "invalid escape": (HEADER.format(plural="nplurals=1; plural=0;") + 'msgid "a"\nmsgstr "b\\qc"\n',
                       7, "invalid escape sequence \\q"),
    "escape after text": (HEADER.format(plural="nplurals=1; plural=0;") + 'msgid "a"\nmsgstr ""\n"x\\e"\n',
                          8, "invalid escape sequence \\e"),
    "index beyond nplurals": (HEADER.format(plural="nplurals=1; plural=0;") + PLURAL_ENTRY
                              + 'msgstr[2] "文件们"\n', 9, "msgstr[2], but the Plural-Forms header says nplurals=1"),
    "too many forms": (HEADER.format(plural="nplurals=1; plural=0;") + PLURAL_ENTRY + 'msgstr[1] "x"\n',
                       9, "nplurals=1"),
    "too few forms": (HEADER.format(plural="nplurals=2; plural=(n != 1);") + PLURAL_ENTRY,
                      6, "1 plural form(s), but the Plural-Forms header says nplurals=2"),
    "garbage Plural-Forms": (HEADER.format(plural="garbage") + PLURAL_ENTRY, 4, "is not 'nplurals=N; plural="),
    "invalid plural expression": (HEADER.format(plural="nplurals=2; plural=n+;") + PLURAL_ENTRY
                                  + 'msgstr[1] "x"\n', 4, "invalid plural expression 'n+'"),
    "plural out of range": (HEADER.format(plural="nplurals=2; plural=n;") + PLURAL_ENTRY + 'msgstr[1] "x"\n',
                            4, "gives 2 for n = 2, but nplurals = 2"),
    "division by zero": (HEADER.format(plural="nplurals=2; plural=n/0;") + PLURAL_ENTRY + 'msgstr[1] "x"\n',
                         4, "divides by zero"),
    "plural without header": ('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n' + PLURAL_ENTRY
                              + 'msgstr[1] "x"\n', 4, "need a Plural-Forms header"),
    "text after the string": (HEADER.format(plural="nplurals=1; plural=0;") + 'msgid "a"\nmsgstr "b" c\n',
                              7, "unexpected 'c' after the string"),
}


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_files_msgfmt_rejects_are_refused_with_their_line(tmp_path, name):
    text, line, words = REJECTED[name]
    path = tmp_path / "bad.po"
    path.write_text(text, encoding="utf-8")
    if MSGFMT is not None:  # the premise: GNU refuses this file too
        proc = subprocess.run([MSGFMT, "-c", "-o", os.devnull, str(path)], capture_output=True, text=True)
        assert proc.returncode != 0, proc.stderr
    before = path.read_bytes()
    with pytest.raises(CatalogError) as err:
        load_po(path)
    assert (err.value.path, err.value.line) == (str(path), line), str(err.value)
    assert words in str(err.value)
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["bad.po"]


@pytest.mark.parametrize("body, line, words", [
    ('msgid "a"\nmsgstr "b\\0c"\n', 7, "\\0 would end the string"),  # GNU silently truncates here
    ('msgid "a"\nmsgstr "b\\x141c"\n', 7, "larger than one byte"),  # GNU keeps one byte of it
    ('msgid "a"\nmsgstr "b\\351"\n', 7, "do not form valid utf-8"),  # GNU drops the rest
    ('msgid "a\\004b"\nmsgstr "c"\n', 6, "context separator"),
    ('msgid "a"\nmsgstr[10] "c"\n', 7, "more than 10 plural forms"),
])
def test_escapes_that_would_lose_text_are_refused(body, line, words):
    with pytest.raises(CatalogError) as err:
        loads_po(HEADER.format(plural="nplurals=1; plural=0;") + body, path="x.po")
    assert err.value.line == line and words in str(err.value)


def test_every_escape_gnu_accepts_reads_as_msgfmt_does(tmp_path):
    """Escapes polib does not know (\\a, octal, hex) and two strings on one line are read
    as GNU reads them, so saving never turns them into different text."""
    text = (HEADER.format(plural="nplurals=1; plural=0;")
            + 'msgid "a"\nmsgstr "\\a\\b\\f\\v\\r\\t\\"\\\\ \\101\\x42\\303\\251 " "end"\n'
            + 'msgid "raw"\nmsgstr "line\u2028sep\x85x\x1cy"\n')
    path = tmp_path / "ok.po"
    path.write_text(text, encoding="utf-8")
    po = load_po(path)
    assert po.find("a").msgstr == '\a\b\f\v\r\t"\\ ABé end'
    assert po.find("raw").msgstr == "line\u2028sep\x85x\x1cy"  # no line break for polib's splitlines()
    if MSGCAT is not None:
        assert dumps(po) == subprocess.run([MSGCAT, str(path)], capture_output=True, text=True,
                                           check=True).stdout
    assert dumps(loads_po(dumps(po))) == dumps(po)


def test_template_placeholders_are_accepted():
    pot = ('#, fuzzy\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=CHARSET\\n"\n'
           '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"\n\n'
           'msgid "file"\nmsgid_plural "files"\nmsgstr[0] ""\nmsgstr[1] ""\n')
    assert loads_po(pot, path="news.pot").find("file").msgid_plural == "files"
    with pytest.raises(CatalogError, match="Plural-Forms"):
        loads_po(pot, path="news.po")


def test_rewrapped_extracted_comment_keeps_its_second_line(tmp_path):
    """Another tool wrapped a long "#." line onto two: load → save keeps both (as msgcat),
    and a translate re-run (update) keeps the wrapped draft note whole."""
    from transnews.catalog import build_template, get_comment, update
    from transnews.model import PARAGRAPH, Segment

    text = (HEADER.format(plural="nplurals=1; plural=0;")
            + "#. machine translation: argos translate-en_zh-1_0 1.0\n#. (en→zh, CTranslate2)\n"
            + "#: news.txt:1\n#, fuzzy\nmsgid \"One sentence here.\"\nmsgstr \"一句话。\"\n")
    path = tmp_path / "news.po"
    path.write_text(text, encoding="utf-8")
    po = load_po(path)
    assert "#. (en→zh, CTranslate2)\n" in dumps(po)
    if MSGCAT is not None:
        assert dumps(po) == subprocess.run([MSGCAT, str(path)], capture_output=True, text=True,
                                           check=True).stdout
    pot = build_template([Segment("One sentence here.", 0, 18, 1, PARAGRAPH, 0)], domain="news",
                         reference="news.txt")
    again = update(po, pot, lang="zh").po.find("One sentence here.")
    assert get_comment(again, "engine") == ("machine translation: argos translate-en_zh-1_0 1.0\n"
                                            "(en→zh, CTranslate2)")
    assert again.comment.count("(en→zh, CTranslate2)") == 1


# ------------------------------------------------ charsets (issue 11, case 5)


def test_catalog_in_its_declared_charset_is_read_and_saved_as_utf8():
    data = (b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
            b'msgid "cafe"\nmsgstr "caf\xe9 \\303"\n')
    po = loads_po(data, path="fr.po")
    assert po.find("cafe").msgstr == "café Ã" and po.encoding == "iso8859-1"
    out = dumps(po)
    assert 'charset=UTF-8\\n"' in out and 'msgstr "café Ã"' in out  # written as msgconv -t UTF-8 would
    assert loads_po(out.encode("utf-8")).find("cafe").msgstr == "café Ã"


@pytest.mark.parametrize("charset, words", [("FOO-BAR", "unknown charset 'FOO-BAR'"),
                                            ("UTF-16", "not ASCII-compatible")])
def test_unusable_charset_is_refused_at_the_header_line(charset, words):
    data = f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={charset}\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    with pytest.raises(CatalogError) as err:
        loads_po(data.encode(), path="x.po")
    assert err.value.line == 3 and words in str(err.value)
