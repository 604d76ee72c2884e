"""Creating, checking and upgrading a project's schema with Alembic.

A project made by an older qcode is upgraded when opened, after a backup copy of the SQLite
file is written beside it (on PostgreSQL the upgrade runs in one transaction, which rolls
back on failure). A project made by a newer qcode is refused rather than damaged.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, ProgrammingError

from qcode.core.errors import ProjectError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")


@dataclass(frozen=True, slots=True)
class Upgrade:
    """What opening a project did to its schema."""

    from_revision: str
    to_revision: str
    backup: Path | None


# Alembic takes a quarter second to import; opening a project at the current schema (the
# common case) reads the stored revision with one query and never imports it.


def alembic_config(migrations: Path = MIGRATIONS) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations))
    return config


def head_revision(migrations: Path = MIGRATIONS) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(migrations)).get_current_head()
    assert head is not None, "the migration chain is empty"
    return head


def packaged_head() -> str:
    """The newest revision shipped with qcode, from the migration files' names (``0004_…``):
    each file's name starts with its revision, which a test checks against Alembic."""
    return max(path.name.split("_", 1)[0] for path in (MIGRATIONS / "versions").glob("*.py"))


def stored_revision(engine: Engine) -> str | None:
    """The schema revision a project records, or ``None`` where there is none to read."""
    try:
        with engine.connect() as connection:
            return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    except (OperationalError, ProgrammingError):  # no such table: not (yet) a project
        return None


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade_to(connection: Connection, revision: str, migrations: Path = MIGRATIONS) -> None:
    """Run migrations up to ``revision`` on an open connection (inside its transaction)."""
    from alembic import command

    config = alembic_config(migrations)
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def is_empty(connection: Connection) -> bool:
    return not inspect(connection).get_table_names()


def ensure_current(
    engine: Engine, display: str, sqlite_path: Path | None, migrations: Path = MIGRATIONS
) -> Upgrade | None:
    """Check the project's schema revision; upgrade an older one, refuse a newer one."""
    if migrations == MIGRATIONS and stored_revision(engine) == packaged_head():
        return None
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(migrations))
    head = head_revision(migrations)
    with engine.connect() as connection:
        revision = current_revision(connection)
        empty = revision is None and is_empty(connection)
    if revision is None:
        what = "an empty database" if empty else "not a qcode project"
        raise ProjectError(f"{display}: {what}; create a project with 'qcode init'")
    if revision == head:
        return None
    if revision not in {s.revision for s in script.walk_revisions()}:
        raise ProjectError(
            f"{display}: made by a newer qcode (schema {revision}, this qcode knows up to "
            f"{head}); upgrade qcode to open it"
        )
    backup = _backup_sqlite(sqlite_path, revision) if sqlite_path is not None else None
    try:
        with engine.begin() as connection:
            upgrade_to(connection, head, migrations)
    except Exception as exc:
        where = f"; the backup is {backup}" if backup else ""
        if getattr(getattr(exc, "orig", None), "sqlstate", None) == "42501":
            raise ProjectError(
                f"{display}: made by an older qcode (schema {revision}, this one writes {head}); "
                "only the project's owner may upgrade it: ask them to open it once with this "
                "qcode. Nothing was changed"
            ) from None
        first = str(getattr(exc, "orig", exc)).strip().splitlines() or [type(exc).__name__]
        raise ProjectError(
            f"{display}: upgrading schema {revision} failed ({first[0]}){where}"
        ) from exc
    return Upgrade(revision, head, backup)


def _backup_sqlite(path: Path, revision: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}-backup-{revision}-{stamp}")
    source = sqlite3.connect(path)
    try:
        target = sqlite3.connect(backup)
        try:
            source.backup(target)
        finally:
            target.close()
    except (sqlite3.Error, OSError) as exc:
        # A full disk or a read-only folder: no upgrade without a backup, and no empty one.
        backup.unlink(missing_ok=True)
        raise ProjectError(
            f"{path}: cannot write the backup made before upgrading ({exc}); nothing was "
            "changed: free some space or copy the project somewhere writable"
        ) from None
    finally:
        source.close()
    return backup
