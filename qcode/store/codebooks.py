"""Reading and writing the project's codebook, and how much each code is used."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qcode.core.codebook import Code, Codebook
from qcode.store.models import CodebookRow, CodeRow, Segment
from qcode.store.settings import only_coder

_CODEBOOK_ID = 1  # a project holds one codebook


def read_codebook(session: Session) -> Codebook:
    """The project's codebook (an empty one when none was loaded), codes in tree order."""
    row = session.get(CodebookRow, _CODEBOOK_ID)
    # Plain rows, not ORM objects: every coding action reads the codebook, and building
    # objects tracked by the session cost half of it.
    rows = session.execute(
        select(
            CodeRow.id,
            CodeRow.guid,
            CodeRow.name,
            CodeRow.parent_id,
            CodeRow.colour,
            CodeRow.description,
            CodeRow.inclusion,
            CodeRow.exclusion,
            CodeRow.examples,
            CodeRow.keywords,
            CodeRow.exclude,
            CodeRow.shortcut,
            CodeRow.codable,
            CodeRow.retired,
        ).order_by(CodeRow.position, CodeRow.id)
    ).all()
    guid_of = {r.id: r.guid for r in rows}
    codes = tuple(
        Code(
            guid=r.guid,
            name=r.name,
            parent=guid_of.get(r.parent_id) if r.parent_id is not None else None,
            colour=r.colour,
            description=r.description,
            inclusion=r.inclusion,
            exclusion=r.exclusion,
            examples=tuple(r.examples or ()),
            keywords={lang: tuple(words) for lang, words in (r.keywords or {}).items()},
            exclude={lang: tuple(words) for lang, words in (r.exclude or {}).items()},
            shortcut=r.shortcut,
            codable=r.codable,
            retired=r.retired,
        )
        for r in rows
    )
    if row is None:
        return Codebook(title="", codes=codes)
    return Codebook(
        title=row.title,
        version=row.version,
        authors=tuple(row.authors),
        languages=tuple(row.languages),
        licence=row.licence,
        created=row.created,
        updated=row.updated,
        codes=codes,
    ).in_tree_order()


def segment_counts(session: Session, *, shown: bool = False) -> dict[str, int]:
    """Number of coded segments per code GUID (codes without any are left out); ``shown``:
    only the segments the session's viewer may see (their own, while blind coding is on)."""
    query = (
        select(CodeRow.guid, func.count(Segment.id))
        .join(Segment, Segment.code_id == CodeRow.id)
        .group_by(CodeRow.guid)
    )
    only = only_coder(session) if shown else None
    if only is not None:
        query = query.where(Segment.coder_id == only)
    return {guid: count for guid, count in session.execute(query)}


def write_codebook(session: Session, codebook: Codebook, delete: Sequence[str] = ()) -> None:
    """Make the stored codebook equal ``codebook``; delete the codes whose GUIDs are listed.

    Codes are matched by GUID, so rows (and the segments that point at them) are updated in
    place. Stored codes neither in ``codebook`` nor in ``delete`` are left as they are.
    """
    row = session.get(CodebookRow, _CODEBOOK_ID)
    if row is None:
        row = CodebookRow(id=_CODEBOOK_ID)
        session.add(row)
    row.title = codebook.title
    row.version = codebook.version
    row.authors = list(codebook.authors)
    row.languages = list(codebook.languages)
    row.licence = codebook.licence
    row.created = codebook.created
    row.updated = codebook.updated
    session.flush()
    existing = {r.guid: r for r in session.scalars(select(CodeRow))}
    positions: dict[str | None, int] = {}
    for code in codebook.codes:
        stored = existing.get(code.guid)
        if stored is None:
            stored = CodeRow(guid=code.guid, codebook_id=_CODEBOOK_ID)
            session.add(stored)
            existing[code.guid] = stored
        position = positions.get(code.parent, 0)
        positions[code.parent] = position + 1
        stored.name = code.name
        stored.position = position
        stored.colour = code.colour
        stored.description = code.description
        stored.inclusion = code.inclusion
        stored.exclusion = code.exclusion
        stored.examples = list(code.examples)
        stored.keywords = {lang: list(words) for lang, words in code.keywords.items()}
        stored.exclude = {lang: list(words) for lang, words in code.exclude.items()} or None
        stored.shortcut = code.shortcut
        stored.codable = code.codable
        stored.retired = code.retired
    session.flush()
    for code in codebook.codes:
        parent = existing[code.parent].id if code.parent else None
        existing[code.guid].parent_id = parent
    session.flush()
    doomed = [existing[g] for g in delete if g in existing]
    for stored in doomed:
        stored.parent_id = None
    session.flush()
    for stored in doomed:
        session.delete(stored)
    session.flush()
