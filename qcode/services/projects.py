"""Creating and opening projects."""

from __future__ import annotations

import os

from qcode.services.coders import current_coder
from qcode.store.location import resolve
from qcode.store.project import Project


def init_project(
    project: str | os.PathLike[str] | None, *, viewer: str | None = None
) -> Project:
    """Create a new project (a SQLite file or an empty PostgreSQL database)."""
    created = Project.create(resolve(project))
    created.viewer = viewer or current_coder()
    return created


def open_project(project: str | os.PathLike[str] | None, *, viewer: str | None = None) -> Project:
    """Open an existing project, upgrading it if an older qcode made it, for ``viewer``
    (default: the current coder), who sees only their own coding while blind coding is on."""
    opened = Project.open(resolve(project))
    opened.viewer = viewer or current_coder()
    return opened
