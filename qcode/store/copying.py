"""Copying a project's rows into another project, ids kept (``qcode clone``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sqlalchemy import Table, func, select, text
from sqlalchemy.orm import Session

from qcode.store.bulk import insert_rows
from qcode.store.models import Base

# Everything a colleague needs to code the same sources independently.
SOURCES = ("documents", "document_attributes", "document_pages", "codebooks", "codes", "settings")
# And the coding itself, for a full copy.
CODING = ("coders", "segments", "memos", "suggestions", "suggestion_decisions", "events")
_BATCH = 2000

Row = tuple[Any, ...]


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def read_rows(session: Session, name: str) -> Iterator[list[Row]]:
    """The rows of table ``name`` in batches, columns in table order."""
    source = table(name)
    order = list(source.primary_key.columns)
    result = session.execute(select(source).order_by(*order).execution_options(yield_per=_BATCH))
    for batch in result.partitions(_BATCH):
        yield [tuple(row) for row in batch]


def copy_tables(
    source: Session,
    target: Session,
    names: Sequence[str],
    change: dict[str, Callable[[Row], Row]] | None = None,
) -> dict[str, int]:
    """Copy the tables ``names`` (in that order, parents first); ``change`` rewrites rows of a
    table on the way. Returns the rows copied per table."""
    copied: dict[str, int] = {}
    for name in names:
        columns = [c.name for c in table(name).columns]
        rewrite = (change or {}).get(name)
        copied[name] = 0
        for batch in read_rows(source, name):
            rows = [rewrite(row) for row in batch] if rewrite else batch
            insert_rows(target, table(name), columns, rows)
            copied[name] += len(rows)
    if target.get_bind().dialect.name == "postgresql":
        _advance_sequences(target, names)
    return copied


def _advance_sequences(session: Session, names: Sequence[str]) -> None:
    """Rows inserted with their ids leave PostgreSQL's sequences behind: move them on."""
    for name in names:
        source = table(name)
        if "id" not in source.c or not source.c.id.autoincrement:
            continue
        highest = session.scalar(select(func.max(source.c.id)))
        if highest:
            session.execute(
                text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :v)"),
                {"t": name, "v": highest},
            )
