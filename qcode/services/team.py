"""A team on one PostgreSQL project: adding and removing coders as database logins."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from qcode.core.errors import ProjectError, UsageError
from qcode.store.events import coder_id, record_event
from qcode.store.project import Project
from qcode.store.team import (
    Member,
    add_login,
    database_name,
    groups_for,
    members,
    owns_project,
    remove_login,
    set_up,
)

PASSWORD_BYTES = 18  # 24 characters of URL-safe base64


@dataclass(frozen=True, slots=True)
class Added:
    name: str
    lead: bool
    password: str | None  # the generated password, to be shown once; None when one was given


def _check_server(project: Project) -> None:
    if project.location.is_sqlite:
        raise UsageError(
            f"{project.location.display()}: a team works on a PostgreSQL project; a SQLite "
            "file is for one person at a time (see README, 'Working as a team')"
        )


def _check_owner(project: Project, session) -> None:
    if not owns_project(session):
        raise UsageError(
            f"{project.location.display()}: only the project's owner (who created the "
            "database) manages its team"
        )


def add_member(
    project: Project, name: str, *, lead: bool = False, password: str | None = None
) -> Added:
    """Make ``name`` a coder (or a lead) of the project: a login role with the project's
    grants, recorded as a coder. Without ``password`` one is generated, to be shown once."""
    _check_server(project)
    chosen = password or secrets.token_urlsafe(PASSWORD_BYTES)
    try:
        return _add(project, name, lead, chosen, generated=password is None)
    except ProjectError as exc:
        if "create role" not in str(exc) and "createrole" not in str(exc).lower():
            raise
        raise ProjectError(
            f"{project.location.display()}: making logins needs a PostgreSQL role allowed to "
            "create roles (a superuser runs: ALTER ROLE owner CREATEROLE); nothing was changed"
        ) from None


def _add(project: Project, name: str, lead: bool, chosen: str, *, generated: bool) -> Added:
    with project.writing() as session:
        _check_owner(project, session)
        groups = set_up(session)
        add_login(session, groups, name, chosen, lead)
        coder_id(session, name)
        # The event records who joined and as what (the owner did it); never the password.
        record_event(
            session,
            coder=None,
            action="team add",
            target_type="coder",
            target_id=name,
            after={"lead": lead},
        )
    return Added(name, lead, chosen if generated else None)


def remove_member(project: Project, name: str) -> None:
    """Take ``name`` off the team: they can no longer open the project; their coding stays."""
    _check_server(project)
    with project.writing() as session:
        _check_owner(project, session)
        groups = set_up(session)
        if name not in {m.name for m in members(session, groups)}:
            raise UsageError(f"{name!r} is not on this project's team; see 'qcode team list'")
        remove_login(session, groups, name)
        record_event(session, coder=None, action="team remove", target_type="coder", target_id=name)


def list_members(project: Project) -> list[Member]:
    _check_server(project)
    with project.reading() as session:
        return members(session, groups_for(database_name(session)))
