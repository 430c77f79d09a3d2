"""CSV terminology import/export, the terminology format registries, conversion of imported
entries to concepts, merging. (``glossary import`` itself is :mod:`.importing`.)

CSV import follows the header: Weblate glossary exports (``source,target,…``),
TICO-19/Poedit-style lists (``sourceLang,targetLang,sourceString,targetString``),
language-code columns (``en,zh-CN``) and transnews' own export (one row per English
term, grouped by ``concept``). Quoted commas and multi-line quoted cells are
handled by the csv module; errors name file:line.

What survives ``glossary export`` → ``glossary import``: every column of the curated TSV
(:data:`.tsv.ALL_COLUMNS`). CSV has a column for each (``case`` is exact, any or first;
``zh_target_only``, ``ambiguous`` and ``context_words`` hold `` | ``-separated forms on
a concept's first row; not ``context``, which is Weblate's own column); TBX carries what TBX-Basic has no data category for in
``transnews:`` notes (see :data:`.tbx.FLAG_DNT`).
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GlossaryError, InputError
from ..text import is_language_tag, traditional_region
from .concept import EN, REGIONAL_COLUMNS, ZH, Concept, lang_family, term_key
from .tbx import (CONCEPT_FLAGS, FLAG_CASE, FLAG_DNT, FLAG_FIRST_WORD_CASE, Entry, Term, TermBase, format_tbx,
                  read_tbx)
from .tsv import ID_PATTERN, read_utf8, split_cell

def _norm_col(h: str) -> str:
    return re.sub(r"[\s_\-]", "", h.strip().lower())


_ALIASES = {
    "source": {"source", "sourcestring", "sourceterm", "term", "msgid", "original", "english"},
    "target": {"target", "targetstring", "targetterm", "translation", "msgstr", "chinese"},
    "source_lang": {"sourcelang", "sourcelanguage", "srclang", "sourcelocale"},
    "target_lang": {"targetlang", "targetlanguage", "tgtlang", "targetlocale"},
    "id": {"id", "stringid", "termid", "key"},
    "concept": {"concept", "conceptid"},
    "note": {"description", "note", "notes", "comment", "comments", "explanation", "definition",
             "developercomments", "translatorcomments"},
    "kind": {"kind", "termtype"},
    "variants": {"variants", "zhvariants"},
    "forbidden": {"forbidden", "zhforbidden", "deprecated"},
    "dnt": {"dnt", "donottranslate", "untranslatable", "readonly"},
    "case": {"case", "casesensitive"},
    "origin": {"origin", "sourceref", "provenance"},
    "target_only": {"zhtargetonly", "targetonly"},
    "ambiguous": {"ambiguous"},
    "context": {"contextwords", "transnewscontext"},
    **{col: {_norm_col(col)} for col in REGIONAL_COLUMNS.values()},  # zh_tw, zh_hk
}


_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z0-9&.\-]+$")  # two capitals or more, no lower case


_norm = _norm_col


@dataclass
class _Layout:
    """Where a CSV file's fields are: column of each field name, the note columns, the header
    width, and the languages of the source and target columns."""

    cols: dict[str, int]
    notes: list[int]
    width: int
    src: str
    tgt: str

    def get(self, row: list[str], name: str) -> str:
        i = self.cols.get(name)
        return row[i].strip() if i is not None and i < len(row) else ""


def read_csv(path: Path, *, src: str = EN, tgt: str = ZH) -> TermBase:
    """Import a CSV/TSV glossary (see module docstring). ``src``/``tgt`` are used when the
    file names no languages."""
    rows = _csv_rows(path)
    layout, body = _layout(rows, path, src=src, tgt=tgt)
    tb = TermBase(path=path, format="csv")
    grouped: dict[str, Entry] = {}  # concept column value → its entry
    for lineno, row in body:
        if len(row) > layout.width and any(c.strip() for c in row[layout.width:]):
            raise GlossaryError(f"{len(row)} fields, the header has {layout.width}", path=path, line=lineno)
        _add_row(tb, grouped, layout, row, lineno, path)
    return tb


def _csv_rows(path: Path) -> list[tuple[int, list[str]]]:
    """The file's non-blank rows with the line each starts on (the delimiter is sniffed)."""
    text = read_utf8(path)
    if not text.strip():
        raise GlossaryError("empty CSV file", path=path, line=1)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for row in reader:
            rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as err:
        raise GlossaryError(f"bad CSV: {err}", path=path, line=reader.line_num or line) from None
    rows = [(n, r) for n, r in rows if any(c.strip() for c in r)]
    if not rows:  # only separators: as empty as a blank file
        raise GlossaryError("empty CSV file", path=path, line=1)
    return rows


