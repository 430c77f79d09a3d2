"""TBX import (v2 ``martif`` and v3 ISO 30042:2019, DCA and DCT styles) and TBX-Basic v3 export.

Import validates what matters for trusting the data, each problem reported at
file:line: well-formedness, the core structure (element names and nesting,
one ``<term>`` first in each ``termSec``, ``termNote`` before other term-level
information, header text in ``<p>``, typed data categories, internal/HTTP
``target`` references) and, for the TBX-Basic and TBX-Min dialects, their data
categories, levels and picklists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..errors import GlossaryError
from ..xmlsafe import Node, parse_xml
from .concept import REGIONAL_COLUMNS, Concept
from .tsv import split_cell

TBX_NS = "urn:iso:std:iso:30042:ed-2"


@dataclass(frozen=True)
class Term:
    text: str
    lang: str
    status: str = ""  # preferred | admitted | deprecated | superseded | ""
    kind: str = ""  # termType: fullForm, acronym, abbreviation, shortForm, variant …
    line: int | None = None


@dataclass
class Entry:
    """One concept entry of an imported terminology file."""

    id: str
    terms: list[Term] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source: str = ""
    line: int | None = None
    # The curated glossary's source-side rules (see Concept), by term text.
    target_only: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)


@dataclass
class TermBase:
    path: Path
    format: str  # "tbx-v2" | "tbx-v3" | "csv"
    dialect: str = ""
    entries: list[Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # "file:line: message"

    @property
    def term_count(self) -> int:
        return sum(len(e.terms) for e in self.entries)


# --- structure -------------------------------------------------------------------------------

_HEADER = {"tbxHeader", "martifHeader", "fileDesc", "titleStmt", "publicationStmt", "sourceDesc",
           "encodingDesc", "revisionDesc", "change"}
_HEADER_TEXT_OK = {"title", "p", "note", "change"}
_INLINE = {"hi", "foreign", "sc", "ec", "ph", "bpt", "ept", "it", "ut"}
_DATCAT = {"admin", "descrip", "termNote", "transac", "transacNote", "ref", "xref"}
_AUX = {"admin", "adminGrp", "descrip", "descripGrp", "note", "ref", "transacGrp", "xref"}
_BACK = {"back", "refObjectSec", "refObjectList", "refObject", "item", "itemGrp", "itemSet"}
_V3_ELEMENTS = ({"tbx", "text", "body", "conceptEntry", "langSec", "termSec", "term", "termNote",
                 "termNoteGrp", "date", "adminNote", "descripNote"}
                | _HEADER | _HEADER_TEXT_OK | _INLINE | _DATCAT | _AUX | _BACK)
_V2_ELEMENTS = ({"martif", "text", "body", "termEntry", "langSet", "tig", "ntig", "termGrp", "term",
                 "termNote", "termNoteGrp", "termCompList", "termComp", "termCompGrp", "date",
                 "adminNote", "descripNote"}
                | _HEADER | _HEADER_TEXT_OK | _INLINE | _DATCAT | _AUX | _BACK)

# TBX-Basic (LTAC TBX-Basic_DCA.sch, plus relatedConcept/relatedTerm of the 2018 update).
_BASIC_TYPES = {
    "admin": {"customerSubset", "projectSubset", "source"},
    "descrip": {"subjectField", "context", "definition"},
    "ref": {"crossReference", "relatedConcept", "relatedTerm"},
    "termNote": {"administrativeStatus", "partOfSpeech", "geographicalUsage", "grammaticalGender",
                 "termLocation", "termType"},
    "transac": {"transactionType"},
    "transacNote": {"responsibility"},
    "xref": {"externalCrossReference", "xGraphic"},
}
_MIN_TYPES = {
    "admin": {"customerSubset"},
    "descrip": {"subjectField"},
    "termNote": {"administrativeStatus", "partOfSpeech", "usageStatus"},
}
_PICKLISTS = {
    "administrativeStatus": {"preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts",
                             "supersededTerm-admn-sts"},
    "partOfSpeech": {"noun", "verb", "adjective", "adverb", "properNoun", "other"},
    "grammaticalGender": {"masculine", "feminine", "neuter", "other"},
    "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
    "usageStatus": {"preferred", "admitted", "deprecated", "notRecommended", "obsolete", "superseded"},
    "termLocation": {"checkBox", "comboBox", "comboBoxElement", "dialogBox", "groupBox", "informativeMessage",
                     "interactiveMessage", "menuItem", "progressBar", "pushButton", "radioButton", "slider",
                     "spinBox", "tab", "tableText", "textBox", "toolTip", "user-definedType"},
}
# Data-category levels in TBX-Basic (where each may appear, a *Grp wrapper being transparent).
_BASIC_LEVELS = {
    ("descrip", "definition"): {"conceptEntry", "langSec", "termEntry", "langSet"},
    ("descrip", "context"): {"termSec", "tig", "ntig"},
    ("descrip", "subjectField"): {"conceptEntry", "termEntry"},
    ("xref", "xGraphic"): {"conceptEntry", "langSec", "termEntry", "langSet"},
}
# Data categories registered for TBX (TBX-Default / ISO 12620 DatCatInfo) by element. A file that
# uses one outside its dialect is still meaningful (kept, with a warning); a type that is no data
# category at all ("origin", "pos", "wrongType") is an error.
_REGISTERED = {
    "admin": {"annotatedNote", "applicationSubset", "businessUnitSubset", "conceptOrigin", "customerSubset",
              "elementWorkingStatus", "entrySource", "environmentSubset", "indexHeading", "keyword",
              "originatingDatabase", "originatingInstitution", "originatingPerson", "productSubset",
              "projectSubset", "searchTerm", "securitySubset", "sortKey", "source", "sourceIdentifier",
              "sourceType", "subsetOwner"},
    "descrip": {"antonymConcept", "associatedConcept", "audio", "characteristic", "classificationCode",
                "conceptPosition", "context", "definition", "example", "explanation", "figure",
                "otherBinaryData", "quantity", "range", "relatedConcept", "relatedConceptBroader",
                "relatedConceptNarrower", "reliabilityCode", "sampleSentence", "subjectField",
                "subordinateConceptGeneric", "superordinateConceptGeneric", "table", "thesaurusDescriptor",
                "unit", "video"},
    "termNote": {"administrativeStatus", "animacy", "directionality", "etymology", "frequency",
                 "geographicalUsage", "grammaticalGender", "grammaticalNumber", "grammaticalValency",
                 "language-planningQualifier", "normativeAuthorization", "partOfSpeech", "processStatus",
                 "pronunciation", "proprietaryRestriction", "register", "reliabilityCode", "termLocation",
                 "termProvenance", "termStructure", "termType", "timeRestriction", "transferComment",
                 "usageNote", "usageStatus"},
    "ref": {"abbreviatedFormFor", "antonymTerm", "crossReference", "homograph", "relatedConcept",
            "relatedTerm", "shortFormFor", "falseFriend", "directionality"},
    "xref": {"externalCrossReference", "xGraphic", "xSource", "xAudio", "xVideo"},
    "transac": {"transactionType"},
    "transacNote": {"responsibility", "transactionNote"},
}
_HTTP = re.compile(r"^https?://\S+$")


class _Validator:
    def __init__(self, path: Path, root: Node) -> None:
        self.path = path
        self.root = root
        self.v3 = root.tag == "tbx"
        self.dialect = root.attrs.get("type", "")
        self.style = root.attrs.get("style", "dca")
        self.ids = set()
        self.warnings: list[tuple[int, str]] = []
        self._parents: dict[int, Node] = {}  # id(node) -> parent, for level checks in *Grp
        self._index(root)

    def _index(self, n: Node) -> None:
        if "id" in n.attrs:
            self.ids.add(n.attrs["id"])
        for c in n.children:
            self._parents[id(c)] = n
            self._index(c)

    def fail(self, node: Node, msg: str) -> None:
        raise GlossaryError(msg, path=self.path, line=node.line)

    def run(self) -> None:
        r = self.root
        if self.v3 and r.ns != TBX_NS:
            self.fail(r, f"<tbx> is not in the TBX namespace {TBX_NS!r}")
        if not self.dialect:
            self.fail(r, f"<{r.tag}> has no type attribute (the TBX dialect, e.g. TBX-Basic)")
        if self.v3 and self.style not in ("dca", "dct"):
            self.fail(r, f"<tbx> style must be 'dca' or 'dct', not {self.style!r}")
        names = [c.tag for c in r.children]
        header = "tbxHeader" if self.v3 else "martifHeader"
        if names[:1] != [header] or "text" not in names:
            self.fail(r, f"<{r.tag}> must contain <{header}> then <text>")
        self.check_names(r)
        self.walk(r, None)

    def check_names(self, n: Node) -> None:
        """Unknown element names first: they explain any structural error they cause."""
        if n.ns == TBX_NS or not self.v3:
            if n.tag not in (_V3_ELEMENTS if self.v3 else _V2_ELEMENTS):
                self.fail(n, f"unknown TBX element <{n.tag}>")
        for c in n.children:
            self.check_names(c)

    def walk(self, n: Node, parent: Node | None) -> None:
        self.check_element(n, parent)
        for c in n.children:
            self.walk(c, n)

    def check_element(self, n: Node, parent: Node | None) -> None:
        """Every rule for ``n``, in a fixed order: the first that fails is the error reported."""
        if self.v3 and n.ns != TBX_NS:
            self.check_foreign(n, parent)
            return
        ptag = parent.tag if parent is not None else ""
        self.check_containers(n, ptag)
        if n.tag in ("termSec", "tig", "termGrp"):
            self.check_term_holder(n)
        if n.tag == "term" and ptag not in ("termSec", "tig", "termGrp", "termComp"):
            self.fail(n, f"<term> is not allowed directly inside <{ptag}> (it belongs in a "
                         f"{'termSec' if self.v3 else 'tig/ntig'})")
        if n.tag.endswith("Grp") and n.tag not in ("termGrp", "termCompGrp", "itemGrp"):
            self.check_group(n)
        if n.tag in _DATCAT:
            self.check_datcat(n, parent)
        if "target" in n.attrs and self.v3 and self.dialect in ("TBX-Basic", "TBX-Min"):
            t = n.attrs["target"]
            if not (_HTTP.match(t) or t in self.ids):
                self.fail(n, f"target {t!r} is neither an id in this file nor an http(s) URL")

    def check_foreign(self, n: Node, parent: Node | None) -> None:
        """An element from another namespace: a DCT data category, never the root's child."""
        if self.style != "dct" or parent is None:
            self.fail(n, f"element <{n.tag}> from namespace {n.ns or '(none)'!r} is not allowed in a "
                         f"{self.style.upper()}-style TBX file")
        self.check_value(n, n.tag, n.own_text.strip())

    def check_containers(self, n: Node, ptag: str) -> None:
        """What the header, <text>, <body>, entries and language sections may contain."""
        if n.tag in _HEADER and n.tag != "change" and n.own_text.strip():
            self.fail(n, f"text directly inside <{n.tag}> must be wrapped in <p>")
        if n.tag in ("text",) and ptag in ("tbx", "martif"):
            bad = [c for c in n.children if c.tag not in ("body", "back")]
            if bad:
                self.fail(bad[0], f"<{bad[0].tag}> is not allowed directly inside <text> (only <body>, <back>)")
        if n.tag == "body":
            entry = "conceptEntry" if self.v3 else "termEntry"
            bad = [c for c in n.children if c.tag != entry]
            if bad:
                self.fail(bad[0], f"<{bad[0].tag}> is not allowed directly inside <body> (only <{entry}>)")
        if n.tag in ("conceptEntry", "termEntry"):
            if self.v3 and not n.attrs.get("id"):
                self.fail(n, "<conceptEntry> has no id attribute")
            self.check_sequence(n, "langSec" if self.v3 else "langSet")
        if n.tag in ("langSec", "langSet"):
            if not n.attrs.get("xml:lang"):
                self.fail(n, f"<{n.tag}> has no xml:lang attribute")
            self.check_sequence(n, "termSec" if self.v3 else ("tig", "ntig"))

    def check_term_holder(self, n: Node) -> None:
        """One <term>, first; then term notes before any other information."""
        terms = [c for c in n.children if c.tag == "term"]
        if not terms:
            self.fail(n, f"<{n.tag}> has no <term>")
        if len(terms) > 1:
            self.fail(terms[1], f"only one <term> is allowed per <{n.tag}>")
        if n.children[0].tag != "term":
            self.fail(n.children[0], f"<term> must come first in <{n.tag}>, not after <{n.children[0].tag}>")
        seen_aux = None
        for c in n.children[1:]:
            if c.tag in ("termNote", "termNoteGrp", "termCompList") or (self.v3 and c.ns != TBX_NS
                                                                        and c.tag in _term_note_dcs()):
                if seen_aux is not None:
                    self.fail(c, f"<{c.tag}> must come before <{seen_aux}> in <{n.tag}>")
            else:
                seen_aux = c.tag

    def check_group(self, n: Node) -> None:
        """A *Grp starts with exactly one of its head element (in DCT style: a foreign one)."""
        head = n.tag[:-3]
        heads = [c for c in n.children if c.tag == head]
        dct_head = self.v3 and self.style == "dct" and n.children and n.children[0].ns != TBX_NS
        if dct_head:
            heads = [n.children[0]] + heads
        elif not heads or n.children[0].tag != head:
            self.fail(n, f"<{n.tag}> must start with one <{head}>")
        if len(heads) > 1:
            self.fail(heads[1], f"only one <{head}> is allowed per <{n.tag}>")

    def check_datcat(self, n: Node, parent: Node | None) -> None:
        """A typed data category: registered for the dialect, with a picklist value, at its level."""
        dc = n.attrs.get("type", "").strip()
        if not dc:
            self.fail(n, f"<{n.tag}> must have a type attribute (its data category)")
        allowed_types = self.types().get(n.tag)
        if allowed_types is not None and dc not in allowed_types and dc in _REGISTERED.get(n.tag, ()):
            self.warnings.append((n.line, f"<{n.tag} type={dc!r}> is not a {self.dialect} data category; "
                                          "kept as extra information"))
        elif allowed_types is not None and dc not in allowed_types:
            self.fail(n, f"<{n.tag} type={dc!r}> is not allowed in {self.dialect} "
                         f"(permitted: {', '.join(sorted(allowed_types))})")
        if self.dialect == "TBX-Min" and n.tag not in _MIN_TYPES and n.tag not in ("transac", "transacNote"):
            self.fail(n, f"<{n.tag}> is not allowed in TBX-Min")
        self.check_value(n, dc, n.own_text.strip())
        self.check_level(n, dc, parent)

    def check_sequence(self, n: Node, section: str | tuple[str, ...]) -> None:
        sections = (section,) if isinstance(section, str) else section
        started = False
        for c in n.children:
            if c.tag in sections:
                started = True
            elif c.tag == "term":
                self.fail(c, f"<term> is not allowed directly inside <{n.tag}> (it belongs in a <{sections[0]}>)")
            elif started and (c.ns == TBX_NS or not self.v3):
                self.fail(c, f"<{c.tag}> must come before the <{sections[0]}> elements in <{n.tag}>")
        if not started:
            self.fail(n, f"<{n.tag}> has no <{sections[0]}>")

    def types(self) -> dict[str, set[str]]:
        if self.dialect == "TBX-Basic":
            return _BASIC_TYPES
        if self.dialect == "TBX-Min":
            return _MIN_TYPES
        return {}

    def check_value(self, n: Node, dc: str, value: str) -> None:
        if self.dialect not in ("TBX-Basic", "TBX-Min"):
            return
        allowed = _PICKLISTS.get(dc)
        if allowed is not None and value not in allowed:
            self.fail(n, f"{dc} value {value!r} is not in the {self.dialect} picklist "
                         f"({', '.join(sorted(allowed))})")

    def check_level(self, n: Node, dc: str, parent: Node | None) -> None:
        if self.dialect != "TBX-Basic" or parent is None:
            return
        levels = _BASIC_LEVELS.get((n.tag, dc))
        if levels is None:
            return
        owner = parent
        if owner.tag.endswith("Grp") and owner.tag != "termGrp":
            owner = self._parents.get(id(owner))
        if owner is not None and owner.tag not in levels:
            self.fail(n, f"{dc} is not allowed at the <{owner.tag}> level in TBX-Basic "
                         f"(allowed: {', '.join(sorted(levels))})")


