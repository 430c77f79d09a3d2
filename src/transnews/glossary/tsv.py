"""The curated glossary format: UTF-8 TSV, one concept per line.

Why TSV: it opens in any spreadsheet (tab-separated import/export), needs no
quoting for the commas and ampersands of organisation names ("Boss & Young,
Attorneys at Law"), keeps one concept on one physical line so a ``git diff``
shows exactly which concept changed, and lets every error point at file:line.
Several values in one cell are separated by `` | ``. Lines starting with ``#``
and blank lines are ignored. The source-side rule columns (``zh_target_only``,
``ambiguous``, ``context``) are optional, so older files keep loading, and so are the
regional forms of the Traditional editions (``zh_tw``, ``zh_hk``: one approved form each,
cited in ``source`` after "zh-TW:" / "zh-HK:").
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import GlossaryError
from .concept import REGIONAL_COLUMNS, Concept

COLUMNS = ("id", "en", "abbr", "zh", "zh_variants", "zh_forbidden", "dnt", "case", "note", "source")
OPTIONAL_COLUMNS = ("zh_target_only", "ambiguous", "context", *REGIONAL_COLUMNS.values())
ALL_COLUMNS = COLUMNS + OPTIONAL_COLUMNS
REQUIRED = ("id", "en", "case", "source")  # zh is required unless dnt
SEP = "|"
ID_PATTERN = re.compile(r"^[a-z][a-z0-9-]*$")
_YES = {"yes", "y", "true", "1", "dnt"}
_NO = {"", "no", "n", "false", "0"}
_DNT_CELLS = _YES | _NO
# case cell → (case_sensitive, first_word_case); "first": "Madrid System" ~ "Madrid system".
_CASE = {"exact": (True, False), "any": (False, False), "first": (True, True)}


def split_cell(cell: str) -> tuple[str, ...]:
    if SEP not in cell:  # most cells: one value or none (a fast path for big glossaries)
        cell = cell.strip()
        return (cell,) if cell else ()
    return tuple(v.strip() for v in cell.split(SEP) if v.strip())


def read_utf8(path: Path, what: str = "file") -> str:
    """The text of a UTF-8 file (a byte-order mark is dropped); GlossaryError, with the
    line of the first bad byte, when it cannot be read or decoded."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise GlossaryError(f"cannot read {what}: {err.strerror}", path=path) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise GlossaryError("not UTF-8 text", path=path, line=line) from None


def read_tsv(path: Path, problems: list[GlossaryError] | None = None) -> list[Concept]:
    """Parse one curated TSV file; a problem raises GlossaryError at file:line, or, when
    ``problems`` is given, is appended there and the row skipped (so a check reports all)."""
    def report(err: GlossaryError) -> None:
        if problems is None:
            raise err
        problems.append(err)

    try:
        text = read_utf8(path, "glossary file")
    except GlossaryError as err:
        report(err)
        return []
    header: list[str] | None = None
    concepts: list[Concept] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        try:
            if header is None:
                header = _header(cells, path, lineno)
                blank = dict.fromkeys((*ALL_COLUMNS, *header), "")
                continue
            if len(cells) > len(header):
                raise GlossaryError(f"{len(cells)} tab-separated fields, the header has {len(header)}",
                                    path=path, line=lineno)
            row = dict(blank)  # short rows and absent optional columns: empty cells
            row.update(zip(header, map(str.strip, cells), strict=False))
            concepts.append(_concept(row, path, lineno))
        except GlossaryError as err:
            report(err)
            if header is None:
                return []  # without a header no row can be read
    if header is None:
        report(GlossaryError("empty glossary file (no header line)", path=path, line=1))
    return concepts


def _header(cells: list[str], path: Path, line: int) -> list[str]:
    header = [c.strip().lower() for c in cells]
    missing = [c for c in COLUMNS if c not in header]
    unknown = [c for c in header if c not in ALL_COLUMNS]
    if missing or unknown:
        what = (f"missing column(s) {', '.join(missing)}" if missing else
                f"unknown column(s) {', '.join(unknown)}")
        raise GlossaryError(f"bad header: {what}; expected tab-separated {' '.join(COLUMNS)} "
                            f"(optional: {' '.join(OPTIONAL_COLUMNS)})", path=path, line=line)
    return header


