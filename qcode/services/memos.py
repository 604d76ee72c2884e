"""Memos: on the project, a document, a code (one each) or a segment (kept on it). Undoable."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from qcode.core.errors import UsageError
from qcode.services.coding import refuse_others, resolve_code, segment_view
from qcode.services.documents import resolve_document
from qcode.store.changes import ChangeSet
from qcode.store.events import coder_id
from qcode.store.models import Memo, Segment
from qcode.store.project import Project
from qcode.store.settings import only_coder
from qcode.store.undo_log import record_undoable

MEMO_TARGETS = ("project", "document", "code", "segment")


def set_memo(project: Project, target: str, reference: str | None, text: str, *, coder: str) -> str:
    """Write the memo of the project, a document, a code or a segment (empty text clears it)."""
    if target not in MEMO_TARGETS:
        raise UsageError(f"a memo belongs to one of: {', '.join(MEMO_TARGETS)}")

    def work(session: Session):
        who = coder_id(session, coder)
        changes = ChangeSet(session)
        if target == "segment":
            if reference is None or not str(reference).isdigit():
                raise UsageError("give the segment's id")
            owner = session.scalar(select(Segment.coder_id).where(Segment.id == int(reference)))
            refuse_others(session, owner, who, f"segment {reference}")
            view = segment_view(session, int(reference))
            changes.update(
                "segments", view.id, {"memo": text, "updated_at": dt.datetime.now(dt.UTC)}
            )
            label = f"segment {view.id}"
        else:
            target_id, label = _memo_target(session, target, reference)
            existing, owner = session.execute(
                select(Memo.id, Memo.coder_id).where(
                    Memo.target_type == target, Memo.target_id == target_id
                )
            ).first() or (None, None)
            refuse_others(session, owner, who, f"the memo on {label}")
            now = dt.datetime.now(dt.UTC)
            if existing is None and text:
                changes.insert(
                    "memos",
                    {
                        "target_type": target,
                        "target_id": target_id,
                        "text": text,
                        "coder_id": who,
                        "created_at": now,
                        "updated_at": now,
                    },
                )
            elif existing is not None and text:
                changes.update(
                    "memos", existing, {"text": text, "coder_id": who, "updated_at": now}
                )
            elif existing is not None:
                changes.delete("memos", existing)
        if changes.operations:
            record_undoable(
                session,
                changes,
                coder=who,
                action="memo",
                target_type=target,
                target_id=reference,
                summary=f"memo on {label}",
            )
        return label

    try:
        return project.write(work)
    except IntegrityError:
        # On a team project with blind coding on, the database hides another coder's memo
        # on the same target; its unique index still refuses a second one.
        raise UsageError(
            f"the {target} already has a memo by another coder, hidden while blind coding is "
            "on; a project, document or code has one memo (a segment's is its coder's)"
        ) from None


def _memo_target(session: Session, target: str, reference: str | None) -> tuple[int, str]:
    if target == "project":
        return 0, "the project"
    if reference is None:
        raise UsageError(f"give the {target} the memo belongs to")
    if target == "document":
        document = resolve_document(session, reference)
        return document.id, f"document {document.id}"
    code = resolve_code(session, reference)
    return code.id, f"code {code.name!r}"


def memo_of(project: Project, target: str, reference: str | None) -> str:
    with project.reading() as session:
        if target == "segment":
            return segment_view(session, int(reference or 0)).memo
        target_id, _ = _memo_target(session, target, reference)
        query = select(Memo.text).where(Memo.target_type == target, Memo.target_id == target_id)
        only = only_coder(session)
        if only is not None:
            query = query.where(Memo.coder_id == only)
        return session.scalar(query) or ""
