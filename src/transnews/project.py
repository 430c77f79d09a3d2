"""The project a command works in: which glossary, which word list, which locales folder.

Built once from :class:`~transnews.settings.Settings` (``Project.from_settings``) by
the CLI or a script, then passed to the stages. It is the one place that answers
"which glossary and which words.txt": every command (translate, publish, fix,
check, glossary …) gets the same answer for the same options, so ``fix`` and
``translate`` correct a source identically and ``publish`` rebuilds the same msgids.

Paths are resolved when the project is built; the glossary, the word list and the
speller are loaded on first use, so a command that needs none of them loads none.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import GlossaryError, InputError
from .settings import Settings

WORDS_FILE = "words.txt"


def resolve_glossary_path(settings: Settings) -> Path | None:
    """The glossary in use: none when disabled, the given path, else ``./glossary`` or
    the bundled copy (None when neither exists)."""
    if not settings.use_glossary:
        return None
    if settings.glossary_path is not None:
        return Path(settings.glossary_path)
    from .glossary import default_glossary_path

    return default_glossary_path()


def resolve_words_path(given: Path | None, glossary_path: Path | None) -> Path | None:
    """The project word list: the given one, else ``words.txt`` in the glossary's folder
    (the glossary directory itself, or the folder holding a glossary file) when it exists.

    A given path is kept even when missing, so that using it reports the mistake.
    """
    if given is not None:
        return Path(given)
    if glossary_path is None:
        return None
    folder = glossary_path if glossary_path.is_dir() else glossary_path.parent
    words = folder / WORDS_FILE
    return words if words.is_file() else None


def make_speller(glossary, words_path: Path | None, cache_dir: Path | None = None):
    """The English source speller: knows the project words, never changes glossary terms."""
    from .normalize import Speller, load_word_list

    extra = load_word_list(words_path) if words_path is not None else []
    protected = glossary.speller_protection("en") if glossary is not None else ()
    return Speller.load(extra_words=extra, protected=protected, cache_dir=cache_dir)


@dataclass(frozen=True)
class Project:
    """The settings with the glossary, word list and locales folder resolved (see the module)."""

    settings: Settings
    glossary_path: Path | None  # resolved: None = no glossary
    words_path: Path | None  # resolved: None = no project word list
    locales_dir: Path

    @classmethod
    def from_settings(cls, settings: Settings) -> "Project":
        glossary = resolve_glossary_path(settings)
        return cls(settings=settings, glossary_path=glossary,
                   words_path=resolve_words_path(settings.words_path, glossary),
                   locales_dir=Path(settings.locales_dir))

    # cached_property writes the instance __dict__ directly, so it works on a frozen
    # dataclass: each is computed once per project, on first use.
    @functools.cached_property
    def glossary(self):
        """The loaded :class:`~transnews.glossary.Glossary`, or None without one."""
        if self.glossary_path is None:
            return None
        from .glossary import load_glossary

        return load_glossary(self.glossary_path, cache_dir=self.settings.cache_dir)

    def require_glossary_path(self) -> Path:
        """The glossary's path, for commands that cannot work without one."""
        if self.glossary_path is None:
            from .glossary.store import NO_GLOSSARY

            raise GlossaryError(NO_GLOSSARY)
        return self.glossary_path

    def require_glossary(self):
        """The glossary, for commands that cannot work without one."""
        self.require_glossary_path()
        return self.glossary

    @functools.cached_property
    def speller(self):
        return make_speller(self.glossary, self.words_path, self.settings.cache_dir)

    def prepare_articles(self, articles: Sequence):
        """The source-side stage shared by translate and publish (so both see the same
        msgids): name-safe typo and spacing fixes, unless ``fix_source`` is off."""
        if not self.settings.fix_source:
            return list(articles)
        from .normalize import fix_segments

        return [fix_segments(a, self.speller) for a in articles]

    def model_store(self):
        from .engine.packages import ModelStore

        return ModelStore(self.settings)

    def find_catalogs(self, paths: Iterable[Path] | None = None) -> list[Path]:
        """The given .po files (folders are searched), else every .po under the locales folder.
        Searched folders leave out translation memories (``tm-*.po``, imported TMX): they are
        no article's translation, so check, stats, compile and tm export skip them unless named."""
        paths = list(paths or ())
        if not paths:
            return _catalogs_under(self.locales_dir)
        out: list[Path] = []
        memories = False
        for p in map(Path, paths):
            if p.is_dir():
                found = sorted(p.rglob("*.po"))
                out += [f for f in found if not is_memory_catalog(f)]
                memories = memories or any(map(is_memory_catalog, found))
            elif not p.exists():
                raise InputError("no such catalog", path=p)
            else:
                out.append(p)
        if not out:
            raise InputError("no .po files in the given folders" + (_ONLY_MEMORIES if memories else ""))
        return out


MEMORY_PREFIX = "tm-"  # `transnews tm import` names its catalogs tm-<name>.po
_ONLY_MEMORIES = f" (only translation memories, {MEMORY_PREFIX}*.po; name one to include it)"


def is_memory_catalog(path: Path) -> bool:
    """Whether ``path`` is a translation-memory catalog (``tm-<name>.po``)."""
    return Path(path).name.startswith(MEMORY_PREFIX)


def _catalogs_under(locales: Path) -> list[Path]:
    if not locales.is_dir():
        raise InputError(f"no catalogs given and {locales}/ does not exist")
    every = sorted(locales.rglob("*.po"))
    found = [p for p in every if not is_memory_catalog(p)]
    if not found:
        raise InputError(f"no .po files under {locales}/" + (_ONLY_MEMORIES if every else ""))
    return found