def _concept(row: dict[str, str], path: Path, line: int) -> Concept:
    def bad(msg: str) -> GlossaryError:
        return GlossaryError(msg, path=path, line=line)

    for col in REQUIRED:
        if not row[col]:
            raise bad(f"empty required field {col!r}")
    if not ID_PATTERN.match(row["id"]):
        raise bad(f"bad concept id {row['id']!r} (start with a letter; lowercase letters, digits and '-')")
    dnt_cell = row["dnt"].lower()
    if dnt_cell not in _DNT_CELLS:
        raise bad(f"dnt must be 'yes' or empty, not {row['dnt']!r}")
    dnt = dnt_cell in _YES
    case = row["case"].lower()
    if case not in _CASE:
        raise bad(f"case must be 'exact', 'any' or 'first', not {row['case']!r}")
    if not dnt and not row["zh"]:
        raise bad("empty required field 'zh' (approved Chinese term; or set dnt=yes)")
    if SEP in row["zh"]:
        raise bad("one approved Chinese term only; put alternatives in zh_variants")
    en = split_cell(row["en"])
    zh = row["zh"] if not dnt else (row["zh"] or en[0])
    variants, forbidden = split_cell(row["zh_variants"]), split_cell(row["zh_forbidden"])
    clash = set(forbidden) & ({zh} | set(variants))
    if clash:
        raise bad(f"{sorted(clash)[0]!r} is both approved/variant and forbidden")
    abbr = split_cell(row["abbr"])
    target_only, ambiguous = split_cell(row["zh_target_only"]), split_cell(row["ambiguous"])
    stray = [f for f in target_only if f not in (zh, *variants)]
    if stray:
        raise bad(f"zh_target_only {stray[0]!r} is not the concept's zh or one of its zh_variants")
    stray = [f for f in ambiguous if f not in (*en, *abbr, zh, *variants)]
    if stray:
        raise bad(f"ambiguous {stray[0]!r} is not one of the concept's terms (en, abbr, zh, zh_variants)")
    if row["context"] and not ambiguous:
        raise bad("context words given but no ambiguous form they would apply to")
    _check_regional(row, dnt, bad)
    sensitive, first_word = _CASE[case]
    return Concept(id=row["id"], en=en, abbr=abbr, zh=zh,
                   zh_variants=variants, zh_forbidden=forbidden, dnt=dnt,
                   case_sensitive=sensitive, first_word_case=first_word, note=row["note"],
                   source=row["source"], zh_target_only=target_only, ambiguous=ambiguous,
                   context=split_cell(row["context"]), zh_tw=row["zh_tw"], zh_hk=row["zh_hk"],
                   path=str(path), line=line)


def _check_regional(row: dict[str, str], dnt: bool, bad) -> None:
    """A regional form is one approved form, of a translated concept, with its own citation:
    the source cell names it after "zh-TW:" / "zh-HK:" (the Simplified form's source is no
    authority for a Taiwan or Hong Kong name)."""
    for region, col in REGIONAL_COLUMNS.items():
        form = row[col]
        if not form:
            continue
        if dnt:
            raise bad(f"{col} given for a do-not-translate concept")
        if SEP in form:
            raise bad(f"one approved {col} form only")
        if f"zh-{region}:" not in row["source"]:
            raise bad(f"{col} {form!r} has no citation: add 'zh-{region}: <document>' to source")


def format_tsv(concepts: list[Concept], comment: str | None = None) -> str:
    def clean(v: str) -> str:
        # Tabs/newlines would break the one-concept-per-line format.
        return " ".join(v.split())

    out = []
    if comment:
        out += [f"# {c}" for c in comment.splitlines()]
    out.append("\t".join(ALL_COLUMNS))
    for c in concepts:
        case = "first" if c.first_word_case else "exact" if c.case_sensitive else "any"
        cells = [c.id, f" {SEP} ".join(c.en), f" {SEP} ".join(c.abbr), "" if c.dnt and c.zh == c.preferred else c.zh,
                 f" {SEP} ".join(c.zh_variants), f" {SEP} ".join(c.zh_forbidden), "yes" if c.dnt else "",
                 case, c.note, c.source, f" {SEP} ".join(c.zh_target_only), f" {SEP} ".join(c.ambiguous),
                 f" {SEP} ".join(c.context), c.zh_tw, c.zh_hk]
        out.append("\t".join(clean(x) for x in cells).rstrip("\t"))
    return "\n".join(out) + "\n"


def write_atomic(path: Path, text: str) -> None:
    """Write a glossary file atomically: never a half-written file."""
    from ..fsio import write_atomic as _write

    _write(path, text, error=GlossaryError)
