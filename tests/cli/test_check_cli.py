"""`transnews check` and `transnews stats` through the CLI."""

import json
from pathlib import Path

import polib
from typer.testing import CliRunner

from transnews.catalog import catalog_paths, write_atomic
from transnews.cli.app import app
from transnews.manifest import MANIFEST_NAME

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
    assert [p for p in out.rglob(".*") if p.name != MANIFEST_NAME] == []  # the run manifest is no leftover


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
    from transnews.stream import translate_articles
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


def test_publish_strict_names_the_entry_by_the_excerpt_check_prints(tmp_path, monkeypatch):
    """publish --strict quotes the first error's entry capped as `check` does, not its whole msgid."""
    from transnews.catalog import load_po
    from transnews.engine import MemoryEngine
    from transnews.stream import translate_articles
    from transnews.settings import Settings

    monkeypatch.chdir(tmp_path)
    long_id = "WIPO held a training for " + ", ".join(f"delegation {i}" for i in range(40)) + "."
    article = tmp_path / "news.txt"
    article.write_text(long_id + "\n", encoding="utf-8")
    settings = Settings.from_env(glossary_path=GLOSSARY_DIR, use_glossary=True, fix_source=False)
    translate_articles([article], src="en", tgt="zh", settings=settings, out_dir=tmp_path / "locales",
                       engine=MemoryEngine())
    po_path = tmp_path / "locales" / "zh" / "LC_MESSAGES" / "news.po"
    po = load_po(po_path)
    (entry,) = [e for e in po if e.msgid == long_id]
    entry.msgstr, entry.flags = "世界知识产权局举办了培训。", []  # a forbidden variant
    write_atomic({po_path: po})
    _, check_out, _ = _run("check", po_path, "--glossary", GLOSSARY_DIR)
    quoted = check_out.splitlines()[0].rpartition(" — ")[2]
    assert quoted.endswith("…'") and len(quoted) < 70
    code, _, err = _run("publish", article, "--to", "zh", "--strict", "--glossary", GLOSSARY_DIR)
    assert code == 6 and err.count("\n") == 1 and long_id not in err
    assert err.rstrip("\n").endswith(f" — {quoted}")


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


# ------------------------------------------------ QA a reviewer can trust (issue 13, checks 1-8)

REVIEWED = Path(__file__).resolve().parents[1] / "review" / "data" / "ncac-wipo-copyright-training.po"
# (reviewed text, planted error, the check that must catch it)
PLANTED = [
    ("由世界知识产权组织和国家版权局", "由世界知识产权局和国家版权局", "glossary"),  # forbidden term
    ("11%以上", "12%以上", "numbers"),  # wrong number
    ("集体管理组织的作用", "集体管理机构的作用", "glossary"),  # approved term missing
    ("培训班将更好地激励创新、保护创新成果", "the Training将更好地激励创新、保护innovation achievements", "leftover"),
    ("此外，还需要", "此外,还需要", "punctuation"),  # half-width punctuation between Chinese characters
]


def _check_json(*args):
    code, out, err = _run("check", *args, "--json", "--show", "info")
    assert "Traceback" not in err, err
    return code, json.loads(out)


def _po(tmp_path, pairs, *, src="en", tgt="zh", name="news", article="news.txt"):
    """A reviewed catalog of (msgid, msgstr[, flags]) entries from one article."""
    po = polib.POFile()
    po.metadata = {"Language": tgt, "X-Source-Language": src, "Content-Type": "text/plain; charset=UTF-8"}
    for i, (msgid, msgstr, *flags) in enumerate(pairs, 1):
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, occurrences=[(article, str(i))],
                                flags=flags[0] if flags else []))
    path = tmp_path / f"{name}.po"
    write_atomic({path: po})
    return path


def test_reviewed_example_article_has_no_findings():
    code, data = _check_json(REVIEWED, "--glossary", GLOSSARY_DIR)
    assert data["glossary"] is True
    assert data["findings"] == [] and data["counts"] == {"error": 0, "warning": 0, "info": 0}
    assert code == 0


def test_planted_errors_are_each_caught(tmp_path):
    from transnews.catalog import load_po

    po = load_po(REVIEWED)
    planted = []
    for good, bad, check in PLANTED:
        (entry,) = [e for e in po if good in e.msgstr]
        entry.msgstr = entry.msgstr.replace(good, bad)
        planted.append((entry.msgid, check))
    path = tmp_path / "planted.po"
    write_atomic({path: po})
    code, data = _check_json(path, "--glossary", GLOSSARY_DIR)
    found = {(f["msgid"], f["check"]) for f in data["findings"]}
    assert [p for p in planted if p not in found] == []  # every planted error, by entry and check
    assert {f["msgid"] for f in data["findings"]} == {m for m, _ in planted}  # and nothing elsewhere
    assert code == 6


