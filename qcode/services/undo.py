"""Global undo and redo, per coder, persisted in the event log (they survive restarts)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.orm import Session

from qcode.core.errors import TransientConflict, UsageError
from qcode.store.changes import apply_operations
from qcode.store.events import coder_id, record_event
from qcode.store.models import Event
from qcode.store.project import Project
from qcode.store.undo_log import last_undoable, next_redoable

# Actions that change segments and memos only: after undoing one, the codebook is as it was.
CODING_ACTIONS = frozenset({"code", "uncode", "memo", "accept", "reject", "code_hits"})


@dataclass(frozen=True, slots=True)
class Step:
    action: str  # what kind of action was undone or redone ("code", "edit_code", …)
    summary: str
    segments: frozenset[int] = frozenset()  # ids of the segments it added, changed or removed


def _touched_segments(operations: list[dict]) -> frozenset[int]:
    touched: set[int] = set()
    for operation in operations:
        if operation["table"] != "segments":
            continue
        if operation["op"] == "update":
            touched.update(operation["ids"])
        else:
            at = operation["columns"].index("id")
            touched.update(row[at] for row in operation["rows"])
    return frozenset(touched)


def undo(project: Project, *, coder: str) -> str:
    """Undo the coder's most recent action; return what it was."""
    return step(project, coder=coder, undoing=True).summary


def redo(project: Project, *, coder: str) -> str:
    """Redo the action the coder undid last; return what it was."""
    return step(project, coder=coder, undoing=False).summary


def step(project: Project, *, coder: str, undoing: bool) -> Step:
    """Undo (or redo) one action of ``coder``; say which kind it was and what it did."""
    verb = "undo" if undoing else "redo"

    def work(session: Session):
        who = coder_id(session, coder)
        event = last_undoable(session, who) if undoing else next_redoable(session, who)
        if event is None:
            raise UsageError(f"nothing to {verb} for {coder}")
        # Claim the event first: of two processes undoing the same action at once, the
        # second finds it already claimed, and its retry moves on to the action before.
        claimed = session.execute(
            update(Event)
            .where(Event.id == event.id, Event.undone.is_(not undoing))
            .values(undone=undoing)
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed != 1:
            raise TransientConflict(
                f"{project.location.display()}: another process was undoing the same action "
                "at the same moment; nothing was changed, try again"
            )
        apply_operations(session, event.after["operations"], reverse=undoing)
        record_event(session, coder=who, action=verb, target_type="event", target_id=event.id)
        operations = event.after["operations"]
        return Step(event.action, event.after["summary"], _touched_segments(operations))

    return project.write(work)
