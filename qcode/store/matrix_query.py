"""The query builder under every matrix count: which segments count (``SegmentFilter``), the
(code, ancestor) table that rolls codes up, one GROUP BY per pair of axes, and reading its
rows without SQLAlchemy's row objects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import Integer, and_, cast, column, exists, func, select, values
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import ColumnElement, Select

from qcode.core.attributes import Condition
from qcode.core.matrix import Axis, Key
from qcode.store.documents import matching_ids
from qcode.store.models import DocumentAttribute, Segment


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


class GroupedQuery:
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

    def add_axis(self, axis: Axis, fold: bool = False) -> None:
        """Group by ``axis``; with ``fold``, codes are grouped as coded (rolled up later)."""
        if axis.kind == "codes" and fold:
            self.keys.append(Segment.code_id)
            self.shapes.append(("code", 1))
        elif axis.kind == "codes":
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
            keys.append(value_key(part) if kind == "value" else part[0])
        return tuple(keys), row[at:]


def value_key(part: Sequence) -> Key:
    text, number, date = part
    if number is not None:
        return int(number) if float(number).is_integer() else float(number)
    if date is not None:
        return date.isoformat() if isinstance(date, dt.date) else str(date)
    return text


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
