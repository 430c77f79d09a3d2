"""Compiled catalogs: Python's gettext loads them; same lookups as GNU msgfmt's output."""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from transnews.catalog import catalog_paths, write_atomic
from transnews.errors import CatalogError
from transnews.publish import compile_catalogs


def _po() -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Project-Id-Version": "news", "Language": "zh_CN", "MIME-Version": "1.0",
                   "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
                   "Plural-Forms": "nplurals=1; plural=0;"}
    po.append(polib.POEntry(msgid="WIPO held a training.", msgstr="世界知识产权组织举办了培训。"))
    po.append(polib.POEntry(msgid="Top News", msgctxt="title", msgstr="要闻"))
    po.append(polib.POEntry(msgid="Top News", msgstr="头条新闻"))
    po.append(polib.POEntry(msgid="Draft only.", msgstr="草稿。", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Not yet.", msgstr=""))
    return po


def _load(mo: Path) -> gettext.GNUTranslations:
    with mo.open("rb") as fh:
        return gettext.GNUTranslations(fh)


def test_compile_writes_loadable_mo(tmp_path):
    po_path = catalog_paths(tmp_path / "locales", "news", "zh")[1]
    write_atomic({po_path: _po()})
    written = compile_catalogs([po_path])
    assert written == [po_path.with_suffix(".mo")]
    t = _load(written[0])
    assert t.gettext("WIPO held a training.") == "世界知识产权组织举办了培训。"
    assert t.pgettext("title", "Top News") == "要闻" and t.gettext("Top News") == "头条新闻"
    assert t.gettext("Draft only.") == "Draft only."  # fuzzy entries are not published
    assert t.gettext("Not yet.") == "Not yet."
    assert t.info()["language"] == "zh_CN"
    # gettext's own directory lookup finds it too.
    found = gettext.translation("news", localedir=tmp_path / "locales", languages=["zh"])
    assert found.gettext("WIPO held a training.") == "世界知识产权组织举办了培训。"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt not installed")
def test_same_lookups_as_msgfmt(tmp_path):
    po_path = tmp_path / "news.po"
    write_atomic({po_path: _po()})
    ours = compile_catalogs([po_path])[0]
    gnu = tmp_path / "gnu.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(gnu), str(po_path)], check=True)
    a, b = _load(ours), _load(gnu)
    assert a._catalog == b._catalog  # every key (with msgctxt) and translation, and the header


def test_broken_catalog_writes_nothing(tmp_path):
    good = tmp_path / "good.po"
    write_atomic({good: _po()})
    bad = tmp_path / "bad.po"
    bad.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    with pytest.raises(CatalogError, match="bad.po:2"):
        compile_catalogs([good, bad])
    assert not (tmp_path / "good.mo").exists() and not (tmp_path / "bad.mo").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.po", "good.po"]  # no temp files left
    with pytest.raises(CatalogError, match="not a .po catalog"):
        compile_catalogs([tmp_path / "x.pot"])


# ------------------------------------------------ charsets (issue 11, case 5)

NON_UTF8 = ('#, fuzzy\nmsgid ""\nmsgstr ""\n"Project-Id-Version: news\\n"\n'
            '"Content-Type: text/plain; charset={charset}\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
            'msgid "News"\nmsgstr "{word}"\n\nmsgctxt "menu"\nmsgid "Open"\nmsgstr "{word}!"\n\n'
            'msgid "file"\nmsgid_plural "files"\nmsgstr[0] "{word} 1"\nmsgstr[1] "{word} 2"\n\n'
            '#, fuzzy\nmsgid "Draft"\nmsgstr "{word}?"\n')


@pytest.mark.parametrize("charset, word", [("ISO-8859-1", "Nouvelles é"), ("GBK", "新闻"),
                                           ("Big5", "新聞"), ("UTF-8", "新闻")])
def test_compile_any_charset_python_knows(tmp_path, charset, word):
    po_path = tmp_path / "news.po"
    po_path.write_bytes(NON_UTF8.format(charset=charset, word=word).encode(charset))
    mo = compile_catalogs([po_path])[0]
    t = _load(mo)
    assert t.gettext("News") == word and t.pgettext("menu", "Open") == word + "!"
    assert t.ngettext("file", "files", 2) == word + " 2" and t.gettext("Draft") == "Draft"
    assert t.charset().upper().replace("-", "") == charset.upper().replace("-", "")
    if shutil.which("msgfmt") is not None:  # GNU writes the same strings, in the same charset
        gnu = tmp_path / "gnu.mo"
        subprocess.run(["msgfmt", "--check", "-o", str(gnu), str(po_path)], check=True)
        assert t._catalog == _load(gnu)._catalog


def test_compile_without_a_declared_charset_writes_utf8(tmp_path):
    po_path = tmp_path / "news.po"
    po_path.write_text('msgid ""\nmsgstr "Project-Id-Version: news\\n"\n\nmsgid "a"\nmsgstr "新闻"\n',
                       encoding="utf-8")
    t = _load(compile_catalogs([po_path])[0])  # GNU's .mo here makes Python's gettext fail
    assert t.gettext("a") == "新闻" and t.charset() == "UTF-8"


def test_unknown_charset_writes_no_mo(tmp_path):
    po_path = tmp_path / "news.po"
    po_path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=FOO-BAR\\n"\n\n'
                       'msgid "a"\nmsgstr "新闻"\n', encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        compile_catalogs([po_path])
    assert str(err.value) == f"{po_path}:3: unknown charset 'FOO-BAR' in the Content-Type header"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.po"]
