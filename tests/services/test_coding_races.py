"""Coders racing each other on one project: the database, not a check in Python, keeps one
segment per coder, code and span, and two undos never undo one action twice."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update

from qcode.core.errors import UsageError
from qcode.services.coding import code_span, list_segments
from qcode.services.undo import undo
from qcode.store.location import resolve
from qcode.store.models import Event, Segment
from qcode.store.project import Project
from qcode.store.schema import MIGRATIONS, upgrade_to
from tests.coding_factories import coded_project

REPO = Path(__file__).resolve().parents[2]
CODE = "Obstacles > Slow government response"

# Each child opens the project, waits for the go file, then codes (or undoes) at once.
CHILD = """
import sys, time
from pathlib import Path
from qcode.core.errors import UsageError
from qcode.services.coding import code_span
from qcode.services.undo import undo
from qcode.store.location import resolve
from qcode.store.project import Project

project_ref, go, action = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
project = Project.open(resolve(project_ref))
with project.reading() as session:
    session.connection()  # connected before the start, so that all begin together
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
try:
    if action == "code":
        code_span(project, "1", {code!r}, 0, 10, coder="ayu")
        print("coded")
    else:
        print("undone:", undo(project, coder="ayu"))
except UsageError as exc:
    print("refused:", exc)
"""


def _run_together(project_ref: str, tmp_path: Path, action: str, count: int) -> list[str]:
    go = tmp_path / f"go-{action}"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD.format(code=CODE), project_ref, str(go), action],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    for child in children:  # every child connected and waiting
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    go.touch()
    outputs = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        outputs.append(out.strip())
    return outputs


def test_ten_processes_coding_the_same_span_store_one_segment(project, tmp_path):
    coded_project(project, tmp_path)
    outputs = _run_together(project.location.url.render_as_string(False), tmp_path, "code", 10)
    assert sum(out == "coded" for out in outputs) == 1, outputs
    assert all(out == "coded" or "already coded" in out for out in outputs), outputs
    assert len(list_segments(project, coder="ayu")) == 1


def test_an_identical_insert_racing_in_another_transaction_is_refused_politely(project, tmp_path):
    """Deterministic: another writer's identical segment is inserted but not committed while
    this one codes; once it commits, this one is told "already coded", and one row stays."""
    coded_project(project, tmp_path)
    other = Project.open(project.location)
    outcome: list[object] = []

    def racer() -> None:
        try:
            code_span(project, "1", CODE, 0, 10, coder="ayu")
            outcome.append("coded")
        except UsageError as exc:
            outcome.append(exc)

    with other.writing() as session:
        session.add(
            Segment(
                document_id=1,
                code_id=_code_id(other),
                coder_id=_coder(other, session),
                start_offset=0,
                end_offset=10,
                memo="",
                origin="manual",
            )
        )
        session.flush()
        # PostgreSQL: the racer's check sees nothing, and its insert waits on the
        # uncommitted row; SQLite: the racer waits for the writer's lock.
        thread = threading.Thread(target=racer)
        thread.start()
        time.sleep(0.5)
    thread.join(timeout=30)
    other.close()
    assert len(outcome) == 1 and isinstance(outcome[0], UsageError), outcome
    assert "already coded" in str(outcome[0])
    with project.reading() as session:
        assert session.scalar(select(func.count()).select_from(Segment)) == 1


def _code_id(project: Project) -> int:
    from qcode.store.models import CodeRow

    with project.reading() as session:
        return session.scalar(select(CodeRow.id).where(CodeRow.name == CODE.split(" > ")[1]))


def _coder(project: Project, session) -> int:
    from qcode.store.events import coder_id

    return coder_id(session, "ayu")


def test_four_processes_undoing_at_once_undo_four_actions_once_each(project, tmp_path):
    coded_project(project, tmp_path)
    for start in range(0, 60, 10):
        code_span(project, "1", CODE, start, start + 5, coder="ayu")
    outputs = _run_together(project.location.url.render_as_string(False), tmp_path, "undo", 4)
    undone = [out for out in outputs if out.startswith("undone:")]
    assert len(undone) == 4 and len(set(undone)) == 4, outputs
    assert len(list_segments(project, coder="ayu")) == 2
    with project.reading() as session:
        marked = session.scalar(select(func.count()).where(Event.undone.is_(True)))
        logged = session.scalar(select(func.count()).where(Event.action == "undo"))
    assert marked == logged == 4


def test_an_undo_racing_an_uncommitted_undo_moves_on_to_the_action_before(project, tmp_path):
    """Deterministic: while another transaction has claimed (not yet committed) the last
    action, this undo waits, then undoes the one before; each action is undone once."""
    coded_project(project, tmp_path)
    first = code_span(project, "1", CODE, 0, 5, coder="ayu")
    second = code_span(project, "1", CODE, 10, 15, coder="ayu")
    other = Project.open(project.location)
    outcome: list[str] = []
    thread = threading.Thread(target=lambda: outcome.append(undo(project, coder="ayu")))
    with other.writing() as session:
        # The other process's undo, in flight: the last action claimed and reverted.
        last = session.scalar(select(func.max(Event.id)).where(Event.undoable.is_(True)))
        session.execute(update(Event).where(Event.id == last).values(undone=True))
        session.execute(delete(Segment).where(Segment.id == second.id))
        thread.start()
        time.sleep(0.5)
    thread.join(timeout=30)
    other.close()
    assert len(outcome) == 1 and "[0, 5)" in outcome[0], outcome
    assert list_segments(project, coder="ayu") == []
    with project.reading() as session:
        undone = session.scalars(select(Event.target_id).where(Event.action == "undo")).all()
    assert len(undone) == 1  # this undo's own record; the other's was written by hand
    assert first.id != second.id


@pytest.fixture
def old_project(tmp_path: Path) -> Path:
    """A SQLite project at schema 0005, before segments were unique per coder and span."""
    path = tmp_path / "old.qcode"
    location = resolve(path)
    from qcode.store.engine import make_engine

    engine = make_engine(location)
    with engine.begin() as connection:
        upgrade_to(connection, "0005", MIGRATIONS)
    engine.dispose()
    return path


def test_the_migration_folds_duplicate_segments_keeping_the_oldest_and_the_memos(
    old_project, tmp_path
):
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{old_project}")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO coders (id, name, created_at) VALUES "
                "(1, 'ayu', '2026-01-01'), (2, 'budi', '2026-01-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO documents (id, uuid, title, text, char_count, sha256, source_path, "
                "source_format, language, title_source, imported_at) VALUES (1, 'u', 'T', "
                "'Kerja sama lambat.', 18, 'h', 'p', 'txt', 'id', 'file', '2026-01-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO codebooks (id, title, version, authors, languages, licence, created, "
                "updated) VALUES (1, 'C', '1', '[]', '[]', '', '', '')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO codes (id, codebook_id, guid, name, position, description, inclusion, "
                "exclusion, examples, keywords, codable, retired) VALUES (1, 1, 'g', 'Obstacles', "
                "0, '', '', '', '[]', '{}', 1, 0)"
            )
        )
        rows = [  # id, coder, start, end, memo, created
            (10, 1, 0, 10, "first thought", "2026-01-02"),
            (11, 1, 0, 10, "", "2026-01-03"),
            (12, 1, 0, 10, "second thought", "2026-01-04"),
            (13, 1, 0, 10, "first thought", "2026-01-05"),
            (14, 2, 0, 10, "budi's own", "2026-01-02"),
            (15, 1, 11, 17, "", "2026-01-02"),
        ]
        for ident, coder, start, end, memo, created in rows:
            connection.execute(
                text(
                    "INSERT INTO segments (id, document_id, code_id, coder_id, start_offset, "
                    "end_offset, memo, origin, created_at, updated_at) VALUES (:i, 1, 1, :c, "
                    ":s, :e, :m, 'manual', :t, :t)"
                ),
                {"i": ident, "c": coder, "s": start, "e": end, "m": memo, "t": created},
            )
        connection.execute(
            text(
                "INSERT INTO suggestions (id, document_id, code_id, start_offset, end_offset, "
                "score, keyword, matched, status, segment_id, decided_by, created_at) VALUES "
                "(1, 1, 1, 0, 10, 0.9, 'k', 'm', 'accepted', 12, 1, '2026-01-04')"
            )
        )
    engine.dispose()
    project = Project.open(resolve(old_project))
    try:
        assert project.upgrade is not None and project.upgrade.backup is not None
        with project.reading() as session:
            kept = session.execute(
                select(Segment.id, Segment.coder_id, Segment.memo).order_by(Segment.id)
            ).all()
            assert kept == [
                (10, 1, "first thought\n\nsecond thought"),
                (14, 2, "budi's own"),
                (15, 1, ""),
            ]
            from qcode.store.models import Suggestion

            assert session.scalar(select(Suggestion.segment_id)) == 10
            event = session.scalars(select(Event).where(Event.action == "fold duplicates")).one()
            assert event.after == {"folded": [{"kept": 10, "removed": [11, 12, 13]}]}
        with pytest.raises(UsageError, match="already coded"):
            code_span(project, "1", "Obstacles", 0, 10, coder="ayu")
    finally:
        project.close()


def test_two_blind_coders_deciding_one_suggestion_at_once_keep_both_decisions(project, tmp_path):
    """Deterministic: budi's decision on a suggestion is written but not committed when ayu
    accepts it; ayu's waits, then goes in a row of its own instead of overwriting budi's."""
    from qcode.services.autocoding import autocode, list_suggestions
    from qcode.services.settings import configure
    from qcode.services.suggestion_decisions import accept
    from qcode.store.events import coder_id
    from qcode.store.models import Suggestion, SuggestionDecision

    coded_project(project, tmp_path)
    autocode(project, coder="ayu")
    configure(project, ["blind=on"], coder="ayu")
    suggestion = list_suggestions(project)[0].id
    project.viewer = "ayu"
    other = Project.open(project.location)
    outcome: list[int] = []
    thread = threading.Thread(
        target=lambda: outcome.append(accept(project, [suggestion], coder="ayu"))
    )
    with other.writing() as session:
        budi = coder_id(session, "budi")
        session.execute(
            update(Suggestion)
            .where(Suggestion.id == suggestion)
            .values(status="rejected", decided_by=budi)
        )
        thread.start()
        time.sleep(0.5)
    thread.join(timeout=30)
    other.close()
    assert outcome == [1]
    with project.reading() as session:
        assert session.execute(
            select(Suggestion.status, Suggestion.decided_by).where(Suggestion.id == suggestion)
        ).one() == ("rejected", budi)
        ayus = (
            session.execute(
                select(SuggestionDecision.status).where(
                    SuggestionDecision.suggestion_id == suggestion
                )
            )
            .scalars()
            .all()
        )
    assert ayus == ["accepted"]
