"""The project file, ``transnews.toml``: defaults a newsroom sets once.

Found by walking up from the working folder (like ``pyproject.toml``); paths in it
are relative to its own folder. Every command-line option still overrides it. The
model (:class:`ProjectConfig`) is apart from reading (:func:`load_config`) and from
writing the commented starter file (:func:`starter_text`, used by ``transnews init``).

>>> cfg = parse_config('[translate]\\nfrom = "en"\\nto = ["zh", "zh-TW"]\\n', Path("/news/transnews.toml"))
>>> cfg.source, cfg.targets, cfg.locales
('en', ('zh', 'zh-TW'), None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError, LanguageError
from .settings import COMPUTE_TYPES, DEVICES
from .languages import check_tag

FILENAME = "transnews.toml"
DOMAIN_RULES = ("stem", "path")  # catalog per file stem (news.txt -> news) or per relative path


@dataclass(frozen=True)
class ProjectConfig:
    """What ``transnews.toml`` sets; None / empty means "not set: use the built-in default"."""

    path: Path | None = None  # the file itself (None: no project file)
    source: str | None = None
    targets: tuple[str, ...] = ()
    locales: Path | None = None
    glossary: Path | None = None
    domain: str | None = None
    date_format: str | None = None
    check_ignore: tuple[str, ...] = ()
    # CTranslate2 options for translate (None: $ARGOS_DEVICE_TYPE / the built-in defaults).
    device: str | None = None
    compute_type: str | None = None
    threads: int | None = None
    batch_tokens: int | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def root(self) -> Path | None:
        return self.path.parent if self.path else None

    @property
    def target(self) -> str | None:
        return self.targets[0] if self.targets else None


# section -> key -> (attribute, kind)
_SCHEMA: dict[str, dict[str, tuple[str, str]]] = {
    "translate": {"from": ("source", "lang"), "to": ("targets", "langs"), "domain": ("domain", "domain"),
                  "device": ("device", "device"), "compute-type": ("compute_type", "compute"),
                  "threads": ("threads", "int>=0"), "batch-tokens": ("batch_tokens", "int>=1")},
    "paths": {"locales": ("locales", "path"), "glossary": ("glossary", "path")},
    "publish": {"date-format": ("date_format", "str")},
    "check": {"ignore": ("check_ignore", "strs")},
}


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``transnews.toml`` in ``start`` (default: the working folder) or above."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / FILENAME
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path | None = None, *, path: Path | None = None) -> ProjectConfig:
    """The project file's settings (an empty config when there is none)."""
    path = path or find_config(start)
    if path is None:
        return ProjectConfig()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ConfigError("is not UTF-8 text", path=path) from err
    return parse_config(text, path.resolve())


def _line_of(text: str, key: str) -> int | None:
    m = re.search(rf"^\s*\"?{re.escape(key)}\"?\s*=", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else None


def parse_config(text: str, path: Path) -> ProjectConfig:
    import tomllib  # here: most runs have no project file, and reading TOML is not free

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        m = re.search(r"line (\d+)", str(err))
        raise ConfigError(f"not valid TOML: {re.sub(r' [(]at line.*', '', str(err))}", path=path,
                          line=int(m.group(1)) if m else None) from err
    values: dict[str, object] = {}
    for section, table in data.items():
        schema = _SCHEMA.get(section)
        if schema is None or not isinstance(table, dict):
            raise ConfigError(f"unknown section [{section}] (known: {', '.join(_SCHEMA)})", path=path,
                              line=_line_of(text, section) or _section_line(text, section))
        for key, value in table.items():
            if key not in schema:
                raise ConfigError(f"unknown key {key!r} in [{section}] (known: {', '.join(schema)})",
                                  path=path, line=_line_of(text, key))
            attr, kind = schema[key]
            values[attr] = _convert(value, kind, f"{section}.{key}", path, path.parent, _line_of(text, key))
    return ProjectConfig(path=path, **values)


def _section_line(text: str, section: str) -> int | None:
    m = re.search(rf"^\s*\[\s*{re.escape(section)}\s*\]", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _convert(value: object, kind: str, name: str, path: Path, root: Path, line: int | None) -> object:
    def bad(what: str) -> ConfigError:
        return ConfigError(f"{name} must be {what}, not {value!r}", path=path, line=line)

    if kind in ("str", "lang", "path", "domain") and not isinstance(value, str):
        raise bad("a string")
    if kind in ("strs", "langs"):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad("a string or a list of strings")
    if kind in ("lang", "langs"):
        # Validated, but kept as written: zh-TW and zh-HK are different editions.
        try:
            for tag in [value] if kind == "lang" else value:
                check_tag(tag, option=name)
        except LanguageError as err:
            raise ConfigError(err.message, path=path, line=line) from err
        return value if kind == "lang" else tuple(value)
    choices = {"device": DEVICES, "compute": COMPUTE_TYPES}.get(kind)
    if choices is not None and value not in choices:
        raise bad("one of " + ", ".join(repr(c) for c in choices))
    if kind.startswith("int>="):
        least = int(kind[5:])
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise bad(f"a whole number, {least} or more")
    if kind == "domain" and value not in DOMAIN_RULES:
        raise bad(" or ".join(repr(r) for r in DOMAIN_RULES))
    if kind == "path":
        return (root / value).resolve()
    return tuple(value) if kind == "strs" else value


def starter_text(*, source: str = "en", targets: tuple[str, ...] = ("zh",)) -> str:
    """The commented ``transnews.toml`` that ``transnews init`` writes."""
    to = ", ".join(f'"{t}"' for t in targets)
    return f"""\
# transnews project file: defaults for every transnews command run in this folder
# or below. Any command-line option overrides what is set here.

[translate]
# Language of the articles, and the editions' languages (zh, zh-TW, zh-HK, en ...).
from = "{source}"
to = [{to}]
# One catalog per article, named after its file stem ("stem": news.txt -> news.po),
# or after its path below this folder ("path": 2024/05/index.html -> 2024-05-index.po).
# domain = "stem"
# Where the model runs: cpu, cuda or auto (CUDA where there is one); CPU threads per batch
# (0: CTranslate2's choice); the CTranslate2 compute type (auto: the fastest the device runs).
# device = "cpu"
# threads = 0
# compute-type = "auto"

[paths]
# Where catalogs go: <locales>/<lang>/LC_MESSAGES/<domain>.po (relative to this file).
locales = "locales"
# The glossary folder (curated *.tsv) or a TBX/CSV file; default: ./glossary, else the bundled one.
# glossary = "glossary"

[publish]
# Date line of editions, a CLDR pattern (default: the reviewed translation of the date
# line, else the locale's long format), e.g. "MMMM d, yyyy" (US) or "d MMMM yyyy" (UK).
# date-format = "d MMMM yyyy"

[check]
# Checks silenced for the whole project (per entry, use a "#, ignore-<check>" flag).
# ignore = ["length"]
"""
