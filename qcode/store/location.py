"""Where a project lives: a SQLite file path or a PostgreSQL URL."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from qcode.core.errors import ProjectError

ENV_VAR = "QCODE_DB"


@dataclass(frozen=True, slots=True)
class ProjectLocation:
    """A parsed project address. ``path`` is set for SQLite files, None for servers."""

    url: URL
    path: Path | None

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    def name(self) -> str:
        """A short name for titles: the file's name without .qcode, or the database's."""
        if self.path is not None:
            return self.path.stem
        return self.url.database or "project"

    def display(self) -> str:
        """How to name the project in messages, without any password."""
        if self.path is not None:
            return str(self.path)
        return self.url.render_as_string(hide_password=True)


def resolve(project: str | os.PathLike[str] | None) -> ProjectLocation:
    """Turn the PROJECT argument (or ``$QCODE_DB`` when it is absent) into a location."""
    raw = os.fspath(project) if project is not None else os.environ.get(ENV_VAR, "")
    if not raw:
        raise ProjectError(f"no project given: pass PROJECT or set {ENV_VAR}")
    if "://" not in raw:
        path = Path(raw).expanduser().resolve()
        return ProjectLocation(URL.create("sqlite+pysqlite", database=str(path)), path)
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise ProjectError(f"{raw}: not a database URL ({exc})") from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise ProjectError(f"{raw}: a project needs a file, not an in-memory database")
        path = Path(url.database).expanduser().resolve()
        return ProjectLocation(url.set(drivername="sqlite+pysqlite", database=str(path)), path)
    if backend == "postgresql":
        if url.drivername in {"postgresql", "postgres"}:
            url = url.set(drivername="postgresql+psycopg")
        return ProjectLocation(url, None)
    raise ProjectError(f"{url.render_as_string(hide_password=True)}: use SQLite or PostgreSQL")
