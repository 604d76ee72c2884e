"""The append-only event log and the coders it names."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qcode.store.models import Coder, Event


def coder_id(session: Session, name: str) -> int:
    """Id of the coder called ``name``, creating the coder on first use."""
    found = session.scalar(select(Coder.id).where(Coder.name == name))
    if found is not None:
        return found
    coder = Coder(name=name)
    session.add(coder)
    session.flush()
    return coder.id


def find_coder(session: Session, name: str) -> int | None:
    """Id of the coder called ``name``, or None when nobody of that name has coded."""
    return session.scalar(select(Coder.id).where(Coder.name == name))


def record_event(
    session: Session,
    *,
    coder: int | None,
    action: str,
    target_type: str,
    target_id: str | int | None = None,
    before: Any = None,
    after: Any = None,
) -> Event:
    """Append one event; it commits or rolls back with the change it describes."""
    event = Event(
        coder_id=coder,
        action=action,
        target_type=target_type,
        target_id=None if target_id is None else str(target_id),
        before=before,
        after=after,
    )
    session.add(event)
    return event
