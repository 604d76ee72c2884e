"""An open project: its engine, schema check and the transactions every service uses."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy.engine import Engine
from sqlalchemy.exc import (
    DatabaseError,
    DataError,
    IntegrityError,
    InterfaceError,
    ProgrammingError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session

from qcode.core.errors import PasswordNeeded, ProjectBusy, ProjectError, TransientConflict
from qcode.store.engine import (
    LOCK_WAIT_MS,
    WRITE_OPTION,
    lock_wait,
    make_engine,
    make_read_only_engine,
    read_only_mode,
)
from qcode.store.location import ProjectLocation
from qcode.store.schema import (
    MIGRATIONS,
    Upgrade,
    current_revision,
    ensure_current,
    head_revision,
    is_empty,
)
from qcode.store.schema import upgrade_to as _upgrade_to
from qcode.store.team import Identity, identity

T = TypeVar("T")
WRITE_ATTEMPTS = 6


class Project:
    """A project database. Use :meth:`reading` and :meth:`writing` for every access."""

    def __init__(self, location: ProjectLocation, engine: Engine) -> None:
        self.location = location
        self.engine = engine
        self.upgrade: Upgrade | None = None
        # Who is looking: with blind coding on, sessions show only this coder's work.
        self.viewer: str | None = None
        # Set when the file could only be opened for reading (a read-only folder or file).
        self.read_only = False
        # On a PostgreSQL project with a team: who the database says this connection is.
        self.team: Identity | None = None
        self._writer = engine.execution_options(**{WRITE_OPTION: True})

    @classmethod
    def create(cls, location: ProjectLocation, migrations: Path = MIGRATIONS) -> Project:
        """Make a new, empty project at ``location``; refuse if one is already there."""
        if location.path is not None:
            _check_new_file(location.path)
        engine = make_engine(location)
        try:
            with engine.begin() as connection:
                if not is_empty(connection):
                    raise ProjectError(f"{location.display()}: already holds tables; not touched")
                _upgrade_to(connection, head_revision(migrations), migrations)
        except ProjectError:
            engine.dispose()
            raise
        except SQLAlchemyError as exc:
            engine.dispose()
            if location.path is not None and location.path.exists():
                _remove_sqlite_files(location.path)
            raise _connection_error(location, exc) from None
        return cls(location, engine)

    @classmethod
    def open(cls, location: ProjectLocation, migrations: Path = MIGRATIONS) -> Project:
        """Open an existing project, upgrading an older schema (after a backup)."""
        if location.path is not None and not location.path.is_file():
            raise ProjectError(
                f"{location.display()}: no project there; create one with "
                f"'qcode init {location.display()}'"
            )
        mode = read_only_mode(location.path) if location.path is not None else None
        if mode is not None and location.path is not None:
            return cls._open_read_only(location, location.path, mode, migrations)
        engine = make_engine(location)
        try:
            upgrade = ensure_current(engine, location.display(), location.path, migrations)
        except ProjectError:
            engine.dispose()
            raise
        except SQLAlchemyError as exc:
            engine.dispose()
            raise _connection_error(location, exc) from None
        project = cls(location, engine)
        project.upgrade = upgrade
        if not location.is_sqlite:
            with project.reading() as session:
                project.team = identity(session)
        return project

    @classmethod
    def _open_read_only(
        cls, location: ProjectLocation, path: Path, mode: str, migrations: Path
    ) -> Project:
        engine = make_read_only_engine(path, mode)
        try:
            with engine.connect() as connection:
                revision = current_revision(connection)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise _connection_error(location, exc) from None
        if revision != head_revision(migrations):
            engine.dispose()
            raise ProjectError(
                f"{location.display()}: it is read-only here and was made by "
                f"{'another' if revision else 'no'} version of qcode (schema {revision}); "
                "copy it to a writable folder to open it"
            )
        project = cls(location, engine)
        project.read_only = True
        return project

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries; nothing it does is committed.

        Closing it (not rolling back) keeps loaded objects readable after the block.
        """
        try:
            with Session(self.engine, expire_on_commit=False, autoflush=False) as session:
                session.info["viewer"] = self.viewer
                session.info["team"] = self.team
                yield session
        except (IntegrityError, ProgrammingError, DataError):
            raise  # qcode's own mistakes: a bug, not the database's state
        except (DatabaseError, InterfaceError) as exc:
            # Gone away, locked, damaged: one line for the researcher, never a traceback.
            raise _connection_error(self.location, exc) from None

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back entirely on any error."""
        if self.read_only:
            raise ProjectError(
                f"{self.location.display()}: opened read-only (its folder or file cannot be "
                "written); nothing was changed. Copy it to a writable folder to change it"
            )
        try:
            with Session(self._writer, expire_on_commit=False) as session, session.begin():
                session.info["viewer"] = self.viewer
                session.info["team"] = self.team
                yield session
        except ProgrammingError as exc:
            if _sqlstate(exc) == "42501":  # the database refused: a grant or a policy
                raise _refused(self, exc) from None
            raise  # qcode's own mistake: a bug, not the database's state
        except (IntegrityError, DataError):
            raise  # qcode's own mistakes: a bug, not the database's state
        except (DatabaseError, InterfaceError) as exc:
            # The database went away, is locked, read-only or damaged.
            error = _connection_error(self.location, exc)
            if not self.location.is_sqlite and type(error) is ProjectError:
                # A server that went away mid-write rolled the transaction back.
                error = ProjectError(f"{error}; not saved: try again once the server answers")
            raise error from None

    def write(self, work: Callable[[Session], T], attempts: int = WRITE_ATTEMPTS) -> T:
        """Run ``work`` in one transaction (see :meth:`writing`), again from the start when
        it lost a race to another writer: a deadlock or serialization failure, a claim
        another process made first, or a row another process inserted meanwhile that a
        unique index refuses to repeat. ``work`` reads what it needs afresh on each try, so
        a retry sees the winner's change (and may then refuse politely: "already coded").
        Only a conflict that persists through every attempt reaches the caller, and then
        nothing was changed."""
        for attempt in range(1, attempts + 1):
            try:
                with self.writing() as session:
                    return work(session)
            except TransientConflict:
                if attempt == attempts:
                    raise
            except IntegrityError as exc:
                if attempt == attempts or not _lost_race(exc):
                    raise
            # Random backoff, growing: two losers of the same race do not collide again.
            time.sleep(random.uniform(0, 0.02 * 2**attempt))
        raise AssertionError("unreachable")

    def wait_for_lock(self, milliseconds: int) -> None:
        """Return once a write could begin within ``milliseconds``; raise
        :class:`ProjectBusy` if another program still holds the lock then."""
        with lock_wait(milliseconds), self.writing() as session:
            session.connection()  # BEGIN IMMEDIATE: takes the lock, or waits for it

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _check_new_file(path: Path) -> None:
    if path.exists():
        raise ProjectError(f"{path}: already exists; open it, or choose another name")
    folder = path.parent
    if not folder.is_dir():
        raise ProjectError(f"{path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise ProjectError(f"{path}: folder {folder} is read-only; choose a writable folder")


def _remove_sqlite_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# PostgreSQL's SQLSTATEs for a transaction that lost to a concurrent one.
_CONFLICT_STATES = {"40001": "a serialization failure", "40P01": "a deadlock"}


def _sqlstate(exc: SQLAlchemyError) -> str | None:
    return getattr(getattr(exc, "orig", None), "sqlstate", None)


def _lost_race(exc: IntegrityError) -> bool:
    """A unique index refused a row: another writer inserted the same one first."""
    if _sqlstate(exc) == "23505":
        return True
    return "UNIQUE constraint failed" in str(getattr(exc, "orig", exc))


def _first_line(exc: SQLAlchemyError) -> str:
    """The driver's own message, first line (the SQL and parameters follow it)."""
    detail = str(getattr(exc, "orig", exc)).strip().splitlines()
    return detail[0] if detail else type(exc).__name__


