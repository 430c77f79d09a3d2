"""`transnews translate` end to end with the tiny real Argos package."""

import json
import re
import shutil
import subprocess
import sys

import polib
import pytest
from typer.testing import CliRunner

from transnews.cli.app import app

runner = CliRunner()
MSGFMT = shutil.which("msgfmt")


def _run(*args):
    args = [str(a) for a in args]
    if args[:1] == ["translate"]:
        args.append("--beam=1")  # random weights: beam search only costs time here
    result = runner.invoke(app, args)
    return result.exit_code, result.stdout, result.stderr


needs_msgfmt = pytest.mark.skipif(MSGFMT is None, reason="GNU msgfmt not installed")


def _msgfmt_ok(path):
    proc = subprocess.run([MSGFMT, "-c", "--check-format", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


@pytest.fixture
def article(tmp_path, example_article):
    dest = tmp_path / "ncac.txt"
    shutil.copy(example_article, dest)
    return dest


def test_translate_example_article(tiny_argos, article, tmp_path):
    out = tmp_path / "locales"
    code, stdout, stderr = _run("translate", article, "--from", "en", "--to", "zh", "--out", out, "--offline")
    assert code == 0, stderr
    pot, po_path = out / "ncac.pot", out / "zh" / "LC_MESSAGES" / "ncac.po"
    assert pot.is_file() and po_path.is_file()
    po = polib.pofile(str(po_path))
    assert po.metadata["Language"] == "zh_CN" and "nplurals=1" in po.metadata["Plural-Forms"]
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.metadata["X-Generator"].startswith("transnews")
    crumb = po.find("You are here: Home > News > Top News", msgctxt="boilerplate")
    assert crumb is not None and crumb.msgstr == ""  # boilerplate is never sent to MT
    title = [e for e in po if e.msgctxt == "title"]
    assert len(title) == 1 and title[0].msgstr and "fuzzy" in title[0].flags
    body = [e for e in po if e.msgctxt is None]
    assert len(body) >= 12 and all(e.msgstr and "fuzzy" in e.flags for e in body)
    assert all(e.occurrences and e.occurrences[0][0].endswith("ncac.txt") for e in po)
    assert all("argos translate-en_zh-1_0" in e.comment for e in body)
    # The typos were fixed before MT and the fix is shown to reviewers.
    fixed = [e for e in body if "source corrected: cultral → cultural" in e.comment]
    assert len(fixed) == 1 and "cultural companies" in fixed[0].msgid
    assert not any("cultral" in e.msgid or "traning" in e.msgid for e in po)
    # No placeholder residue and no spaces between CJK characters in drafts.
    assert "engine: argos" in stdout


@needs_msgfmt
def test_translate_output_passes_msgfmt(tiny_argos, article, tmp_path):
    out = tmp_path / "locales"
    code, _, stderr = _run("translate", article, "--from", "en", "--to", "zh", "--out", out, "--offline")
    assert code == 0, stderr
    _msgfmt_ok(out / "zh" / "LC_MESSAGES" / "ncac.po")
    _msgfmt_ok(out / "ncac.pot")


def test_rerun_unchanged_makes_no_mt_call(tiny_argos, article, tmp_path):
    out = tmp_path / "locales"
    assert _run("translate", article, "--out", out, "--offline")[0] == 0
    po_path = out / "zh" / "LC_MESSAGES" / "ncac.po"
    first = po_path.read_text(encoding="utf-8")
    code, stdout, stderr = _run("translate", article, "--out", out, "--offline", "--json")
    assert code == 0, stderr
    summary = json.loads(stdout)
    assert summary["mt_calls"] == 0 and summary["mt_segments"] == 0
    assert polib.pofile(first).translated_entries() == polib.pofile(str(po_path)).translated_entries()


def test_several_articles_one_batch(tiny_argos, article, tmp_path):
    second = tmp_path / "other.txt"
    second.write_text("Home > News\nWIPO news\n\nThe Marrakesh Treaty entered into force. Ms. Liu spoke.\n",
                      encoding="utf-8")
    out = tmp_path / "locales"
    code, stdout, stderr = _run("translate", article, second, "--out", out, "--offline", "--json",
                                "--no-glossary")
    assert code == 0, stderr
    summary = json.loads(stdout)
    # Every new sentence of both articles goes to CTranslate2 in one batch.
    assert summary["mt_calls"] == 1
    entries = [e for name in ("ncac", "other")
               for e in polib.pofile(str(out / "zh" / "LC_MESSAGES" / f"{name}.po"))
               if e.msgctxt != "boilerplate"]
    assert summary["mt_segments"] == len({e.msgid for e in entries}) >= 18
    assert sorted(c["domain"] for c in summary["catalogs"]) == ["ncac", "other"]
    assert (out / "zh" / "LC_MESSAGES" / "other.po").is_file()


def test_glossary_enforced_through_the_tiny_model(tiny_argos, article, tmp_path):
    out = tmp_path / "locales"
    code, stdout, stderr = _run("translate", article, "--out", out, "--offline", "--json")
    assert code == 0, stderr
    summary = json.loads(stdout)
    # The random model drops every placeholder; the repair pass (one more batch) restores terms.
    assert summary["mt_calls"] <= 2
    assert summary["term_success_rate"] >= 0.99
    po = polib.pofile(str(out / "zh" / "LC_MESSAGES" / "ncac.po"))
    wipo = [e for e in po if "World Intellectual Property Organization (WIPO)" in e.msgid]
    assert wipo and "世界知识产权组织" in wipo[0].msgstr
    assert "terms:" in wipo[0].comment and "世界知识产权组织" in wipo[0].comment
    assert not any(re.search(r"\b[ZQX]X\d+", e.msgstr) for e in po)


def test_download_on_first_use_from_loopback_index(tiny_argos_archive, argos_settings, article, tmp_path, monkeypatch):
    from argos_index import serve_index

    meta = {"package_version": "1.0", "argos_version": "1.9", "from_code": "en", "to_code": "zh",
            "from_name": "English", "to_name": "Chinese", "type": "translate"}
    with serve_index([(tiny_argos_archive, meta)], tmp_path / "www") as (base, requests):
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
        code, stdout, stderr = _run("translate", article, "--out", tmp_path / "locales")
    assert code == 0, stderr
    assert f"/{tiny_argos_archive.name}" in requests
    assert (argos_settings.packages_dir / "translate-en_zh-1_0" / "model" / "model.bin").is_file()
    code, stdout, _ = _run("models", "list", "--json")
    assert [(m["from"], m["to"]) for m in json.loads(stdout)] == [("en", "zh")]


def test_offline_without_model_says_what_to_run(argos_settings, article, tmp_path):
    out = tmp_path / "locales"
    code, stdout, stderr = _run("translate", article, "--out", out, "--offline")
    assert code == 3
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "transnews models install" in lines[0] and "Traceback" not in stderr
    assert not out.exists()


@pytest.mark.parametrize("setup, message, code", [
    (lambda d: d / "missing.txt", "no such file", 2),
    (lambda d: d, "no article files", 2),  # a folder is searched for articles (issue 16): this one has none
    (lambda d: (d / "e.txt").write_text("\n \n") and d / "e.txt", "empty", 2),
    (lambda d: (d / "b.txt").write_bytes(b"\x7fELF\x00\x00\x01") and d / "b.txt", "binary", 2),
    (lambda d: (d / "g.txt").write_bytes("标题\n正文。".encode("gbk")) and d / "g.txt", "--encoding", 2),
])
def test_bad_article_one_line_no_output(argos_settings, tmp_path, setup, message, code):
    src_dir = tmp_path / "in"
    src_dir.mkdir()
    target = setup(src_dir)
    out = tmp_path / "locales"
    rc, stdout, stderr = _run("translate", target, "--out", out, "--offline")
    assert rc == code and message in stderr
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr
    assert not out.exists()


def test_unknown_language_lists_valid_codes(argos_settings, article, tmp_path):
    rc, _, stderr = _run("translate", article, "--to", "klingon", "--out", tmp_path / "l")
    assert rc == 2 and "unknown --to code 'klingon'" in stderr and "zh" in stderr


def test_models_cli_install_file_and_remove(tiny_argos_archive, argos_settings, tmp_path):
    rc, stdout, stderr = _run("models", "install", tiny_argos_archive)
    assert rc == 0 and "installed en → zh" in stdout, stderr
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"not a zip")
    rc, stdout, stderr = _run("models", "install", bad)
    assert rc == 3 and "not a zip" in stderr and len(stderr.strip().splitlines()) == 1
    rc, stdout, _ = _run("models", "remove", "en", "zh")
    assert rc == 0 and "removed en → zh" in stdout
    rc, stdout, _ = _run("models", "list")
    assert "no models installed" in stdout


def test_every_command_has_help_and_help_does_not_load_ctranslate2():
    rc, stdout, _ = _run("--help")
    assert rc == 0
    commands = [line.split()[0] for line in stdout.split("Commands:")[1].strip().splitlines() if line.strip()]
    assert {"translate", "models"} <= set(commands)
    for name in commands:
        assert _run(name, "--help")[0] == 0, name
    probe = ("import sys; from transnews.cli.app import app; "
             "bad=[m for m in ('ctranslate2','sentencepiece','argostranslate','wordfreq','polib','babel') if m in sys.modules]; "
             "print(bad)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.fixture(scope="module")
def zh_en_archive(tmp_path_factory):
    from transnews.engine.synthetic import build_package, default_corpus

    return build_package(tmp_path_factory.mktemp("zh_en") / "zh_en.argosmodel", default_corpus(),
                         from_code="zh", to_code="en")


def _translate_chinese_example(zh_en_archive, argos_settings, tmp_path, example_article):
    from transnews.engine.packages import ModelStore

    ModelStore(argos_settings).install_file(zh_en_archive)
    article = tmp_path / "zh-news.txt"
    shutil.copy(example_article.with_name("cnipa-copyright-week-zh.txt"), article)
    out = tmp_path / "locales"
    code, stdout, stderr = _run("translate", article, "--from", "zh", "--to", "en", "--out", out, "--offline", "--json")
    assert code == 0, stderr
    return article, out, out / "en" / "LC_MESSAGES" / "zh-news.po", stdout


@needs_msgfmt
def test_chinese_article_translation_passes_msgfmt(zh_en_archive, argos_settings, tmp_path, example_article):
    _msgfmt_ok(_translate_chinese_example(zh_en_archive, argos_settings, tmp_path, example_article)[2])


def test_chinese_article_to_english_edition(zh_en_archive, argos_settings, tmp_path, example_article):
    """zh→en end to end: Chinese breadcrumb, segmentation, Chinese term recognition, English edition."""
    article, out, po_path, stdout = _translate_chinese_example(zh_en_archive, argos_settings, tmp_path,
                                                               example_article)
    po = polib.pofile(str(po_path))
    assert po.find("首页 > 新闻 > 版权动态", msgctxt="boilerplate") is not None
    first = [e for e in po if e.msgid.startswith("4月20日，由国家版权局指导")]
    assert len(first) == 1 and first[0].msgid.endswith("正式启动。")
    assert "National Copyright Administration of China" in first[0].msgstr  # 国家版权局, enforced
    assert json.loads(stdout)["term_success_rate"] >= 0.99
    # A reviewer approves every draft; the publisher gets the English edition.
    for entry in po:
        if entry.msgctxt == "date":  # the reviewer writes the date line (publish uses their words)
            entry.msgstr = "20 April 2026"
        if entry.msgstr:
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
        elif entry.msgctxt == "boilerplate":
            entry.msgstr = "Home > News > Copyright"
    po.save(str(po_path))
    editions = tmp_path / "editions"
    code = runner.invoke(app, ["publish", str(article), "--lang", "en", "--locales", str(out),
                               "--out", str(editions)]).exit_code
    assert code == 0
    text = (editions / "zh-news.en.txt").read_text(encoding="utf-8")
    assert text.startswith("Home > News > Copyright\n")
    assert "20 April 2026" in text and "National Copyright Administration of China" in text


def _revise_after_review(article, tmp_path):
    """Translate, review three entries, revise the article (one sentence changed, one removed)
    and translate again; returns the catalog path, the three reviewed entries and the revision."""
    out = tmp_path / "locales"
    assert _run("translate", article, "--out", out, "--offline", "--no-glossary")[0] == 0
    po_path = out / "zh" / "LC_MESSAGES" / "ncac.po"
    po = polib.pofile(str(po_path))
    def entry_with(words):
        return next(e for e in po if e.msgctxt is None and words in e.msgid)

    kept = entry_with("Ms. ZHAO Xiuling")
    changed = entry_with("jointly organized")
    removed = entry_with("Case analysis and experience")
    kept.msgstr, kept.flags, kept.tcomment = "审校后的译文。", [], "checked by the desk"
    changed.msgstr, changed.flags = "将被修改的句子的译文。", []
    removed.msgstr, removed.flags = "将被删除的句子的译文。", []
    po.save(str(po_path))
    text = article.read_text(encoding="utf-8")
    revised = changed.msgid.replace("jointly organized", "jointly organised and hosted")
    assert revised != changed.msgid
    article.write_text(text.replace(changed.msgid, revised).replace(removed.msgid, ""), encoding="utf-8")

    code, stdout, stderr = _run("translate", article, "--out", out, "--offline", "--no-glossary", "--json")
    assert code == 0, stderr
    assert json.loads(stdout)["mt_segments"] == 0  # nothing new: the revision is a fuzzy match
    return po_path, kept, changed, removed, revised


@needs_msgfmt
def test_revised_catalog_passes_msgfmt(tiny_argos, article, tmp_path):
    _msgfmt_ok(_revise_after_review(article, tmp_path)[0])


def test_reviewer_edits_survive_article_revision(tiny_argos, article, tmp_path):
    po_path, kept, changed, removed, revised = _revise_after_review(article, tmp_path)
    po = polib.pofile(str(po_path))
    again = po.find(kept.msgid)
    assert (again.msgstr, again.flags, again.tcomment) == ("审校后的译文。", [], "checked by the desk")
    moved = po.find(revised)
    assert moved.msgstr == "将被修改的句子的译文。" and "fuzzy" in moved.flags
    assert moved.previous_msgid == changed.msgid
    gone = [e for e in po.obsolete_entries() if e.msgid == removed.msgid]
    assert gone and gone[0].msgstr == "将被删除的句子的译文。"


def test_unparsable_po_is_never_overwritten(tiny_argos, article, tmp_path):
    out = tmp_path / "locales"
    po_path = out / "zh" / "LC_MESSAGES" / "ncac.po"
    po_path.parent.mkdir(parents=True)
    broken = 'msgid ""\nmsgstr ""\n\nmsgid "A reviewer was here"\nmsgstr "未闭合\n'
    po_path.write_text(broken, encoding="utf-8")
    code, _, stderr = _run("translate", article, "--out", out, "--offline")
    assert code == 4 and "ncac.po:" in stderr and len(stderr.strip().splitlines()) == 1
    assert po_path.read_text(encoding="utf-8") == broken
    assert not (out / "ncac.pot").exists()


def test_revised_sentence_draft_does_not_claim_machine_translation(tiny_argos, article, tmp_path):
    """Issue 11, case 1b: the draft carried to the revised sentence is a fuzzy match, not MT."""
    po_path, kept, changed, removed, revised = _revise_after_review(article, tmp_path)
    moved = polib.pofile(str(po_path)).find(revised)
    assert "fuzzy match: the translation of a similar earlier sentence (see #|)" in moved.comment
    assert "machine translation" not in moved.comment


# ------------------------------------------------ same-stem articles (issue 11, case 1)

def _two_news(tmp_path, example_article):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    a, b = tmp_path / "a" / "news.txt", tmp_path / "b" / "news.txt"
    shutil.copy(example_article, a)
    # B shares some sentences with A (a follow-up story) and has its own.
    text = example_article.read_text(encoding="utf-8")
    b.write_text(text.split("\n\n", 3)[-1].replace("Xiamen", "Fuzhou") + "\nA follow-up story.\n", encoding="utf-8")
    return a, b


def test_same_stem_articles_in_one_run_are_refused(argos_settings, tmp_path, example_article, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a, b = _two_news(tmp_path, example_article)
    code, _, stderr = _run("translate", "a/news.txt", "b/news.txt", "--out", "locales", "--offline")
    assert code == 2 and len(stderr.strip().splitlines()) == 1
    assert stderr.strip() == ("transnews: error: a/news.txt and b/news.txt would share one catalog "
                              "(locales/zh/LC_MESSAGES/news.po): translate each on its own with a --domain, "
                              "e.g. --domain a-news and --domain b-news")
    assert not (tmp_path / "locales").exists()


def test_translating_b_never_touches_as_reviewed_catalog(tiny_argos, tmp_path, example_article, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a, b = _two_news(tmp_path, example_article)
    assert _run("translate", "a/news.txt", "--out", "locales", "--offline", "--no-glossary")[0] == 0
    po_path = tmp_path / "locales" / "zh" / "LC_MESSAGES" / "news.po"  # the plain case is unchanged
    po = polib.pofile(str(po_path))
    for e in po:
        if e.msgstr:
            e.flags = [f for f in e.flags if f != "fuzzy"]
            e.msgstr = "审校：" + e.msgstr
    po.save(str(po_path))
    reviewed = po_path.read_bytes()
    code, _, stderr = _run("translate", "b/news.txt", "--out", "locales", "--offline", "--no-glossary")
    assert code == 2 and "news.po holds the translations of a/news.txt, not of b/news.txt" in stderr
    assert "--domain b-news" in stderr and len(stderr.strip().splitlines()) == 1
    assert po_path.read_bytes() == reviewed
    code, _, stderr = _run("translate", "b/news.txt", "--out", "locales", "--offline", "--no-glossary",
                           "--domain", "b-news")
    assert code == 0, stderr
    assert po_path.read_bytes() == reviewed  # A's reviewed entries: not fuzzy, not obsolete, not touched
    b_po = polib.pofile(str(tmp_path / "locales" / "zh" / "LC_MESSAGES" / "b-news.po"))
    from_tm = [e for e in b_po if e.comment.startswith("tm:")]
    assert from_tm and all(e.msgstr.startswith("审校：") and "machine translation" not in e.comment
                           for e in from_tm)
    assert all("machine translation" in e.comment for e in b_po if e.msgstr and not e.msgstr.startswith("审校："))


# ------------------------------------------------ a reviewer saving during translate; the lock (issue 11, case 2)

def test_reviewer_saving_during_translate_keeps_the_edit(tiny_argos, article, tmp_path, monkeypatch):
    from transnews.pipeline import TranslateRun

    out = tmp_path / "locales"
    assert _run("translate", article, "--out", out, "--offline", "--no-glossary")[0] == 0
    po_path = out / "zh" / "LC_MESSAGES" / "ncac.po"
    article.write_text(article.read_text(encoding="utf-8") + "\nA sentence added later.\n", encoding="utf-8")
    real, saved = TranslateRun.translate, []

    def translate_then_reviewer_saves(self, queue):  # the save lands between MT and the write
        real(self, queue)
        if not saved:
            po = polib.pofile(str(po_path))
            entry = next(e for e in po if e.msgctxt is None)
            entry.msgstr, entry.flags, entry.tcomment = "审校保存的译文。", [], "saved mid-run"
            po.save(str(po_path))
            saved.append(entry.msgid)

    monkeypatch.setattr(TranslateRun, "translate", translate_then_reviewer_saves)
    code, _, stderr = _run("translate", article, "--out", out, "--offline", "--no-glossary")
    assert code == 0, stderr
    assert f"transnews: warning: {po_path}: saved by someone else while translate ran; merging (their edits win)" \
        in stderr
    po = polib.pofile(str(po_path))
    kept = po.find(saved[0])
    assert (kept.msgstr, kept.flags, kept.tcomment) == ("审校保存的译文。", [], "saved mid-run")
    assert po.find("A sentence added later.").msgstr  # the run's own work is there as well


def test_no_wait_refuses_while_another_run_writes(argos_settings, article, tmp_path):
    from transnews.fsio import FolderLock

    out = tmp_path / "locales"
    with FolderLock(out):
        code, _, stderr = _run("translate", article, "--out", out, "--offline", "--no-wait")
    assert code == 1 and len(stderr.strip().splitlines()) == 1
    assert f"{out}: another transnews run (pid " in stderr and "without --no-wait" in stderr
    assert not out.exists()


# --- Traditional Chinese editions (issue 12, item 6) ------------------------------------------

TRADITIONAL = {"zh-TW": ("zh_TW", "世界智慧財產權組織", "s2twp"), "zh-HK": ("zh_HK", "世界知識產權組織", "s2hk")}


def _wipo_entries(po):
    return [e for e in po if e.msgctxt is None and "WIPO" in e.msgid and "WIPO Office" not in e.msgid]


@pytest.mark.parametrize("tag", sorted(TRADITIONAL))
def test_translate_traditional_edition_with_the_simplified_model(tiny_argos, article, tmp_path, tag):
    locale, wipo, config = TRADITIONAL[tag]
    out = tmp_path / "locales"
    code, _, stderr = _run("translate", article, "--from", "en", "--to", tag, "--out", out, "--offline")
    assert code == 0, stderr
    po_path = out / locale / "LC_MESSAGES" / "ncac.po"
    po = polib.pofile(str(po_path))
    assert po.metadata["Language"] == locale and "nplurals=1" in po.metadata["Plural-Forms"]
    body = [e for e in po if e.msgctxt is None]
    assert all("argos translate-en_zh-1_0" in e.comment and f"converted with OpenCC {config}" in e.comment
               for e in body)
    # The region's approved form is enforced through conversion, never the Simplified one.
    assert _wipo_entries(po) and all(wipo in e.msgstr and "世界知识产权组织" not in e.msgstr
                                     for e in _wipo_entries(po))
    # NCAC has no regional form: its converted form is used and flagged for the reviewer.
    ncac = next(e for e in body if "(NCAC)" in e.msgid)
    assert "國家版權局" in ncac.msgstr and "(NCAC) → 國家版權局 (converted from 国家版权局" in ncac.comment
    if MSGFMT:
        _msgfmt_ok(po_path)


def test_traditional_edition_check_and_publish(tiny_argos, article, tmp_path):
    out, editions = tmp_path / "locales", tmp_path / "editions"
    code, _, stderr = _run("translate", article, "--to", "zh-TW", "--out", out, "--offline")
    assert code == 0, stderr
    po_path = out / "zh_TW" / "LC_MESSAGES" / "ncac.po"
    po = polib.pofile(str(po_path))
    for e in po:  # the reviewer accepts every draft ...
        if "fuzzy" in e.flags:
            e.flags.remove("fuzzy")
    wrong = _wipo_entries(po)[0]  # ... but writes WIPO's Hong Kong/mainland name in one
    wrong.msgstr = wrong.msgstr.replace("世界智慧財產權組織", "世界知識產權組織")
    po.save(str(po_path))
    code, stdout, _ = _run("check", po_path, "--json")
    findings = json.loads(stdout)["findings"]
    assert any(f["check"] == "glossary" and f["msgid"] == wrong.msgid
               and "→ 世界智慧財產權組織 (approved target missing" in f["message"] for f in findings), findings
    code, stdout, stderr = _run("publish", article, "--lang", "zh-TW", "--locales", out, "--out", editions,
                                "--json")
    assert code == 0, stderr
    [edition] = [p for p in editions.rglob("*") if p.is_file()]
    text = edition.read_text(encoding="utf-8")
    assert "世界智慧財產權組織" in text and "世界知识产权组织" not in text


def test_installed_traditional_model_is_used_directly(tiny_argos, article, tmp_path):
    from transnews.engine.packages import ModelStore
    from transnews.engine.synthetic import build_package, default_corpus

    settings, _ = tiny_argos
    zt = build_package(tmp_path / "translate-en_zt-1_0.argosmodel", default_corpus(), from_code="en", to_code="zt")
    ModelStore(settings).install_file(zt)
    out = tmp_path / "locales"
    code, _, stderr = _run("translate", article, "--to", "zh-HK", "--out", out, "--offline")
    assert code == 0, stderr
    po = polib.pofile(str(out / "zh_HK" / "LC_MESSAGES" / "ncac.po"))
    body = [e for e in po if e.msgctxt is None]
    assert all("translate-en_zt-1_0" in e.comment and "OpenCC t2hk" in e.comment for e in body)
    assert all("世界知識產權組織" in e.msgstr for e in _wipo_entries(po))  # regional forms still enforced


def test_chinese_to_traditional_chinese_is_refused(argos_settings, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("世界知识产权组织在北京举办培训。\n", encoding="utf-8")
    code, _, stderr = _run("translate", src, "--from", "zh", "--to", "zh-TW", "--out", tmp_path / "l", "--offline")
    assert code != 0 and "same language" in stderr and not (tmp_path / "l").exists()
