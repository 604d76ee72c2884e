"""Row-level change sets: what an action did, recorded so that it can be undone and redone.

Every undoable action (coding, uncoding, memo edits, decisions on suggestions, codebook edits)
writes its rows through a :class:`ChangeSet`, which performs each insert, update and delete
and remembers it. The change set is stored on the action's event. Undo applies the inverse
operations in reverse order; redo applies them again. Before touching a row, both check that
it is as the action left it, so undoing never overwrites someone else's later work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import DateTime, Table, delete, insert, select, update
from sqlalchemy.orm import Session

from qcode.core.errors import UsageError
from qcode.store.models import Base

# Tables whose rows actions may change; everything else is out of undo's reach.
UNDOABLE_TABLES = ("segments", "memos", "suggestions", "codes", "codebooks")


def _table(name: str) -> Table:
    if name not in UNDOABLE_TABLES:
        raise ValueError(f"table {name} is not undoable")
    return Base.metadata.tables[name]


def _to_json(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.datetime | dt.date) else v for k, v in row.items()}


def _from_json(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    values = dict(row)
    for name, value in row.items():
        if isinstance(value, str) and isinstance(table.c[name].type, DateTime):
            values[name] = dt.datetime.fromisoformat(value)
    return values


@dataclass
class ChangeSet:
    """Row operations performed in one action, in order."""

    session: Session
    operations: list[dict[str, Any]] = field(default_factory=list)

    def insert(self, table_name: str, values: dict[str, Any]) -> int:
        table = _table(table_name)
        new_id = self.session.execute(insert(table).returning(table.c.id), [values]).scalar_one()
        row = self._row(table, new_id)
        self.operations.append({"op": "insert", "table": table_name, "row": _to_json(table, row)})
        return new_id

    def update(self, table_name: str, row_id: int, values: dict[str, Any]) -> None:
        table = _table(table_name)
        before = self._row(table, row_id)
        self.session.execute(update(table).where(table.c.id == row_id).values(**values))
        after = self._row(table, row_id)
        changed = {k for k in after if after[k] != before[k]}
        if changed:
            self.operations.append(
                {
                    "op": "update",
                    "table": table_name,
                    "id": row_id,
                    "before": _to_json(table, {k: before[k] for k in changed}),
                    "after": _to_json(table, {k: after[k] for k in changed}),
                }
            )

    def delete(self, table_name: str, row_id: int) -> None:
        table = _table(table_name)
        row = self._row(table, row_id)
        self.session.execute(delete(table).where(table.c.id == row_id))
        self.operations.append({"op": "delete", "table": table_name, "row": _to_json(table, row)})

    def _row(self, table: Table, row_id: int) -> dict[str, Any]:
        found = self.session.execute(select(table).where(table.c.id == row_id)).mappings().first()
        if found is None:
            raise UsageError(f"{table.name} row {row_id} does not exist")
        return dict(found)

    def payload(self) -> dict[str, Any]:
        return {"operations": self.operations}


def _current(session: Session, table: Table, row_id: int) -> dict[str, Any] | None:
    found = session.execute(select(table).where(table.c.id == row_id)).mappings().first()
    return None if found is None else _to_json(table, dict(found))


def _conflict(what: str) -> UsageError:
    return UsageError(f"cannot {what}: the data was changed since (by you or another coder)")


def apply_operations(session: Session, operations: list[dict[str, Any]], *, reverse: bool) -> None:
    """Replay ``operations`` (redo), or their inverses in reverse order (undo)."""
    what = "undo" if reverse else "redo"
    steps = reversed(operations) if reverse else operations
    for step in steps:
        table = _table(step["table"])
        kind = step["op"]
        if kind == "update":
            before, after = (
                (step["after"], step["before"]) if reverse else (step["before"], step["after"])
            )
            current = _current(session, table, step["id"])
            if current is None or any(current.get(k) != v for k, v in before.items()):
                raise _conflict(what)
            session.execute(
                update(table).where(table.c.id == step["id"]).values(**_from_json(table, after))
            )
            continue
        row = step["row"]
        removing = (kind == "insert") == reverse
        current = _current(session, table, row["id"])
        if removing:
            if current != row:
                raise _conflict(what)
            session.execute(delete(table).where(table.c.id == row["id"]))
        else:
            if current is not None:
                raise _conflict(what)
            session.execute(insert(table).values(**_from_json(table, row)))