def _messages(data, check):
    return [f["message"] for f in data["findings"] if f["check"] == check]


def test_acronyms_are_satisfied_by_their_concept_and_surnames_are_names(tmp_path):
    path = _po(tmp_path, [
        ("Ms. ZHAO Xiuling of NCAC met LIU Hua of the WIPO Office in China (WOC).",
         "国家版权局的赵秀玲女士会见了世界知识产权组织中国办事处的刘华。"),
        ("WIPO sent Mr. OKAFOR and Hua LIU.", "世界知识产权组织派出了奥卡福先生和刘华。"),
        ("The ABC and NCAC met.", "该机构与国家版权局会面。"),
    ])
    code, data = _check_json(path, "--glossary", GLOSSARY_DIR)
    assert _messages(data, "acronyms") == ["'ABC' not found in translation"]


def test_article_context_settles_an_abbreviation_for_later_entries(tmp_path):
    """Issue 12: "Full Name (ABBR)" in one entry settles ABBR in the article's later entries,
    as translate recognises it; an entry of another article is not settled by it."""
    first = ("Intellectual property (IP) matters to China.", "知识产权对中国很重要。")
    later = ("The IP services grew fast.", "相关服务增长迅速。")
    same = _po(tmp_path, [first, later], name="same")
    _, data = _check_json(same, "--glossary", GLOSSARY_DIR)
    assert any("IP → 知识产权" in m for m in _messages(data, "glossary")), data["findings"]
    alone = _po(tmp_path, [later], name="alone")
    _, data = _check_json(alone, "--glossary", GLOSSARY_DIR)
    assert _messages(data, "glossary") == []


def test_length_says_which_way_and_compares_like_with_like(tmp_path):
    path = _po(tmp_path, [
        ("The training covered overseas risk prevention and control of the copyright industry in detail.",
         "培训。"),
        ("The training was held.", "培训班在厦门隆重举行，来自全国各地的一百多名学员参加了培训，并就版权产业的发展进行了深入交流。"),
        ("WIPO, NCAC and CISAC met.", "世界知识产权组织、国家版权局和国际作者和作曲者协会联合会举行会晤。"),
        ("See https://www.wipo.int/about-ip/en/copyright/training-programmes.html or mail training@wipo.int.",
         "详见https://www.wipo.int/about-ip/en/copyright/training-programmes.html或致函training@wipo.int。"),
        ("International Copyright Training on Overseas Risk Prevention and Control of Copyright Industry "
         "2021 Held in Xiamen", "2021年版权产业海外风险防控国际版权培训班在厦门举办"),
    ])
    code, data = _check_json(path, "--glossary", GLOSSARY_DIR)
    by_line = {f["line"]: f["message"] for f in data["findings"] if f["check"] == "length"}
    assert len(by_line) == 2, data["findings"]
    short, long_ = (by_line[k] for k in sorted(by_line))
    assert short.startswith("translation shorter than expected: 2 Chinese characters")
    assert long_.startswith("translation longer than expected:") and "Chinese characters" in long_
    zh_en = _po(tmp_path, [("世界知识产权组织与国家版权局在厦门联合举办了版权产业海外风险防控国际培训班。", "WIPO held it.")],
                src="zh", tgt="en", name="zh-en")
    _, data = _check_json(zh_en, "--glossary", GLOSSARY_DIR)
    assert [m.split(":")[0] for m in _messages(data, "length")] == ["translation shorter than expected"]
    assert "letters" in _messages(data, "length")[0]


def test_zh_en_glossary_accepts_alternates_and_abbreviations(tmp_path):
    path = _po(tmp_path, [
        ("世界知识产权组织与国家版权局签署了合作备忘录。", "WIPO and NCAC signed a Memorandum of Cooperation."),
        ("国家版权局代表出席。", "A representative of the National Copyright Administration attended."),
        ("《马拉喀什条约》已生效。", "The Marrakesh Treaty has entered into force."),
        ("国家版权局举办了培训。", "The copyright office held a training."),
    ], src="zh", tgt="en")
    code, data = _check_json(path, "--glossary", GLOSSARY_DIR)
    found = [(f["line"], f["message"]) for f in data["findings"] if f["check"] == "glossary"]
    assert len(found) == 1 and "National Copyright Administration of China" in found[0][1], found


