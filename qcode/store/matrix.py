"""Matrix numbers computed in SQL: one GROUP BY over the segments per matrix (and its totals).

Codes are rolled up through a small (code, ancestor) table joined to the segments, so a
parent's cell counts its sub-codes' segments without any loop over segments in Python.
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
    totals: dict | None = None,
) -> dict[tuple[Key, ...], int]:
    """``measure`` per combination of the axes' keys (an empty tuple: the grand total).

    For codes × documents, coders or bins, ``totals`` (a dict) receives the row and column
    totals and the grand total, added up while rolling up (exact when each segment has one
    key on the column axis).

    Segments are counted only where each ``within`` axis has a key too — a row total of a
    codes × year matrix leaves out documents without a year, as its cells do.
    """
    if not where.rollup:
        return {}
    # Counts and lengths add up, so a parent's figure is the sum of its codes' figures: group
    # by the code as coded (a plain index scan) and roll up the few grouped rows afterwards.
    # Distinct documents do not add up; they are counted through the (code, ancestor) table.
    fold = measure in {"segments", "chars"}
    kinds = [a.kind for a in axes]
    if fold and not within and sorted(kinds) == ["attr", "codes"]:
        return _through_documents(session, axes, measure, where)
    query = _Query(session, where)
    for axis in axes:
        query.add_axis(axis, fold)
    for axis in within:
        query.require(axis)
    if measure == "segments":
        # Each joined row is one (segment, ancestor, attribute value): nothing to de-duplicate.
        figure = func.count()
    elif measure in {"documents", "presence"}:
        figure = func.count(distinct(Segment.document_id))
    elif measure == "chars":
        figure = func.sum(Segment.end_offset - Segment.start_offset)
    else:
        raise ValueError(f"aggregate cannot compute {measure!r}")
    ancestors: dict[int, list[int]] = {}
    for code, ancestor in where.rollup:
        ancestors.setdefault(code, []).append(ancestor)
    folded = [i for i, (kind, _) in enumerate(query.shapes) if kind == "code"]
    shapes = [kind for kind, _ in query.shapes]
    if shapes in (["code", "one"], ["code", "bin"]):  # codes × documents, coders or bins
        return _fold_rows_first(plain_rows(session, query.select(figure)), ancestors, totals)
    result = session.execute(query.select(figure))
    if all(width == 1 for _, width in query.shapes):  # one key column per axis
        rows = [(tuple(row[:-1]), int(row[-1] or 0)) for row in result]
    else:
        rows = []
        for row in result:
            keys, (number,) = query.split(row)
            rows.append((keys, int(number or 0)))
    found: dict[tuple[Key, ...], int] = {}
    if not folded:
        for keys, value in rows:
            if None not in keys:
                found[keys] = (1 if value else 0) if measure == "presence" else value
        return found
    at = folded[0]
    get = found.get
    for keys, value in rows:
        if None in keys:
            continue
        head, tail = keys[:at], keys[at + 1 :]
        for ancestor in ancestors.get(keys[at], ()):
            rolled = (*head, ancestor, *tail)
            found[rolled] = get(rolled, 0) + value
    return found


def _through_documents(
    session: Session, axes: Sequence[Axis], measure: str, where: SegmentFilter
) -> dict[tuple[Key, ...], int]:
    """Codes × attribute values: count per (code, document) over the (code, document)
    index, then add each document's figures to its attribute values (a segment counts once
    per value, as a join would count it). Far cheaper than joining every segment."""
    codes_first = axes[0].kind == "codes"
    attr_axis = axes[1] if codes_first else axes[0]
    query = _Query(session, where)
    query.add_axis(Axis("codes"), fold=True)
    query.add_axis(Axis("documents"))
    figure = (
        func.count()
        if measure == "segments"
        else func.sum(Segment.end_offset - Segment.start_offset)
    )
    ancestors: dict[int, list[int]] = {}
    for code, ancestor in where.rollup:
        ancestors.setdefault(code, []).append(ancestor)
    attr = DocumentAttribute
    values = select(attr.document_id, attr.text_value, attr.number_value, attr.date_value).where(
        attr.name == attr_axis.name
    )
    keys_of: dict[int, list[Key]] = {}
    for document, text, number, date in session.execute(values):
        if attr_axis.bin_width:
            if number is None:
                continue
            key: Key = bin_start(number, attr_axis.bin_width)
        else:
            key = _value_key((text, number, date))
        if key not in keys_of.setdefault(document, []):  # a value listed twice counts once
            keys_of[document].append(key)
    found: dict[tuple[Key, ...], int] = {}
    get = found.get
    for code, document, number in plain_rows(session, query.select(figure)):
        keys = keys_of.get(document)
        if not keys:
            continue
        for ancestor in ancestors.get(code, ()):
            for key in keys:
                cell = (ancestor, key) if codes_first else (key, ancestor)
                found[cell] = get(cell, 0) + number
    return found


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


def _fold_rows_first(
    rows, ancestors: dict[int, list[int]], totals: dict | None
) -> dict[tuple[Key, ...], int]:
    """(code, key, n) rows rolled up into (ancestor, key): the common case, kept tight.

    With ``totals``, the row totals (per code, rolled up), column totals (each segment once)
    and grand total are added up on the way; they hold when every segment has one key.
    """
    found: dict[tuple[Key, ...], int] = {}
    get = found.get
    by_code: dict[int, int] = {}
    by_col: dict[Key, int] = {}
    for code, key, number in rows:
        if key is None or code not in ancestors:
            continue
        for ancestor in ancestors[code]:
            cell = (ancestor, key)
            found[cell] = get(cell, 0) + number
        by_code[code] = by_code.get(code, 0) + number
        by_col[key] = by_col.get(key, 0) + number
    if totals is not None:
        by_row: dict[Key, int] = {}
        for code, number in by_code.items():  # a few hundred codes: roll them up here
            for ancestor in ancestors[code]:
                by_row[ancestor] = by_row.get(ancestor, 0) + number
        totals.update(rows=by_row, cols=by_col, total=sum(by_code.values()))
    return found


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
