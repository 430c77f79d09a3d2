"""Settings, built once (by the CLI or a test) and passed to the stages.

Library modules never read the environment themselves; ``Settings.from_env``
is the single place where ``ARGOS_*`` variables are looked at.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path


# Defaults shared by every command (the CLI's option defaults come from here).
DEFAULT_SOURCE = "en"
DEFAULT_TARGET = "zh"
DEFAULT_LOCALES = "locales"
DEFAULT_EDITIONS = "editions"
DEFAULT_BEAM = 4
# CTranslate2 defaults, tuned against raw translate_batch on a 2-core machine with a
# transformer-base model (benchmarks/pipeline_bench.py prints the grid): one OpenMP thread
# per batch and one batch per core beat CTranslate2's own 4 threads on one batch by 1.6x in
# wall time and up to 2x in CPU time; 8 sentences a batch give one article's 15-40 sentences
# several batches, so both cores work.
DEFAULT_BATCH = 8  # max sentences per CTranslate2 batch
DEFAULT_DEVICE = "cpu"
DEFAULT_THREADS = 1  # intra_threads; 0: CTranslate2's default (4)
DEFAULT_INTER_THREADS = 0  # 0: one batch in parallel per usable core (at most 4) on a CPU, 1 on a GPU
DEFAULT_COMPUTE_TYPE = "auto"
# What CTranslate2 accepts (kept here, not in the engine, so the CLI and the project file
# check them without importing CTranslate2). compute types: "auto" is the fastest the device
# supports, "default" the type the model was converted with; whether the device supports a
# given one is asked when the model loads.
DEVICES = ("cpu", "cuda", "auto")
COMPUTE_TYPES = ("auto", "default", "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16",
                 "float16", "bfloat16", "float32")
# Bounds on what the internet (or a user's folder) can make transnews read or write.
# Argos packages expand to 100-500 MB; a zip bomb to whatever it likes.
DEFAULT_MAX_MODEL_BYTES = 1 << 30  # 1 GiB: total expanded size of one model package
DEFAULT_DOWNLOAD_DEADLINE = 3600.0  # seconds for a whole download (index or package), all links together
DEFAULT_DOWNLOAD_TIMEOUT = 60.0  # seconds a connection may send nothing before it is given up
DEFAULT_MAX_ARTICLE_BYTES = 50 << 20  # 50 MiB: news articles are KBs; this is a runaway file
# Markdown front matter keys whose values are translated (the rest is copied verbatim).
DEFAULT_FRONT_MATTER_KEYS = ("title", "description", "summary")


def _data_home(env: Mapping[str, str]) -> Path:
    return Path(env.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _cache_home(env: Mapping[str, str]) -> Path:
    return Path(env.get("XDG_CACHE_HOME") or Path.home() / ".local" / "cache")


@dataclass(frozen=True)
class Settings:
    """What a run is configured with: folders, model and engine options, limits (see each field)."""

    # Where Argos packages are installed (same default and variable as Argos itself,
    # so models installed by argospm are found and vice versa).
    packages_dir: Path
    # Where downloaded .argosmodel files are kept before installation.
    downloads_dir: Path
    # Package index base URL; None means argostranslate's own default.
    index_url: str | None = None
    offline: bool = False
    beam_size: int = DEFAULT_BEAM
    batch_size: int = DEFAULT_BATCH
    # CTranslate2 options (see transnews.engine.argos): tokens per batch instead of
    # batch_size sentences when set; the device (cpu, cuda, auto: CUDA where there is one);
    # intra_threads (0: CTranslate2's default) and inter_threads (batches in parallel, 0: auto).
    batch_tokens: int = 0
    device: str = DEFAULT_DEVICE
    threads: int = DEFAULT_THREADS
    inter_threads: int = DEFAULT_INTER_THREADS
    compute_type: str = DEFAULT_COMPUTE_TYPE
    fix_source: bool = True
    # The glossary: a folder of curated *.tsv files or one terminology file. None means
    # the default one (./glossary, else the copy shipped with transnews); use_glossary=False
    # means none at all. Resolved once by ``transnews.project.Project``.
    glossary_path: Path | None = None
    use_glossary: bool = True
    # The project word list (words the source speller must know). None means the
    # words.txt of the glossary's folder (see ``Project``).
    words_path: Path | None = None
    locales_dir: Path = Path(DEFAULT_LOCALES)
    # How an article's catalog is named without --domain: "stem" (news.txt -> news) or
    # "path" (its path below ``project_root``, the project file's folder: 2024/05/index.html
    # -> 2024-05-index; see transnews.corpus.article_domain).
    domain_rule: str = "stem"
    project_root: Path | None = None
    # Installing models: the largest total expanded size accepted (bytes), the deadline for
    # one whole download and the longest silence from a server (seconds).
    max_model_bytes: int = DEFAULT_MAX_MODEL_BYTES
    download_deadline: float = DEFAULT_DOWNLOAD_DEADLINE
    download_timeout: float = DEFAULT_DOWNLOAD_TIMEOUT
    # The largest article file read (bytes).
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
    # Markdown front matter keys offered for translation (translate and publish read alike).
    front_matter_keys: tuple[str, ...] = DEFAULT_FRONT_MATTER_KEYS
    # Where derived data is cached between runs (the compact spelling vocabulary, compiled
    # glossaries; see transnews.cache): ``$XDG_CACHE_HOME/transnews`` from the environment,
    # never inside a project. None: no cache, everything is rebuilt each run.
    cache_dir: Path | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides) -> "Settings":
        env = os.environ if env is None else env
        data = _data_home(env) / "argos-translate"
        packages = Path(env.get("ARGOS_PACKAGES_DIR") or data / "packages")
        downloads = _cache_home(env) / "argos-translate" / "downloads"
        base = cls(
            packages_dir=packages,
            downloads_dir=downloads,
            index_url=env.get("ARGOS_PACKAGE_INDEX") or None,
            device=env.get("ARGOS_DEVICE_TYPE") or DEFAULT_DEVICE,
            cache_dir=_cache_home(env) / "transnews",
        )
        return replace(base, **overrides)

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)
