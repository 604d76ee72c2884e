"""Listing documents, showing one, and setting its attributes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from qcode.core.attributes import (
    MULTI_VALUED,
    Assignment,
    AttributeValue,
    Condition,
    infer_value,
    json_value,
)
from qcode.core.citations import authors_of, short_authors, year_of
from qcode.core.document_list import DocumentRow
from qcode.core.errors import UsageError
from qcode.store.documents import (
    DocumentSummary,
    attribute_values,
    citation_facts,
    find_document,
    replace_attribute,
    summaries,
    summary_of,
)
from qcode.store.events import coder_id, find_coder, record_event
from qcode.store.models import Document
from qcode.store.project import Project
from qcode.store.stats import attribute_document_counts, segments_per_document
from qcode.store.team import require_lead


@dataclass(frozen=True, slots=True)
class DocumentDetail:
    summary: DocumentSummary
    text: str
    source_path: str
    sha256: str
    imported_at: str
    pages: list[tuple[int, int]]


def attributes_json(attributes: dict[str, list[AttributeValue]]) -> dict[str, object]:
    """Attributes in the documented JSON shape: lists for author/editor/keyword and for any
    name holding several values, a single value otherwise."""
    shaped: dict[str, object] = {}
    for name, values in attributes.items():
        plain = [json_value(v) for v in values]
        shaped[name] = plain if name in MULTI_VALUED or len(plain) > 1 else plain[0]
    return shaped


def summary_json(summary: DocumentSummary) -> dict[str, object]:
    return {
        "id": summary.id,
        "uuid": summary.uuid,
        "title": summary.title,
        "chars": summary.chars,
        "language": summary.language,
        "attributes": attributes_json(summary.attributes),
    }


def list_documents(project: Project, where: Sequence[str] = ()) -> list[DocumentSummary]:
    """Documents matching every ``NAME=VALUE`` condition (see :class:`Condition`)."""
    conditions = [Condition.parse(w) for w in where]
    with project.reading() as session:
        return summaries(session, conditions)


def document_rows(
    project: Project, where: Sequence[str] = (), coder: str | None = None
) -> list[DocumentRow]:
    """The documents as list rows: short author, year and number of segments (of ``coder``
    only when given), filtered by ``NAME=VALUE`` conditions."""
    conditions = [Condition.parse(w) for w in where]
    with project.reading() as session:
        found = citation_facts(session, conditions)
        who = find_coder(session, coder) if coder else None
        coded = {} if coder and who is None else segments_per_document(session, who)
    # Many documents (a database export) carry no author or year: skip the work for them.
    return [
        DocumentRow(
            ident,
            title,
            short_authors(authors_of(facts)) if facts else "",
            year_of(facts) if facts else None,
            coded.get(ident, 0),
        )
        for ident, title, facts in found
    ]


def coded_counts(project: Project) -> dict[int, int]:
    """How many segments each document has, by document id (documents without: absent)."""
    with project.reading() as session:
        return segments_per_document(session)


def resolve_document(session: Session, reference: str) -> Document:
    """The one document ``reference`` names (id, uuid, or title), or a clear error."""
    found = find_document(session, reference)
    if not found:
        raise UsageError(f"no document matches {reference!r}; list them with 'qcode docs'")
    if len(found) > 1:
        listed = "; ".join(f"{d.id}: {d.title[:50]}" for d in found[:5])
        more = f" and {len(found) - 5} more" if len(found) > 5 else ""
        raise UsageError(
            f"{reference!r} matches {len(found)} documents ({listed}{more}); give the id"
        )
    return found[0]


def show_document(project: Project, reference: str) -> DocumentDetail:
    with project.reading() as session:
        doc = resolve_document(session, reference)
        imported_at = doc.imported_at
        if imported_at.tzinfo is None:  # SQLite keeps the UTC time without its zone
            imported_at = imported_at.replace(tzinfo=dt.UTC)
        return DocumentDetail(
            summary_of(doc),
            doc.text,
            doc.source_path,
            doc.sha256,
            imported_at.isoformat(timespec="seconds"),
            [(p.page_number, p.start_offset) for p in doc.pages],
        )


def set_attribute(
    project: Project, reference: str, expression: str, *, coder: str
) -> DocumentSummary:
    """Apply ``NAME=VALUE`` to a document: replace the attribute's values, or remove it
    when VALUE is empty. Several values may be given separated by ``;``."""
    assignment = Assignment.parse(expression)
    values = [infer_value(v)[1] for v in assignment.raw_value.split(";") if v.strip()]
    with project.writing() as session:
        require_lead(session, "changing document attributes")
        doc = resolve_document(session, reference)
        before = attributes_json(attribute_values(doc)).get(assignment.name)
        replace_attribute(session, doc.id, assignment.name, values)
        session.refresh(doc)
        summary = summary_of(doc)
        record_event(
            session,
            coder=coder_id(session, coder),
            action="set_attribute",
            target_type="document",
            target_id=doc.uuid,
            before={assignment.name: before},
            after={assignment.name: attributes_json(summary.attributes).get(assignment.name)},
        )
        return summary


def attribute_names(project: Project) -> list[str]:
    """Attribute names the documents carry, most used first."""
    with project.reading() as session:
        counts = attribute_document_counts(session)
    return sorted(counts, key=lambda name: (-counts[name], name))
