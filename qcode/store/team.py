"""A team on one PostgreSQL project: login roles, grants and row-level security.

Each coder is a PostgreSQL login role; the database, not qcode, decides who is working
(``current_user``) and what they may change. Two group roles per project database hold the
grants: *coders* read everything (but see blind below) and write only their own segments,
memos, suggestion decisions and event-log entries; *leads* (also coders) may change
everything else — the codebook, documents and attributes (imports, merges), settings — and
write coding on behalf of the consensus coder. The event log is append-only: nobody but the
owner may delete from it or change what an entry records; coders may only flip the undo
marks (``undone``, ``undoable``) of their own entries. With the ``blind`` setting on, the
SELECT policies show a coder only their own coding and events; leads see all.

The project's owner (who created the database) is not subject to these policies, as
PostgreSQL's table owners never are; they run ``qcode team`` and upgrades.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from qcode.core.errors import UsageError

# Tables a coder writes, each row owned through its coder_id column.
OWNED = ("segments", "memos", "suggestion_decisions")
# Tables only leads (and the owner) write.
LEAD_ONLY = (
    "documents",
    "document_attributes",
    "document_pages",
    "codes",
    "codebooks",
    "settings",
    "coders",
)
ROLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]{0,62}$")


@dataclass(frozen=True, slots=True)
class Groups:
    coders: str
    leads: str


@dataclass(frozen=True, slots=True)
class Identity:
    """Who a connection to a team project is: the database decides, not ``--coder``."""

    login: str
    lead: bool
    owner: bool  # the project's owner or a superuser: administers, policies do not apply


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    lead: bool
    can_login: bool


def groups_for(database: str) -> Groups:
    """The two group roles of the project in ``database`` (role names are per server)."""
    stem = re.sub(r"[^a-z0-9_]", "_", database.lower())[:40]
    return Groups(f"qcode_{stem}_coders", f"qcode_{stem}_leads")


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def check_role_name(name: str) -> str:
    if not ROLE_NAME.match(name):
        raise UsageError(
            f"{name!r} cannot be a login name: use letters, digits, '_', '.' or '-' "
            "(at most 63), starting with a letter"
        )
    return name


def database_name(session: Session) -> str:
    return session.execute(text("SELECT current_database()")).scalar_one()


def _role_exists(session: Session, name: str) -> bool:
    found = session.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
    return found.first() is not None


def _policy_statements(groups: Groups) -> list[str]:
    lead = f"pg_has_role(current_user, '{groups.leads}', 'MEMBER')"
    statements = [
        "CREATE OR REPLACE FUNCTION qcode_me() RETURNS integer LANGUAGE sql STABLE AS "
        "$$ SELECT id FROM coders WHERE name = current_user $$",
        "CREATE OR REPLACE FUNCTION qcode_is_lead() RETURNS boolean LANGUAGE sql STABLE AS "
        f"$$ SELECT {lead} $$",
        # Whether a coder sees everyone's rows: blind coding is off, or they lead.
        "CREATE OR REPLACE FUNCTION qcode_sees_all() RETURNS boolean LANGUAGE sql STABLE AS "
        "$$ SELECT qcode_is_lead() OR coalesce((SELECT value FROM settings "
        "WHERE name = 'blind'), 'off') <> 'on' $$",
    ]
    # Each function is wrapped in a sub-select, so that PostgreSQL runs it once per statement
    # (an init plan), not once per row it looks at: ending a coder's redo history scans all
    # of their events, and pg_has_role() per row made that the slowest part of an action.
    me, lead_once = "(SELECT qcode_me())", "(SELECT qcode_is_lead())"
    all_once = "(SELECT qcode_sees_all())"
    mine = f"(coder_id = {me} OR {lead_once})"
    sees = f"(coder_id IS NULL OR coder_id = {me} OR {all_once})"
    for table in (*OWNED, "events", "suggestions"):
        statements.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for policy in ("qcode_read", "qcode_insert", "qcode_update", "qcode_delete"):
            statements.append(f"DROP POLICY IF EXISTS {policy} ON {table}")
    statements.append("DROP FUNCTION IF EXISTS qcode_sees(integer)")  # before 2026-12-06
    for table in OWNED:
        statements += [
            f"CREATE POLICY qcode_read ON {table} FOR SELECT USING {sees}",
            f"CREATE POLICY qcode_insert ON {table} FOR INSERT WITH CHECK {mine}",
            f"CREATE POLICY qcode_update ON {table} FOR UPDATE USING {mine} WITH CHECK {mine}",
            f"CREATE POLICY qcode_delete ON {table} FOR DELETE USING {mine}",
        ]
    decided = f"(decided_by IS NULL OR decided_by = {me} OR {lead_once})"
    statements += [
        f"CREATE POLICY qcode_read ON events FOR SELECT USING {sees}",
        f"CREATE POLICY qcode_insert ON events FOR INSERT WITH CHECK {mine}",
        f"CREATE POLICY qcode_update ON events FOR UPDATE USING {mine} WITH CHECK {mine}",
        "CREATE POLICY qcode_read ON suggestions FOR SELECT USING (true)",
        "CREATE POLICY qcode_insert ON suggestions FOR INSERT "
        f"WITH CHECK (decided_by IS NULL OR {lead_once})",
        f"CREATE POLICY qcode_update ON suggestions FOR UPDATE USING {decided} "
        f"WITH CHECK {decided}",
        f"CREATE POLICY qcode_delete ON suggestions FOR DELETE USING ({lead_once})",
    ]
    return statements


def _grant_statements(groups: Groups, database: str) -> list[str]:
    coders, leads = quote(groups.coders), quote(groups.leads)
    return [
        # Only the team (and the owner) may connect; a removed member no longer can.
        f"REVOKE CONNECT ON DATABASE {quote(database)} FROM PUBLIC",
        f"GRANT CONNECT ON DATABASE {quote(database)} TO {coders}",
        f"GRANT USAGE ON SCHEMA public TO {coders}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {coders}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {coders}",
        f"GRANT INSERT, UPDATE, DELETE ON {', '.join(OWNED)} TO {coders}",
        f"GRANT INSERT, UPDATE ON suggestions TO {coders}",
        # The event log: append, and flip one's own undo marks; never edit or delete.
        f"GRANT INSERT ON events TO {coders}",
        f"GRANT UPDATE (undone, undoable) ON events TO {coders}",
        f"GRANT INSERT, UPDATE, DELETE ON {', '.join(LEAD_ONLY)} TO {leads}",
        f"GRANT DELETE ON suggestions TO {leads}",
        f"GRANT {coders} TO {leads}",
    ]


def set_up(session: Session) -> Groups:
    """Create the group roles, grants and policies (again: idempotent). The owner runs it."""
    database = database_name(session)
    groups = groups_for(database)
    for role in (groups.coders, groups.leads):
        if not _role_exists(session, role):
            session.execute(text(f"CREATE ROLE {quote(role)} NOLOGIN"))
    for statement in _grant_statements(groups, database) + _policy_statements(groups):
        session.execute(text(statement))
    return groups


def add_login(session: Session, groups: Groups, name: str, password: str, lead: bool) -> None:
    """Make ``name`` a login role in the project's groups (an existing role keeps its
    password unless one is given)."""
    role = quote(check_role_name(name))
    if _role_exists(session, name):
        session.execute(text(f"ALTER ROLE {role} LOGIN"))
    else:
        session.execute(text(f"CREATE ROLE {role} LOGIN"))
    if password:
        # ALTER ROLE takes no bound parameters; the password is quoted as a literal.
        literal = "'" + password.replace("'", "''") + "'"
        session.execute(text(f"ALTER ROLE {role} PASSWORD {literal}"))
    session.execute(text(f"GRANT {quote(groups.coders)} TO {role}"))
    grant_or_revoke = "GRANT" if lead else "REVOKE"
    direction = "TO" if lead else "FROM"
    session.execute(text(f"{grant_or_revoke} {quote(groups.leads)} {direction} {role}"))


def remove_login(session: Session, groups: Groups, name: str) -> None:
    """Take ``name`` out of the project's groups; their coding stays, recorded as theirs."""
    role = quote(check_role_name(name))
    for group in (groups.leads, groups.coders):
        session.execute(text(f"REVOKE {quote(group)} FROM {role}"))


