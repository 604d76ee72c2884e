"""Engines with the settings qcode relies on: SQLite in WAL mode with foreign keys enforced."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from qcode.store.location import ProjectLocation

SQLITE_BUSY_TIMEOUT_MS = 10_000
# How long a write waits for another program's lock, in this thread (the app waits briefly
# on its own thread and goes on waiting in a worker, where the researcher can give up).
LOCK_WAIT_MS: ContextVar[int] = ContextVar("qcode_lock_wait_ms", default=SQLITE_BUSY_TIMEOUT_MS)


@contextmanager
def lock_wait(milliseconds: int) -> Iterator[None]:
    """Writes begun inside the block wait at most ``milliseconds`` for the lock (SQLite)."""
    token = LOCK_WAIT_MS.set(milliseconds)
    try:
        yield
    finally:
        LOCK_WAIT_MS.reset(token)
PG_CONNECT_TIMEOUT_S = 5


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy, not pysqlite, decide where transactions begin, so BEGIN covers reads too.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
    # SQLite's lower() folds ASCII only; queries compare text through Python's casefold.
    dbapi_connection.create_function("casefold", 1, _casefold, deterministic=True)


def _casefold(value: object) -> object:
    return value.casefold() if isinstance(value, str) else value


WRITE_OPTION = "qcode_write"


def _sqlite_begin(conn: Any) -> None:
    # A writing transaction takes the lock at BEGIN (IMMEDIATE), so two writers queue on the
    # busy timeout instead of failing half-way; readers begin deferred and never block.
    immediate = conn.get_execution_options().get(WRITE_OPTION, False)
    if immediate:
        conn.exec_driver_sql(f"PRAGMA busy_timeout={int(LOCK_WAIT_MS.get())}")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(location: ProjectLocation) -> Engine:
    """A new engine for ``location``; no connection is made until first use."""
    if location.is_sqlite:
        engine = create_engine(
            location.url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(
        location.url,
        connect_args={"connect_timeout": PG_CONNECT_TIMEOUT_S},
        pool_pre_ping=True,
    )
