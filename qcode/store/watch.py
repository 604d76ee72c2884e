"""Noticing other programs' changes to an open project, cheaply enough to ask twice a second.

On PostgreSQL a connection of its own listens for the event log's notifications (migration
0008); on a SQLite file a connection of its own reads ``PRAGMA data_version``, which changes
when another connection commits. Either way, once something changed, the new events are read
from the log (as the project's policies let this coder see them: with blind coding on, other
coders' events stay hidden).

A lost server connection is reported, not raised: :meth:`ChangeWatcher.poll` says
``reconnecting`` until the server answers again, then ``reconnected``.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from qcode.core.errors import QcodeError
from qcode.store.models import Coder, Event
from qcode.store.project import Project

CHANNEL = "qcode_events"


@dataclass(frozen=True, slots=True)
class NewEvent:
    id: int
    coder: str | None
    action: str
    target_type: str
    target_id: str | None
    after: Any


@dataclass(slots=True)
class Poll:
    """What a poll found: new events (oldest first), and the connection's state."""

    events: list[NewEvent] = field(default_factory=list)
    state: str = "ok"  # "ok", "reconnecting" or "reconnected"


class ChangeWatcher:
    """Polled from a worker thread while the screen that owns it may close it at any time:
    the listening connection is only touched under a lock, and a closed watcher stays closed
    (closing a SQLite connection while another thread runs a statement on it crashes)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.last_seen = self._latest_id()
        self._listener: Any = None
        self._data_version: int | None = None
        self._lost = False
        self._closed = False
        self._lock = threading.Lock()
        self._connect()

    # Connections ---------------------------------------------------------------------------

    def _connect(self) -> None:
        listener = self._open_listener()
        with self._lock:
            if self._closed:  # closed while connecting: never keep it
                listener.close()
                return
            self._listener = listener
            if self.project.location.path is not None:
                self._data_version = self._read_data_version()

    def _open_listener(self) -> Any:
        location = self.project.location
        if location.path is not None:
            return sqlite3.connect(
                f"file:{quote(str(location.path))}?mode=ro", uri=True, check_same_thread=False
            )
        import psycopg

        url = location.url
        listener = psycopg.connect(
            host=url.host,
            port=url.port,
            dbname=url.database,
            user=url.username,
            password=url.password,
            autocommit=True,
            connect_timeout=5,
            **{k: v for k, v in url.query.items() if isinstance(v, str)},
        )
        listener.execute(f"LISTEN {CHANNEL}")
        return listener

    def _read_data_version(self) -> int:
        return self._listener.execute("PRAGMA data_version").fetchone()[0]

    def close(self) -> None:
        """Stop for good; waits for a poll reading the listening connection to finish."""
        with self._lock:
            self._closed = True
            self._drop_listener()

    def _drop_listener(self) -> None:
        if self._listener is not None:
            # Closing a connection the server already dropped may fail: it is gone anyway.
            with contextlib.suppress(Exception):
                self._listener.close()
            self._listener = None

    # Polling -------------------------------------------------------------------------------

    def _something_changed(self) -> bool:
        with self._lock:
            if self._listener is None:
                return False
            if self.project.location.path is not None:
                version = self._read_data_version()
                changed, self._data_version = version != self._data_version, version
                return changed
            return any(True for _ in self._listener.notifies(timeout=0))

    def poll(self) -> Poll:
        """New events since the last poll; never raises for a lost connection."""
        if self._closed:
            return Poll()
        try:
            if self._lost:
                with self._lock:
                    self._drop_listener()
                self._connect()
                self._lost = False
                return Poll(self._events_since(), "reconnected")
            if not self._something_changed():
                return Poll()
            return Poll(self._events_since())
        except (QcodeError, SQLAlchemyError, sqlite3.Error, OSError) as exc:
            return self._lost_connection(exc)
        except Exception as exc:  # psycopg's OperationalError and its kin
            if type(exc).__module__.startswith("psycopg"):
                return self._lost_connection(exc)
            raise

    def lost(self) -> None:
        """The connection failed elsewhere: the next poll reconnects first."""
        self._lost = True

    def _lost_connection(self, _exc: BaseException) -> Poll:
        self._lost = True
        return Poll(state="reconnecting")

    def _latest_id(self) -> int:
        with self.project.reading() as session:
            return session.scalar(select(func.max(Event.id))) or 0

    def _events_since(self) -> list[NewEvent]:
        with self.project.reading() as session:
            rows = session.execute(
                select(
                    Event.id,
                    Coder.name,
                    Event.action,
                    Event.target_type,
                    Event.target_id,
                    Event.after,
                )
                .outerjoin(Coder, Coder.id == Event.coder_id)
                .where(Event.id > self.last_seen)
                .order_by(Event.id)
            ).all()
        if rows:
            self.last_seen = rows[-1][0]
        return [NewEvent(*row) for row in rows]
