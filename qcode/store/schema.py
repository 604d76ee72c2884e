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

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine

from qcode.core.errors import ProjectError

MIGRATIONS = Path(__file__).with_name("migrations")


@dataclass(frozen=True, slots=True)
class Upgrade:
    """What opening a project did to its schema."""

    from_revision: str
    to_revision: str
    backup: Path | None


def alembic_config(migrations: Path = MIGRATIONS) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations))
    return config


def head_revision(migrations: Path = MIGRATIONS) -> str:
    head = ScriptDirectory.from_config(alembic_config(migrations)).get_current_head()
    assert head is not None, "the migration chain is empty"
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade_to(connection: Connection, revision: str, migrations: Path = MIGRATIONS) -> None:
    """Run migrations up to ``revision`` on an open connection (inside its transaction)."""
    config = alembic_config(migrations)
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def is_empty(connection: Connection) -> bool:
    return not inspect(connection).get_table_names()


def ensure_current(
    engine: Engine, display: str, sqlite_path: Path | None, migrations: Path = MIGRATIONS
) -> Upgrade | None:
    """Check the project's schema revision; upgrade an older one, refuse a newer one."""
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
        raise ProjectError(f"{display}: upgrading schema {revision} failed ({exc}){where}") from exc
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
    finally:
        source.close()
    return backup
