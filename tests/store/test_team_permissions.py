"""A team on one PostgreSQL project: a lead and two coders as real login roles. The database
itself refuses what a coder may not do, even when qcode's own checks are bypassed with raw SQL
as that coder."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from qcode.cli.main import main
from qcode.core.errors import ProjectError, UsageError
from qcode.services.codebook_edits import update_code
from qcode.services.coding import code_span, list_segments, uncode
from qcode.services.projects import open_project
from qcode.services.settings import configure
from qcode.services.team import add_member, list_members, remove_member
from qcode.services.undo import undo
from qcode.store.location import resolve
from qcode.store.project import Project
from tests.coding_factories import coded_project

CODE = "Obstacles > Slow government response"


@dataclass
class Team:
    admin: str
    lead: str
    ayu: str
    budi: str
    names: dict[str, str]

    def url(self, who: str) -> str:
        return (
            make_url(self.admin)
            .set(username=self.names[who], password=None)
            .render_as_string(hide_password=False)
        )

    def raw(self, who: str, statement: str) -> int:
        """Run SQL as ``who`` straight on the server (no qcode in between); rows affected."""
        engine = create_engine(self.url(who))
        try:
            with engine.begin() as connection:
                return connection.execute(text(statement)).rowcount
        finally:
            engine.dispose()


@pytest.fixture
def team(pg_database_url: str, tmp_path, monkeypatch) -> Iterator[Team]:
    suffix = uuid.uuid4().hex[:8]  # roles belong to the server: unique per test
    names = {who: f"{who}_{suffix}" for who in ("lead", "ayu", "budi")}
    with Project.create(resolve(pg_database_url)) as project:
        coded_project(project, tmp_path)
        add_member(project, names["lead"], lead=True)
        for who in ("ayu", "budi"):
            add_member(project, names[who])
    monkeypatch.delenv("QCODE_CODER")  # the database login names the coder
    built = Team(pg_database_url, "", "", "", names)
    built.lead, built.ayu, built.budi = (built.url(w) for w in ("lead", "ayu", "budi"))
    try:
        yield built
    finally:
        admin = create_engine(
            make_url(pg_database_url).set(database="postgres"), isolation_level="AUTOCOMMIT"
        )
        with admin.connect() as connection:
            database = make_url(pg_database_url).database
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            for role in (*names.values(), *(f"qcode_{database}_{g}" for g in ("coders", "leads"))):
                connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


def _ayus_segment(team: Team) -> int:
    with open_project(team.ayu) as project:
        return code_span(project, "1", CODE, 0, 10, coder=project.viewer).id


def test_the_team_is_listed_with_its_lead(team):
    with open_project(team.admin) as project:
        listed = {m.name: m.lead for m in list_members(project)}
    assert listed == {team.names["lead"]: True, team.names["ayu"]: False, team.names["budi"]: False}


def test_the_coder_is_the_database_login(team):
    segment = _ayus_segment(team)
    with open_project(team.ayu) as project:
        (view,) = list_segments(project)
    assert (view.id, view.coder) == (segment, team.names["ayu"])


def test_a_coder_cannot_work_as_someone_else(team, capsys):
    with open_project(team.budi) as project, pytest.raises(UsageError, match="refused"):
        code_span(project, "1", CODE, 0, 10, coder=team.names["ayu"])
    status = main(["--coder", team.names["ayu"], "code", team.budi, "1", CODE, "0", "10"])
    assert status == 2
    assert "your database login" in capsys.readouterr().err
    with open_project(team.admin) as project:
        assert list_segments(project) == []


def test_a_coder_cannot_change_anothers_segment_even_with_raw_sql(team):
    segment = _ayus_segment(team)
    with open_project(team.budi) as project, pytest.raises(UsageError, match="another coder"):
        uncode(project, segment, coder=project.viewer)
    # Bypassing qcode: the policies hide A's row from B's UPDATE and DELETE ...
    assert team.raw("budi", f"UPDATE segments SET end_offset = 5 WHERE id = {segment}") == 0
    assert team.raw("budi", f"DELETE FROM segments WHERE id = {segment}") == 0
    # ... and refuse a row written in A's name.
    with pytest.raises(ProgrammingError, match="row-level security"):
        team.raw(
            "budi",
            "INSERT INTO segments (document_id, code_id, coder_id, start_offset, end_offset, "
            "memo, origin, created_at, updated_at) SELECT document_id, code_id, coder_id, 20, "
            f"30, '', 'manual', now(), now() FROM segments WHERE id = {segment}",
        )
    with open_project(team.admin) as project:
        (view,) = list_segments(project)
    assert (view.id, view.start, view.end, view.coder) == (segment, 0, 10, team.names["ayu"])


def test_only_a_lead_edits_the_codebook_or_the_settings(team):
    with open_project(team.budi) as project:
        with pytest.raises(UsageError, match="for a lead"):
            update_code(project, "Legitimacy", coder=project.viewer, name="Legitimasi")
        with pytest.raises(UsageError, match="for a lead"):
            configure(project, ["blind=on"], coder=project.viewer)
    with pytest.raises(ProgrammingError, match="permission denied"):
        team.raw("budi", "UPDATE codes SET name = 'Legitimasi' WHERE name = 'Legitimacy'")
    with open_project(team.lead) as project:
        update_code(project, "Legitimacy", coder=project.viewer, name="Legitimasi")


def test_the_event_log_is_append_only_and_undo_still_works(team):
    _ayus_segment(team)
    for statement in ("DELETE FROM events", "UPDATE events SET action = 'forged'"):
        with pytest.raises(ProgrammingError, match="permission denied"):
            team.raw("ayu", statement)
    # Nobody else's undo marks either: ayu's entry is out of budi's reach.
    assert team.raw("budi", "UPDATE events SET undone = true") == 0
    with open_project(team.ayu) as project:
        assert "code" in undo(project, coder=project.viewer)
        assert list_segments(project) == []


def test_with_blind_on_a_coder_sees_only_their_own_coding_and_the_lead_sees_all(team, capsys):
    _ayus_segment(team)
    with open_project(team.budi) as project:
        code_span(project, "1", CODE, 20, 30, coder=project.viewer)
    with open_project(team.lead) as project:
        configure(project, ["blind=on"], coder=project.viewer)
    assert main(["segments", team.budi, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [s["coder"] for s in shown] == [team.names["budi"]]
    # The database agrees, whatever a client asks for.
    engine = create_engine(team.url("budi"))
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT count(*) FROM segments")).scalar()
    engine.dispose()
    assert rows == 1
    with open_project(team.lead) as project:
        assert len(list_segments(project)) == 2


def test_a_removed_coder_can_no_longer_open_the_project(team):
    with open_project(team.admin) as project:
        remove_member(project, team.names["budi"])
    with pytest.raises(ProjectError, match="permission denied"):
        open_project(team.budi)


def test_a_team_needs_postgresql_and_its_owner(team, tmp_path):
    solo = Project.create(resolve(tmp_path / "solo.qcode"))
    with solo, pytest.raises(UsageError, match="PostgreSQL"):
        add_member(solo, "citra")
    with open_project(team.lead) as project, pytest.raises(UsageError, match="owner"):
        add_member(project, "citra")
