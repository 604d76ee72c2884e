"""Editing single codes in a project: each edit is one undoable step.

Deleting a code that has coded segments is refused unless the user says what happens to
them: delete them too, or move them to another code.
"""

from __future__ import annotations

from sqlalchemy import select

from qcode.core.codebook import PATH_SEPARATOR
from qcode.core.colours import parse_colour, unused_colour
from qcode.core.errors import UsageError
from qcode.core.guids import new_guid
from qcode.services.coding import resolve_code
from qcode.store.changes import ChangeSet
from qcode.store.codebooks import read_codebook
from qcode.store.events import coder_id
from qcode.store.models import CodebookRow, CodeRow, Segment, Suggestion
from qcode.store.project import Project
from qcode.store.team import require_lead
from qcode.store.undo_log import record_undoable

EDITABLE = (
    "name",
    "colour",
    "description",
    "inclusion",
    "exclusion",
    "shortcut",
    "codable",
    "retired",
)


def add_code(
    project: Project, name: str, *, coder: str, parent: str | None = None, colour: str | None = None
) -> str:
    """Create a code (under ``parent`` when given); return its GUID. One undo step."""
    clean = " ".join(name.split())
    if not clean:
        raise UsageError("a code needs a name")
    with project.writing() as session:
        require_lead(session, "editing the codebook")
        codebook = read_codebook(session)
        if not codebook.title and session.scalar(select(CodebookRow.id)) is None:
            session.add(
                CodebookRow(
                    id=1,
                    title="Codebook",
                    version="1",
                    authors=[],
                    languages=["id", "en"],
                    licence="",
                    created="",
                    updated="",
                )
            )
            session.flush()
        parent_row = resolve_code(session, parent, codebook) if parent else None
        siblings = codebook.children(parent_row.guid if parent_row else None)
        if any(c.name.casefold() == clean.casefold() for c in siblings):
            raise UsageError(f"a code named {clean!r} already exists there")
        guid = new_guid()
        who = coder_id(session, coder)
        changes = ChangeSet(session)
        changes.insert(
            "codes",
            {
                "codebook_id": 1,
                "guid": guid,
                "name": clean,
                "parent_id": parent_row.id if parent_row else None,
                "position": len(siblings),
                "colour": parse_colour(colour)
                if colour
                else unused_colour(c.colour for c in codebook.codes),
                "description": "",
                "inclusion": "",
                "exclusion": "",
                "examples": [],
                "keywords": {},
                "exclude": None,
                "shortcut": None,
                "codable": True,
                "retired": False,
            },
        )
        record_undoable(
            session,
            changes,
            coder=who,
            action="add_code",
            target_type="code",
            target_id=guid,
            summary=f"add code {clean!r}",
        )
        return guid


def update_code(project: Project, code_ref: str, *, coder: str, **fields) -> str:
    """Change fields of one code (name, colour, definition, criteria, shortcut, flags)."""
    unknown = set(fields) - set(EDITABLE) - {"examples", "keywords", "exclude"}
    if unknown:
        raise UsageError(f"cannot edit {', '.join(sorted(unknown))} of a code")
    if fields.get("colour"):
        fields["colour"] = parse_colour(fields["colour"])
    with project.writing() as session:
        require_lead(session, "editing the codebook")
        codebook = read_codebook(session)
        code = resolve_code(session, code_ref, codebook)
        if "name" in fields:
            siblings = [
                c
                for c in codebook.children(codebook.by_guid()[code.guid].parent)
                if c.guid != code.guid
            ]
            if any(c.name.casefold() == fields["name"].strip().casefold() for c in siblings):
                raise UsageError(f"a sibling of {code.name!r} is already named {fields['name']!r}")
        if fields.get("shortcut") is not None:
            holder = session.scalar(
                select(CodeRow).where(CodeRow.shortcut == fields["shortcut"], CodeRow.id != code.id)
            )
            if holder is not None:
                raise UsageError(f"shortcut {fields['shortcut']} belongs to {holder.name!r}")
        who = coder_id(session, coder)
        changes = ChangeSet(session)
        changes.update("codes", code.id, fields)
        record_undoable(
            session,
            changes,
            coder=who,
            action="edit_code",
            target_type="code",
            target_id=code.guid,
            summary=f"edit code {codebook.path(code.guid)!r}",
        )
        path = codebook.path(code.guid)
        if "name" in fields:  # a renamed code is reported under its new name
            parent, _, _ = path.rpartition(PATH_SEPARATOR)
            name = fields["name"].strip()
            return f"{parent}{PATH_SEPARATOR}{name}" if parent else name
        return path


