"""Shared fixtures: real projects on SQLite files and, when a server is given, PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from qcode.store.location import resolve
from qcode.store.project import Project

PG_ENV = "QCODE_TEST_PG_URL"
REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read the user's project or coder settings."""
    monkeypatch.delenv("QCODE_DB", raising=False)
    monkeypatch.setenv("QCODE_CODER", "tester")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def _admin_url() -> str | None:
    return os.environ.get(PG_ENV) or None


@pytest.fixture
def pg_database_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped afterwards."""
    admin = _admin_url()
    if admin is None:
        pytest.skip(f"PostgreSQL not configured: set {PG_ENV} (.ci/run does)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"qcode_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def project_ref(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a new project goes: a SQLite file path, or an empty PostgreSQL database URL."""
    if request.param == "sqlite":
        return str(tmp_path / "review.qcode")
    return request.getfixturevalue("pg_database_url")


@pytest.fixture
def project(project_ref: str) -> Iterator[Project]:
    """A new, empty project on each backend."""
    created = Project.create(resolve(project_ref))
    try:
        yield created
    finally:
        created.close()


@pytest.fixture
def sqlite_project(tmp_path: Path) -> Iterator[Project]:
    created = Project.create(resolve(tmp_path / "review.qcode"))
    try:
        yield created
    finally:
        created.close()


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present next to the repository")
    return SHARED
