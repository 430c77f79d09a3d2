"""The shared text foundation: CJK predicates, language tags, URLs, months, line numbers.

Every stage reads these facts from :mod:`transnews.text`; the tests check the stages hold
the very same objects (or agree character by character), so the copies cannot drift.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from transnews import text
from transnews.errors import LanguageError
from transnews.text import (LineIndex, check_language, has_cjk, is_cjk_char, is_east_asian, is_fullwidth_punct,
                            is_unspaced_char, language_code, parse_tag, url_spans)

# (character, CJK letter, unspaced (Han/kana), East Asian text, full-width punctuation)
SAMPLE = [
    ("A", False, False, False, False), ("7", False, False, False, False), (" ", False, False, False, False),
    (",", False, False, False, False), ("é", False, False, False, False), ("ß", False, False, False, False),
    ("“", False, False, False, True), ("…", False, False, False, True),
    ("，", False, False, True, True), ("。", False, False, True, True), ("《", False, False, True, True),
    ("\u3000", False, False, True, True), ("）", False, False, True, True),
    ("Ａ", False, False, True, False), ("１", False, False, True, False),  # full-width forms
    ("あ", True, True, True, False), ("カ", True, True, True, False), ("ー", True, True, True, False),
    ("ｶ", True, True, True, False),  # half-width katakana
    ("한", True, False, True, False), ("ᄀ", True, False, True, False), ("ㄱ", True, False, True, False),
    ("中", True, True, True, False), ("\u9fff", True, True, True, False),
    ("\u3400", True, True, True, False), ("\u4dbf", True, True, True, False),  # extension A
    ("\U00020000", True, True, True, False), ("\U0002a6df", True, True, True, False),  # extension B
    ("\U00030000", True, True, True, False),  # extension G
    ("\uf900", True, True, True, False), ("\U0002f800", True, True, True, False),  # compatibility
    ("⺀", False, False, True, False), ("ㄅ", False, False, True, False),  # radical, bopomofo
    ("😀", False, False, False, False), ("\U000f0000", False, False, False, False),  # emoji, private use
]


@pytest.mark.parametrize("ch, cjk, unspaced, east_asian, fw_punct", SAMPLE)
def test_predicates_on_a_unicode_sample(ch, cjk, unspaced, east_asian, fw_punct):
    assert (is_cjk_char(ch), is_unspaced_char(ch), is_east_asian(ch), is_fullwidth_punct(ch)) == \
        (cjk, unspaced, east_asian, fw_punct)
    assert has_cjk(f"a{ch}b") is cjk


def test_every_stage_uses_the_shared_predicates():
    import importlib

    from transnews.engine import cleanup
    from transnews.glossary import recognize, store
    from transnews.normalize import spacing
    from transnews.publish import edition
    from transnews.review import checks, stats
    from transnews.segment import cjk

    enforce = importlib.import_module("transnews.glossary.enforce")  # the package exports a function too
    assert cjk.is_cjk_char is text.is_cjk_char and cjk.is_fullwidth_punct is text.is_fullwidth_punct
    assert spacing.is_east_asian is text.is_east_asian and edition.is_east_asian is text.is_east_asian
    assert recognize.has_east_asian is text.has_east_asian and enforce._is_cjk is text.is_east_asian
    from transnews.glossary import automaton
    assert automaton.has_east_asian is text.has_east_asian
    assert store._has_cjk is text.has_cjk
    assert stats._CJK_CHAR is text.UNSPACED_RE and checks._CJK is text.UNSPACED_CHARS
    assert checks.is_cjk is text.is_cjk_language and edition.is_cjk is text.is_cjk_language
    for ch, _, unspaced, _, fw_punct in SAMPLE:  # cleanup builds its own patterns from the classes
        assert bool(cleanup._CJK_RE.match(ch)) is unspaced, ch
        assert bool(cleanup._FW_RE.match(ch)) is fw_punct, ch
        assert stats.count_words(f"{ch}") == (1 if unspaced else int(ch.isalnum())), ch


def test_the_cjk_range_is_written_in_one_file():
    src = Path(text.__file__).parent
    ranges = re.compile(r"\\u4e00|\\u9fff|\\u3400|0x4e00|0x9fff|0x3400|\\U00020000|0x20000|一-", re.IGNORECASE)
    holders = sorted(str(p.relative_to(src)) for p in src.rglob("*.py") if ranges.search(p.read_text("utf-8")))
    assert holders == ["text.py"]


# --- language tags ----------------------------------------------------------------------------

@pytest.mark.parametrize("tag, code, region, script, babel, po, html", [
    ("en", "en", None, None, "en", "en", "en"),
    ("EN", "en", None, None, "en", "en", "en"),
    ("en-US", "en", "US", None, "en_US", "en_US", "en-US"),
    ("en_GB", "en", "GB", None, "en_GB", "en_GB", "en-GB"),
    ("eng", "en", None, None, "en", "en", "en"),
    ("zh", "zh", None, None, "zh_Hans_CN", "zh_CN", "zh-Hans"),
    ("zh-CN", "zh", "CN", None, "zh_Hans_CN", "zh_CN", "zh-Hans-CN"),
    ("zh_CN", "zh", "CN", None, "zh_Hans_CN", "zh_CN", "zh-Hans-CN"),
    ("zh-Hans", "zh", None, "Hans", "zh_Hans_CN", "zh_CN", "zh-Hans"),
    ("zh-Hans-CN", "zh", "CN", "Hans", "zh_Hans_CN", "zh_CN", "zh-Hans-CN"),
    ("zh-SG", "zh", "SG", None, "zh_Hans_SG", "zh_SG", "zh-Hans-SG"),
    ("zh-Hans-TW", "zh", "TW", "Hans", "zh_Hans_TW", "zh_TW", "zh-Hans-TW"),  # the script decides
    ("zh-TW", "zt", "TW", None, "zh_Hant_TW", "zh_TW", "zh-Hant-TW"),
    ("zh-Hant", "zt", None, "Hant", "zh_Hant_TW", "zh_TW", "zh-Hant"),
    ("zh-Hant-TW", "zt", "TW", "Hant", "zh_Hant_TW", "zh_TW", "zh-Hant-TW"),
    ("zh-HK", "zt", "HK", None, "zh_Hant_HK", "zh_HK", "zh-Hant-HK"),
    ("zh_Hant_HK", "zt", "HK", "Hant", "zh_Hant_HK", "zh_HK", "zh-Hant-HK"),
    ("zh-MO", "zt", "MO", None, "zh_Hant_MO", "zh_MO", "zh-Hant-MO"),
    ("zt", "zt", None, None, "zh_Hant_TW", "zh_TW", "zh-Hant"),
    ("nb", "nb", None, None, "nb_NO", "nb", "nb"),
    ("es-419", "es", "419", None, "es_419", "es_419", "es-419"),
    ("ja", "ja", None, None, "ja", "ja", "ja"),
])
def test_language_tags(tag, code, region, script, babel, po, html):
    parsed = parse_tag(tag)
    assert (parsed.code, parsed.region, parsed.script) == (code, region, script)
    assert (parsed.babel_locale(), parsed.po_language(), parsed.html_lang()) == (babel, po, html)
    assert check_language(tag) == code == language_code(tag)
    # A Traditional edition keeps its region: catalogs in locales/zh_TW, zh_HK (issue 12).
    assert parsed.locale_dir == (po if code == "zt" else code) == text.check_target(tag)


def test_plain_codes_keep_their_locale_names():
    assert [text.babel_locale(c) for c in ("zh", "zt", "nb", "en")] == ["zh_Hans_CN", "zh_Hant_TW", "nb_NO", "en"]
    assert [text.po_language(c) for c in ("zh", "zt", "en")] == ["zh_CN", "zh_TW", "en"]
    assert [text.html_lang(c) for c in ("zh", "zt", "en")] == ["zh-Hans", "zh-Hant", "en"]
    assert [text.tmx_lang(c) for c in ("zh", "zt", "en")] == ["zh-CN", "zh-TW", "en"]


@pytest.mark.parametrize("bad", ["", "english", "xx", "xx-US", "en-", "zh--TW", "en US", "e"])
def test_unknown_or_malformed_codes_are_one_line_errors(bad):
    with pytest.raises(LanguageError) as err:
        check_language(bad, option="--to")
    msg = str(err.value)
    assert "\n" not in msg and msg.startswith(f"unknown --to code {bad!r}") and "en, eo, es" in msg


def test_lenient_codes_for_files():
    assert [language_code(t) for t in ("EN-us", "zh-Hant", "zho", "fr-FR", "English")] == \
        ["en", "zt", "zh", "fr", "english"]
    assert text.is_language_tag("zh_Hant_HK") and not text.is_language_tag("notes")
    with pytest.raises(LanguageError):
        parse_tag("en--US")


def test_every_stage_uses_the_one_tag_parser():
    from transnews.catalog import tmx
    from transnews.glossary import concept
    from transnews.languages import check_pair

    assert concept.lang_family is text.language_code and tmx.language_code is text.language_code
    assert check_pair("en-US", "zh-Hant-TW") == ("en", "zh_TW")


def test_traditional_editions_keep_their_region_and_opencc_config():
    assert [text.check_target(t) for t in ("zh-TW", "zh_Hant_TW", "zt", "zh-HK", "zh-Hant-HK", "zh-CN", "en-GB")] == \
        ["zh_TW", "zh_TW", "zh_TW", "zh_HK", "zh_HK", "zh", "en"]
    assert [text.opencc_configs(t) for t in ("zh_TW", "zh-HK", "zh-MO", "zh", "en")] == \
        [("s2twp", "t2tw"), ("s2hk", "t2hk"), ("s2t", None), None, None]
    assert [text.traditional_region(t) for t in ("zh_HK", "zt", "zh-Hans", "en")] == ["HK", "TW", None, None]
    # The folder a catalog lies in reads back as its target (check, publish).
    assert text.target_locale("zh_HK") == "zh_HK" and text.target_locale("zh_CN") == "zh"
    assert (text.po_language("zh_HK"), text.babel_locale("zh_HK")) == ("zh_HK", "zh_Hant_HK")
    with pytest.raises(LanguageError):
        text.check_target("zh-XX-", option="--to")


def test_translate_accepts_bcp47_tags(argos_settings, tmp_path, example_article):
    """--from en-US --to zh-Hant-TW passes option parsing: only the missing model stops it."""
    from transnews.cli.app import app

    article = tmp_path / "ncac.txt"
    shutil.copy(example_article, article)
    result = CliRunner().invoke(app, ["translate", str(article), "--from", "en-US", "--to", "zh-Hant-TW",
                                      "--out", str(tmp_path / "locales"), "--offline"])
    assert result.exit_code == 3, result.stderr  # ModelError, not a LanguageError (2)
    assert "unknown" not in result.stderr and "transnews models install" in result.stderr


# --- URLs and e-mail addresses ----------------------------------------------------------------

@pytest.mark.parametrize("sample, found", [
    ("See https://www.wipo.int/about?x=1.", ["https://www.wipo.int/about?x=1"]),
    ("(see https://x.org/a) and https://en.wikipedia.org/wiki/Foo_(bar).",
     ["https://x.org/a", "https://en.wikipedia.org/wiki/Foo_(bar)"]),
    ("详见https://www.ncac.gov.cn/a.html，谢谢。", ["https://www.ncac.gov.cn/a.html"]),
    ("Visit www.Example.com/x;y, or HTTP://X.ORG!", ["www.Example.com/x;y", "HTTP://X.ORG"]),
    ("“https://x.org/q”", ["https://x.org/q"]),
    ("mail zhao.Wei@ncac.gov.cn.", ["zhao.Wei@ncac.gov.cn"]),
    ("xhttps://no.example and ftp://files.example/a_*", ["ftp://files.example/a"]),
])
def test_url_spans(sample, found):
    assert [sample[a:b] for a, b in url_spans(sample)] == found


def test_url_options_and_stage_users():
    from transnews.engine.cleanup import clean_output
    from transnews.ingest.markdown import url_pieces
    from transnews.normalize.fix import protected_spans_in

    s = "Read wipo.int/x and https://x.org/a. Mail a@b.org."
    assert [s[a:b] for a, b in url_spans(s, emails=False)] == ["https://x.org/a"]
    assert [s[a:b] for a, b in url_spans(s, domains=True)] == ["wipo.int/x", "https://x.org/a", "a@b.org"]
    assert [(p.start, p.end) for p in url_pieces(s, 0, len(s))] == list(url_spans(s, emails=False))
    assert protected_spans_in(s, None) == list(url_spans(s, domains=True))
    assert clean_output("详见 https://x.org/a_(b)... 好 .", "zh") == "详见 https://x.org/a_(b)……好。"


# --- months, abbreviations --------------------------------------------------------------------

def test_months_and_abbreviations_have_one_home():
    from transnews.engine import cleanup
    from transnews.ingest import dates
    from transnews.normalize import fix
    from transnews.review import checks
    from transnews.segment import rules

    assert text.MONTHS["sept"] == 9 and text.MONTHS["may"] == 5 and text.MONTHS["december"] == 12
    assert "may" not in text.MONTH_ABBREVIATIONS and {"jan", "sep", "sept"} <= text.MONTH_ABBREVIATIONS
    assert dates.MONTHS is text.MONTHS and checks._MONTHS is text.MONTHS
    assert text.MONTH_ABBREVIATIONS <= rules.EnglishRules.abbreviations
    assert fix.ABBREVIATIONS is rules.ENGLISH_ABBREVIATIONS
    assert {"mx", "cpt", "sect", "depts", "ext", "ref", "jan"} <= fix.ABBREVIATIONS  # the corrector's old list
    assert cleanup.LATIN_IN_CJK is rules.LATIN_IN_CJK <= rules.ENGLISH_ABBREVIATIONS


# --- line numbers -----------------------------------------------------------------------------

def test_line_index():
    idx = LineIndex("ab\ncd\r\nef\rgh\n")
    assert len(idx) == 5
    assert [idx.line(i) for i in (0, 2, 3, 5, 6, 7, 9, 10, 12, 13)] == [1, 1, 2, 2, 2, 3, 3, 4, 4, 5]
    assert [idx.span(n) for n in range(1, 6)] == [(0, 2), (3, 5), (7, 9), (10, 12), (13, 13)]
    assert idx.offset(3, 1) == 8
    html = LineIndex("a\rb\nc", newline_only=True)  # as HTMLParser.getpos counts
    assert len(html) == 2 and html.offset(2, 0) == 4 and html.line(2) == 1
    assert len(LineIndex("")) == 1 and LineIndex("").span(1) == (0, 0)
