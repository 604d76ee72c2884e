"""Creating and opening projects."""

from __future__ import annotations

import os

from qcode.store.location import resolve
from qcode.store.project import Project


def init_project(project: str | os.PathLike[str] | None) -> Project:
    """Create a new project (a SQLite file or an empty PostgreSQL database)."""
    return Project.create(resolve(project))


def open_project(project: str | os.PathLike[str] | None) -> Project:
    """Open an existing project, upgrading it if an older qcode made it."""
    return Project.open(resolve(project))
