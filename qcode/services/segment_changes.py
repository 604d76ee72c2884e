"""What changed among a document's segments since the screen read them.

After an undo or redo the coding screen must show the document's segments as they now are.
Reading all of them again costs a third of a second on a long report with 13,000 segments;
reading only their ids and last-change times costs milliseconds, and then only the few
segments that were added or changed are read in full.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from sqlalchemy import String, select, type_coerce

from qcode.services.coding import SegmentView, segment_views
from qcode.store.models import Segment
from qcode.store.project import Project

Versions = dict[int, object]  # the stored last-change time, compared for equality


@dataclass(frozen=True, slots=True)
class SegmentChanges:
    versions: Versions  # every segment of the document now, by id
    changed: list[SegmentView]  # added, or changed since ``known``
    removed: set[int]  # ids in ``known`` that are gone


def _versions(document_id: int):
    # The stored time as it is (text in SQLite): parsing 13,000 datetimes cost 0.1 s, and
    # only equality matters here.
    stamp = type_coerce(Segment.updated_at, String)
    return select(Segment.id, stamp).where(Segment.document_id == document_id)


def segment_versions(project: Project, document_id: int) -> Versions:
    """Each segment of the document by id, with the time it last changed."""
    with project.reading() as session:
        return {ident: when for ident, when in session.execute(_versions(document_id))}


def segment_changes(project: Project, document_id: int, known: Mapping[int, object]) -> (
    SegmentChanges
):
    """The document's segments that differ from ``known`` (ids and last-change times)."""
    with project.reading() as session:
        versions = {ident: when for ident, when in session.execute(_versions(document_id))}
        changed_ids = [i for i, when in versions.items() if known.get(i) != when]
        changed = segment_views(session, changed_ids) if changed_ids else []
    return SegmentChanges(versions, changed, set(known) - set(versions))


def changes_among(project: Project, document_id: int, ids: Collection[int]) -> SegmentChanges:
    """What became of the segments ``ids`` (named by an undone action) in one document:
    ``versions`` holds only theirs, ``removed`` those gone; no other segment is read."""
    with project.reading() as session:
        views = [v for v in segment_views(session, list(ids)) if v.document_id == document_id]
        present = {v.id for v in views}
        stamp = type_coerce(Segment.updated_at, String)
        query = select(Segment.id, stamp).where(Segment.id.in_(list(present)))
        versions = {ident: when for ident, when in session.execute(query)} if present else {}
    return SegmentChanges(versions, views, set(ids) - present)
