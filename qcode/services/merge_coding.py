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
from qcode.store.models import Coder, Memo, Segment, Suggestion, SuggestionDecision

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


def _decisions(session: Session) -> list[tuple[dict, int, str, int | None]]:
    """Every decision of a project: (suggestion row, coder id, status, segment id), the ones
    recorded on suggestions and the later ones of other coders."""
    rows = {
        row["id"]: dict(row) for row in session.execute(select(Suggestion.__table__)).mappings()
    }
    found = [
        (row, row["decided_by"], row["status"], row["segment_id"])
        for row in rows.values()
        if row["status"] != "pending" and row["decided_by"] is not None
    ]
    found += [
        (rows[d.suggestion_id], d.coder_id, d.status, d.segment_id)
        for d in session.scalars(select(SuggestionDecision))
    ]
    return found


def _merge_decisions(
    source: Session,
    target: Session,
    changes: ChangeSet,
    mapping: Mapping,
    coders: dict[int, int],
    segments: dict[int, int],
    report: MergeReport,
) -> None:
    """Each coder's decision on each suggestion: the first on the suggestion itself, another
    coder's in a row of its own; one coder deciding differently in the two is a conflict."""
    present: dict[SpanKey, list] = {
        (d, c, s, e): [ident, status, who]
        for ident, d, c, s, e, status, who in target.execute(
            select(
                Suggestion.id,
                Suggestion.document_id,
                Suggestion.code_id,
                Suggestion.start_offset,
                Suggestion.end_offset,
                Suggestion.status,
                Suggestion.decided_by,
            )
        )
    }
    later = {
        (d.suggestion_id, d.coder_id): d.status for d in target.scalars(select(SuggestionDecision))
    }
    for row, source_coder, status, source_segment in _decisions(source):
        code = mapping.codes.get(row["code_id"])
        if code is None:
            continue
        key = (mapping.documents[row["document_id"]], code, row["start_offset"], row["end_offset"])
        who = coders[source_coder]
        segment = segments.get(source_segment) if source_segment else None
        decision = {"status": status, "decided_by": who, "segment_id": segment}
        if key not in present:
            values = {name: row[name] for name in row if name != "id"}
            values.update(document_id=key[0], code_id=code, **decision)
            present[key] = [changes.insert("suggestions", values), status, who]
            report.decisions_added += 1
            continue
        ident, here, decider = present[key]
        if here == "pending":
            changes.update("suggestions", ident, decision)
            present[key] = [ident, status, who]
            report.decisions_added += 1
            continue
        mine = here if decider == who else later.get((ident, who))
        if mine is None:
            changes.insert(
                "suggestion_decisions",
                {"suggestion_id": ident, "coder_id": who, "status": status, "segment_id": segment},
            )
            later[(ident, who)] = status
            report.decisions_added += 1
        elif mine != status:
            report.conflicts.append(
                f"a suggestion on document {key[0]} [{key[2]}, {key[3]}) was {mine} here and "
                f"{status} in the source by the same coder; kept this project's"
            )
