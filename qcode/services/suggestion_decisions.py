"""Deciding on auto-coding suggestions: accepting (each becomes a coded segment, origin
``suggestion``, by the deciding coder) and rejecting (never proposed again for the same span
and code). Each call is one undo step; with blind coding on, every coder decides for
themselves and a later decision is kept beside the first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, load_only

from qcode.core.errors import UsageError
from qcode.services.coding import NewSegment, add_segments
from qcode.store.changes import ChangeSet
from qcode.store.events import coder_id
from qcode.store.models import CodeRow, Document, Suggestion
from qcode.store.project import Project
from qcode.store.settings import seen_status
from qcode.store.undo_log import record_undoable


@dataclass(frozen=True, slots=True)
class _Pending:
    id: int
    document_id: int
    code_id: int
    start_offset: int
    end_offset: int
    status: str  # as recorded: not "pending" when another coder decided it (blind coding)


def _pending(session: Session, ids: Sequence[int] | None, above: float | None) -> list[_Pending]:
    columns = (
        Suggestion.id,
        Suggestion.document_id,
        Suggestion.code_id,
        Suggestion.start_offset,
        Suggestion.end_offset,
        Suggestion.status,
    )
    # Locked (PostgreSQL): of two coders deciding the same suggestion at once, the second
    # waits, then reads it as the first left it, so neither overwrites the other's decision.
    base = (
        select(*columns)
        .where(seen_status(session) == "pending")
        .order_by(Suggestion.id)
        .with_for_update(of=Suggestion)
    )
    if above is not None:
        base = base.where(Suggestion.score >= above)
    if ids is None:
        found = [_Pending(*row) for row in session.execute(base)]
    else:
        wanted = sorted(set(ids))
        found = [
            _Pending(*row)
            for first in range(0, len(wanted), 900)
            for row in session.execute(base.where(Suggestion.id.in_(wanted[first : first + 900])))
        ]
        missing = set(wanted) - {s.id for s in found}
        if missing:
            raise UsageError(
                f"no pending suggestion with id {', '.join(map(str, sorted(missing)[:10]))}; "
                "see 'qcode suggestions'"
            )
    return found


def accept(
    project: Project, ids: Sequence[int] | None = None, *, above: float | None = None, coder: str
) -> int:
    """Accept suggestions (by id, or all pending at or above a score): one undo step."""
    if ids is None and above is None:
        raise UsageError("give suggestion ids or --above SCORE")

    def work(session: Session):
        who = coder_id(session, coder)
        changes = ChangeSet(session)
        suggestions = _pending(session, ids, above)
        codes = {c.id: c for c in session.scalars(select(CodeRow))}
        wanted = sorted({s.document_id for s in suggestions})
        documents = {
            d.id: d
            for first in range(0, len(wanted), 900)
            for d in session.scalars(
                select(Document)
                .options(load_only(Document.id, Document.char_count))
                .where(Document.id.in_(wanted[first : first + 900]))
            )
        }
        segment_ids = add_segments(
            session,
            changes,
            who,
            [
                NewSegment(
                    documents[s.document_id],
                    codes[s.code_id],
                    s.start_offset,
                    s.end_offset,
                    origin="suggestion",
                )
                for s in suggestions
            ],
        )
        record_decisions(
            changes,
            who,
            [(s, "accepted", segment) for s, segment in zip(suggestions, segment_ids, strict=True)],
        )
        if suggestions:
            record_undoable(
                session,
                changes,
                coder=who,
                action="accept",
                target_type="suggestions",
                target_id=None,
                summary=f"accept {len(suggestions)} suggestion(s)",
            )
        return len(suggestions)

    return project.write(work)


def record_decisions(
    changes: ChangeSet, who: int, decided: Sequence[tuple[_Pending, str, int | None]]
) -> None:
    """The first decision on a suggestion goes on it; a later one by another coder (made
    while blind coding is on) goes in a row of its own, so neither overwrites the other."""
    first = {
        s.id: {"status": status, "decided_by": who}
        | ({"segment_id": segment} if status == "accepted" else {})
        for s, status, segment in decided
        if s.status == "pending"
    }
    changes.update_many("suggestions", first)
    later = [
        {"suggestion_id": s.id, "coder_id": who, "status": status, "segment_id": segment}
        for s, status, segment in decided
        if s.status != "pending"
    ]
    changes.insert_many("suggestion_decisions", later)


def reject(project: Project, ids: Sequence[int], *, coder: str) -> int:
    """Reject suggestions: they are not proposed again for the same span and code."""

    def work(session: Session):
        who = coder_id(session, coder)
        changes = ChangeSet(session)
        suggestions = _pending(session, ids, None)
        record_decisions(changes, who, [(s, "rejected", None) for s in suggestions])
        if suggestions:
            record_undoable(
                session,
                changes,
                coder=who,
                action="reject",
                target_type="suggestions",
                target_id=None,
                summary=f"reject {len(suggestions)} suggestion(s)",
            )
        return len(suggestions)

    return project.write(work)
