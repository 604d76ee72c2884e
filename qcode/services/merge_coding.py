"""The coding part of a merge: segments, memos and decisions on suggestions.

A segment is the same when its document, code, coder and span are; a memo when it belongs to
the same project, document or code; a decision when the suggestion's document, code and span
are. Present ones are skipped (so merging again adds nothing), differing memos and decisions are
reported and this project's are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from qcode.store.changes import ChangeSet
from qcode.store.events import coder_id
from qcode.store.models import Coder, Memo, Segment, Suggestion

if TYPE_CHECKING:
    from qcode.services.merging import MergeReport

SpanKey = tuple[int, int, int, int]  # document, code, start, end


@dataclass
class Mapping:
    """Source ids → target ids."""

    documents: dict[int, int]
    codes: dict[int, int]


def merge_coding(
    source: Session, target: Session, changes: ChangeSet, mapping: Mapping, report: MergeReport
) -> None:
    names = dict(source.execute(select(Coder.id, Coder.name)).all())
    coders = {ident: coder_id(target, name) for ident, name in names.items()}
    segments = _merge_segments(source, target, changes, mapping, coders, report)
    _merge_memos(source, target, changes, mapping, coders, report)
    _merge_decisions(source, target, changes, mapping, coders, segments, report)


def _merge_segments(
    source: Session,
    target: Session,
    changes: ChangeSet,
    mapping: Mapping,
    coders: dict[int, int],
    report: MergeReport,
) -> dict[int, int]:
    """Source segment id → target segment id (new or already present)."""
    present = {
        (d, c, who, s, e): ident
        for ident, d, c, who, s, e in target.execute(
            select(
                Segment.id,
                Segment.document_id,
                Segment.code_id,
                Segment.coder_id,
                Segment.start_offset,
                Segment.end_offset,
            )
        )
    }
    found: dict[int, int] = {}
    pending: list[tuple[int, dict]] = []
    for row in source.execute(select(Segment.__table__)).mappings():
        code = mapping.codes.get(row["code_id"])
        if code is None:  # a code the target cannot match and no segment used: never here
            continue
        key = (
            mapping.documents[row["document_id"]],
            code,
            coders[row["coder_id"]],
            row["start_offset"],
            row["end_offset"],
        )
        if key in present:
            found[row["id"]] = present[key]
            report.segments_present += 1
            continue
        values = {name: row[name] for name in row if name != "id"}
        values.update(document_id=key[0], code_id=key[1], coder_id=key[2])
        pending.append((row["id"], values))
        present[key] = -1  # a repeat inside the source is added once
    ids = changes.insert_many("segments", [values for _, values in pending])
    for (source_id, _), new_id in zip(pending, ids, strict=True):
        found[source_id] = new_id
    report.segments_added += len(ids)
    return found


def _memo_target(row, mapping: Mapping) -> int | None:
    if row["target_type"] == "document":
        return mapping.documents.get(row["target_id"])
    if row["target_type"] == "code":
        return mapping.codes.get(row["target_id"])
    return row["target_id"]


def _merge_memos(
    source: Session,
    target: Session,
    changes: ChangeSet,
    mapping: Mapping,
    coders: dict[int, int],
    report: MergeReport,
) -> None:
    present = {
        (kind, ident): text
        for kind, ident, text in target.execute(select(Memo.target_type, Memo.target_id, Memo.text))
    }
    for row in source.execute(select(Memo.__table__)).mappings():
        target_id = _memo_target(row, mapping)
        if target_id is None:
            continue
        key = (row["target_type"], target_id)
        if key in present:
            if present[key] != row["text"]:
                report.conflicts.append(
                    f"the memo on {row['target_type']} {target_id} differs; kept this project's"
                )
            continue
        values = {name: row[name] for name in row if name != "id"}
        values.update(target_id=target_id, coder_id=coders[row["coder_id"]])
        changes.insert("memos", values)
        present[key] = row["text"]
        report.memos_added += 1


def _merge_decisions(
    source: Session,
    target: Session,
    changes: ChangeSet,
    mapping: Mapping,
    coders: dict[int, int],
    segments: dict[int, int],
    report: MergeReport,
) -> None:
    present: dict[SpanKey, tuple[int, str]] = {
        (d, c, s, e): (ident, status)
        for ident, d, c, s, e, status in target.execute(
            select(
                Suggestion.id,
                Suggestion.document_id,
                Suggestion.code_id,
                Suggestion.start_offset,
                Suggestion.end_offset,
                Suggestion.status,
            )
        )
    }
    decided = select(Suggestion.__table__).where(Suggestion.status != "pending")
    for row in source.execute(decided).mappings():
        code = mapping.codes.get(row["code_id"])
        if code is None:
            continue
        key = (mapping.documents[row["document_id"]], code, row["start_offset"], row["end_offset"])
        decision = {
            "status": row["status"],
            "decided_by": coders.get(row["decided_by"]) if row["decided_by"] else None,
            "segment_id": segments.get(row["segment_id"]) if row["segment_id"] else None,
        }
        if key in present:
            ident, status = present[key]
            if status == "pending":
                changes.update("suggestions", ident, decision)
                report.decisions_added += 1
            elif status != row["status"]:
                report.conflicts.append(
                    f"suggestion on document {key[0]} [{key[2]}, {key[3]}) was {status} here "
                    f"and {row['status']} in the source; kept this project's"
                )
            continue
        values = {name: row[name] for name in row if name != "id"}
        values.update(document_id=key[0], code_id=code, **decision)
        ident = changes.insert("suggestions", values)
        present[key] = (ident, row["status"])
        report.decisions_added += 1
