"""A command's options resolved against the project file and the environment, without
typer: the typer commands and the launcher's fast path (:mod:`transnews.cli.fastpath`)
both build their project here, so the same options mean the same files and settings.

Order, everywhere: the command's option, else the project file (``transnews.toml``), else
the environment (``Settings.from_env``), else the built-in default.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path


@functools.lru_cache(maxsize=1)
def project_config():
    """The project file (``transnews.toml`` here or above), read once per command
    (``command`` forgets it when the next command starts)."""
    from ..config import load_config

    return load_config()


def source_language(given: str | None) -> str:
    """--from as given, else the project file's, else en."""
    from ..settings import DEFAULT_SOURCE

    return given or project_config().source or DEFAULT_SOURCE


def target_language(given: str | None) -> str:
    """--to as given, else the project file's first ``to``, else zh."""
    from ..settings import DEFAULT_TARGET

    return given or project_config().target or DEFAULT_TARGET


def locales_folder(given: Path | None) -> Path:
    """--locales as given, else the project file's, else ./locales."""
    from ..settings import DEFAULT_LOCALES

    return given or project_config().locales or Path(DEFAULT_LOCALES)


def engine_options(*, device: str | None = None, compute_type: str | None = None, threads: int | None = None,
                   batch_tokens: int | None = None) -> dict[str, object]:
    """The CTranslate2 settings a command was given: each option, else the project file's
    ([translate] device, compute-type, threads, batch-tokens); unset ones are left to
    ``Settings`` ($ARGOS_DEVICE_TYPE, else the built-in defaults)."""
    cfg = project_config()
    given = {"device": device or cfg.device, "compute_type": compute_type or cfg.compute_type,
             "threads": cfg.threads if threads is None else threads,
             "batch_tokens": cfg.batch_tokens if batch_tokens is None else batch_tokens}
    return {key: value for key, value in given.items() if value is not None}


def project_from_options(*, glossary: Path | None = None, no_glossary: bool = False, words: Path | None = None,
                         locales: Path | None = None, **settings: object):
    """The :class:`~transnews.project.Project` of one command invocation: the environment's
    settings, then the project file (transnews.toml), then the command's options, resolved
    once. Every command gets its glossary, word list and locales folder here, so the same
    options mean the same files everywhere."""
    from ..project import Project
    from ..settings import Settings

    cfg = project_config()
    settings["locales_dir"] = locales_folder(locales)
    settings.setdefault("domain_rule", cfg.domain or "stem")
    settings.setdefault("project_root", cfg.root)
    glossary = glossary or cfg.glossary
    return Project.from_settings(Settings.from_env(glossary_path=glossary, use_glossary=not no_glossary,
                                                   words_path=words, **settings))


@dataclass
class TranslateRequest:
    """One ``transnews translate`` as its options resolve: what
    :func:`transnews.stream.translate_articles` is called with."""

    articles: list[Path]
    src: str
    tgt: str
    project: object  # transnews.project.Project
    domain: str | None
    encoding: str
    fmt: str | None
    jobs: int
    chunk_size: int
    cluster: str | None
    cluster_actors: int | None
    wait: bool
    as_json: bool

    def unchanged_catalogs(self) -> int | None:
        """:func:`transnews.manifest.unchanged_catalogs` of this request (languages checked)."""
        from ..languages import check_pair
        from ..manifest import unchanged_catalogs

        src, tgt = check_pair(self.src, self.tgt)
        return unchanged_catalogs(self.articles, self.project, src, tgt, self.project.locales_dir,
                                  domain=self.domain, encoding=self.encoding, fmt=self.fmt)


def translate_request(p: dict) -> TranslateRequest:
    """The request of ``translate``'s parameters ``p``, by the command's parameter names
    (every one; the typer command passes its own, the launcher the ones it read)."""
    from ..settings import DEFAULT_MAX_ARTICLE_BYTES

    project = project_from_options(
        glossary=p["glossary"], no_glossary=p["no_glossary"], words=p["words"], locales=p["locales"] or p["out"],
        offline=p["offline"], beam_size=p["beam"], batch_size=p["batch_size"], fix_source=not p["no_fix"],
        max_article_bytes=p["max_article_size"] or DEFAULT_MAX_ARTICLE_BYTES,
        **engine_options(device=p["device"], compute_type=p["compute_type"], threads=p["threads"],
                         batch_tokens=p["batch_tokens"]))
    return TranslateRequest(
        articles=list(p["articles"]), src=source_language(p["src"]), tgt=target_language(p["tgt"]),
        project=project, domain=p["domain"], encoding=p["encoding"], fmt=p["fmt"] or p["fmt_alias"],
        jobs=p["jobs"], chunk_size=p["chunk_size"], cluster=p["cluster"], cluster_actors=p["cluster_actors"],
        wait=not p["no_wait"], as_json=p["as_json"])
