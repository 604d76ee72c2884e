"""The pending-suggestion queue read a page at a time: a count and a window, both in SQL.

A long report may carry tens of thousands of suggestions; reviewing them must not load every
one, nor the whole text of its document per row. The passage and a little context around it
are cut from each document's text, read once per page.
"""

from __future__ import annotations

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from qcode.store.models import CodeRow, Document, Suggestion
from qcode.store.settings import seen_status

CONTEXT = 160  # characters of text shown before and after a suggested passage
# Where a suggestion stands: its document, code and span.
SPAN_COLUMNS = (
    Suggestion.document_id,
    Suggestion.code_id,
    Suggestion.start_offset,
    Suggestion.end_offset,
)


def suggestion_spans(session: Session, *conditions) -> list[tuple[int, int, int, int]]:
    """``(document, code id, start, end)`` of every suggestion meeting ``conditions``."""
    rows = session.execute(select(*SPAN_COLUMNS).where(*conditions))
    return [(row[0], row[1], row[2], row[3]) for row in rows]


def _conditions(session: Session, min_score: float | None) -> list:
    found = [seen_status(session) == "pending"]
    if min_score is not None:
        found.append(Suggestion.score >= min_score)
    return found


def pending_count(session: Session, min_score: float | None = None) -> int:
    """How many suggestions wait for a decision (at or above ``min_score``)."""
    query = select(func.count(Suggestion.id)).where(and_(*_conditions(session, min_score)))
    return int(session.scalar(query) or 0)


def pending_window(session: Session, offset: int, limit: int) -> list[tuple]:
    """Rows ``(id, document_id, title, code guid, start, end, score, keyword, matched,
    source, reason, context_start, context)`` of pending suggestions ``offset .. offset + limit`` in
    document and text order; ``context`` is the passage with up to ``CONTEXT`` characters
    either side, starting at ``context_start``.

    The page's ids are chosen first without any text, then each distinct document's text is
    read once: sorting 20,000 rows that each carried a cut of a 1 MB text took a quarter
    second.
    """
    page = (
        select(Suggestion.id)
        .where(and_(*_conditions(session, None)))
        .order_by(Suggestion.document_id, Suggestion.start_offset, Suggestion.id)
        .offset(offset)
        .limit(limit)
    )
    ids = list(session.scalars(page))
    if not ids:
        return []
    query = (
        select(
            Suggestion.id,
            Suggestion.document_id,
            Document.title,
            CodeRow.guid,
            Suggestion.start_offset,
            Suggestion.end_offset,
            Suggestion.score,
            Suggestion.keyword,
            Suggestion.matched,
            Suggestion.source,
            Suggestion.reason,
        )
        .join(CodeRow, CodeRow.id == Suggestion.code_id)
        .join(Document, Document.id == Suggestion.document_id)
        .where(Suggestion.id.in_(ids))
        .order_by(Suggestion.document_id, Suggestion.start_offset, Suggestion.id)
    )
    rows = session.execute(query).all()
    wanted = sorted({row[1] for row in rows})
    texts = dict(
        session.execute(select(Document.id, Document.text).where(Document.id.in_(wanted))).all()
    )
    found = []
    for row in rows:
        start, end = row[4], row[5]
        begin = max(start - CONTEXT, 0)
        found.append((*row, begin, texts[row[1]][begin : end + CONTEXT]))
    return found
