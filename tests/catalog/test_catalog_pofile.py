"""PO reading/writing: GNU-identical output, clear errors, atomic all-or-nothing writes."""

import ctypes
import ctypes.util
import os
import shutil
import subprocess

import polib
import pytest

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


def test_output_passes_msgfmt_check(tmp_path):
    if MSGFMT is None:
        pytest.skip("GNU msgfmt not installed")
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
    for path in (tmp_path / "news.pot", tmp_path / "zh" / "news.po"):
        proc = subprocess.run([MSGFMT, "-c", "--check-format", "-o", os.devnull, str(path)],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
    po = load_po(tmp_path / "zh" / "news.po")
    assert po.metadata["Language"] == "zh_CN" and po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert po.metadata["X-Generator"] == "transnews 0.1.0" and po.metadata["Project-Id-Version"] == "news"