def _layout(rows: list[tuple[int, list[str]]], path: Path, *, src: str,
            tgt: str) -> tuple[_Layout, list[tuple[int, list[str]]]]:
    """The columns named by the header (aliases, else two language-code columns, else a
    headerless two-column file) and the data rows."""
    header_line, header = rows[0]
    cols: dict[str, int] = {}
    lang_cols: dict[int, str] = {}
    for i, h in enumerate(header):
        key = _norm(h)
        for name, names in _ALIASES.items():
            if key in names and name not in cols:
                cols[name] = i
        if is_language_tag(h.strip()) and lang_family(h) in (EN, ZH, "zt") and key not in _ALIASES["id"]:
            lang_cols[i] = h.strip()
    body = rows[1:]
    note_cols = [i for i, h in enumerate(header) if _norm(h) in _ALIASES["note"]]
    if "source" not in cols or "target" not in cols:
        if len(lang_cols) >= 2:
            (si, sl), (ti, tl) = list(lang_cols.items())[:2]
            cols["source"], cols["target"] = si, ti
            src, tgt = sl, tl
        elif len(header) == 2 and not cols:
            cols["source"], cols["target"] = 0, 1  # headerless source,target pairs
            body = rows
        else:
            raise GlossaryError("cannot find the source and target columns in the CSV header "
                                f"({', '.join(header)})", path=path, line=header_line)
    return _Layout(cols=cols, notes=note_cols, width=len(header), src=src, tgt=tgt), body


def _add_row(tb: TermBase, grouped: dict[str, Entry], layout: _Layout, row: list[str], lineno: int,
             path: Path) -> None:
    """One row's terms, added to its concept's entry (a new entry unless ``concept`` groups it)."""
    get = functools.partial(layout.get, row)
    s_text, t_text = get("source"), get("target")
    if not s_text:
        raise GlossaryError("empty source term", path=path, line=lineno)
    s_lang = get("source_lang") or layout.src
    t_lang = get("target_lang") or layout.tgt
    concept = get("concept")
    entry = grouped.get(concept) if concept else None
    if entry is None:
        entry = Entry(id=concept or get("id"), line=lineno, source=get("origin"))
        # Several comment columns (Weblate: translator_comments, developer_comments): keep all.
        entry.notes.extend(row[i].strip() for i in layout.notes if i < len(row) and row[i].strip())
        if get("dnt").lower() in ("yes", "true", "1", "y"):
            entry.notes.append(FLAG_DNT)
        case = get("case").lower()
        if case in ("exact", "yes", "true", "1"):
            entry.notes.append(FLAG_CASE)
        elif case == "first":
            entry.notes.append(FLAG_FIRST_WORD_CASE)
        tb.entries.append(entry)
        if concept:
            grouped[concept] = entry
    kind = "acronym" if get("kind").lower() in ("abbreviation", "acronym", "abbr") else ""
    if not kind and "kind" not in layout.cols and "case" not in layout.cols and _ACRONYM.match(s_text):
        # A list that says nothing about case (TICO-19): "WHO", "CDC" are acronyms, matched in
        # capitals only, or "who" in every sentence would be the World Health Organization.
        kind = "acronym"
    entry.terms.append(Term(s_text, s_lang, "preferred" if len(entry.terms) == 0 else "admitted",
                            kind, lineno))
    if t_text and not any(t.text == t_text and t.lang == t_lang for t in entry.terms):
        entry.terms.append(Term(t_text, t_lang, "preferred", "", lineno))
    for v in split_cell(get("variants")):
        entry.terms.append(Term(v, t_lang, "admitted", "", lineno))
    for v in split_cell(get("forbidden")):
        entry.terms.append(Term(v, t_lang, "deprecated", "", lineno))
    for region, col in REGIONAL_COLUMNS.items():
        if get(col):
            entry.terms.append(Term(get(col), f"zh-{region}", "preferred", "", lineno))
    entry.target_only.extend(split_cell(get("target_only")))
    entry.ambiguous.extend(split_cell(get("ambiguous")))
    entry.context.extend(split_cell(get("context")))


def _read_tbx(path: Path, *, src: str, tgt: str) -> TermBase:
    return read_tbx(path)  # TBX names its languages


