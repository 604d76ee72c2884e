"""The append-only event log and the coders it names."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from qcode.core.errors import UsageError
from qcode.store.models import Coder, Event, utc_now
from qcode.store.settings import read_settings


class DefaultName(str):
    """A coder's name nobody asked for (the login name, the configuration's default): on a
    team project the database login takes its place."""


def coder_id(session: Session, name: str) -> int:
    """Id of the coder called ``name``, creating the coder on first use.

    On a team project the coder is the database login: a name given by default is replaced
    by it, and another name given on purpose (``--coder``, ``QCODE_CODER``) is refused —
    but for a lead writing as the consensus coder, and for the project's owner.

    Two processes may meet a new coder at once: the insert yields to one already made (an
    ``ON CONFLICT DO NOTHING`` on both databases) instead of failing the transaction.
    """
    team = session.info.get("team")
    if team is not None and not team.owner and name != team.login:
        if isinstance(name, DefaultName):
            name = team.login
        elif not (team.lead and name == read_settings(session)["consensus_coder"]):
            raise UsageError(
                f"on this team project you are {team.login!r} (your database login); "
                f"working as {name!r} is refused: leave out --coder and QCODE_CODER"
            )
    found = session.scalar(select(Coder.id).where(Coder.name == name))
    if found is None:
        found = _insert_coder(session, name)
    session.info.setdefault("coder_names", {})[found] = name
    return found


def _insert_coder(session: Session, name: str) -> int:
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    session.execute(insert(Coder).values(name=name, created_at=utc_now()).on_conflict_do_nothing())
    return session.scalar(select(Coder.id).where(Coder.name == name))


def coder_name(session: Session, ident: int) -> str:
    """The name of coder ``ident`` (known without a query when :func:`coder_id` found it)."""
    known = session.info.get("coder_names", {}).get(ident)
    return (
        known if known is not None else session.scalar(select(Coder.name).where(Coder.id == ident))
    )


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
