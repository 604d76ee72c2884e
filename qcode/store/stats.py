"""Aggregate figures of a project, computed in SQL."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qcode.store.models import (
    CodebookRow,
    Coder,
    CodeRow,
    Document,
    DocumentAttribute,
    DocumentPage,
    Event,
    Segment,
    Suggestion,
)
from qcode.store.settings import only_coder


def count_by(session: Session, column) -> dict[str, int]:
    rows = session.execute(select(column, func.count()).group_by(column).order_by(column))
    return {str(key): count for key, count in rows}


def project_counts(session: Session) -> dict[str, int]:
    return {
        "documents": session.scalar(select(func.count(Document.id))) or 0,
        "characters": session.scalar(select(func.coalesce(func.sum(Document.char_count), 0))) or 0,
        "pages": session.scalar(select(func.count()).select_from(DocumentPage)) or 0,
        "coders": session.scalar(select(func.count(Coder.id))) or 0,
        "events": session.scalar(select(func.count(Event.id))) or 0,
        "codes": session.scalar(select(func.count(CodeRow.id))) or 0,
        "segments": session.scalar(select(func.count(Segment.id))) or 0,
        "suggestions": session.scalar(
            select(func.count(Suggestion.id)).where(Suggestion.status == "pending")
        )
        or 0,
    }


def codebook_title(session: Session) -> str:
    return session.scalar(select(CodebookRow.title)) or ""


def attribute_document_counts(session: Session) -> dict[str, int]:
    """How many documents carry each attribute name."""
    rows = session.execute(
        select(DocumentAttribute.name, func.count(func.distinct(DocumentAttribute.document_id)))
        .group_by(DocumentAttribute.name)
        .order_by(DocumentAttribute.name)
    )
    return {str(key): count for key, count in rows}


def number_range(session: Session, name: str) -> tuple[float, float] | None:
    low, high = session.execute(
        select(
            func.min(DocumentAttribute.number_value), func.max(DocumentAttribute.number_value)
        ).where(DocumentAttribute.name == name)
    ).one()
    return None if low is None else (low, high)


def text_value_counts(session: Session, name: str) -> dict[str, int]:
    rows = session.execute(
        select(
            DocumentAttribute.text_value, func.count(func.distinct(DocumentAttribute.document_id))
        )
        .where(DocumentAttribute.name == name, DocumentAttribute.text_value.is_not(None))
        .group_by(DocumentAttribute.text_value)
        .order_by(
            func.count(func.distinct(DocumentAttribute.document_id)).desc(),
            DocumentAttribute.text_value,
        )
    )
    return {str(key): count for key, count in rows}


def segments_per_document(session: Session, coder: int | None = None) -> dict[int, int]:
    """How many segments each coded document has (of one coder when given; of the viewer
    alone while blind coding is on)."""
    query = select(Segment.document_id, func.count()).group_by(Segment.document_id)
    only = only_coder(session)
    if only is not None:
        coder = only
    if coder is not None:
        query = query.where(Segment.coder_id == coder)
    return {document: count for document, count in session.execute(query)}
