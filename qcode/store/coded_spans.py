"""Reading coded spans for agreement: plain tuples, no ORM objects."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from qcode.store.models import CodeRow, Document, Segment

SpanRow = tuple[int, int, int, int, int]  # document, code id, coder id, start, end


def coded_spans(
    session: Session, coder_ids: Sequence[int], documents: Select | None = None
) -> list[SpanRow]:
    """Every segment of the coders (in the documents of the sub-query, when given)."""
    query = (
        select(
            Segment.document_id,
            Segment.code_id,
            Segment.coder_id,
            Segment.start_offset,
            Segment.end_offset,
        )
        .where(Segment.coder_id.in_(list(coder_ids)))
        .order_by(Segment.document_id, Segment.start_offset, Segment.end_offset)
    )
    if documents is not None:
        query = query.where(Segment.document_id.in_(documents))
    # Plain tuples from the driver: the ORM's row objects cost more than the query itself
    # for a hundred thousand segments. Every value bound here is an integer or a condition
    # qcode built, written into the SQL by the dialect's own literal rendering.
    connection = session.connection()
    compiled = query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(compiled))
        return cursor.fetchall()
    finally:
        cursor.close()


def code_ids(session: Session) -> dict[str, int]:
    """Every code's id by its GUID."""
    return dict(session.execute(select(CodeRow.guid, CodeRow.id)).all())


def document_texts(session: Session, ids: Sequence[int]) -> dict[int, str]:
    wanted = sorted(set(ids))
    return {
        ident: text
        for first in range(0, len(wanted), 900)
        for ident, text in session.execute(
            select(Document.id, Document.text).where(Document.id.in_(wanted[first : first + 900]))
        )
    }


def document_lengths(session: Session, ids: Sequence[int]) -> dict[int, int]:
    wanted = sorted(set(ids))
    return {
        ident: length
        for first in range(0, len(wanted), 900)
        for ident, length in session.execute(
            select(Document.id, Document.char_count).where(
                Document.id.in_(wanted[first : first + 900])
            )
        )
    }
