"""Coded segments one per row, with their text, code, coder and page, for exports."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qcode.store.matrix_query import SegmentFilter, segment_conditions
from qcode.store.models import Coder, CodeRow, Document, DocumentPage, Segment


@dataclass(frozen=True, slots=True)
class SegmentRow:
    id: int
    document_id: int
    code_guid: str
    coder: str
    start: int
    end: int
    text: str
    memo: str
    origin: str
    page: int | None


def segment_rows(session: Session, where: SegmentFilter) -> Iterator[SegmentRow]:
    """Segments of the filter's codes (not rolled up), in document and text order."""
    if not where.rollup:
        return
    query = (
        select(
            Segment.id,
            Segment.document_id,
            CodeRow.guid,
            Coder.name,
            Segment.start_offset,
            Segment.end_offset,
            func.substr(
                Document.text, Segment.start_offset + 1, Segment.end_offset - Segment.start_offset
            ),
            Segment.memo,
            Segment.origin,
        )
        .join(Document, Document.id == Segment.document_id)
        .join(CodeRow, CodeRow.id == Segment.code_id)
        .join(Coder, Coder.id == Segment.coder_id)
        .where(Segment.code_id.in_(where.code_ids()))
        .where(*segment_conditions(session, Segment, where))
        .order_by(Segment.document_id, Segment.start_offset, Segment.end_offset, Segment.id)
    )
    pages = _page_starts(session)
    for row in session.execute(query.execution_options(yield_per=2000)):
        starts = pages.get(row[1])
        page = None
        if starts:
            at = bisect_right(starts[0], row[4]) - 1
            page = starts[1][at] if at >= 0 else None
        yield SegmentRow(*row[:8], row[8], page)


def _page_starts(session: Session) -> dict[int, tuple[list[int], list[int]]]:
    """Per paged document (PDFs), the sorted page start offsets and their page numbers."""
    found: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    query = select(DocumentPage.document_id, DocumentPage.start_offset, DocumentPage.page_number)
    for document, start, number in session.execute(
        query.order_by(DocumentPage.document_id, DocumentPage.start_offset)
    ):
        found[document][0].append(start)
        found[document][1].append(number)
    return dict(found)