def _term_note_dcs() -> set[str]:
    return set(_BASIC_TYPES["termNote"]) | {"usageStatus"}


# --- reading ---------------------------------------------------------------------------------

_STATUS = {"preferredTerm-admn-sts": "preferred", "admittedTerm-admn-sts": "admitted",
           "deprecatedTerm-admn-sts": "deprecated", "supersededTerm-admn-sts": "superseded",
           "preferred": "preferred", "admitted": "admitted", "deprecated": "deprecated",
           "notRecommended": "deprecated", "obsolete": "superseded", "superseded": "superseded"}


def _datcats(node: Node) -> list[tuple[str, str, Node]]:
    """(data category, value, element) for DCA (<termNote type=x>) and DCT (<basic:x>) children,
    looking through *Grp wrappers."""
    out = []
    for c in node.children:
        if c.tag.endswith("Grp") and c.tag not in ("termGrp", "transacGrp"):
            out.extend(_datcats(c))
        elif c.tag in _DATCAT and c.ns in (TBX_NS, ""):
            out.append((c.attrs.get("type", ""), c.all_text(), c))
        elif c.ns not in (TBX_NS, ""):
            out.append((c.tag, c.all_text(), c))
    return out


def read_tbx(path: Path) -> TermBase:
    """Parse and validate a TBX file; GlossaryError at file:line when it is not valid."""
    root = parse_xml(path, error=GlossaryError)
    if root.tag not in ("tbx", "martif"):
        raise GlossaryError(f"not a TBX file (root element <{root.tag}>, expected <tbx> or <martif>)",
                            path=path, line=root.line)
    v = _Validator(path, root)
    v.run()
    tb = TermBase(path=path, format="tbx-v3" if v.v3 else "tbx-v2", dialect=v.dialect,
                  warnings=[f"{path}:{line}: {msg}" for line, msg in v.warnings])
    entry_tag, lang_tag = ("conceptEntry", "langSec") if v.v3 else ("termEntry", "langSet")
    default_lang = root.attrs.get("xml:lang", "")
    for node in _iter(root, entry_tag):
        entry = Entry(id=node.attrs.get("id", f"entry-{len(tb.entries) + 1}"), line=node.line)
        for dc, value, _ in _datcats(node):
            if dc == "source" and not entry.source:
                entry.source = value
            elif dc == "definition" and value:
                entry.notes.append(value)
        for note in (c.all_text().strip() for c in node.children if c.tag == "note"):
            if note.startswith(CONTEXT_PREFIX):
                entry.context.extend(split_cell(note[len(CONTEXT_PREFIX):]))
            elif note:
                entry.notes.append(note)
        for ls in (c for c in node.children if c.tag == lang_tag):
            lang = ls.attrs.get("xml:lang", default_lang)
            for holder in ls.children:
                if holder.tag == "ntig":
                    holder = next((g for g in holder.children if g.tag == "termGrp"), holder)
                if holder.tag not in ("termSec", "tig", "termGrp"):
                    continue
                term = next(c for c in holder.children if c.tag == "term")
                if not term.all_text():
                    continue  # real files contain empty <term/> placeholders for missing translations
                notes = {dc: val for dc, val, _ in _datcats(holder)}
                status = _STATUS.get(notes.get("administrativeStatus") or notes.get("usageStatus") or "", "")
                entry.terms.append(Term(text=term.all_text(), lang=lang, status=status,
                                        kind=notes.get("termType", ""), line=term.line))
                flags = {c.all_text().strip() for c in holder.children if c.tag == "note"}
                if FLAG_TARGET_ONLY in flags:
                    entry.target_only.append(term.all_text())
                if FLAG_AMBIGUOUS in flags:
                    entry.ambiguous.append(term.all_text())
        tb.entries.append(entry)
    return tb


