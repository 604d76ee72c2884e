"""``qcode cite``: in-text citations and reference-list entries of documents, in any CSL
style, from the metadata the project holds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qcode.core.csl_items import csl_item
from qcode.io.csl_render import DEFAULT_STYLE, Citations, Rich, plain
from qcode.services.documents import resolve_document
from qcode.store.documents import DocumentSummary, summaries
from qcode.store.project import Project


@dataclass(frozen=True, slots=True)
class Cited:
    document_id: int
    title: str
    citation: str  # "(Pratiwi, 2021)" in the chosen style
    item: dict  # the CSL-JSON item


@dataclass
class CiteResult:
    style: str
    locale: str
    cited: list[Cited]
    references: list[Rich]

    def to_json(self) -> dict:
        return {
            "style": self.style,
            "locale": self.locale,
            "citations": [
                {"document_id": c.document_id, "title": c.title, "citation": c.citation}
                for c in self.cited
            ],
            "references": [plain(entry) for entry in self.references],
            "items": [c.item for c in self.cited],
        }


def engine_for(
    documents: Sequence[DocumentSummary],
    style: str = DEFAULT_STYLE,
    lang: str = "en",
    locale: str | None = None,
) -> Citations:
    """A citation engine over ``documents``, each keyed by its id."""
    items = [csl_item(str(d.id), d.attributes, d.title) for d in documents]
    return Citations(items, style, lang, locale)


def cite_documents(
    project: Project,
    references: Sequence[str],
    style: str = DEFAULT_STYLE,
    lang: str = "en",
    locale: str | None = None,
    page: str | None = None,
) -> CiteResult:
    with project.reading() as session:
        ids = [resolve_document(session, r).id for r in references]
        found = {d.id: d for d in summaries(session, ids=ids)}
    documents = [found[i] for i in dict.fromkeys(ids)]
    engine = engine_for(documents, style, lang, locale)
    cited = [
        Cited(
            d.id, d.title, engine.cite(str(d.id), page), csl_item(str(d.id), d.attributes, d.title)
        )
        for d in documents
    ]
    return CiteResult(style, engine.locale, cited, engine.references())
