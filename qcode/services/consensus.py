"""Where two coders differ, and the consensus coding decided from it.

``disagreements`` lists the units (document, paragraph, sentence or character run) that both
coders reached and coded differently: the codes each gave the unit differ (with a code named,
whether each gave it, a sub-code counting for its parent). ``decide`` takes one coder's coding
of such a unit, both, or neither into the consensus coder; ``adopt`` copies chosen segments
there. Each is one undo step of the person deciding.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qcode.core.agreement_units import UNITS, CodedSpans, UnitTable, text_units
from qcode.core.citations import citation
from qcode.core.errors import UsageError
from qcode.services.agreement import chains, chosen_coders, refuse_blind
from qcode.services.coding import NewSegment, add_segments, resolve_code
from qcode.services.documents import resolve_document
from qcode.store.changes import ChangeSet
from qcode.store.codebooks import read_codebook
from qcode.store.coded_spans import document_lengths, document_texts
from qcode.store.documents import citation_facts
from qcode.store.events import coder_id
from qcode.store.models import CodeRow, Document, Segment
from qcode.store.project import Project
from qcode.store.settings import read_settings
from qcode.store.team import require_lead
from qcode.store.undo_log import record_undoable

TAKES = ("first", "second", "both", "neither")


@dataclass(frozen=True, slots=True)
class Disagreement:
    document: int
    citation: str
    start: int
    end: int
    text: str
    first: tuple[str, ...]  # the first coder's code paths on the unit
    second: tuple[str, ...]
    first_segments: tuple[int, ...]  # their segment ids, for taking their coding
    second_segments: tuple[int, ...]
    first_spans: tuple[tuple[int, int], ...] = ()  # their segments' spans, for showing
    second_spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class _Seg:
    id: int
    document: int
    code: str
    coder: int
    start: int
    end: int


def _segments(session: Session, coder_ids: Sequence[int]) -> list[_Seg]:
    query = (
        select(
            Segment.id,
            Segment.document_id,
            CodeRow.guid,
            Segment.coder_id,
            Segment.start_offset,
            Segment.end_offset,
        )
        .join(CodeRow, CodeRow.id == Segment.code_id)
        .where(Segment.coder_id.in_(list(coder_ids)))
        .order_by(Segment.document_id, Segment.start_offset, Segment.id)
    )
    return [_Seg(*row) for row in session.execute(query)]


def disagreements(
    project: Project,
    coders: Sequence[str],
    *,
    unit: str = "sentence",
    code: str | None = None,
) -> list[Disagreement]:
    """The units both coders reached and coded differently, in document order."""
    if unit not in UNITS:
        raise UsageError(f"--unit must be one of {', '.join(UNITS)}")
    if len(coders) != 2:
        raise UsageError("give exactly two coders: --coders A,B")
    with project.reading() as session:
        refuse_blind(session)
        chosen = chosen_coders(session, coders)
        first, second = chosen.values()
        codebook = read_codebook(session)
        paths = codebook.paths()
        roll = chains(codebook)
        scope = resolve_code(session, code, codebook).guid if code else None
        every = _segments(session, [first, second])
        # Documents both reached (coded anything in): only there can they disagree.
        both = {s.document for s in every if s.coder == first} & {
            s.document for s in every if s.coder == second
        }
        segments = [
            s
            for s in every
            if s.document in both and (scope is None or scope in roll.get(s.code, ()))
        ]
        table = _units(session, unit, segments, sorted(both))
        texts = document_texts(session, table.documents)
        cites = {
            ident: citation(facts, title)
            for ident, title, facts in citation_facts(session, ids=table.documents)
        }
    found: dict[int, tuple[dict[int, set[str]], dict[int, list[_Seg]]]] = {}
    for s in segments:
        for row in table.overlapping(s.document, s.start, s.end):
            labels, ids = found.setdefault(row, ({first: set(), second: set()}, {}))
            labels[s.coder].add(paths.get(scope if scope else s.code, s.code))
            ids.setdefault(s.coder, []).append(s)
    result = []
    for row in sorted(found):
        labels, chosen = found[row]
        if labels[first] == labels[second]:
            continue
        document, start, end = table.spans[row]
        result.append(
            Disagreement(
                document,
                cites.get(document, ""),
                start,
                end,
                texts[document][start:end],
                tuple(sorted(labels[first])),
                tuple(sorted(labels[second])),
                tuple(s.id for s in chosen.get(first, ())),
                tuple(s.id for s in chosen.get(second, ())),
                tuple((s.start, s.end) for s in chosen.get(first, ())),
                tuple((s.start, s.end) for s in chosen.get(second, ())),
            )
        )
    return result


def _units(session: Session, unit: str, segments: list[_Seg], documents: list[int]) -> UnitTable:
    if unit == "character":
        rows = [(s.document, 0, 0, s.start, s.end) for s in segments]
        spans = CodedSpans.from_rows(rows)
        return UnitTable.of_characters(document_lengths(session, documents), spans, 1)
    if unit == "document":
        units = {d: [(0, n)] for d, n in document_lengths(session, documents).items()}
    else:
        units = {d: text_units(t, unit) for d, t in document_texts(session, documents).items()}
    return UnitTable(units, {}, 1)


def comparable_coders(project: Project) -> list[str]:
    """Everyone who has coded, but the consensus coder, by name."""
    with project.reading() as session:
        refuse_blind(session)
        return list(chosen_coders(session, [], at_least=0))


def consensus_coder(project: Project) -> str:
    with project.reading() as session:
        return read_settings(session)["consensus_coder"]


def _copy(
    session: Session, changes: ChangeSet, segment_ids: Sequence[int], target: int
) -> list[int]:
    rows = session.execute(
        select(Segment, Document, CodeRow)
        .join(Document, Document.id == Segment.document_id)
        .join(CodeRow, CodeRow.id == Segment.code_id)
        .where(Segment.id.in_(list(segment_ids)))
    ).all()
    found = {segment.id for segment, _, _ in rows}
    missing = [str(i) for i in segment_ids if i not in found]
    if missing:
        raise UsageError(f"no segment {', '.join(missing)}; list them with 'qcode segments'")
    entries = [
        NewSegment(document, code, segment.start_offset, segment.end_offset, segment.memo, "manual")
        for segment, document, code in rows
    ]
    return [i for i in add_segments(session, changes, target, entries) if i is not None]


def adopt(project: Project, segment_ids: Sequence[int], *, as_coder: str, coder: str) -> int:
    """Copy the segments to ``as_coder`` (one undo step); returns how many were new."""
    if not segment_ids:
        raise UsageError("give the ids of the segments to adopt")
    with project.writing() as session:
        require_lead(session, "deciding consensus")
        refuse_blind(session)
        target = coder_id(session, as_coder)
        changes = ChangeSet(session)
        added = _copy(session, changes, segment_ids, target)
        if added:
            record_undoable(
                session,
                changes,
                coder=coder_id(session, coder),
                action="adopt",
                target_type="segment",
                target_id=None,
                summary=f"adopt {len(added)} segment(s) as {as_coder}",
            )
        return len(added)


def decide(
    project: Project,
    item: Disagreement,
    take: str,
    *,
    as_coder: str,
    coder: str,
    code: str | None = None,
) -> int:
    """Make ``as_coder``'s coding of the unit the first coder's, the second's, both or
    neither (replacing what ``as_coder`` had there); returns the segments now there."""
    if take not in TAKES:
        raise UsageError(f"take one of {', '.join(TAKES)}")
    with project.writing() as session:
        require_lead(session, "deciding consensus")
        refuse_blind(session)
        target = coder_id(session, as_coder)
        codebook = read_codebook(session)
        scope = resolve_code(session, code, codebook).guid if code else None
        roll = chains(codebook)
        changes = ChangeSet(session)
        for seg in _segments(session, [target]):
            overlaps = (
                seg.document == item.document and seg.start < item.end and seg.end > item.start
            )
            if overlaps and (scope is None or scope in roll.get(seg.code, ())):
                changes.delete("segments", seg.id)
        chosen = {
            "first": item.first_segments,
            "second": item.second_segments,
            "both": item.first_segments + item.second_segments,
            "neither": (),
        }[take]
        added = _copy(session, changes, chosen, target) if chosen else []
        if changes.operations:
            document = resolve_document(session, str(item.document))
            record_undoable(
                session,
                changes,
                coder=coder_id(session, coder),
                action="consensus",
                target_type="document",
                target_id=document.id,
                summary=f"consensus on document {document.id} [{item.start}, {item.end}): {take}",
            )
        return len(added)
