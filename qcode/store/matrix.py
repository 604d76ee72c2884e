"""Matrix numbers computed in SQL: one GROUP BY over the segments per matrix, and one per
kind of total (totals are counted, never added up from cells that may share a passage).

Codes are rolled up through a small (code, ancestor) table joined to the segments, so a
parent's cell counts its sub-codes' coding without any loop over segments in Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import Integer, and_, cast, column, distinct, exists, func, select, values
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import ColumnElement, Select

from qcode.core.attributes import Condition
from qcode.core.matrix import Axis, Excerpt, Key, bin_start
from qcode.store.documents import matching_ids
from qcode.store.models import Coder, CodeRow, Document, DocumentAttribute, Segment


@dataclass(frozen=True, slots=True)
class SegmentFilter:
    """Which segments a matrix counts."""

    rollup: Sequence[tuple[int, int]] = ()  # (code id, ancestor-or-self id) pairs
    coder_ids: Sequence[int] | None = None
    conditions: Sequence[Condition] = ()
    manual_only: bool = False  # leave out segments that came from accepted suggestions
    every_code: bool = False  # ``rollup`` covers the whole codebook

    def code_ids(self) -> list[int]:
        return sorted({code for code, _ in self.rollup})


def segment_conditions(session: Session, segment, where: SegmentFilter) -> list[ColumnElement]:
    """The filter's tests on the segments table (or an alias of it)."""
    tests: list[ColumnElement] = []
    if where.coder_ids is not None:
        tests.append(segment.coder_id.in_(list(where.coder_ids)))
    if where.conditions:
        tests.append(segment.document_id.in_(matching_ids(session, where.conditions)))
    if where.manual_only:
        tests.append(segment.origin != "suggestion")
    return tests


def closure_table(pairs: Sequence[tuple[int, int]]):
    return (
        values(column("code_id", Integer), column("ancestor_id", Integer), name="closure")
        .data(list(pairs))
        .cte("closure")
    )


class _Query:
    """Builds one aggregate query over segments for up to two axes."""

    def __init__(self, session: Session, where: SegmentFilter) -> None:
        self.session = session
        self.where = where
        self.closure = None
        self.joins: list[tuple] = []
        self.keys: list[ColumnElement] = []
        self.shapes: list[tuple[str, int]] = []  # (kind, number of key columns)
        self.required: list[ColumnElement] = []
        # With every code counted, the filter on code ids would only slow the scan down.
        self.full_codebook = where.every_code

    def add_axis(self, axis: Axis) -> None:
        """Group by ``axis`` (codes through the (code, ancestor) table: rolled up)."""
        if axis.kind == "codes":
            if self.closure is None:
                self.closure = closure_table(self.where.rollup)
            self.keys.append(self.closure.c.ancestor_id)
            self.shapes.append(("one", 1))
        elif axis.kind == "documents":
            self.keys.append(Segment.document_id)
            self.shapes.append(("one", 1))
        elif axis.kind == "coders":
            self.keys.append(Segment.coder_id)
            self.shapes.append(("one", 1))
        else:
            attr = aliased(DocumentAttribute)
            self.joins.append(
                (attr, and_(attr.document_id == Segment.document_id, attr.name == axis.name))
            )
            if axis.bin_width:
                self.keys.append(self._bin(attr.number_value, axis.bin_width))
                self.shapes.append(("bin", 1))
            else:
                self.keys += [attr.text_value, attr.number_value, attr.date_value]
                self.shapes.append(("value", 3))

    def require(self, axis: Axis) -> None:
        """Keep only segments that have a key on ``axis``, without grouping by it."""
        if axis.kind != "attr":
            return  # every segment has a code, a document and a coder
        attr = aliased(DocumentAttribute)
        test = (attr.document_id == Segment.document_id) & (attr.name == axis.name)
        if axis.bin_width:
            test = test & attr.number_value.is_not(None)
        self.required.append(exists().where(test))

    def _bin(self, number: ColumnElement, width: int) -> ColumnElement:
        if self.session.get_bind().dialect.name == "sqlite":
            # SQLite's CAST truncates toward zero, which is floor for the positive years.
            return cast(number / width, Integer) * width
        return cast(func.floor(number / width), Integer) * width

    def select(self, *measure: ColumnElement) -> Select:
        query = select(*self.keys, *measure).select_from(Segment)
        if self.closure is not None:
            query = query.join(self.closure, self.closure.c.code_id == Segment.code_id)
        elif self.where.rollup and not self.full_codebook:
            query = query.where(Segment.code_id.in_(self.where.code_ids()))
        for target, on in self.joins:
            query = query.join(target, on)
        query = query.where(*segment_conditions(self.session, Segment, self.where), *self.required)
        if self.keys:
            query = query.group_by(*self.keys)
        return query

    def split(self, row: Sequence) -> tuple[tuple[Key, ...], Sequence]:
        keys: list[Key] = []
        at = 0
        for kind, width in self.shapes:
            part = row[at : at + width]
            at += width
            keys.append(_value_key(part) if kind == "value" else part[0])
        return tuple(keys), row[at:]