def test_english_left_in_and_identical_translations_are_reported(tmp_path):
    path = _po(tmp_path, [
        ("The training was held in Xiamen.", "培训班 was held in 厦门。"),
        ("Mr. Ignacio de Castro of Boss & Young and Maucher Jenkins spoke; see www.wipo.int or `tn check`.",
         "Boss & Young的Ignacio de Castro先生与Maucher Jenkins发言；详见www.wipo.int或`tn check`。"),
        ("Copyright matters a great deal.", "Copyright matters a great deal."),
    ])
    code, data = _check_json(path, "--glossary", GLOSSARY_DIR)
    assert _messages(data, "leftover") == ["English left in the translation: 'was held in'"]
    assert _messages(data, "identical") == ["translation is identical to the source"]
    zh_en = _po(tmp_path, [("版权产业蓬勃发展。", "The copyright industry is 蓬勃发展.")], src="zh", tgt="en", name="b")
    _, data = _check_json(zh_en, "--no-glossary")
    assert _messages(data, "leftover") == ["Chinese left in the translation: '蓬勃发展'"]


MSGFMT = __import__("shutil").which("msgfmt")


def test_findings_name_the_entry_messages_are_capped_and_reordered_printf_is_fine(tmp_path):
    import subprocess

    long_id = "Payments " + ", ".join(str(1000 + i) for i in range(80)) + " were made."
    po = polib.POFile()
    po.metadata = {"Language": "zh", "X-Source-Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid=long_id, msgstr="付款已完成。", msgctxt="table"))
    po.append(polib.POEntry(msgid="%s of %d files", msgstr="%2$d个文件中的%1$s", flags=["c-format"]))
    po.append(polib.POEntry(msgid="%s of %d files copied", msgstr="%1$s个文件已复制", flags=["c-format"]))
    path = tmp_path / "news.po"
    write_atomic({path: po})
    code, data = _check_json(path, "--no-glossary")
    (num,) = [f for f in data["findings"] if f["check"] == "numbers"]
    assert num["msgid"] == long_id and num["msgctxt"] == "table" and num["line"] > 0
    assert len(num["message"]) <= 300 and "… and 72 more" in num["message"]
    keys = [(f["line"], f["check"], f["message"]) for f in data["findings"]]
    assert len(keys) == len(set(keys))
    placeholders = [f for f in data["findings"] if f["check"] == "placeholders"]
    assert [f["msgid"] for f in placeholders] == ["%s of %d files copied"]  # the reordered one passes
    if MSGFMT:  # GNU msgfmt agrees: the reordered entry passes, the one dropping %d does not
        for msgid, ok in (("%s of %d files", True), ("%s of %d files copied", False)):
            one = polib.POFile()
            one.metadata = dict(po.metadata)
            one.append(po.find(msgid))
            one.save(str(tmp_path / "one.po"))
            proc = subprocess.run([MSGFMT, "-c", "-o", "/dev/null", str(tmp_path / "one.po")],
                                  capture_output=True, text=True)
            assert (proc.returncode == 0) is ok, proc.stderr
    _, out, _ = _run("check", path, "--no-glossary")
    line = next(ln for ln in out.splitlines() if ": numbers: " in ln)
    assert line.endswith("… and 72 more [table] — 'Payments 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 10…'")


def test_ignore_flags_silence_one_check_on_one_entry(tmp_path):
    pairs = [("The ABC held a training on July 7.", "ABC于7月7日举办了培训班。培训班在厦门隆重举行，来自全国各地的"
              "一百多名学员参加了培训，并就版权产业的发展进行了深入交流，成果丰硕，影响深远。")]
    path = _po(tmp_path, pairs)
    _, data = _check_json(path, "--no-glossary")
    assert _messages(data, "length")
    flagged = _po(tmp_path, [(*pairs[0], ["ignore-length"])], name="flagged")
    _, data = _check_json(flagged, "--no-glossary")
    assert _messages(data, "length") == [] and data["findings"] == []
    same = _po(tmp_path, [("Copyright matters a great deal.", "Copyright matters a great deal.", ["ignore-same"])],
               name="same")
    _, data = _check_json(same, "--no-glossary")  # Weblate's name for the identical check
    assert data["findings"] == []


def test_ignore_flags_survive_a_translate_update(tiny_argos, tmp_path, example_article):
    import shutil

    article = tmp_path / "ncac.txt"
    shutil.copy(example_article, article)
    out = tmp_path / "locales"
    assert _translate(article, out)[0] == 0
    po_path = out / "zh" / "LC_MESSAGES" / "ncac.po"
    po = polib.pofile(str(po_path))
    kept = next(e for e in po if e.msgid.startswith("Ms. ZHAO"))
    changed = next(e for e in po if e.msgid.startswith("In this way"))
    for e in (kept, changed):
        e.flags = ["ignore-acronyms", "ignore-length"]
    po.save(str(po_path))
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("In this way, the Training", "In this way, the training"), encoding="utf-8")
    code, _, err = _translate(article, out)
    assert code == 0, err
    po = polib.pofile(str(po_path))
    assert {"ignore-acronyms", "ignore-length"} <= set(po.find(kept.msgid).flags)  # unchanged sentence
    fuzzy = next(e for e in po if e.msgid.startswith("In this way, the training"))
    assert {"fuzzy", "ignore-acronyms", "ignore-length"} <= set(fuzzy.flags)  # changed: a fuzzy draft


