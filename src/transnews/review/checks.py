"""QA checks for en↔zh news catalogs.

Each check is a small class (see :class:`.findings.Check`); :func:`default_checks`
builds the set, :func:`check_catalog` runs them over one catalog.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import polib

from ..catalog.entries import has_translation
from ..text import MONTHS as _MONTHS
from ..text import UNSPACED_CHARS as _CJK
from ..text import is_cjk_language as is_cjk
from .findings import Check, Finding, listing
from .leftover import Leftover
from .length import LengthRatio
from .render import Emphasis
from .terms import Acronyms, CatalogTerms, Glossary

PROGRESS_STEP = 50  # entries between progress calls

_CJK_RE = re.compile(f"[{_CJK}]")
_EN_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_EN_WORDS.update({"twenty": 20, "thirty": 30, "hundred": 100, "thousand": 1000, "dozen": 12,
                  "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "half": 0.5})
_ZH_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9, "十": 10, "百": 100, "千": 1000}
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "万": 1e4, "亿": 1e8, "千": 1e3}
_NUM = re.compile(r"(?<![A-Za-z0-9_.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*(thousand|million|billion|trillion)\b|\s*(万|亿))?",
                  re.IGNORECASE)


def _num_value(m: re.Match) -> float:
    value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
    scale = (m.group(3) or m.group(4) or "").lower()
    return value * _SCALE.get(scale, 1)


def numbers(text: str) -> tuple[Counter, set]:
    """(numbers written with digits, values only written in words) of ``text``."""
    hard: Counter = Counter()
    for m in _NUM.finditer(text):
        hard[round(_num_value(m), 6)] += 1
    soft: set = set()
    low = text.lower()
    for w in re.findall(r"[a-z]+", low):
        if w in _EN_WORDS:
            soft.add(float(_EN_WORDS[w]))
        if w in _MONTHS and (w != "may" or re.search(r"\bmay\s+\d", low)):
            hard[float(_MONTHS[w])] += 1  # July 7, 2021 ↔ 2021年7月7日
    for run in re.findall("[〇零一二两三四五六七八九十百千]+", text):
        soft.add(float(_zh_numeral(run)))
        soft.update(float(_ZH_DIGITS[c]) for c in run)
    soft.add(100.0) if "百分之" in text else None
    return hard, soft


def _zh_numeral(run: str) -> int:
    total, cur = 0, 0
    for c in run:
        v = _ZH_DIGITS[c]
        if v >= 10:
            total += (cur or 1) * v
            cur = 0
        else:
            cur = cur * 10 + v if cur and v != 0 else v
    return total + cur


class Untranslated(Check):
    name, severity, needs_translation = "untranslated", "warning", False
    description = "entry has no translation"

    def run(self, entry, src, tgt):
        if has_translation(entry):
            return []
        return [("no translation yet", "info" if entry.msgctxt == "boilerplate" else None)]


class Fuzzy(Check):
    name, severity = "fuzzy", "info"
    description = "draft (machine translation or changed source) not yet reviewed"

    def run(self, entry, src, tgt):
        return [("draft not reviewed yet (fuzzy)", None)] if "fuzzy" in entry.flags else []


class Numbers(Check):
    name, severity = "numbers", "error"
    description = "numbers, dates and percentages must match (1,500 = 1500; July = 7月)"

    def run(self, entry, src, tgt):
        from .formats import without_placeholders

        # "%2$s" is an argument number, no number of the text.
        s_hard, s_soft = numbers(without_placeholders(entry.msgid))
        t_hard, t_soft = numbers(without_placeholders(entry.msgstr))
        # Compared as sets: a number repeated for clarity ("3月15日" for "that date") is fine.
        missing = [v for v in set(s_hard) - set(t_hard) if v not in t_soft]
        extra = [v for v in set(t_hard) - set(s_hard) if v not in s_soft]
        out = []
        if missing:
            out.append(("number(s) missing in translation: " + listing(_fmt(v) for v in sorted(missing)), None))
        if extra:
            out.append(("number(s) not in source: " + listing(_fmt(v) for v in sorted(extra)), None))
        return out


def _fmt(v: float) -> str:
    return str(int(v)) if v == int(v) else str(v)


_TAG = re.compile(r"</?([A-Za-z][\w-]*)[^<>]*?/?>")
_MDLINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)[^)]*\)")


def _tags(text: str) -> Counter:
    """Tag names in ``text``, closing tags as ``/name`` (case-insensitive, like HTML)."""
    return Counter(("/" if m.group(0).startswith("</") else "") + m.group(1).lower() for m in _TAG.finditer(text))


class Placeholders(Check):
    name, severity = "placeholders", "error"
    description = "printf/brace placeholders, HTML tags and Markdown links must match"

    def run(self, entry, src, tgt):
        from .formats import brace_args, brace_specs, printf_differs, printf_specs

        out = []
        s, t = entry.msgid, entry.msgstr
        # printf arguments as msgfmt sees them: "%2$s的%1$s" takes what "%s of %s" takes.
        for differs, specs in ((printf_differs(s, t), printf_specs), (brace_args(s) != brace_args(t), brace_specs)):
            if differs:
                out.append((f"placeholders differ: source {listing(specs(s))} vs translation {listing(specs(t))}",
                            None))
        ta, tb = _tags(s), _tags(t)
        if ta != tb:
            out.append((f"markup tags differ: source {listing(sorted(ta.elements()))} "
                        f"vs translation {listing(sorted(tb.elements()))}", None))
        la = Counter(u for _, u in _MDLINK.findall(s))
        lb = Counter(u for _, u in _MDLINK.findall(t))
        if la != lb:
            out.append((f"Markdown links differ: source {listing(sorted(la))} vs translation {listing(sorted(lb))}",
                        None))
        return out


class AddedMarkup(Check):
    """The rule publishing enforces (:mod:`.markup`): nothing live a reviewer has not seen."""

    name, severity = "markup", "error"
    description = "translation adds tags, attributes or link targets its source does not have"

    def run(self, entry, src, tgt):
        from .markup import compare, entry_format

        diff = compare(entry.msgid, entry.msgstr, entry_format(entry))
        return [(diff.message(), None)] if diff else []


_DOUBLE_CJK_PUNCT = re.compile(r"([，。、；：？！])\1")
# Half-width punctuation touching a Chinese character: "版权,企业", "组织(WIPO)", "结束.".
_HALF_AFTER_CJK = re.compile(f"(?<=[{_CJK}])[,;:?!()]|[,;:?!()](?=[{_CJK}])")
_HALF_STOP = re.compile(f"(?<=[{_CJK}])\\.(?=\\s|$|[{_CJK}])")
_FULL_IN_LATIN = re.compile(r"[，。、；：？！（）]")


class Punctuation(Check):
    name, severity = "punctuation", "warning"
    description = "full-width punctuation in Chinese, none doubled (，，/。。), none in English"

    def run(self, entry, src, tgt):
        t = entry.msgstr
        out = []
        if is_cjk(tgt):
            for m in _DOUBLE_CJK_PUNCT.finditer(t):
                if m.group(0) not in entry.msgid:
                    out.append((f"doubled punctuation {m.group(0)!r}", "error"))
            bad = sorted(set(_HALF_AFTER_CJK.findall(t)) | set(_HALF_STOP.findall(t)))
            if bad:
                out.append(("half-width punctuation in Chinese text: " + " ".join(bad), None))
        elif _FULL_IN_LATIN.search(t) and not _CJK_RE.search(t):
            out.append(("full-width punctuation in non-CJK translation: "
                        + " ".join(sorted(set(_FULL_IN_LATIN.findall(t)))), None))
        return out


_LOOP_LATIN = re.compile(r"\b(\w+(?:\W+\w+){0,5}?)(?:\W+\1\b){2,}", re.IGNORECASE)
_LOOP_ANY = re.compile(r"(.{2,40}?)\1{2,}", re.DOTALL)  # a loop of up to 40 characters
_DOUBLE_WORD = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)


class Repetition(Check):
    name, severity = "repetition", "warning"
    description = "repeated words or phrases (MT loops)"

    def run(self, entry, src, tgt):
        s, t = entry.msgid, entry.msgstr
        out = []
        loop = (_LOOP_ANY if is_cjk(tgt) else _LOOP_LATIN).search(t)
        src_loop = (_LOOP_ANY if is_cjk(src) else _LOOP_LATIN).search(s)
        if loop and loop.group(1).strip() and not src_loop:
            out.append((f"phrase repeated 3+ times: {loop.group(1).strip()!r} (MT loop?)", "error"))
        elif not is_cjk(tgt):
            for m in _DOUBLE_WORD.finditer(t):
                if not m.group(1).isdigit() and m.group(0).lower() not in s.lower():
                    out.append((f"repeated word {m.group(0)!r}", None))
                    break
        return out


class Identical(Check):
    name, severity = "identical", "warning"
    description = "translation identical to source (MT left it untranslated?)"

    def run(self, entry, src, tgt):
        if entry.msgstr.strip() != entry.msgid.strip():
            return []
        words = re.findall(r"[^\W\d_]{2,}", entry.msgid)
        if not words or all(w.isupper() for w in words):
            return []  # numbers, codes, acronyms: fine to keep
        return [("translation is identical to the source", None)]


class Whitespace(Check):
    name, severity = "whitespace", "warning"
    description = "leading/trailing whitespace mismatch, double spaces, spaces between CJK"

    def run(self, entry, src, tgt):
        s, t = entry.msgid, entry.msgstr
        out = []
        if (s[:1].isspace(), s[-1:].isspace()) != (t[:1].isspace(), t[-1:].isspace()):
            out.append(("leading/trailing whitespace differs from source", None))
        if "  " in t.strip() and "  " not in s:
            out.append(("double space in translation", None))
        if is_cjk(tgt) and re.search(f"[{_CJK}] +[{_CJK}]", t):
            out.append(("space between Chinese characters", None))
        return out


def default_checks(glossary=None) -> list[Check]:
    """Every check; those that read the glossary share one :class:`.terms.CatalogTerms`, so
    each entry's terms are recognised once, in the context of its article."""
    terms = CatalogTerms(glossary) if glossary is not None else None
    checks: list[Check] = [Untranslated(), Fuzzy(), Numbers(), Acronyms(terms=terms), Placeholders(),
                           AddedMarkup(), Punctuation(), Repetition(), LengthRatio(terms=terms), Identical(),
                           Leftover(terms=terms), Whitespace(), Emphasis()]
    if glossary is not None:
        checks.insert(2, Glossary(glossary, terms))
    return checks