def _value_key(part: Sequence) -> Key:
    text, number, date = part
    if number is not None:
        return int(number) if float(number).is_integer() else float(number)
    if date is not None:
        return date.isoformat() if isinstance(date, dt.date) else str(date)
    return text


def aggregate(
    session: Session,
    axes: Sequence[Axis],
    measure: str,
    where: SegmentFilter,
    within: Sequence[Axis] = (),
) -> dict[tuple[Key, ...], int]:
    """``measure`` per combination of the axes' keys (an empty tuple: the grand total).

    ``segments`` counts coded passages: distinct spans ``(document, start, end)``, so a
    passage coded with two sub-codes (or by two coders) counts once in its theme's cell and
    in every total; ``chars`` adds up the lengths of those distinct passages; ``documents``
    and ``presence`` count distinct documents.

    Segments are counted only where each ``within`` axis has a key too — a row total of a
    codes × year matrix leaves out documents without a year, as its cells do.
    """
    if not where.rollup:
        return {}
    query = _Query(session, where)
    for axis in axes:
        query.add_axis(axis)
    for axis in within:
        query.require(axis)
    if measure in {"segments", "chars"}:
        statement = _over_passages(query, measure)
    elif measure in {"documents", "presence"}:
        statement = query.select(func.count(distinct(Segment.document_id)))
    else:
        raise ValueError(f"aggregate cannot compute {measure!r}")
    found: dict[tuple[Key, ...], int] = {}
    simple = all(width == 1 for _, width in query.shapes)  # one key column per axis
    for row in plain_rows(session, statement):
        if simple:
            keys, number = tuple(row[:-1]), row[-1]
        else:
            keys, (number,) = query.split(row)
        if None in keys:
            continue
        value = int(number or 0)
        found[keys] = (1 if value else 0) if measure == "presence" else value
    return found


def _over_passages(query: _Query, measure: str) -> Select:
    """Count (or measure) the distinct passages per group: the inner query lists each
    (keys, document, start, end) once, the outer one groups them."""
    keys = [key.label(f"k{i}") for i, key in enumerate(query.keys)]
    spans = (
        query.select()
        .with_only_columns(
            *keys,
            Segment.document_id.label("doc"),
            Segment.start_offset.label("start"),
            Segment.end_offset.label("end"),
        )
        .group_by(None)
        .distinct()
        .subquery("passages")
    )
    grouped = [spans.c[f"k{i}"] for i in range(len(keys))]
    figure = func.count() if measure == "segments" else func.sum(spans.c.end - spans.c.start)
    statement = select(*grouped, figure).select_from(spans)
    return statement.group_by(*grouped) if grouped else statement


def plain_rows(session: Session, statement: Select) -> Iterator[tuple]:
    """The rows of ``statement`` as the database driver's tuples.

    A matrix reads hundreds of thousands of grouped rows and only adds them up; skipping
    SQLAlchemy's row objects for these saves a third of the time. The statement is compiled
    by SQLAlchemy as usual (bound parameters included) and run in the session's transaction.
    """
    connection = session.connection()
    compiled = statement.compile(
        dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
    )
    params = compiled.construct_params()
    arguments = (
        [params[name] for name in compiled.positiontup]
        if compiled.positional and compiled.positiontup
        else params
    )
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(compiled), arguments)
        while batch := cursor.fetchmany(10_000):
            yield from batch
    finally:
        cursor.close()


def excerpts(
    session: Session, axes: Sequence[Axis], where: SegmentFilter, limit: int | None = None
) -> dict[tuple[Key, ...], list[Excerpt]]:
    """The coded passages per combination of keys, in document and text order."""
    if not where.rollup:
        return {}
    query = _Query(session, where)
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
            keys.add(_value_key(row))
    return sorted(keys, key=lambda k: (not isinstance(k, int | float), str(k).casefold(), k))


def code_ids(session: Session) -> dict[str, int]:
    return {guid: ident for guid, ident in session.execute(select(CodeRow.guid, CodeRow.id))}


def coder_names(session: Session) -> dict[int, str]:
    return {ident: name for ident, name in session.execute(select(Coder.id, Coder.name))}
