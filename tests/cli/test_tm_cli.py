"""`transnews tm import/export` through the CLI."""

import json

from typer.testing import CliRunner

from transnews.catalog import load_po
from transnews.cli.app import app

runner = CliRunner()

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="EN-US" datatype="plaintext" segtype="sentence" adminlang="en"
 o-tmf="x" creationtool="t" creationtoolversion="1"/><body>
<tu><tuv xml:lang="en-US"><seg>The treaty entered into force.</seg></tuv><tuv xml:lang="ZH-cn"><seg>条约生效。</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>Only English here.</seg></tuv></tu>
</body></tmx>
"""


def _run(*args):
    r = runner.invoke(app, [str(a) for a in args])
    return r.exit_code, r.stdout, r.stderr


def test_import_then_export(tmp_path):
    src = tmp_path / "memory.tmx"
    src.write_text(TMX, encoding="utf-8")
    locales = tmp_path / "locales"
    code, out, err = _run("tm", "import", src, "--locales", locales, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["imported"] == 1 and data["skipped"] == 1
    po = load_po(locales / "zh" / "LC_MESSAGES" / "tm-memory.po")
    assert po.find("The treaty entered into force.").msgstr == "条约生效。"
    out_tmx = tmp_path / "out.tmx"
    code, out, err = _run("tm", "export", "--to", out_tmx, "--locales", locales, "--with-memories")
    assert code == 0, err
    assert "1 translation unit(s) from 1 catalog(s)" in out
    assert "<seg>条约生效。</seg>" in out_tmx.read_text(encoding="utf-8")


def test_import_to_explicit_path_and_bad_file(tmp_path):
    src = tmp_path / "m.tmx"
    src.write_text(TMX, encoding="utf-8")
    dest = tmp_path / "x" / "mem.po"
    code, out, err = _run("tm", "import", src, "--output", dest)
    assert code == 0, err
    assert dest.is_file()
    bad = tmp_path / "bad.tmx"
    bad.write_text(TMX.replace("</seg></tuv></tu>\n</body>", "</tuv></tu>\n</body>"), encoding="utf-8")
    code, out, err = _run("tm", "import", bad, "--output", tmp_path / "y.po")
    assert code == 4 and err.startswith(f"transnews: error: {bad}:") and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "y.po").exists()
    code, _, err = _run("tm", "import", src, "--lang", "klingon", "--output", tmp_path / "z.po")
    assert code == 2 and "unknown --lang code" in err


def test_broken_existing_catalog_is_never_overwritten(tmp_path):
    src = tmp_path / "m.tmx"
    src.write_text(TMX, encoding="utf-8")
    dest = tmp_path / "mem.po"
    dest.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    before = dest.read_bytes()
    code, _, err = _run("tm", "import", src, "--output", dest)
    assert code == 4 and f"{dest}:2" in err
    assert dest.read_bytes() == before


def test_export_without_catalogs(tmp_path):
    code, _, err = _run("tm", "export", "--output", tmp_path / "o.tmx", "--locales", tmp_path / "nothing")
    assert code == 2 and "does not exist" in err


def test_to_is_a_language_everywhere_and_an_old_file_spelling_is_one_line(tmp_path):
    src = tmp_path / "m.tmx"
    src.write_text(TMX, encoding="utf-8")
    code, _, err = _run("tm", "import", src, "--to", tmp_path / "mem.po")
    assert code == 2 and "is not a language" in err and "--output" in err and "Traceback" not in err
    assert not (tmp_path / "mem.po").exists()
    code, _, err = _run("tm", "import", src, "--to", "zh", "--output", tmp_path / "mem.po")
    assert code == 0, err
    assert (tmp_path / "mem.po").is_file()


def test_a_draft_from_memory_never_claims_machine_translation(tiny_argos, tmp_path):
    """Issue 11 case 1b through the CLI: the entry's comment names the memory, not MT."""
    sentence = "The treaty entered into force."
    loc = tmp_path / "locales"
    src = tmp_path / "m.tmx"
    src.write_text(TMX, encoding="utf-8")
    assert _run("tm", "import", src, "--to", "zh", "--locales", loc)[0] == 0
    art = tmp_path / "news.txt"
    art.write_text(f"Treaty news\n\n{sentence} Delegates from many countries met in Geneva today.\n",
                   encoding="utf-8")
    code, _, err = _run("translate", art, "--locales", loc, "--offline", "--beam", "1", "--no-fix")
    assert code == 0, err
    po = load_po(loc / "zh" / "LC_MESSAGES" / "news.po")
    from_tm = po.find(sentence)
    assert from_tm is not None and from_tm.msgstr == "条约生效。"
    assert "tm:" in from_tm.comment and "machine translation" not in from_tm.comment
    mt = po.find("Delegates from many countries met in Geneva today.")
    assert mt is not None and "machine translation" in mt.comment
