"""`transnews check` and `transnews stats` through the CLI."""

import json
from pathlib import Path

import polib
from typer.testing import CliRunner

from transnews.catalog import catalog_paths, write_atomic
from transnews.cli.app import app

runner = CliRunner()


def _run(*args):
    r = runner.invoke(app, [str(a) for a in args])
    return r.exit_code, r.stdout, r.stderr


def _locales(tmp_path, good=True):
    po = polib.POFile()
    po.metadata = {"Language": "zh_CN", "X-Source-Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="WIPO held a training on July 7, 2021.",
                            msgstr="世界知识产权组织于2021年7月7日举办了培训。" if good else "WIPO于2021年7月8日举办了培训。。"))
    po.append(polib.POEntry(msgid="About 100 participants attended.", msgstr="约100名学员参加。", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Home > News", msgstr="", msgctxt="boilerplate"))
    root = tmp_path / "locales"
    write_atomic({catalog_paths(root, "news", "zh")[1]: po})
    return root


def test_check_clean_catalog_exits_zero(tmp_path):
    root = _locales(tmp_path)
    code, out, err = _run("check", "--locales", root, "--no-glossary")
    assert code == 0, err
    assert "0 error(s)" in out


def test_check_errors_exit_nonzero_with_locations_and_json(tmp_path):
    root = _locales(tmp_path, good=False)
    code, out, err = _run("check", "--locales", root, "--no-glossary")
    assert code == 6
    po_path = root / "zh" / "LC_MESSAGES" / "news.po"
    lines = [l for l in out.splitlines() if ": error: " in l]
    assert any(l.startswith(f"{po_path}:") and "numbers" in l for l in lines)
    assert any("doubled punctuation" in l for l in lines)
    code, out, _ = _run("check", po_path, "--json", "--show", "info", "--no-glossary")
    data = json.loads(out)
    assert code == 6 and data["counts"]["error"] >= 2
    checks = {f["check"] for f in data["findings"]}
    assert {"numbers", "punctuation", "fuzzy", "untranslated"} <= checks
    assert all(f["line"] > 0 and f["path"] == str(po_path) for f in data["findings"])


def test_check_broken_catalog_is_one_line(tmp_path):
    bad = tmp_path / "bad.po"
    bad.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    code, out, err = _run("check", bad, "--no-glossary")
    assert code == 4 and err.strip() == f"transnews: error: {bad}:2: string is not closed with a double quote"
    code, _, err = _run("check", "--locales", tmp_path / "none")
    assert code == 2 and "does not exist" in err


def test_folders_without_catalogs_are_refused_by_every_command(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    for cmd in ("check", "stats", "compile"):
        code, _, err = _run(cmd, empty)
        assert code == 2 and err.strip() == "transnews: error: no .po files in the given folders", cmd
    assert list(empty.iterdir()) == []


def test_stats(tmp_path):
    root = _locales(tmp_path)
    code, out, err = _run("stats", "--locales", root, "--json")
    assert code == 0, err
    (row,) = json.loads(out)
    assert (row["translated"], row["fuzzy"], row["untranslated"]) == (1, 1, 1)
    assert row["translated_words"] == 8 and row["untranslated_words"] == 2  # ">" is not a word
    code, out, _ = _run("stats", "--locales", root)
    assert code == 0 and "news.po" in out and "33% done" in out



GLOSSARY_DIR = Path(__file__).resolve().parents[2] / "glossary"


def test_check_with_the_project_glossary(tmp_path):
    """Integration with transnews.glossary and the curated glossary/."""
    glossary_dir = GLOSSARY_DIR
    good = _locales(tmp_path)
    code, out, err = _run("check", "--locales", good, "--glossary", glossary_dir, "--json")
    assert json.loads(out)["glossary"] is True
    assert not [f for f in json.loads(out)["findings"] if f["check"] == "glossary"], out
    bad = _locales(tmp_path / "b", good=False)
    code, out, err = _run("check", "--locales", bad, "--glossary", glossary_dir, "--json")
    found = [f for f in json.loads(out)["findings"] if f["check"] == "glossary"]
    assert code == 6 and any("世界知识产权组织" in f["message"] for f in found)


# ------------------------------------------------ catalogs msgfmt -c rejects (issue 11, cases 4 and 5)

_HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: {}\\n"\n\n'
_BROKEN = [  # (file text, line, message): GNU msgfmt -c rejects each
    (_HEAD.format("nplurals=1; plural=0;") + 'msgid "a"\nmsgstr "b\\qc"\n', 7,
     "invalid escape sequence \\q (msgfmt rejects it; a backslash itself is written \\\\)"),
    (_HEAD.format("nplurals=1; plural=0;") + 'msgid "f"\nmsgid_plural "fs"\nmsgstr[0] "x"\nmsgstr[2] "y"\n', 9,
     "msgstr[2], but the Plural-Forms header says nplurals=1"),
    (_HEAD.format("garbage") + 'msgid "a"\nmsgstr "b"\n', 4,
     "Plural-Forms 'garbage' is not 'nplurals=N; plural=EXPRESSION;'"),
]


def _tree(root):
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_catalog_msgfmt_rejects_is_refused_by_check_stats_and_compile(tmp_path):
    for i, (text, line, message) in enumerate(_BROKEN):
        root = tmp_path / f"case{i}"
        po_path = root / "zh" / "LC_MESSAGES" / "news.po"
        po_path.parent.mkdir(parents=True)
        po_path.write_text(text, encoding="utf-8")
        before = _tree(root)
        for cmd in ("check", "stats", "compile"):
            code, out, err = _run(cmd, "--locales", root)
            assert code == 4, (cmd, err)
            assert err == f"transnews: error: {po_path}:{line}: {message}\n", (cmd, err)
            assert "Traceback" not in out + err
            assert _tree(root) == before, cmd  # byte for byte, and no .mo written


def test_compile_latin1_catalog_and_unknown_charset(tmp_path):
    import gettext

    po_path = tmp_path / "fr.po"
    po_path.write_bytes(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
                        b'msgid "cafe"\nmsgstr "caf\xe9"\n')
    code, out, err = _run("compile", po_path)
    assert code == 0, err
    with (tmp_path / "fr.mo").open("rb") as fh:
        assert gettext.GNUTranslations(fh).gettext("cafe") == "café"
    bad = tmp_path / "x" / "bad.po"
    bad.parent.mkdir()
    bad.write_bytes(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=FOO-BAR\\n"\n\nmsgid "a"\nmsgstr "b"\n')
    code, out, err = _run("compile", bad)
    assert code == 4 and err == f"transnews: error: {bad}:3: unknown charset 'FOO-BAR' in the Content-Type header\n"
    assert sorted(p.name for p in bad.parent.iterdir()) == ["bad.po"]


def _translate(article, out):
    return _run("translate", article, "--out", out, "--offline", "--beam=1")


def test_translate_refuses_a_broken_catalog_and_leaves_it_untouched(tiny_argos, tmp_path, example_article):
    import shutil

    article = tmp_path / "ncac.txt"
    shutil.copy(example_article, article)
    out = tmp_path / "locales"
    assert _translate(article, out)[0] == 0
    po_path = out / "zh" / "LC_MESSAGES" / "ncac.po"
    lines = po_path.read_text(encoding="utf-8").split("\n")
    at = [i for i, ln in enumerate(lines) if ln.startswith("msgstr ")][3]  # a translated entry
    at += lines[at] == 'msgstr ""'  # long ones start on the next line
    lines[at] = lines[at].replace('"', '"\\q', 1)  # a reviewer's typo
    po_path.write_text("\n".join(lines), encoding="utf-8")
    before = _tree(out)
    code, stdout, err = _translate(article, out)
    assert code == 4 and err.startswith(f"transnews: error: {po_path}:{at + 1}: invalid escape sequence \\q")
    assert err.count("\n") == 1 and "Traceback" not in stdout + err
    assert _tree(out) == before


def test_translate_rerun_keeps_a_rewrapped_extracted_comment(tiny_argos, tmp_path, example_article):
    import re
    import shutil

    article = tmp_path / "ncac.txt"
    shutil.copy(example_article, article)
    out = tmp_path / "locales"
    assert _translate(article, out)[0] == 0
    po_path = out / "zh" / "LC_MESSAGES" / "ncac.po"
    text = po_path.read_text(encoding="utf-8")
    m = re.search(r"^#\. (machine translation: \S+ \S+) (.+)$", text, re.M)
    wrapped = f"#. {m.group(1)}\n#. {m.group(2)}"  # as another PO editor might re-wrap it
    po_path.write_text(text.replace(m.group(0), wrapped, 1), encoding="utf-8")
    code, _, err = _translate(article, out)
    assert code == 0, err
    assert po_path.read_text(encoding="utf-8").count(wrapped + "\n") == 1


# Runs the CLI in a child that SIGKILLs itself right after the first rename of a batch.
_KILLED_CLI = """
import os, signal, sys
real = os.replace
def replace_then_die(src, dst):
    real(src, dst)
    if str(dst).endswith((".pot", ".po")):
        os.kill(os.getpid(), signal.SIGKILL)
os.replace = replace_then_die
from transnews.cli.app import app
app(sys.argv[1:])
"""


def test_translate_killed_between_pot_and_po_is_recovered_by_the_next_run(tiny_argos, tmp_path, example_article):
    """Issue 11, case 6: kill -9 between the .pot and .po renames; the next run notices,
    puts them back in step, says so in one line and leaves no temporary files."""
    import shutil
    import signal
    import subprocess
    import sys

    article = tmp_path / "ncac.txt"
    shutil.copy(example_article, article)
    out = tmp_path / "locales"
    assert _translate(article, out)[0] == 0
    pot, po_path = out / "ncac.pot", out / "zh" / "LC_MESSAGES" / "ncac.po"
    with article.open("a", encoding="utf-8") as fh:
        fh.write("\nA new closing sentence was added by the editor.\n")
    args = ["translate", str(article), "--out", str(out), "--offline", "--beam=1"]
    killed = subprocess.run([sys.executable, "-c", _KILLED_CLI, *args], capture_output=True, text=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    has_new = ["A new closing sentence" in p.read_text(encoding="utf-8") for p in (pot, po_path)]
    assert sorted(has_new) == [False, True]  # out of step
    assert list(out.glob(".transnews-batch-*.json"))
    again = subprocess.run([sys.executable, "-c", "import sys; from transnews.cli.app import app; app(sys.argv[1:])",
                            *args], capture_output=True, text=True)  # a real process: its own stderr
    assert again.returncode == 0, again.stderr
    notes = [ln for ln in again.stderr.splitlines() if "killed run" in ln]
    assert notes == [f"{out.absolute()}: finished a write that a killed run left half done "
                     "(ncac.pot, zh/LC_MESSAGES/ncac.po match again)"], again.stderr
    assert "Traceback" not in again.stderr
    assert all("A new closing sentence" in p.read_text(encoding="utf-8") for p in (pot, po_path))
    assert [p for p in out.rglob(".*")] == []


def test_models_install_cleans_what_killed_installs_left(tiny_argos_archive, argos_settings):
    """Issue 11, case 6 for the Argos folders: a killed install's staging folder and partial
    download go, a package moved aside by a killed reinstall comes back, a live one stays."""
    import os
    import subprocess
    import sys
    import time

    from transnews.settings import Settings

    pk, dl = argos_settings.packages_dir, Settings.from_env().downloads_dir  # the folders the CLI uses
    dl.mkdir(parents=True)
    dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True).stdout)
    other = pk / f".old-translate-en_de-1_0-{dead}"  # killed after moving it aside
    (other / "model").mkdir(parents=True)
    stale = [pk / ".install-k2j3h4g5", dl / ".download-a1b2c3d4"]
    stale[0].mkdir()
    stale[1].write_bytes(b"partial")
    live = dl / ".download-zz99yy88"  # a download still being written by another run
    live.write_bytes(b"partial")
    hour_ago = time.time() - 7200
    for p in stale:
        os.utime(p, (hour_ago, hour_ago))
    code, out, err = _run("models", "install", tiny_argos_archive)
    assert code == 0, err
    assert (pk / "translate-en_de-1_0" / "model").is_dir() and not other.exists()
    assert not any(p.exists() for p in stale) and live.exists()
    assert sorted(p.name for p in pk.iterdir() if p.name.startswith(".")) == []


# ------------------------------------------------ one glossary verifier for translate and check (issue 10)

def _catalog_with(tmp_path, pairs):
    po = polib.POFile()
    po.metadata = {"Language": "zh_CN", "X-Source-Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    for msgid, msgstr in pairs:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    root = tmp_path / "locales"
    write_atomic({catalog_paths(root, "news", "zh")[1]: po})
    return root


def _glossary_findings(root):
    code, out, err = _run("check", "--locales", root, "--glossary", GLOSSARY_DIR, "--json")
    return code, [f for f in json.loads(out)["findings"] if f["check"] == "glossary"]


def test_check_counts_each_occurrence_of_a_term(tmp_path):
    root = _catalog_with(tmp_path, [("NCAC met WIPO, and NCAC signed.", "国家版权局会见了世界知识产权组织，并签署了协议。")])
    code, found = _glossary_findings(root)
    assert [(f["severity"], f["message"]) for f in found] == [
        ("warning", "approved term missing: NCAC → 国家版权局 (approved target missing 1 of 2 times: "
                    "the source has the term 2 times, the translation 1)")]


def test_check_reports_a_forbidden_form_that_contains_an_approved_one(tmp_path):
    root = _catalog_with(tmp_path, [("WIPO held a training.", "世界知识产权局举办了培训。")])
    code, found = _glossary_findings(root)
    assert code == 6
    assert [f["message"] for f in found] == [
        "approved term missing: WIPO → 世界知识产权组织 (approved target missing from the translation)",
        "forbidden variant '世界知识产权局' used for World Intellectual Property Organization "
        "(approved: 世界知识产权组织)"]


def test_translate_and_check_report_the_same_forbidden_form(tmp_path):
    from transnews.catalog import load_po
    from transnews.engine import MemoryEngine
    from transnews.pipeline import translate_articles
    from transnews.settings import Settings

    class Careless(MemoryEngine):  # keeps the tokens, adds the wrong WIPO name
        def _translate(self, texts, progress):
            return [t.replace("held a training.", "与世界知识产权局举办了培训。") for t in texts]

    article = tmp_path / "news.txt"
    article.write_text("WIPO held a training.\n", encoding="utf-8")
    settings = Settings.from_env(glossary_path=GLOSSARY_DIR, use_glossary=True, fix_source=False)
    out = tmp_path / "locales"
    summary = translate_articles([article], src="en", tgt="zh", settings=settings, out_dir=out, engine=Careless())
    assert summary.catalogs[0].violations == 1
    entry = next(e for e in load_po(out / "zh" / "LC_MESSAGES" / "news.po") if e.msgid == "WIPO held a training.")
    forbidden = ("forbidden variant '世界知识产权局' used for World Intellectual Property Organization "
                 "(approved: 世界知识产权组织)")
    assert f"glossary: {forbidden}" in entry.comment
    code, found = _glossary_findings(out)
    assert [f["message"] for f in found] == [forbidden]


# ------------------------------------------------ markup a translation adds is an error (issue 11.7)

def test_check_reports_a_swapped_href_and_an_added_handler(tmp_path):
    from transnews.catalog import load_po

    po = polib.POFile()
    po.metadata = {"Language": "zh_CN", "X-Source-Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid='Read the <a href="https://court.example/r">ruling</a> today.',
                            occurrences=[("ruling.html", "3")],
                            msgstr='今天阅读<a href="javascript:alert(1)" onmouseover="steal()">裁决</a>。'))
    po.append(polib.POEntry(msgid="Read the [ruling](https://court.example/r) today.", occurrences=[("r.md", "3")],
                            msgstr="今天阅读[裁决](jav&#x61;script:alert(1))。"))
    po.append(polib.POEntry(msgid="See https://court.example/r for details.", occurrences=[("r.txt", "1")],
                            msgstr="详见https://evil.example/r。"))
    po.append(polib.POEntry(msgid="Read the [ruling](https://court.example/r) now.", occurrences=[("r.md", "5")],
                            msgstr="立即阅读[裁决](https://court.example/r)。"))  # the same link: fine
    root = tmp_path / "locales"
    po_path = catalog_paths(root, "news", "zh")[1]
    write_atomic({po_path: po})
    lines = [e.linenum for e in load_po(po_path)]
    code, out, _ = _run("check", "--locales", root, "--no-glossary", "--json")
    assert code == 6
    found = [f for f in json.loads(out)["findings"] if f["check"] == "markup"]
    assert [(f["severity"], f["line"]) for f in found] == [("error", n) for n in lines[:3]]
    assert 'onmouseover="steal()" on <a>' in found[0]["message"] and "javascript:alert(1)" in found[0]["message"]
    assert "link target(s) javascript:alert(1)" in found[1]["message"]
    assert "link target(s) https://evil.example/r" in found[2]["message"]
    code, out, _ = _run("check", po_path, "--no-glossary")
    assert code == 6 and f"{po_path}:{lines[0]}: error: markup: translation adds markup its source does not have" in out