def delete_code(
    project: Project,
    code_ref: str,
    *,
    coder: str,
    delete_segments: bool = False,
    move_to: str | None = None,
) -> int:
    """Delete a code with no sub-codes; return how many segments were deleted or moved."""
    with project.writing() as session:
        require_lead(session, "editing the codebook")
        codebook = read_codebook(session)
        code = resolve_code(session, code_ref, codebook)
        path = codebook.path(code.guid)
        if codebook.children(code.guid):
            raise UsageError(f"{path!r} has sub-codes; delete or move them first")
        segment_ids = list(session.scalars(select(Segment.id).where(Segment.code_id == code.id)))
        target = None
        if segment_ids and move_to is None and not delete_segments:
            raise UsageError(
                f"{path!r} has {len(segment_ids)} coded segment(s); move them to another code "
                "or delete them explicitly"
            )
        if move_to is not None:
            target = resolve_code(session, move_to, codebook)
            if target.id == code.id:
                raise UsageError("cannot move segments to the code being deleted")
        who = coder_id(session, coder)
        changes = ChangeSet(session)
        for suggestion in session.scalars(
            select(Suggestion.id).where(Suggestion.code_id == code.id)
        ):
            changes.delete("suggestions", suggestion)
        for segment in segment_ids:
            if target is not None:
                changes.update("segments", segment, {"code_id": target.id})
            else:
                changes.delete("segments", segment)
        changes.delete("codes", code.id)
        record_undoable(
            session,
            changes,
            coder=who,
            action="delete_code",
            target_type="code",
            target_id=code.guid,
            summary=f"delete code {path!r}",
        )
        return len(segment_ids)


def move_code(
    project: Project,
    code_ref: str,
    *,
    coder: str,
    parent: str | None = None,
    position: int | None = None,
    to_top_level: bool = False,
) -> str:
    """Move a code under ``parent`` (or to the top level) at ``position`` among its new
    siblings (the end when not given). Siblings are renumbered; one undo step."""
    with project.writing() as session:
        require_lead(session, "editing the codebook")
        codebook = read_codebook(session)
        code = resolve_code(session, code_ref, codebook)
        current = codebook.by_guid()[code.guid]
        if to_top_level:
            new_parent = None
        elif parent is not None:
            new_parent = resolve_code(session, parent, codebook)
            if new_parent.guid == code.guid or new_parent.guid in codebook.descendants(code.guid):
                raise UsageError(f"cannot move {current.name!r} under itself")
        else:
            new_parent = session.get(CodeRow, code.parent_id) if code.parent_id else None
        parent_guid = new_parent.guid if new_parent is not None else None
        siblings = [c for c in codebook.children(parent_guid) if c.guid != code.guid]
        if any(c.name.casefold() == current.name.casefold() for c in siblings):
            raise UsageError(f"a code named {current.name!r} already exists there")
        slot = len(siblings) if position is None else max(0, min(position, len(siblings)))
        order = [c.guid for c in siblings]
        order.insert(slot, code.guid)
        ids = {guid: row_id for guid, row_id in session.execute(select(CodeRow.guid, CodeRow.id))}
        rows = {r.guid: r for r in session.scalars(select(CodeRow).where(CodeRow.guid.in_(order)))}
        changes = ChangeSet(session)
        for index, guid in enumerate(order):
            fields: dict[str, object] = {}
            if rows[guid].position != index:
                fields["position"] = index
            if guid == code.guid and code.parent_id != (ids[parent_guid] if parent_guid else None):
                fields["parent_id"] = ids[parent_guid] if parent_guid else None
            if fields:
                changes.update("codes", ids[guid], fields)
        if not changes.operations:
            return codebook.path(code.guid)
        record_undoable(
            session,
            changes,
            coder=coder_id(session, coder),
            action="move_code",
            target_type="code",
            target_id=code.guid,
            summary=f"move code {codebook.path(code.guid)!r}",
        )
        if parent_guid is None:
            return current.name
        return f"{codebook.path(parent_guid)}{PATH_SEPARATOR}{current.name}"
