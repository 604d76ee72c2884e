"""Coding: applying codes to spans, removing them, listing segments. All undoable (memos:
``qcode.services.memos``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from qcode.core.codebook import Codebook
from qcode.core.errors import UsageError
from qcode.core.guids import is_guid, normalise_guid
from qcode.services.documents import resolve_document
from qcode.store.changes import ChangeSet
from qcode.store.codebooks import read_codebook
from qcode.store.events import coder_id, coder_name
from qcode.store.models import (
    Coder,
    CodeRow,
    Document,
    Segment,
    Suggestion,
    SuggestionDecision,
)
from qcode.store.project import Project
from qcode.store.settings import only_coder
from qcode.store.team import refuse_others_rows
from qcode.store.undo_log import record_undoable

ORIGINS = ("manual", "suggestion", "search", "imported")


@dataclass(frozen=True, slots=True)
class SegmentView:
    id: int
    document_id: int
    document_title: str
    code_guid: str
    code: str  # the code's path
    coder: str
    start: int
    end: int
    text: str
    memo: str
    origin: str


def resolve_code(session: Session, reference: str, codebook: Codebook | None = None) -> CodeRow:
    """The code named by a GUID, a path ("Obstacles > Slow response") or a unique name."""
    codebook = codebook or read_codebook(session)
    ref = reference.strip()
    guid = None
    if is_guid(ref):
        guid = normalise_guid(ref)
    else:
        folded = ref.casefold()
        paths = codebook.paths()
        by_path = [g for g, p in paths.items() if p.casefold() == folded]
        by_name = [c.guid for c in codebook.codes if c.name.casefold() == folded]
        found = by_path or by_name
        if len(found) > 1:
            listed = "; ".join(paths[g] for g in found)
            raise UsageError(f"code {reference!r} is ambiguous ({listed}); give its path")
        guid = found[0] if found else None
    row = session.scalar(select(CodeRow).where(CodeRow.guid == guid)) if guid else None
    if row is None:
        raise UsageError(f"no code {reference!r} in the codebook; see 'qcode codebook show'")
    return row


def _check_span(document: Document, start: int, end: int) -> None:
    if start < 0 or end > document.char_count:
        raise UsageError(
            f"span [{start}, {end}) is outside document {document.id} "
            f"(it has {document.char_count} characters)"
        )
    if end <= start:
        raise UsageError(f"span [{start}, {end}) is empty or reversed; END must exceed START")


def _check_codable(code: CodeRow, path: str) -> None:
    if code.retired:
        raise UsageError(f"code {path!r} is retired; it is kept for existing coding only")
    if not code.codable:
        raise UsageError(f"code {path!r} groups other codes and is not applied itself")


@dataclass(frozen=True, slots=True)
class NewSegment:
    document: Document
    code: CodeRow
    start: int
    end: int
    memo: str = ""
    origin: str = "manual"
    path: str = ""


def _existing_spans(
    session: Session, coder: int, entries: Sequence[NewSegment]
) -> set[tuple[int, int, int, int]]:
    """(document, code, start, end) of this coder's segments that the entries would repeat."""
    columns = (Segment.document_id, Segment.code_id, Segment.start_offset, Segment.end_offset)
    if len(entries) <= 20:  # coding by hand: look the few spans up by the span index
        found: set[tuple[int, int, int, int]] = set()
        for e in entries:
            row = session.execute(
                select(*columns).where(
                    Segment.document_id == e.document.id,
                    Segment.start_offset == e.start,
                    Segment.end_offset == e.end,
                    Segment.code_id == e.code.id,
                    Segment.coder_id == coder,
                )
            ).first()
            if row is not None:
                found.add(tuple(row))
        return found
    documents = list({e.document.id for e in entries})
    return {
        tuple(row)
        for first in range(0, len(documents), 900)
        for row in session.execute(
            select(*columns).where(
                Segment.coder_id == coder,
                Segment.document_id.in_(documents[first : first + 900]),
            )
        )
    }


def add_segments(
    session: Session, changes: ChangeSet, coder: int, entries: Sequence[NewSegment]
) -> list[int | None]:
    """Insert segments through ``changes`` in bulk; None where this coder already has one."""
    for entry in entries:
        _check_span(entry.document, entry.start, entry.end)
        _check_codable(entry.code, entry.path or entry.code.name)
    existing = _existing_spans(session, coder, entries)
    now = dt.datetime.now(dt.UTC)
    rows: list[dict] = []
    positions: list[int | None] = []
    for entry in entries:
        key = (entry.document.id, entry.code.id, entry.start, entry.end)
        if key in existing:
            positions.append(None)
            continue
        existing.add(key)
        positions.append(len(rows))
        rows.append(
            {
                "document_id": entry.document.id,
                "code_id": entry.code.id,
                "coder_id": coder,
                "start_offset": entry.start,
                "end_offset": entry.end,
                "memo": entry.memo,
                "origin": entry.origin,
                "created_at": now,
                "updated_at": now,
            }
        )
    ids = changes.insert_many("segments", rows)
    return [None if p is None else ids[p] for p in positions]


