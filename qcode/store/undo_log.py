"""Undoable events: recording an action's change set, and finding what to undo or redo."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from qcode.store.changes import ChangeSet
from qcode.store.events import record_event
from qcode.store.models import Event


def record_undoable(
    session: Session,
    changes: ChangeSet,
    *,
    coder: int,
    action: str,
    target_type: str,
    target_id: str | int | None,
    summary: str,
) -> Event:
    """Log an action with its change set; a new action ends the coder's redo history."""
    session.execute(
        update(Event)
        .where(Event.coder_id == coder, Event.undoable.is_(True), Event.undone.is_(True))
        .values(undoable=False)
    )
    event = record_event(
        session,
        coder=coder,
        action=action,
        target_type=target_type,
        target_id=target_id,
        after={"summary": summary, **changes.payload()},
    )
    event.undoable = True
    session.flush()
    return event


def last_undoable(session: Session, coder: int) -> Event | None:
    return session.scalars(
        select(Event)
        .where(Event.coder_id == coder, Event.undoable.is_(True), Event.undone.is_(False))
        .order_by(Event.id.desc())
        .limit(1)
    ).first()


def next_redoable(session: Session, coder: int) -> Event | None:
    # Undo walks back through the coder's actions, so the undone ones form a run at the end
    # of the history; the earliest of them is the one undone last.
    return session.scalars(
        select(Event)
        .where(Event.coder_id == coder, Event.undoable.is_(True), Event.undone.is_(True))
        .order_by(Event.id)
        .limit(1)
    ).first()
