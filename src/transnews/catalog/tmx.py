"""TMX 1.4 import and export.

Import store: a TMX file becomes ``locales/<lang>/LC_MESSAGES/tm-<name>.po``, a
catalog of reviewed (non-fuzzy) entries. It is then translation memory like any
reviewed catalog (``TranslationMemory.from_locales`` sees it), reviewers can fix
it with the same tools, and ``transnews check`` runs over it; it is never
published because no article has that domain.

Inline codes: ``bpt``/``ept``/``it``/``ph``/``ut`` hold the original document's
native codes. For markup data types (html, xml, …) their text is kept, so a
unit reads as the original markup (``The <b>black</b> cat``), which is what
HTML/Markdown segments contain; for other data types (rtf, plaintext, …) the
codes are dropped and only the translatable text stays. ``hi`` keeps its text;
``sub`` text stays where it is inside its code.

Parsing uses the project's one safe XML reader (:mod:`transnews.xmlsafe`): entity
declarations and undefined entities are refused at file:line (no XXE, no expansion
bombs); the ``tmx14.dtd`` a DOCTYPE names is never fetched.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import polib

from ..errors import CatalogError
from ..text import language_code, tmx_lang
from ..xmlsafe import Node, parse_xml_bytes

CODE_TAGS = frozenset({"bpt", "ept", "it", "ph", "ut"})
MARKUP_TYPES = frozenset({"html", "xhtml", "xml", "sgml", "markdown", "htmlbody", "xliff"})


@dataclass
class TMXUnit:
    line: int
    variants: dict[str, str]  # normalised language code → segment text
    raw_langs: dict[str, str]  # normalised → as written in the file
    notes: list[str] = field(default_factory=list)
    tuid: str | None = None


@dataclass
class TMXDocument:
    path: str
    srclang: str | None  # normalised header srclang ("*all*" → None)
    units: list[TMXUnit]


def _lang_of(node: Node) -> str | None:
    return node.attrs.get("xml:lang") or node.attrs.get("lang")


def _seg_text(node: Node, keep_codes: bool) -> str:
    out = []
    for child in node.content:
        if isinstance(child, str):
            out.append(child)
        elif child.tag in CODE_TAGS:
            if keep_codes:
                out.append(_seg_text(child, True))
            else:
                # Only translatable sub-flows survive when the native code is dropped.
                out.extend(_seg_text(s, False) for s in _subs(child))
        else:  # hi, sub, unknown inline: keep text
            out.append(_seg_text(child, keep_codes))
    return "".join(out)


def _subs(node: Node):
    for c in node.children:
        if c.tag == "sub":
            yield c
        else:
            yield from _subs(c)


def read_tmx(path: str | Path) -> TMXDocument:
    """Parse a TMX file (any BOM/encoding expat knows); errors name file and line."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogError("no such TMX file", path=path) from None
    except IsADirectoryError:
        raise CatalogError("is a directory, not a TMX file", path=path) from None
    shown = str(path)
    root = parse_xml_bytes(data, shown, error=CatalogError, what="TMX", namespaces=False)
    if root.tag != "tmx":
        raise CatalogError(f"not a TMX file (root element <{root.tag}>)", path=shown, line=root.line)
    header = next(iter(root.find_all("header")), None)
    body = next(iter(root.find_all("body")), None)
    if body is None:
        raise CatalogError("TMX has no <body>", path=shown, line=root.line)
    hattrs = header.attrs if header is not None else {}
    srclang = hattrs.get("srclang")
    srclang = None if not srclang or srclang.lower() == "*all*" else language_code(srclang)
    hdtype = (hattrs.get("datatype") or "").lower()
    units = []
    for tu in body.find_all("tu"):
        dtype = (tu.attrs.get("datatype") or hdtype).lower()
        unit = TMXUnit(line=tu.line, variants={}, raw_langs={}, tuid=tu.attrs.get("tuid"),
                       notes=[n.text().strip() for n in tu.find_all("note") if n.text().strip()])
        for tuv in tu.find_all("tuv"):
            lang = _lang_of(tuv)
            if not lang:
                raise CatalogError("<tuv> without xml:lang", path=shown, line=tuv.line)
            seg = next(iter(tuv.find_all("seg")), None)
            if seg is None:
                raise CatalogError("<tuv> without <seg>", path=shown, line=tuv.line)
            tdtype = (tuv.attrs.get("datatype") or dtype).lower()
            text = _seg_text(seg, tdtype in MARKUP_TYPES)
            code = language_code(lang)
            if code not in unit.variants:  # en-us and en-gb: the first one wins
                unit.variants[code] = text
                unit.raw_langs[code] = lang
        units.append(unit)
    return TMXDocument(shown, srclang, units)


@dataclass
class ImportResult:
    po_path: Path
    units: int  # units in the file
    imported: int
    skipped_missing: int  # units without both languages
    duplicates: int  # same source and translation again: merged (one more #: reference)
    conflicts: int = 0  # same source, other translation: first kept, the other in a # comment
    kept_existing: int = 0  # re-import: entries already in the catalog, left as reviewers left them