# Terminology files by suffix: (format, reader). ``.xml`` is read as TBX; ``.tsv`` and
# ``.txt`` as delimited text (the delimiter is sniffed).
TERMINOLOGY_FORMATS: dict[str, tuple[str, Callable[..., TermBase]]] = {
    ".tbx": ("TBX", _read_tbx), ".xml": ("TBX", _read_tbx),
    ".csv": ("CSV", read_csv), ".tsv": ("CSV", read_csv), ".txt": ("CSV", read_csv),
}


def read_terminology(path: Path, *, src: str = EN, tgt: str = ZH) -> TermBase:
    """Read a TBX or CSV terminology file, by suffix (see ``TERMINOLOGY_FORMATS``)."""
    suffix = path.suffix.lower()
    if suffix not in TERMINOLOGY_FORMATS:
        raise GlossaryError(f"unknown terminology format {suffix or '(no suffix)'!r}; "
                            f"known: {' '.join(TERMINOLOGY_FORMATS)}", path=path)
    _, reader = TERMINOLOGY_FORMATS[suffix]
    return reader(path, src=src, tgt=tgt)


# --- entries → concepts ----------------------------------------------------------------------


@dataclass
class Conversion:
    concepts: list[Concept] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (entry label, reason)


def _slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")
    if not s or not s[0].isalpha():
        s = "t-" + s if s else "term"
    return s


def concepts_from_entries(tb: TermBase) -> Conversion:
    """Map imported entries to en↔zh concepts (preferred zh = approved, admitted = variants,
    deprecated/superseded = forbidden). Entries without both languages are skipped."""
    out = Conversion()
    ids: set[str] = set()
    for e in tb.entries:
        en = [t for t in e.terms if lang_family(t.lang) == EN]
        zh = [t for t in e.terms if lang_family(t.lang) == ZH]
        label = (en or zh or e.terms or [Term(e.id, "")])[0].text
        if not en or not zh:
            have = ", ".join(sorted({t.lang for t in e.terms})) or "none"
            out.skipped.append((label, f"no English and Simplified Chinese pair (languages: {have})"))
            continue
        good_en = [t for t in en if t.status not in ("deprecated", "superseded")] or en
        full = tuple(dict.fromkeys(t.text for t in good_en if t.kind not in ("acronym", "abbreviation")))
        abbr = tuple(dict.fromkeys(t.text for t in good_en if t.kind in ("acronym", "abbreviation")))
        usable = [t for t in zh if t.status not in ("deprecated", "superseded")]
        if not usable:
            out.skipped.append((label, "no approved Chinese term (all deprecated)"))
            continue
        approved = next((t for t in usable if t.status == "preferred"), usable[0]).text
        variants = tuple(dict.fromkeys(t.text for t in usable if t.text != approved))
        forbidden = tuple(dict.fromkeys(t.text for t in zh if t.status in ("deprecated", "superseded")
                                        and t.text != approved and t.text not in variants))
        first_word = FLAG_FIRST_WORD_CASE in e.notes
        case = FLAG_CASE in e.notes or first_word
        if not full:
            full, abbr, case = abbr, (), True
        abbr = tuple(a for a in abbr if a not in full)
        dnt = FLAG_DNT in e.notes or approved == full[0]
        cid = _slug(e.id if ID_PATTERN.match(e.id or "") else full[0])
        base, n = cid, 2
        while cid in ids:
            cid, n = f"{base}-{n}", n + 1
        ids.add(cid)
        notes = [x for x in e.notes if x not in CONCEPT_FLAGS]
        concept = Concept(
            id=cid, en=full, abbr=abbr, zh=approved, zh_variants=variants, zh_forbidden=forbidden,
            dnt=dnt, case_sensitive=case, first_word_case=first_word and case, note="; ".join(notes),
            source=e.source or f"imported from {tb.path.name}", path=str(tb.path), line=e.line)
        out.concepts.append(_with_regional(_with_rules(concept, e), e, tb))
    return out


def _with_regional(c: Concept, e: Entry, tb: TermBase) -> Concept:
    """``c`` with the entry's approved zh-TW / zh-HK forms. The curated TSV wants each cited
    ("zh-TW: <document>" in source); an uncited one is left out, with a warning."""
    forms: dict[str, str] = {}
    for region, col in REGIONAL_COLUMNS.items():
        usable = [t for t in e.terms if traditional_region(t.lang) == region
                  and t.status not in ("deprecated", "superseded")]
        form = next((t.text for t in usable if t.status == "preferred"), usable[0].text if usable else "")
        if not form or c.dnt:
            continue
        if f"zh-{region}:" in c.source:
            forms[col] = form
        else:
            tb.warnings.append(f"{tb.path}:{e.line}: {col} form {form!r} of {c.id!r} not imported: "
                               f"its source cites no 'zh-{region}:' document")
    return dataclasses.replace(c, **forms) if forms else c


