"""Row-level change sets: what an action did, recorded so that it can be undone and redone.

Every undoable action (coding, uncoding, memo edits, decisions on suggestions, codebook edits)
writes its rows through a :class:`ChangeSet`, which performs each insert, update and delete
and remembers it. The change set is stored on the action's event. Undo applies the inverse
operations in reverse order; redo applies them again. Before touching rows, both check that
they are as the action left them, so undoing never overwrites someone else's later work.
Bulk actions (accepting 100,000 suggestions) are written and replayed in batches.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import DateTime, Table, bindparam, delete, select, update
from sqlalchemy.orm import Session

from qcode.core.errors import UsageError
from qcode.store.bulk import insert_rows, reserve_ids
from qcode.store.models import Base

# Tables whose rows actions may change; everything else is out of undo's reach.
UNDOABLE_TABLES = (
    "segments",
    "memos",
    "suggestions",
    "suggestion_decisions",
    "codes",
    "codebooks",
    "documents",  # a merge brings documents in, and its undo takes them out
    "document_attributes",
)
_CHUNK = 900  # ids per IN (...) list, under SQLite's variable limit


def _table(name: str) -> Table:
    if name not in UNDOABLE_TABLES:
        raise ValueError(f"table {name} is not undoable")
    return Base.metadata.tables[name]


def _json_value(value: Any) -> Any:
    # Times are kept as naive UTC: SQLite returns them naive, PostgreSQL aware, and a
    # comparison before undo must not see a difference where there is none.
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _to_json(row: dict[str, Any]) -> dict[str, Any]:
    return {k: _json_value(v) for k, v in row.items()}


def _from_json(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    values = dict(row)
    for name, value in row.items():
        if isinstance(value, str) and isinstance(table.c[name].type, DateTime):
            values[name] = dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)
    return values


def _rows(
    session: Session, table: Table, ids: list[int], columns: list[str] | None = None
) -> dict[int, dict[str, Any]]:
    """Current rows by id (only ``columns`` and the id, when given), in JSON form."""
    found: dict[int, dict[str, Any]] = {}
    selected = [table.c.id, *(table.c[c] for c in columns or ())] if columns else [table]
    for first in range(0, len(ids), _CHUNK):
        chunk = ids[first : first + _CHUNK]
        for row in session.execute(select(*selected).where(table.c.id.in_(chunk))).mappings():
            found[row["id"]] = _to_json(dict(row))
    return found


@dataclass
class ChangeSet:
    """Row operations performed in one action, in order.

    Each operation covers one table and any number of rows, in a compact form (column names
    once, then rows of values) so that a bulk action stays small in the event log:
    ``{"op": "insert" | "delete", "table", "columns", "rows"}`` and
    ``{"op": "update", "table", "columns", "ids", "before", "after"}``.
    """

    session: Session
    operations: list[dict[str, Any]] = field(default_factory=list)

    def insert(self, table_name: str, values: dict[str, Any]) -> int:
        return self.insert_many(table_name, [values])[0]

    def insert_many(self, table_name: str, rows: list[dict[str, Any]]) -> list[int]:
        """Insert rows (each with every column but ``id``); return their new ids."""
        if not rows:
            return []
        table = _table(table_name)
        ids = reserve_ids(self.session, table, len(rows))
        columns = ["id", *rows[0]]
        values = [(new_id, *row.values()) for new_id, row in zip(ids, rows, strict=True)]
        insert_rows(self.session, table, columns, values)
        if len(rows) == 1 and set(columns) != set(table.c.keys()):
            # A column left to the database's default: read the row back to record it.
            stored = _rows(self.session, table, ids)[ids[0]]
            columns = list(stored)
            recorded = [[stored[c] for c in columns]]
        else:
            recorded = [[_json_value(v) for v in row] for row in values]
        self.operations.append(
            {"op": "insert", "table": table_name, "columns": columns, "rows": recorded}
        )
        return ids

    def update(self, table_name: str, row_id: int, values: dict[str, Any]) -> None:
        self.update_many(table_name, {row_id: values})

    def update_many(self, table_name: str, changes: dict[int, dict[str, Any]]) -> None:
        """Update rows by id, each with its own values (all rows the same columns)."""
        if not changes:
            return
        table = _table(table_name)
        ids = list(changes)
        columns = list(next(iter(changes.values())))
        before = _rows(self.session, table, ids, columns)
        missing = set(ids) - set(before)
        if missing:
            raise UsageError(f"{table_name} row {min(missing)} does not exist")
        statement = (
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values({c: bindparam(f"v_{c}") for c in columns})
        )
        params = [
            {"row_id": i, **{f"v_{c}": values[c] for c in columns}} for i, values in changes.items()
        ]
        self.session.connection().execute(statement, params)
        self.operations.append(
            {
                "op": "update",
                "table": table_name,
                "columns": columns,
                "ids": ids,
                "before": [[before[i][c] for c in columns] for i in ids],
                "after": [[_json_value(changes[i][c]) for c in columns] for i in ids],
            }
        )

    def delete(self, table_name: str, row_id: int) -> None:
        table = _table(table_name)
        row = _rows(self.session, table, [row_id]).get(row_id)
        if row is None:
            raise UsageError(f"{table_name} row {row_id} does not exist")
        self.session.execute(delete(table).where(table.c.id == row_id))
        columns = list(row)
        self.operations.append(
            {
                "op": "delete",
                "table": table_name,
                "columns": columns,
                "rows": [[row[c] for c in columns]],
            }
        )

    def payload(self) -> dict[str, Any]:
        return {"operations": self.operations}


def _conflict(what: str) -> UsageError:
    return UsageError(f"cannot {what}: the data was changed since (by you or another coder)")


def apply_operations(session: Session, operations: list[dict[str, Any]], *, reverse: bool) -> None:
    """Replay ``operations`` (redo), or their inverses in reverse order (undo)."""
    what = "undo" if reverse else "redo"
    for step in reversed(operations) if reverse else operations:
        table = _table(step["table"])
        columns = step["columns"]
        if step["op"] == "update":
            expected, wanted = (
                (step["after"], step["before"]) if reverse else (step["before"], step["after"])
            )
            _apply_updates(session, table, columns, step["ids"], expected, wanted, what)
            continue
        rows = [dict(zip(columns, values, strict=True)) for values in step["rows"]]
        if (step["op"] == "insert") == reverse:
            _remove(session, table, rows, what)
        else:
            _add(session, table, rows, what)


def _apply_updates(
    session: Session,
    table: Table,
    columns: list[str],
    ids: list[int],
    expected: list[list[Any]],
    wanted: list[list[Any]],
    what: str,
) -> None:
    current = _rows(session, table, ids, columns)
    for row_id, values in zip(ids, expected, strict=True):
        row = current.get(row_id)
        if row is None or [row[c] for c in columns] != values:
            raise _conflict(what)
    statement = (
        update(table)
        .where(table.c.id == bindparam("row_id"))
        .values({c: bindparam(f"v_{c}") for c in columns})
    )
    params = []
    for row_id, values in zip(ids, wanted, strict=True):
        typed = _from_json(table, dict(zip(columns, values, strict=True)))
        params.append({"row_id": row_id, **{f"v_{c}": typed[c] for c in columns}})
    session.connection().execute(statement, params)


def _remove(session: Session, table: Table, rows: list[dict], what: str) -> None:
    ids = [row["id"] for row in rows]
    current = _rows(session, table, ids)
    if any(current.get(row["id"]) != row for row in rows):
        raise _conflict(what)
    for first in range(0, len(ids), _CHUNK):
        session.execute(delete(table).where(table.c.id.in_(ids[first : first + _CHUNK])))


def _add(session: Session, table: Table, rows: list[dict], what: str) -> None:
    if _rows(session, table, [row["id"] for row in rows]):
        raise _conflict(what)
    values = [_from_json(table, row) for row in rows]
    columns = list(values[0])
    insert_rows(session, table, columns, [tuple(v[c] for c in columns) for v in values])