def _iter(node: Node, tag: str):
    for c in node.children:
        if c.tag == tag:
            yield c
        else:
            yield from _iter(c, tag)


# --- writing ---------------------------------------------------------------------------------

# transnews' own information, carried in <note>s: TBX-Basic has no data category for it, and a
# <termNote>/<admin> of a type of our own would make the file invalid TBX-Basic (the dialect's
# schematron, and our reader, refuse unknown types); a <note> is allowed at concept and term
# level and every TBX tool keeps it. Concept level: do-not-translate, the case rule (exact,
# or first word only; none: any case), the context words. Term level (a <note> in the
# <termSec> after the termNotes): a Chinese form that is a target only, an ambiguous form.
# The regional forms (zh_tw, zh_hk) are standard TBX: preferred terms of a zh-TW / zh-HK langSec.
FLAG_DNT = "transnews:do-not-translate"
FLAG_CASE = "transnews:case-sensitive"
FLAG_FIRST_WORD_CASE = "transnews:case-sensitive-first-word"
FLAG_TARGET_ONLY = "transnews:target-only"
FLAG_AMBIGUOUS = "transnews:ambiguous"
CONTEXT_PREFIX = "transnews:context-words:"
CONCEPT_FLAGS = (FLAG_DNT, FLAG_CASE, FLAG_FIRST_WORD_CASE)