def _with_rules(c: Concept, e: Entry) -> Concept:
    """``c`` with the entry's source-side rules, keeping only what the curated TSV accepts
    (a target-only form is the approved Chinese or a variant, an ambiguous form one of the
    concept's terms, context words only with an ambiguous form), so the import always loads."""
    zh_forms = (c.zh, *c.zh_variants)
    target_only = tuple(dict.fromkeys(f for f in e.target_only if f in zh_forms))
    ambiguous = tuple(dict.fromkeys(f for f in e.ambiguous if f in (*c.en, *c.abbr, *zh_forms)))
    context = tuple(dict.fromkeys(e.context)) if ambiguous else ()
    if not (target_only or ambiguous):
        return c
    return dataclasses.replace(c, zh_target_only=target_only, ambiguous=ambiguous, context=context)


# --- merging ---------------------------------------------------------------------------------


@dataclass
class MergeReport:
    added: list[Concept] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"added": [c.id for c in self.added],
                "skipped": [{"term": t, "reason": r} for t, r in self.skipped],
                "conflicts": self.conflicts}


def _keys(c: Concept) -> list[str]:
    return [term_key(f) for f in (*c.en, *c.abbr)]


def merge(existing: list[Concept], incoming: list[Concept]) -> MergeReport:
    """Decide which incoming concepts can be added: a shared English term with the same
    approved Chinese is a duplicate (skipped), with another one a conflict (not added)."""
    report = MergeReport()
    index: dict[str, Concept] = {}
    ids = {c.id for c in existing}
    new_ids: set[str] = set()
    for c in existing:
        for k in _keys(c):
            index.setdefault(k, c)
    for c in incoming:
        clash = next((index[k] for k in _keys(c) if k in index), None)
        if clash is not None:
            if clash.zh == c.zh or c.zh in clash.zh_variants:
                report.skipped.append((c.preferred, f"already in the glossary as {clash.id!r}"))
            else:
                where = f" at {c.path}:{c.line}" if c.path and c.line else ""
                owner = "an earlier entry of the import has" if clash.id in new_ids else "glossary has"
                report.conflicts.append(f"{c.preferred!r}: {owner} {clash.zh!r} (concept {clash.id!r}, "
                                        f"{clash.where()}), import has {c.zh!r}{where}")
            continue
        cid, n = c.id, 2
        while cid in ids:
            cid, n = f"{c.id}-{n}", n + 1
        if cid != c.id:
            c = dataclasses.replace(c, id=cid)
        ids.add(cid)
        new_ids.add(cid)
        for k in _keys(c):
            index[k] = c
        report.added.append(c)
    return report


def format_csv(concepts: list[Concept]) -> str:
    """One row per English term or abbreviation; re-importable (rows grouped by ``concept``)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["concept", "source", "target", "kind", "variants", "forbidden", "dnt", "case", "note",
                "origin", "sourceLang", "targetLang", "zh_target_only", "ambiguous", "context_words",
                *REGIONAL_COLUMNS.values()])

    def cell(values: tuple[str, ...], first: bool) -> str:
        return " | ".join(values) if first else ""

    for c in concepts:
        rows = [(t, "term") for t in c.en] + [(a, "abbreviation") for a in c.abbr]
        case = "first" if c.first_word_case else "exact" if c.case_sensitive else "any"
        for k, (term, kind) in enumerate(rows):
            first = k == 0
            w.writerow([c.id, term, c.zh, kind, cell(c.zh_variants, first), cell(c.zh_forbidden, first),
                        "yes" if c.dnt else "", case, c.note if first else "", c.source if first else "",
                        "en", "zh-CN", cell(c.zh_target_only, first), cell(c.ambiguous, first),
                        cell(c.context, first), *(cell((getattr(c, col),), first) for col in REGIONAL_COLUMNS.values())])
    return buf.getvalue()


# Export formats by name (``glossary export --format``).
EXPORT_FORMATS: dict[str, Callable[[list[Concept]], str]] = {"tbx": format_tbx, "csv": format_csv}


def exporter(fmt: str) -> Callable[[list[Concept]], str]:
    """The writer of export format ``fmt`` (concepts → file text); InputError if unknown."""
    writer = EXPORT_FORMATS.get(fmt.lower())
    if writer is None:
        raise InputError(f"unknown export format {fmt!r}; use {' or '.join(EXPORT_FORMATS)}")
    return writer
