"""Bulk inserts at driver speed: one prepared statement, many tuples, types still converted.

SQLAlchemy's ORM and Core inserts build a parameter dictionary per row and run its type
processors through several layers; for tens of thousands of rows that costs more than the
database work. Here each column's bind processor is looked up once and the rows go to the
driver's ``executemany`` as plain tuples.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session


def insert_rows(
    session: Session,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    constants: dict[str, Any] | None = None,
) -> None:
    """Insert ``rows`` (tuples in the order of ``columns``) into ``table``.

    ``constants`` are columns with the same value in every row (such as an import time); it
    is converted once and appended to each row.
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    processors = [
        (i, p)
        for i, name in enumerate(columns)
        if (p := table.c[name].type._cached_bind_processor(dialect)) is not None
    ]
    if processors:
        rows = [_processed(row, processors) for row in rows]
    if constants:
        fixed = tuple(_bind(table, name, value, dialect) for name, value in constants.items())
        rows = [(*row, *fixed) for row in rows]
        columns = (*columns, *constants)
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    names = ", ".join(dialect.identifier_preparer.quote(name) for name in columns)
    markers = ", ".join([marker] * len(columns))
    target = dialect.identifier_preparer.format_table(table)
    sql = f"INSERT INTO {target} ({names}) VALUES ({markers})"
    connection.exec_driver_sql(sql, list(rows))


def _bind(table: Table, name: str, value: Any, dialect: Any) -> Any:
    processor = table.c[name].type._cached_bind_processor(dialect)
    return value if processor is None or value is None else processor(value)


def _processed(row: Sequence[Any], processors: list[tuple[int, Any]]) -> Sequence[Any]:
    converted: list[Any] | None = None
    for i, processor in processors:
        if row[i] is not None:
            if converted is None:
                converted = list(row)
            converted[i] = processor(row[i])
    return row if converted is None else tuple(converted)


def reserve_ids(session: Session, table: Table, count: int) -> list[int]:
    """``count`` new primary keys for ``table``, valid for the current write transaction.

    SQLite serialises writers (qcode begins writing transactions IMMEDIATE), so the keys after
    the current maximum are free until commit. PostgreSQL hands them out from the column's
    sequence, which is safe under concurrent writers.
    """
    if count == 0:
        return []
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        # One round trip: the sequence is looked up inside the same statement.
        sequence = func.pg_get_serial_sequence(table.name, "id")
        return list(
            session.execute(
                select(func.nextval(sequence)).select_from(func.generate_series(1, count))
            ).scalars()
        )
    highest = session.execute(select(func.max(table.c.id))).scalar() or 0
    return list(range(highest + 1, highest + 1 + count))