def members(session: Session, groups: Groups) -> list[Member]:
    rows = session.execute(
        text(
            "SELECT r.rolname, r.rolcanlogin, pg_has_role(r.oid, g.leads, 'MEMBER') "
            "FROM pg_roles r, (SELECT :coders AS coders, :leads AS leads) g "
            "WHERE pg_has_role(r.oid, g.coders, 'MEMBER') AND r.rolname NOT IN "
            "(:coders, :leads) AND NOT r.rolsuper ORDER BY r.rolname"
        ),
        {"coders": groups.coders, "leads": groups.leads},
    ).all()
    return [Member(name, bool(lead), bool(login)) for name, login, lead in rows]


def owns_project(session: Session) -> bool:
    """Whether this connection may manage the team: the tables' owner or a superuser."""
    return bool(
        session.execute(
            text(
                "SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) OR "
                "pg_has_role(current_user, (SELECT tableowner FROM pg_tables "
                "WHERE tablename = 'segments' AND schemaname = 'public'), 'MEMBER')"
            )
        ).scalar()
    )


def identity(session: Session) -> Identity | None:
    """Who this connection is, on a project with a team (None: no team set up)."""
    groups = groups_for(database_name(session))
    if not _role_exists(session, groups.coders):
        return None
    row = session.execute(
        text(
            "SELECT current_user, "
            "CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :leads) "
            "THEN pg_has_role(current_user, :leads, 'MEMBER') ELSE false END, "
            "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user) OR "
            "pg_has_role(current_user, (SELECT tableowner FROM pg_tables "
            "WHERE tablename = 'segments' AND schemaname = 'public'), 'MEMBER')"
        ),
        {"leads": groups.leads},
    ).one()
    return Identity(row[0], bool(row[1]), bool(row[2]))


def require_lead(session: Session, what: str) -> None:
    """Refuse ``what`` (a codebook edit, an import, a setting…) to a coder who is not a lead
    of a team project, with a message; the database's grants refuse it anyway."""
    team = session.info.get("team")
    if team is not None and not (team.lead or team.owner):
        raise UsageError(
            f"{what} is for a lead on this team project, and {team.login!r} is a coder; "
            "ask a lead, or the project's owner to make you one "
            f"('qcode team PROJECT add {team.login} --lead')"
        )


def refuse_others_rows(session: Session, owner: int | None, who: int, what: str) -> None:
    """Refuse a coder of a team project to change ``what``, made by another coder."""
    team = session.info.get("team")
    if owner is not None and owner != who and team is not None and not (team.lead or team.owner):
        raise UsageError(
            f"{what} belongs to another coder; on a team project coders change only their "
            "own coding"
        )