def _refused(project: Project, exc: SQLAlchemyError) -> ProjectError:
    who = project.team.login if project.team else "this login"
    return ProjectError(
        f"{project.location.display()}: the database refused this change for {who} "
        f"({_first_line(exc)}); nothing was changed. On a team "
        "project coders change only their own coding; a lead changes the rest"
    )


def _connection_error(location: ProjectLocation, exc: SQLAlchemyError) -> ProjectError:
    state = _sqlstate(exc)
    if state in _CONFLICT_STATES:
        return TransientConflict(
            f"{location.display()}: another coder's change conflicted with this one "
            f"({_CONFLICT_STATES[state]}) every time it was tried; nothing was changed, "
            "try again"
        )
    first = _first_line(exc)
    if location.is_sqlite:
        if "unable to open" in first or "readonly" in first or "read-only" in first:
            return ProjectError(
                f"{location.display()}: cannot write the project file ({first}); "
                "is its folder read-only?"
            )
        if "locked" in first or "busy" in first:
            waited = LOCK_WAIT_MS.get()
            return ProjectBusy(
                f"{location.display()}: busy — another program kept it locked for more than "
                f"{waited / 1000:g} s; nothing was changed, try again when it has finished"
            )
        if "malformed" in first or "corrupt" in first:
            return ProjectError(
                f"{location.display()}: the project file is damaged ({first}); nothing was "
                "changed. Open the latest backup beside it (.qcode-backup-…), or rescue what "
                "is readable with: sqlite3 DAMAGED.qcode .recover | sqlite3 RESCUED.qcode"
            )
        if "not a database" in first:
            return ProjectError(f"{location.display()}: not a qcode project (not SQLite)")
        return ProjectError(f"{location.display()}: {first}")
    if "no password supplied" in first or "password authentication failed" in first:
        return PasswordNeeded(
            f"cannot use PostgreSQL at {location.display()}: {first}; give the password in "
            "~/.pgpass or PGPASSWORD (or type it when asked, in a terminal)"
        )
    return ProjectError(f"cannot use PostgreSQL at {location.display()}: {first}")
