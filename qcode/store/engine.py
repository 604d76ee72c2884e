"""Engines with the settings qcode relies on: SQLite in WAL mode with foreign keys enforced."""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

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
    # A writing transaction takes the lock at BEGIN (IMMEDIATE), so two writers queue instead
    # of failing half-way; readers begin deferred and never block.
    if not conn.get_execution_options().get(WRITE_OPTION, False):
        conn.exec_driver_sql("BEGIN")
        return
    # Waiting for the lock: SQLite's own busy handler sleeps longer and longer (up to 100 ms)
    # between tries, so with many writers a long waiter keeps losing to newcomers — 16 coders
    # on one file left one waiting past 10 s. Trying again every few milliseconds, with the
    # same chance for every waiter, keeps the longest wait near the queue's length; each try
    # goes straight to the driver, so waiting costs little of the writers' processor time.
    raw = conn.connection.dbapi_connection
    deadline = time.monotonic() + LOCK_WAIT_MS.get() / 1000
    raw.execute("PRAGMA busy_timeout=0")
    try:
        while True:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() >= deadline:
                    raise OperationalError("BEGIN IMMEDIATE", None, exc) from None
                time.sleep(random.uniform(0.001, 0.005))
    finally:
        raw.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")


def _sqlite_read_only_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    dbapi_connection.execute("PRAGMA foreign_keys=ON")
    dbapi_connection.create_function("casefold", 1, _casefold, deterministic=True)


def read_only_mode(path: Path) -> str | None:
    """How a SQLite project that cannot be written must be opened, or None when it can be.

    In a folder nobody may write to, no other program can change the file either (SQLite
    writes beside it), so it is opened ``immutable``; a write-protected file in a writable
    folder is opened ``mode=ro``, which still sees another program's writes.
    """
    folder_writable = os.access(path.parent, os.W_OK)
    if folder_writable and os.access(path, os.W_OK):
        return None
    wal = Path(f"{path}-wal")
    if not folder_writable and not (wal.exists() and wal.stat().st_size > 0):
        return "immutable=1"
    return "mode=ro"


def make_read_only_engine(path: Path, mode: str) -> Engine:
    """An engine that only reads the SQLite file at ``path`` (see :func:`read_only_mode`)."""
    address = f"file:{quote(str(path))}?{mode}"
    engine = create_engine(
        "sqlite+pysqlite://",
        creator=lambda: sqlite3.connect(
            address, uri=True, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        ),
    )
    event.listen(engine, "connect", _sqlite_read_only_pragmas)
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
    return engine


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
