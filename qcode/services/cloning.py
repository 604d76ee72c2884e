"""``qcode clone``: a copy of a project, whole or blank for a second coder.

A blank clone holds the documents (same uuids and text), their attributes and pages, the
codebook (same GUIDs) and the settings, with no segments, memos, events or coders; the
auto-coding suggestions come along undecided, so the colleague reviews them afresh. Merging it
back (``qcode merge``) matches everything by those identities.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from qcode.services.projects import init_project
from qcode.store.copying import CODING, SOURCES, Row, copy_tables, table
from qcode.store.events import coder_id, record_event
from qcode.store.location import resolve
from qcode.store.project import Project


@dataclass(frozen=True, slots=True)
class CloneReport:
    target: str
    blank: bool
    copied: dict[str, int]


def _undecided(row: Row) -> Row:
    columns = [c.name for c in table("suggestions").columns]
    values = dict(zip(columns, row, strict=True))
    values.update(status="pending", segment_id=None, decided_by=None)
    return tuple(values[c] for c in columns)


def clone_project(
    source: Project, target: str | os.PathLike[str], *, blank: bool, coder: str
) -> CloneReport:
    """Write a new project at ``target`` from ``source`` (refused if ``target`` exists)."""
    location = resolve(target)
    clone = init_project(
        location.path if location.path is not None else location.url.render_as_string(False)
    )
    try:
        with source.reading() as incoming, clone.writing() as session:
            names = (*SOURCES, "suggestions") if blank else (*SOURCES, *CODING)
            change = {"suggestions": _undecided} if blank else None
            copied = copy_tables(incoming, session, names, change)
            record_event(
                session,
                coder=coder_id(session, coder),
                action="clone",
                target_type="project",
                before={"source": source.location.display()},
                after={"blank": blank, "rows": copied},
            )
    except Exception:  # nothing half-written is left behind
        clone.close()
        if location.path is not None:
            for suffix in ("", "-wal", "-shm", "-journal"):
                location.path.with_name(location.path.name + suffix).unlink(missing_ok=True)
        raise
    clone.close()
    return CloneReport(location.display(), blank, copied)