def _concept_notes(c: Concept) -> list[str]:
    """The concept-level <note> texts of ``c``: its note, then transnews' flags."""
    notes = [c.note] if c.note else []
    if c.dnt:
        notes.append(FLAG_DNT)
    if c.first_word_case:
        notes.append(FLAG_FIRST_WORD_CASE)
    elif c.case_sensitive:
        notes.append(FLAG_CASE)
    if c.context:
        notes.append(f"{CONTEXT_PREFIX} {' | '.join(c.context)}")
    return notes


def format_tbx(concepts: list[Concept], *, title: str = "transnews IP glossary") -> str:
    """TBX-Basic v3 (DCA style). transnews-specific information (do-not-translate, case, the
    source-side rules) travels as <note>s, see ``FLAG_DNT``."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="{TBX_NS}">',
           "  <tbxHeader>", "    <fileDesc>",
           f"      <titleStmt><title>{escape(title)}</title></titleStmt>",
           "      <sourceDesc><p>Exported by transnews glossary export</p></sourceDesc>",
           "    </fileDesc>", "  </tbxHeader>", "  <text>", "    <body>"]

    def term(text: str, status: str, kind: str | None = None, c: Concept | None = None) -> list[str]:
        lines = ["          <termSec>", f"            <term>{escape(text)}</term>"]
        if kind:
            lines.append(f'            <termNote type="termType">{kind}</termNote>')
        lines.append(f'            <termNote type="administrativeStatus">{status}-admn-sts</termNote>')
        if c is not None and status != "deprecatedTerm":
            if text in c.zh_target_only and kind is None:
                lines.append(f"            <note>{FLAG_TARGET_ONLY}</note>")
            if text in c.ambiguous:
                lines.append(f"            <note>{FLAG_AMBIGUOUS}</note>")
        lines.append("          </termSec>")
        return lines

    for c in concepts:
        out.append(f"      <conceptEntry id={quoteattr(c.id)}>")
        if c.source:
            out.append(f'        <admin type="source">{escape(c.source)}</admin>')
        out.extend(f"        <note>{escape(n)}</note>" for n in _concept_notes(c))
        out.append('        <langSec xml:lang="en">')
        for k, t in enumerate(c.en):
            out.extend(term(t, "preferredTerm" if k == 0 else "admittedTerm", "fullForm" if k == 0 else "", c))
        for a in c.abbr:
            out.extend(term(a, "admittedTerm", "acronym", c))
        out.append("        </langSec>")
        # A do-not-translate concept's Chinese term is its source form.
        out.append('        <langSec xml:lang="zh-CN">')
        out.extend(term(c.zh or c.preferred, "preferredTerm", None, c))
        for v in c.zh_variants:
            out.extend(term(v, "admittedTerm", None, c))
        for f in c.zh_forbidden:
            out.extend(term(f, "deprecatedTerm"))
        out.append("        </langSec>")
        # The Traditional editions' approved forms: a language section of their own each.
        for region, col in REGIONAL_COLUMNS.items():
            if getattr(c, col):
                out.append(f'        <langSec xml:lang="zh-{region}">')
                out.extend(term(getattr(c, col), "preferredTerm"))
                out.append("        </langSec>")
        out.append("      </conceptEntry>")
    out += ["    </body>", "  </text>", "</tbx>"]
    return "\n".join(out) + "\n"
