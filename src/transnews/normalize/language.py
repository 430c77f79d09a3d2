"""Is the article written in the language it was given as? Checked when an article is loaded
(translate, fix), before it is segmented and sent to a model by the wrong language's rules."""

from __future__ import annotations

from ..model import Article
from ..text import check_script


def article_letters(article: Article) -> str:
    """The article's sentences without their protected spans (inline markup, URLs): what the
    script is judged on, so HTML tags and attributes never count as Latin letters."""
    parts = []
    for seg in article.segments:
        pos = 0
        for a, b in sorted(seg.protected):
            parts.append(seg.text[pos:a])
            pos = max(pos, b)
        parts.append(seg.text[pos:])
    return "\n".join(parts)


def check_article_script(article: Article, *, option: str = "--from") -> None:
    """Refuse (one-line ``LanguageError`` naming the file and the ``option`` value to pass) an
    article clearly written in another script than ``article.lang``'s."""
    check_script(article_letters(article), article.lang, path=article.path, option=option)
