"""Matrix cells that are passages (excerpts), the keys of an attribute axis, and the names
of codes and coders; the counts live in ``matrix_counts``, the query builder in
``matrix_query``."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qcode.core.attributes import Condition
from qcode.core.matrix import Axis, Excerpt, Key, bin_start
from qcode.store.documents import matching_ids
from qcode.store.matrix_query import (
    GroupedQuery,
    SegmentFilter,
    value_key,
)
from qcode.store.models import Coder, CodeRow, Document, DocumentAttribute, Segment


def excerpts(
    session: Session, axes: Sequence[Axis], where: SegmentFilter, limit: int | None = None
) -> dict[tuple[Key, ...], list[Excerpt]]:
    """The coded passages per combination of keys, in document and text order."""
    if not where.rollup:
        return {}
    query = GroupedQuery(session, where)
    for axis in axes:
        query.add_axis(axis)
    passage = func.substr(
        Document.text, Segment.start_offset + 1, Segment.end_offset - Segment.start_offset
    )
    base = select(
        *query.keys,
        Segment.document_id,
        Segment.start_offset,
        Segment.end_offset,
        passage,
        Segment.memo,
        Coder.name,
    )
    statement = query.select().with_only_columns(*base.selected_columns).group_by(None)
    statement = (
        statement.join(Document, Document.id == Segment.document_id)
        .join(Coder, Coder.id == Segment.coder_id)
        .order_by(Segment.document_id, Segment.start_offset, Segment.end_offset, Segment.id)
    )
    if limit is not None:
        statement = statement.limit(limit)
    found: dict[tuple[Key, ...], list[Excerpt]] = {}
    for row in session.execute(statement):
        keys, (document, start, end, text, memo, coder) = query.split(row)
        if any(k is None for k in keys):
            continue
        found.setdefault(keys, []).append(Excerpt(document, start, end, text, memo or "", coder))
    return found


def attribute_keys(session: Session, axis: Axis, conditions: Sequence[Condition]) -> list[Key]:
    """The values (or bin starts) an attribute axis has among the matching documents."""
    attr = DocumentAttribute
    query = select(attr.text_value, attr.number_value, attr.date_value).where(
        attr.name == axis.name
    )
    if conditions:
        query = query.where(attr.document_id.in_(matching_ids(session, conditions)))
    keys: set[Key] = set()
    for row in session.execute(query.distinct()):
        if axis.bin_width:
            if row[1] is not None:
                keys.add(bin_start(row[1], axis.bin_width))
        else:
            keys.add(value_key(row))
    return sorted(keys, key=lambda k: (not isinstance(k, int | float), str(k).casefold(), k))


def code_ids(session: Session) -> dict[str, int]:
    return {guid: ident for guid, ident in session.execute(select(CodeRow.guid, CodeRow.id))}


def coder_names(session: Session) -> dict[int, str]:
    return {ident: name for ident, name in session.execute(select(Coder.id, Coder.name))}


def multi_valued(session: Session, name: str) -> bool:
    """Does some document hold several values of the attribute ``name`` (authors)?"""
    attr = DocumentAttribute
    query = (
        select(attr.document_id)
        .where(attr.name == name)
        .group_by(attr.document_id)
        .having(func.count() > 1)
        .limit(1)
    )
    return session.execute(query).first() is not None