def test_translation_memories_are_left_out_of_check_stats_compile_and_tm_export(tmp_path):
    root = _locales(tmp_path)
    memory = root / "zh" / "LC_MESSAGES" / "tm-memory.po"
    mem = polib.POFile()
    mem.metadata = {"Language": "zh", "X-Source-Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    mem.append(polib.POEntry(msgid="The treaty entered into force.", msgstr="条约生效了生效了生效了生效了。。"))
    write_atomic({memory: mem})
    news = root / "zh" / "LC_MESSAGES" / "news.po"
    for args in (["--locales", root], [root]):
        code, data = _check_json(*args, "--no-glossary")
        assert data["catalogs"] == [str(news)] and code == 0
        code, out, _ = _run("stats", *args, "--json")
        assert [r["path"] for r in json.loads(out)] == [str(news)]
    code, out, _ = _run("compile", "--locales", root, "--json")
    assert json.loads(out)["compiled"] == [str(news.with_suffix(".mo"))] and not memory.with_suffix(".mo").exists()
    code, out, _ = _run("tm", "export", "--to", tmp_path / "o.tmx", "--locales", root)
    assert code == 0 and "from 1 catalog(s)" in out and "条约" not in (tmp_path / "o.tmx").read_text("utf-8")
    code, data = _check_json(memory, "--no-glossary")  # named, it is checked
    assert code == 6 and data["catalogs"] == [str(memory)]
    news.unlink()
    code, _, err = _run("check", "--locales", root)
    assert code == 2 and "only translation memories, tm-*.po; name one to include it" in err


_TTY_CLI = """
import os, pty, subprocess, sys
master, slave = pty.openpty()
proc = subprocess.Popen([sys.executable, "-c", "import sys; from transnews.cli.app import app; app(sys.argv[1:])",
                         *sys.argv[1:]], stdout=subprocess.PIPE, stderr=slave)
os.close(slave)
seen = b""
while True:
    try:
        chunk = os.read(master, 4096)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
proc.wait()
sys.stdout.write(seen.decode("utf-8", "replace"))
"""


def test_long_checks_show_progress_on_a_terminal_only(tmp_path):
    import subprocess
    import sys

    pairs = [(f"Entry {i} of the catalog.", f"目录第{i}条。") for i in range(600)]
    path = _po(tmp_path, pairs, name="big")
    tty = subprocess.run([sys.executable, "-c", _TTY_CLI, "check", str(path), "--no-glossary"],
                         capture_output=True, text=True)
    assert "Checking" in tty.stdout and "100%" in tty.stdout, tty.stdout + tty.stderr
    code, out, err = _run("check", path, "--no-glossary")  # not a terminal: no bar
    assert code == 0 and "Checking" not in err + out
    small = _po(tmp_path, pairs[:20], name="small")
    tty = subprocess.run([sys.executable, "-c", _TTY_CLI, "check", str(small), "--no-glossary"],
                         capture_output=True, text=True)
    assert "Checking" not in tty.stdout


def test_check_and_stats_tables_stay_aligned_with_long_paths(tmp_path):
    short = _locales(tmp_path / "a")
    deep = tmp_path / ("a-very-long-folder-name-for-a-newsroom-desk/" * 3) / "locales"
    write_atomic({deep / "zh" / "LC_MESSAGES" / "weekly-copyright-news-digest.po":
                  polib.pofile(str(short / "zh" / "LC_MESSAGES" / "news.po"))})
    paths = [short / "zh" / "LC_MESSAGES" / "news.po", deep / "zh" / "LC_MESSAGES" / "weekly-copyright-news-digest.po"]
    for cmd in ("stats", "check"):
        code, out, err = _run(cmd, *paths, *(["--no-glossary"] if cmd == "check" else []))
        lines = out.splitlines()
        head = next(i for i, ln in enumerate(lines) if ln.rstrip().endswith("  catalog"))
        rows = lines[head:head + 3]
        assert [r.endswith(str(p)) for r, p in zip(rows[1:], paths, strict=True)] == [True, True], out
        starts = {r.index(str(p)) for r, p in zip(rows[1:], paths, strict=True)} | {rows[0].rindex("catalog")}
        assert len(starts) == 1, out  # the path column starts at the same place on every row
