import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from qcode.core.errors import ProjectError
from qcode.store.location import resolve
from qcode.store.models import Base
from qcode.store.project import Project
from qcode.store.schema import MIGRATIONS, current_revision, head_revision

LATER_MIGRATION = '''"""A later revision used by tests: adds a column and a table.

Revision ID: 9001
Revises: {down}
"""

import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("later_note", sa.Text(), nullable=True))
    op.create_table("later_things", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("later_things")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("later_note")
'''


def migrations_with_later_revision(tmp_path: Path) -> Path:
    copy = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "versions" / "9001_later.py").write_text(
        LATER_MIGRATION.format(down=head_revision()), encoding="utf-8"
    )
    return copy


def test_new_project_is_at_the_head_revision(project):
    with project.engine.connect() as connection:
        assert current_revision(connection) == head_revision()


def _modelled(obj, name, kind, reflected, compare_to):
    # Search indexes live outside the ORM: FTS5 tables (SQLite) and expression indexes (PG).
    return not (name or "").startswith("documents_fts") and not (name or "").endswith("_search")


def test_models_and_migrations_describe_the_same_schema(project):
    with project.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": _modelled})
        assert compare_metadata(context, Base.metadata) == []


def test_sqlite_runs_with_wal_foreign_keys_and_busy_timeout(sqlite_project):
    with sqlite_project.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_creating_over_an_existing_file_is_refused(tmp_path):
    path = tmp_path / "p.qcode"
    Project.create(resolve(path)).close()
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(resolve(path))


def test_opening_a_missing_project_says_how_to_create_one(tmp_path):
    with pytest.raises(ProjectError, match="qcode init"):
        Project.open(resolve(tmp_path / "missing.qcode"))


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.qcode"
    path.write_text("just some notes\n" * 100)
    with pytest.raises(ProjectError, match="not a qcode project"):
        Project.open(resolve(path))


def test_an_unrelated_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x)")
    with pytest.raises(ProjectError, match="not a qcode project"):
        Project.open(resolve(path))


def test_project_from_first_migration_opens_after_a_later_one_is_added(tmp_path):
    path = tmp_path / "old.qcode"
    old = Project.create(resolve(path))
    with old.writing() as session:
        session.execute(
            text("INSERT INTO coders (name, created_at) VALUES ('ayu', '2024-01-01 00:00:00')")
        )
    old.close()
    later = migrations_with_later_revision(tmp_path)

    upgraded = Project.open(resolve(path), migrations=later)
    try:
        assert upgraded.upgrade is not None
        assert (upgraded.upgrade.from_revision, upgraded.upgrade.to_revision) == (
            head_revision(),
            "9001",
        )
        backup = upgraded.upgrade.backup
        assert backup is not None and backup.exists() and backup.parent == path.parent
        with upgraded.reading() as session:
            assert session.execute(text("SELECT name FROM coders")).scalar() == "ayu"
            assert session.execute(text("SELECT count(*) FROM later_things")).scalar() == 0
            session.execute(text("SELECT later_note FROM documents"))
    finally:
        upgraded.close()
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (
            head_revision(),
        )
    reopened = Project.open(resolve(path), migrations=later)
    assert reopened.upgrade is None
    reopened.close()


def test_project_from_a_newer_qcode_is_refused_untouched(tmp_path):
    path = tmp_path / "new.qcode"
    Project.create(resolve(path)).close()
    later = migrations_with_later_revision(tmp_path)
    Project.open(resolve(path), migrations=later).close()
    before = path.read_bytes()
    with pytest.raises(ProjectError, match="newer qcode"):
        Project.open(resolve(path))
    assert path.read_bytes() == before


def test_postgresql_project_upgrades_in_place(pg_database_url, tmp_path):
    Project.create(resolve(pg_database_url)).close()
    later = migrations_with_later_revision(tmp_path)
    upgraded = Project.open(resolve(pg_database_url), migrations=later)
    try:
        assert upgraded.upgrade is not None and upgraded.upgrade.backup is None
        with upgraded.engine.connect() as connection:
            assert current_revision(connection) == "9001"
    finally:
        upgraded.close()


def test_unreachable_postgresql_gives_one_clear_line():
    location = resolve("postgresql+psycopg://nobody:pw@127.0.0.1:1/nothing")
    with pytest.raises(ProjectError) as caught:
        Project.open(location)
    message = str(caught.value)
    assert message.startswith("cannot use PostgreSQL at postgresql+psycopg://nobody:***@")
    assert "\n" not in message and "pw@" not in message


def test_a_project_at_the_first_revision_is_upgraded_with_its_documents(tmp_path):
    from qcode.store.engine import make_engine
    from qcode.store.schema import upgrade_to

    path = tmp_path / "v1.qcode"
    location = resolve(path)
    engine = make_engine(location)
    with engine.begin() as connection:
        upgrade_to(connection, "0001")
        connection.execute(
            text(
                "INSERT INTO documents (uuid, title, text, char_count, sha256, source_path, "
                "source_format, language, title_source, imported_at) VALUES ('u1', 'Old', "
                "'Kerja sama lama tentang koordinasi.', 35, 'h', 'x', 'txt', 'id', 'file', "
                "'2024-01-01 00:00:00')"
            )
        )
    engine.dispose()
    project = Project.open(location)
    try:
        assert project.upgrade is not None and project.upgrade.from_revision == "0001"
        from qcode.services.search import search

        result = search(project, "koordinasi")
        assert [h.hit for h in result.hits] == ["koordinasi"]
    finally:
        project.close()


def test_a_project_locked_by_another_writer_is_a_clear_busy_error(tmp_path, monkeypatch):
    from qcode.services.projects import init_project
    from qcode.store.engine import lock_wait
    from qcode.store.events import coder_id
    from qcode.store.project import Project

    path = tmp_path / "busy.qcode"
    init_project(path).close()
    blocker = sqlite3.connect(path)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with (
            lock_wait(200),
            Project.open(resolve(str(path))) as project,
            pytest.raises(ProjectError, match="busy"),
            project.writing() as session,
        ):
            coder_id(session, "ayu")
    finally:
        blocker.rollback()
        blocker.close()


def test_the_head_read_from_file_names_is_alembics_head():
    # Opening a current project compares with this name-derived head and skips Alembic.
    from qcode.store.schema import packaged_head

    assert packaged_head() == head_revision()