def code_span(
    project: Project,
    document_ref: str,
    code_ref: str,
    start: int,
    end: int,
    *,
    coder: str,
    memo: str = "",
    origin: str = "manual",
) -> SegmentView:
    """Apply a code to ``[start, end)`` of a document (code points of its stored text)."""
    if origin not in ORIGINS:
        raise UsageError(f"origin must be one of {', '.join(ORIGINS)}")

    def apply(session: Session) -> SegmentView:
        codebook = read_codebook(session)
        document = resolve_document(session, document_ref)
        code = resolve_code(session, code_ref, codebook)
        who = coder_id(session, coder)
        changes = ChangeSet(session)
        path = codebook.path(code.guid)
        (new_id,) = add_segments(
            session, changes, who, [NewSegment(document, code, start, end, memo, origin, path)]
        )
        if new_id is None:
            raise UsageError(
                f"{coder} already coded [{start}, {end}) of document {document.id} as {path!r}"
            )
        record_undoable(
            session,
            changes,
            coder=who,
            action="code",
            target_type="segment",
            target_id=new_id,
            summary=f"code {path!r} on document {document.id} [{start}, {end})",
        )
        # Everything the view shows is in hand: no second read of what was just written.
        return SegmentView(
            new_id,
            document.id,
            document.title,
            code.guid,
            path,
            coder_name(session, who),
            start,
            end,
            document.text[start:end],
            memo,
            origin,
        )

    # Another process coding the same span at the same moment: the unique index refuses
    # the second insert, and the retry finds the first and says "already coded".
    return project.write(apply)


def refuse_others(session: Session, owner: int | None, who: int, what: str) -> None:
    """Refuse to change ``what`` when another coder made it: on a team project, or with
    blind coding on."""
    refuse_others_rows(session, owner, who, what)
    if owner is not None and owner != who and only_coder(session) is not None:
        raise UsageError(
            f"{what} belongs to another coder; blind coding is on, so only they can change it "
            "('qcode config PROJECT blind=off' ends blind coding)"
        )


def uncode(project: Project, segment_id: int, *, coder: str) -> SegmentView:
    """Remove a coded segment (undoable)."""

    def work(session: Session):
        who = coder_id(session, coder)
        owner = session.scalar(select(Segment.coder_id).where(Segment.id == segment_id))
        refuse_others(session, owner, who, f"segment {segment_id}")
        view = segment_view(session, segment_id)
        changes = ChangeSet(session)
        suggestion_ids = session.scalars(
            select(Suggestion.id).where(Suggestion.segment_id == segment_id)
        ).all()
        for suggestion in suggestion_ids:
            changes.update("suggestions", suggestion, {"segment_id": None, "status": "pending"})
        for decision in session.scalars(
            select(SuggestionDecision.id).where(SuggestionDecision.segment_id == segment_id)
        ).all():
            changes.delete("suggestion_decisions", decision)
        changes.delete("segments", segment_id)
        record_undoable(
            session,
            changes,
            coder=who,
            action="uncode",
            target_type="segment",
            target_id=segment_id,
            summary=f"remove {view.code!r} from document {view.document_id}",
        )
        return view

    return project.write(work)


def segment_view(session: Session, segment_id: int) -> SegmentView:
    views = segment_views(session, [segment_id])
    if not views:
        raise UsageError(f"no segment {segment_id}; list them with 'qcode segments'")
    return views[0]


def segment_views(
    session: Session, ids: Sequence[int] | None = None, **filters
) -> list[SegmentView]:
    """Segments with their document, code path, coder and text, in document order."""
    codebook = read_codebook(session)
    paths = codebook.paths()
    query = (
        select(
            Segment.id,
            Segment.document_id,
            Segment.start_offset,
            Segment.end_offset,
            Segment.memo,
            Segment.origin,
            CodeRow.guid,
            Coder.name,
        )
        .join(CodeRow, CodeRow.id == Segment.code_id)
        .join(Coder, Coder.id == Segment.coder_id)
        .order_by(Segment.document_id, Segment.start_offset, Segment.end_offset, Segment.id)
    )
    if ids is not None:
        query = query.where(Segment.id.in_(list(ids)))
    conditions = []
    if filters.get("document_id") is not None:
        conditions.append(Segment.document_id == filters["document_id"])
    if filters.get("code_ids") is not None:
        conditions.append(Segment.code_id.in_(filters["code_ids"]))
    if filters.get("coder") is not None:
        conditions.append(Coder.name == filters["coder"])
    only = only_coder(session)
    if only is not None:
        conditions.append(Segment.coder_id == only)
    if conditions:
        query = query.where(and_(*conditions))
    rows = session.execute(query).all()
    # Each document's text is read once, however many segments it has.
    wanted = sorted({row[1] for row in rows})
    documents = {
        doc_id: (title, text)
        for first in range(0, len(wanted), 900)
        for doc_id, title, text in session.execute(
            select(Document.id, Document.title, Document.text).where(
                Document.id.in_(wanted[first : first + 900])
            )
        )
    }
    # Plain tuples: attribute access on 13,000 rows was half of opening a long report.
    return [
        SegmentView(
            ident,
            document,
            documents[document][0],
            guid,
            paths.get(guid, guid),
            name,
            start,
            end,
            documents[document][1][start:end],
            memo,
            origin,
        )
        for ident, document, start, end, memo, origin, guid, name in rows
    ]


def list_segments(
    project: Project,
    *,
    document: str | None = None,
    code: str | None = None,
    coder: str | None = None,
) -> list[SegmentView]:
    """Segments, optionally of one document, one code (with its sub-codes), one coder."""
    with project.reading() as session:
        filters: dict = {"coder": coder}
        if document is not None:
            filters["document_id"] = resolve_document(session, document).id
        if code is not None:
            codebook = read_codebook(session)
            root = resolve_code(session, code, codebook)
            subtree = {root.guid} | codebook.descendants(root.guid)
            ids = dict(session.execute(select(CodeRow.guid, CodeRow.id)).all())
            filters["code_ids"] = [ids[g] for g in subtree if g in ids]
        return segment_views(session, **filters)