def tmx_to_po(doc: TMXDocument, *, src: str | None, tgt: str, domain: str) -> tuple[polib.POFile, ImportResult]:
    from ..text import check_language
    from .entries import new_catalog

    tgt = check_language(tgt, option="--lang")
    src = check_language(src, option="--from") if src else doc.srclang
    if src is None:
        raise CatalogError("the TMX header has no usable srclang; pass --from", path=doc.path)
    po = new_catalog(domain, tgt, src_lang=src)
    po.metadata["Last-Translator"] = f"imported from {os.path.basename(doc.path)}"
    po.header = (f"Translation memory imported from {doc.path} ({src} → {tgt}).\n"
                 "Entries are reviewed translations: transnews reuses them for new sentences.")
    seen: dict[str, polib.POEntry] = {}
    res = ImportResult(Path(), len(doc.units), 0, 0, 0)
    for unit in doc.units:
        s, t = unit.variants.get(src), unit.variants.get(tgt)
        if s is None or t is None or not s.strip() or not t.strip():
            res.skipped_missing += 1
            continue
        ref = (doc.path, str(unit.line))
        if s in seen:
            first = seen[s]
            first.occurrences.append(ref)
            if first.msgstr == t:
                res.duplicates += 1
            else:
                res.conflicts += 1
                note = f"other translation at {doc.path}:{unit.line}: {' '.join(t.split())}"
                first.tcomment = f"{first.tcomment}\n{note}" if first.tcomment else note
            continue
        entry = polib.POEntry(msgid=s, msgstr=t, occurrences=[ref])
        if unit.notes:
            entry.comment = "\n".join(" ".join(n.split()) for n in unit.notes)
        seen[s] = entry
        po.append(entry)
        res.imported += 1
    return po, res


def import_tmx(path: str | Path, *, tgt: str, src: str | None = None, locales_dir: str | Path = "locales",
               to: str | Path | None = None) -> ImportResult:
    """Import a TMX file into a reviewed catalog (``tm-<name>.po``) atomically."""
    from ..project import MEMORY_PREFIX
    from .entries import catalog_paths
    from .pofile import write_atomic

    doc = read_tmx(path)
    name = MEMORY_PREFIX + Path(path).stem
    po, res = tmx_to_po(doc, src=src, tgt=tgt, domain=name)
    target = Path(to) if to is not None else catalog_paths(locales_dir, name, tgt)[1]
    if res.imported == 0:
        raise CatalogError(f"no translation unit has both {po.metadata.get('X-Source-Language')} "
                           f"and {tgt} text", path=doc.path)
    if target.exists():
        # Re-import: what reviewers changed in the existing catalog wins.
        from .pofile import load_po

        existing = load_po(target)
        keys = {(e.msgctxt, e.msgid) for e in existing}
        added = [e for e in po if (e.msgctxt, e.msgid) not in keys]
        res.kept_existing = len(po) - len(added)
        for e in added:
            existing.append(e)
        po = existing
    write_atomic({target: po})
    res.po_path = target
    return res


def export_tmx(catalogs: list[tuple[str, polib.POFile]], *, src: str, tgt: str) -> tuple[str, int]:
    """TMX 1.4 text holding every reviewed entry of ``catalogs`` ((origin, po) pairs)."""
    from .entries import GENERATOR, is_reviewed

    now = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<tmx version="1.4">',
           f'  <header creationtool="transnews" creationtoolversion={quoteattr(GENERATOR.split()[-1])} '
           f'datatype="plaintext" segtype="sentence" adminlang="en" srclang={quoteattr(src)} '
           f'o-tmf="gettext PO" creationdate="{now}"/>', "  <body>"]
    seen: set[tuple[str, str]] = set()
    n = 0
    for origin, po in catalogs:
        for e in po:
            if not is_reviewed(e) or e.msgid_plural or (e.msgid, e.msgstr) in seen:
                continue
            seen.add((e.msgid, e.msgstr))
            out.append("    <tu>")
            out.append(f'      <prop type="x-origin">{escape(origin)}</prop>')
            if e.msgctxt:
                out.append(f'      <prop type="x-context">{escape(e.msgctxt)}</prop>')
            if e.tcomment:
                out.append(f"      <note>{escape(e.tcomment)}</note>")
            out.append(f'      <tuv xml:lang={quoteattr(src)}><seg>{escape(e.msgid)}</seg></tuv>')
            out.append(f'      <tuv xml:lang={quoteattr(tmx_lang(tgt))}><seg>{escape(e.msgstr)}</seg></tuv>')
            out.append("    </tu>")
            n += 1
    out += ["  </body>", "</tmx>", ""]
    return "\n".join(out), n


def export_locales(locales_dir: str | Path, *, tgt: str, src: str | None = None) -> tuple[str, int, int]:
    """(TMX text, units, catalogs) for all reviewed entries under ``locales_dir/<tgt>/``."""
    from .pofile import load_po

    root = Path(locales_dir) / tgt
    cats = []
    if root.is_dir():
        for path in sorted(root.rglob("*.po")):
            po = load_po(path)
            src = src or po.metadata.get("X-Source-Language")
            cats.append((os.path.relpath(path), po))
    text, n = export_tmx(cats, src=src or "en", tgt=tgt)
    return text, n, len(cats)
