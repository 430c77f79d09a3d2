"""The one safe XML reader (TMX and TBX): strict entity policy, one-line errors with file:line."""

import pytest
from typer.testing import CliRunner

from transnews.catalog.tmx import read_tmx
from transnews.cli.app import app
from transnews.errors import CatalogError, GlossaryError
from transnews.glossary.tbx import read_tbx
from transnews.xmlsafe import ENTITIES_REFUSED, parse_xml, parse_xml_bytes

BODY = '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>{}</seg></tuv>' \
       '<tuv xml:lang="zh"><seg>猫</seg></tuv></tu></body></tmx>\n'


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _refused(tmp_path, doctype, seg="cat", name="bad.tmx"):
    path = _write(tmp_path, name, f'<?xml version="1.0"?>\n{doctype}\n' + BODY.format(seg))
    with pytest.raises(CatalogError) as err:
        read_tmx(path)
    return path, err.value


def test_xxe_tmx_is_refused_with_file_and_line(tmp_path):
    secret = _write(tmp_path, "secret.txt", "top secret")
    path, err = _refused(tmp_path, f'<!DOCTYPE tmx [\n  <!ENTITY xxe SYSTEM "{secret.as_uri()}">\n]>', "&xxe;")
    assert (err.path, err.line, err.message) == (str(path), 3, ENTITIES_REFUSED)
    assert str(err).count("\n") == 0 and str(err).startswith(f"{path}:3: ")


def test_billion_laughs_tmx_is_refused_where_the_first_entity_is_declared(tmp_path):
    lol = "\n".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10 if i else "lol"}">' for i in range(10))
    path, err = _refused(tmp_path, f"<!DOCTYPE tmx [\n{lol}\n]>", "&l9;")
    assert (err.path, err.line) == (str(path), 3) and "entity declarations are not allowed" in err.message


@pytest.mark.parametrize("doctype, line", [
    ('<!DOCTYPE tmx [\n<!ENTITY % dtd SYSTEM "http://127.0.0.1:9/evil.dtd">\n%dtd;\n]>', 3),  # parameter XXE
    ('<!DOCTYPE tmx [\n<!NOTATION gif SYSTEM "gif">\n<!ENTITY pic SYSTEM "x.gif" NDATA gif>\n]>', 4),  # unparsed
    ('<!DOCTYPE tmx SYSTEM "tmx14.dtd" [<!ENTITY e "internal">]>', 2),  # internal, beside an external DTD
])
def test_every_kind_of_entity_declaration_is_refused(tmp_path, doctype, line):
    path, err = _refused(tmp_path, doctype)
    assert (err.path, err.line, err.message) == (str(path), line, ENTITIES_REFUSED)


def test_external_dtd_is_never_read_and_its_entities_are_refused(tmp_path):
    dtd = _write(tmp_path, "tmx14.dtd", '<!ENTITY e "from the DTD">')
    path, err = _refused(tmp_path, f'<!DOCTYPE tmx SYSTEM "{dtd.name}">', "a &e; b")
    assert err.path == str(path) and err.line == 3
    assert err.message.startswith("undefined entity &e;")


def test_a_doctype_naming_an_external_dtd_without_entities_is_accepted(tmp_path):
    # What the LISA TMX samples declare: a reference to the DTD, no entities, nothing expanded.
    for doctype in ('<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
                    '<!DOCTYPE tmx PUBLIC "-//LISA OSCAR:1998//DTD for TMX 1.4//EN" "tmx14.dtd">',
                    '<!DOCTYPE tmx [<!ELEMENT tmx ANY>]>'):
        path = _write(tmp_path, "ok.tmx", f'<?xml version="1.0"?>\n{doctype}\n' + BODY.format("a &amp; &#x732B;"))
        assert read_tmx(path).units[0].variants == {"en": "a & 猫", "zh": "猫"}


def test_tbx_uses_the_same_reader_and_policy(tmp_path):
    path = _write(tmp_path, "xxe.tbx", '<?xml version="1.0"?>\n<!DOCTYPE tbx [\n'
                  '<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<tbx>&x;</tbx>\n')
    with pytest.raises(GlossaryError) as err:
        read_tbx(path)
    assert (err.value.path, err.value.line, err.value.message) == (str(path), 3, ENTITIES_REFUSED)


def test_reader_keeps_lines_namespaces_and_text(tmp_path):
    data = ('<?xml version="1.0"?>\n<r xmlns="urn:x" xml:lang="en">a<b k="v">b\n<c/>c</b>\nd</r>').encode()
    root = parse_xml_bytes(data, "mem.xml", error=GlossaryError)
    assert (root.ns, root.tag, root.attrs, root.line) == ("urn:x", "r", {"xml:lang": "en"}, 2)
    (b,) = root.find_all("b")
    assert b.line == 2 and b.children[0].line == 3 and b.text() == "b\nc" and b.own_text == "b\nc"
    assert root.text() == "ab\nc\nd" and root.all_text() == "ab c d"
    with pytest.raises(GlossaryError) as err:
        parse_xml(tmp_path / "missing.xml", error=GlossaryError)
    assert err.value.message.startswith("cannot read file")


def test_tm_import_of_an_xxe_tmx_is_one_line_and_writes_nothing(tmp_path):
    path = _write(tmp_path, "xxe.tmx", '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                  + BODY.format("&x;"))
    locales = tmp_path / "locales"
    r = CliRunner().invoke(app, ["tm", "import", str(path), "--lang", "zh", "--locales", str(locales)])
    assert r.exit_code == 4
    assert r.stderr == f"transnews: error: {path}:2: {ENTITIES_REFUSED}\n"
    assert not locales.exists()
