"""Global undo and redo, per coder, persisted in the event log (they survive restarts)."""

from __future__ import annotations

from qcode.core.errors import UsageError
from qcode.store.changes import apply_operations
from qcode.store.events import coder_id, record_event
from qcode.store.project import Project
from qcode.store.undo_log import last_undoable, next_redoable


def undo(project: Project, *, coder: str) -> str:
    """Undo the coder's most recent action; return what it was."""
    with project.writing() as session:
        who = coder_id(session, coder)
        event = last_undoable(session, who)
        if event is None:
            raise UsageError(f"nothing to undo for {coder}")
        apply_operations(session, event.after["operations"], reverse=True)
        event.undone = True
        record_event(session, coder=who, action="undo", target_type="event", target_id=event.id)
        return event.after["summary"]


def redo(project: Project, *, coder: str) -> str:
    """Redo the action the coder undid last; return what it was."""
    with project.writing() as session:
        who = coder_id(session, coder)
        event = next_redoable(session, who)
        if event is None:
            raise UsageError(f"nothing to redo for {coder}")
        apply_operations(session, event.after["operations"], reverse=False)
        event.undone = False
        record_event(session, coder=who, action="redo", target_type="event", target_id=event.id)
        return event.after["summary"]
