"""Creating and opening projects."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextvars import ContextVar

from qcode.core.errors import PasswordNeeded
from qcode.services.coders import current_coder
from qcode.store.location import ProjectLocation, resolve
from qcode.store.project import Project

# How to ask for a server's password when none was found (set by the command line when it
# runs in a terminal): given the project's address, returns the password.
password_prompt: ContextVar[Callable[[str], str] | None] = ContextVar(
    "password_prompt", default=None
)


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
    location = resolve(project)
    try:
        opened = Project.open(location)
    except PasswordNeeded:
        ask = password_prompt.get()
        if ask is None or location.url.password is not None:
            raise
        # Asked once, in a terminal; kept in memory only, never written anywhere.
        secret = ProjectLocation(location.url.set(password=ask(location.display())), None)
        opened = Project.open(secret)
    opened.viewer = viewer or current_coder()
    if opened.team is not None and not opened.team.owner:
        opened.viewer = opened.team.login  # the database decides who is looking
    return opened
