"""What a desk editor asks of each article: its catalogs, how far review has got, and
whether the article changed since it was translated.

"Changed" is decided exactly, not by dates: the article is read and prepared as
``translate`` would (same fixes, same segmentation) and its template is compared with
the catalog's entries; any sentence added, removed or edited means ``translate`` has
work to do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import TransnewsError
from .stats import CatalogStats

UNCHANGED, CHANGED, MISSING, UNKNOWN = "unchanged", "changed", "article missing", "unknown"


@dataclass
class CatalogStatus:
    po_path: str
    lang: str
    domain: str
    articles: list[str] = field(default_factory=list)
    stats: CatalogStats | None = None
    source: str = UNKNOWN  # UNCHANGED, CHANGED, MISSING or UNKNOWN (with ``note``)
    note: str = ""

    def as_dict(self) -> dict:
        return {"catalog": self.po_path, "lang": self.lang, "domain": self.domain, "articles": self.articles,
                "source": self.source, "note": self.note, **(self.stats.as_dict() if self.stats else {})}


def project_status(project, catalogs: Iterable[Path] | None = None) -> list[CatalogStatus]:
    """One :class:`CatalogStatus` per article catalog under the project's locales folder."""
    from ..catalog import load_po
    from ..catalog.identity import recorded_sources
    from .stats import catalog_stats

    out = []
    for po_path in project.find_catalogs(catalogs):
        po = load_po(po_path)
        lang = po.metadata.get("Language", po_path.parent.parent.name)
        status = CatalogStatus(str(po_path), lang, po_path.stem, stats=catalog_stats(po, po_path))
        sources = sorted(recorded_sources(po, project.locales_dir))
        status.articles = [str(p) for p in sources]
        status.source, status.note = _source_state(project, po, sources)
        out.append(status)
    return out


def _source_state(project, po, sources: list[Path]) -> tuple[str, str]:
    from .. import catalog
    from ..pipeline import read_articles

    if not sources:
        return UNKNOWN, "the catalog does not record its articles (made by an older transnews?)"
    if not all(p.is_file() for p in sources):
        return MISSING, ", ".join(str(p) for p in sources if not p.is_file())
    src = po.metadata.get("X-Source-Language") or "en"
    try:
        arts = project.prepare_articles(read_articles(
            sources, src, "utf-8", max_bytes=project.settings.max_article_bytes,
            front_matter_keys=project.settings.front_matter_keys))
    except TransnewsError as err:
        return UNKNOWN, str(err)
    template = catalog.build_template([(s, catalog.display_path(a.path)) for a in arts for s in a.segments],
                                      domain=po.metadata.get("Project-Id-Version", "x"), src_lang=src)
    now = {(e.msgctxt, e.msgid) for e in template}
    then = {(e.msgctxt, e.msgid) for e in po if not e.obsolete}
    if now == then:
        return UNCHANGED, ""
    added, gone = len(now - then), len(then - now)
    return CHANGED, f"{added} new or edited sentence(s), {gone} gone; re-run transnews translate"