def catalog_languages(po: polib.POFile, path: str | Path) -> tuple[str, str]:
    """(source, target) codes: X-Source-Language/Language headers, else the locales/<lang>/ path."""
    from ..errors import LanguageError
    from ..text import check_language, target_locale

    src = po.metadata.get("X-Source-Language") or "en"
    tgt_raw = po.metadata.get("Language") or ""
    if not tgt_raw:
        parts = Path(path).parts
        tgt_raw = parts[-3] if len(parts) >= 3 and parts[-2] == "LC_MESSAGES" else ""
    # target_locale keeps a Traditional edition's region (zh_TW, zh_HK): its glossary forms.
    tgt = target_locale(tgt_raw) if tgt_raw else ("en" if src != "en" else "zh")
    try:
        src = check_language(src)
    except LanguageError:
        src = "en"
    return src, tgt


def check_catalog(po: polib.POFile, path: str | Path, checks: list[Check] | None = None,
                  *, src: str | None = None, tgt: str | None = None, progress=None) -> list[Finding]:
    """Run ``checks`` over every live entry of ``po``; findings carry ``path:line``.
    ``progress(done, total)`` is called every few entries (long catalogs take seconds)."""
    from dataclasses import replace

    checks = default_checks() if checks is None else checks
    s, t = catalog_languages(po, path)
    src, tgt = src or s, tgt or t
    for chk in checks:
        chk.prepare(po, src, tgt)
    out = []
    total = len(po)
    for done, entry in enumerate(po, 1):  # Check.check skips the header and obsolete entries
        for chk in checks:
            out += [replace(f, path=str(path)) for f in chk.check(entry, src, tgt)]
        if progress is not None and (done % PROGRESS_STEP == 0 or done == total):
            progress(done, total)
    return out
