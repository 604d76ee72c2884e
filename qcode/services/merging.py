"""Bringing coders' projects together: ``qcode merge TARGET SOURCE.qcode…``.

Documents are matched by uuid, then by the hash of their text; codes by GUID, then path (then
a unique name); coders by name. What the target lacks is brought in — documents with their
attributes and pages, segments, memos, decisions on suggestions — and what differs is reported,
never overwritten: attribute values, memos, decisions. Codebook differences are applied only
when asked (``codebook=True``, through the codebook merge); a source whose coding uses codes
the target cannot match is refused with the reason. All sources go in one transaction and one
undo step; merging the same source again adds nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from qcode.core.codebook_diff import diff_codebooks
from qcode.core.codebook_merge import merge_codebooks
from qcode.core.errors import UsageError
from qcode.services.merge_coding import Mapping, merge_coding
from qcode.store.bulk import insert_rows
from qcode.store.changes import ChangeSet
from qcode.store.codebooks import read_codebook, write_codebook
from qcode.store.copying import table
from qcode.store.events import coder_id
from qcode.store.location import resolve
from qcode.store.models import CodeRow, Document, DocumentAttribute, DocumentPage, Segment
from qcode.store.project import Project
from qcode.store.team import require_lead
from qcode.store.undo_log import record_undoable


@dataclass
class MergeReport:
    """What merging one source did (or, in a dry run, would do)."""

    source: str
    documents_matched: int = 0
    documents_added: int = 0
    attributes_added: int = 0
    segments_added: int = 0
    segments_present: int = 0
    memos_added: int = 0
    decisions_added: int = 0
    conflicts: list[str] = field(default_factory=list)
    codebook_differences: list[str] = field(default_factory=list)
    codebook_applied: bool = False

    def as_json(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


class _DryRun(Exception):
    pass


def merge_projects(
    target: Project,
    sources: Sequence[str | os.PathLike[str]],
    *,
    coder: str,
    dry_run: bool = False,
    codebook: bool = False,
    labels: Sequence[str] = (),
    also: Callable[[Session], None] | None = None,
) -> list[MergeReport]:
    """Merge every source into ``target`` in one transaction (rolled back for a dry run).

    ``labels`` name the sources in the reports (for a project read from another format);
    ``also`` makes one more change in the same transaction.
    """
    if not sources:
        raise UsageError("give at least one SOURCE project to merge")
    reports: list[MergeReport] = []
    try:
        with target.writing() as session:
            require_lead(session, "merging projects")
            changes = ChangeSet(session)
            for number, reference in enumerate(sources):
                location = resolve(reference)
                if _same_file(location.path, target.location.path):
                    raise UsageError(f"{location.display()}: is the target itself")
                with Project.open(location) as source, source.reading() as incoming:
                    given = labels[number] if number < len(labels) else ""
                    label = given or location.display()
                    report = MergeReport(label)
                    _merge_one(incoming, session, changes, report, codebook)
                    reports.append(report)
            if also is not None:
                also(session)
            if dry_run:
                raise _DryRun
            if changes.operations:
                who = coder_id(session, coder)
                names = ", ".join(r.source for r in reports)
                record_undoable(
                    session,
                    changes,
                    coder=who,
                    action="merge",
                    target_type="project",
                    target_id=None,
                    summary=f"merge {names}",
                )
    except _DryRun:
        pass
    return reports


def _same_file(first, second) -> bool:
    return first is not None and second is not None and first.resolve() == second.resolve()


def _merge_one(
    source: Session, target: Session, changes: ChangeSet, report: MergeReport, codebook: bool
) -> None:
    codes = _match_codebooks(source, target, report, codebook)
    documents = _merge_documents(source, target, changes, report)
    mapping = Mapping(documents=documents, codes=codes)
    merge_coding(source, target, changes, mapping, report)


def _match_codebooks(
    source: Session, target: Session, report: MergeReport, apply: bool
) -> dict[int, int]:
    """Source code id → target code id; applies the codebook merge when ``apply``."""
    theirs, ours = read_codebook(source), read_codebook(target)
    difference = diff_codebooks(ours, theirs)
    paths = theirs.paths()
    for code in difference.added:
        report.codebook_differences.append(f"only in the source: {paths[code.guid]}")
    for pair in difference.renamed():
        report.codebook_differences.append(f"renamed: {pair.old.name!r} → {pair.new.name!r}")
    for pair, fields in difference.updated():
        report.codebook_differences.append(f"{pair.new.name}: differs in {', '.join(fields)}")
    if apply and not difference.is_empty():
        merged = merge_codebooks(ours, theirs).codebook
        write_codebook(target, merged)
        report.codebook_applied = True
        difference = diff_codebooks(read_codebook(target), theirs)
    used = set(source.scalars(select(Segment.code_id).distinct()))
    source_ids = dict(source.execute(select(CodeRow.guid, CodeRow.id)).all())
    target_ids = dict(target.execute(select(CodeRow.guid, CodeRow.id)).all())
    mapping = {source_ids[p.new.guid]: target_ids[p.old.guid] for p in difference.pairs}
    unusable = sorted(
        paths[guid] for guid, ident in source_ids.items() if ident not in mapping and ident in used
    )
    if unusable:
        more = f" and {len(unusable) - 5} more" if len(unusable) > 5 else ""
        listed = "; ".join(unusable[:5]) + more
        raise UsageError(
            f"{report.source}: its coding uses codes this project's codebook cannot match "
            f"({listed}); merge with --codebook to add them"
        )
    return mapping


def _merge_documents(
    source: Session, target: Session, changes: ChangeSet, report: MergeReport
) -> dict[int, int]:
    """Source document id → target document id, adding the documents the target lacks."""
    by_uuid = dict(target.execute(select(Document.uuid, Document.id)).all())
    by_hash: dict[str, int] = {}
    for sha, ident in target.execute(select(Document.sha256, Document.id).order_by(Document.id)):
        by_hash.setdefault(sha, ident)
    mapping: dict[int, int] = {}
    columns = [c.name for c in table("documents").columns if c.name != "id"]
    added: list[tuple[int, dict]] = []
    for row in source.execute(select(table("documents"))).mappings():
        found = by_uuid.get(row["uuid"]) or by_hash.get(row["sha256"])
        if found is not None:
            mapping[row["id"]] = found
            report.documents_matched += 1
            continue
        added.append((row["id"], {c: row[c] for c in columns}))
    new_ids = changes.insert_many("documents", [values for _, values in added])
    for (source_id, _), new_id in zip(added, new_ids, strict=True):
        mapping[source_id] = new_id
    report.documents_added += len(added)
    _merge_attributes(source, target, changes, mapping, report)
    _add_pages(source, target, changes, mapping)
    return mapping


def _attributes(session: Session) -> dict[int, dict[str, list[dict]]]:
    """Every document's attribute values, by document id and name."""
    query = select(DocumentAttribute).order_by(
        DocumentAttribute.document_id, DocumentAttribute.name, DocumentAttribute.position
    )
    found: dict[int, dict[str, list[dict]]] = {}
    for attr in session.scalars(query):
        found.setdefault(attr.document_id, {}).setdefault(attr.name, []).append(
            {
                "position": attr.position,
                "value_type": attr.value_type,
                "text_value": attr.text_value,
                "number_value": attr.number_value,
                "date_value": attr.date_value,
            }
        )
    return found


def _shown(values: list[dict]) -> str:
    return "; ".join(str(v[f"{v['value_type']}_value"]) for v in values)


def _merge_attributes(
    source: Session,
    target: Session,
    changes: ChangeSet,
    mapping: dict[int, int],
    report: MergeReport,
) -> None:
    theirs, ours = _attributes(source), _attributes(target)
    rows = []
    for source_doc, names in theirs.items():
        document = mapping[source_doc]
        present = ours.get(document, {})
        for name, values in names.items():
            if name not in present:
                rows += [{"document_id": document, "name": name, **v} for v in values]
                report.attributes_added += 1
                continue
            strip = [{k: v for k, v in d.items() if k != "position"} for d in values]
            mine = [{k: v for k, v in d.items() if k != "position"} for d in present[name]]
            if strip != mine:
                report.conflicts.append(
                    f"document {document}: {name} is {_shown(present[name])!r} here and "
                    f"{_shown(values)!r} in the source; kept this project's"
                )
    changes.insert_many("document_attributes", rows)


def _add_pages(
    source: Session, target: Session, changes: ChangeSet, mapping: dict[int, int]
) -> None:
    having = set(target.scalars(select(DocumentPage.document_id).distinct()))
    rows = [
        {"document_id": mapping[d], "page_number": p, "start_offset": s}
        for d, p, s in source.execute(
            select(DocumentPage.document_id, DocumentPage.page_number, DocumentPage.start_offset)
        )
        if mapping[d] not in having
    ]
    if rows:
        # Pages have a composite key (no id): inserted plainly, removed with their document.
        columns = list(rows[0])
        insert_rows(target, table("document_pages"), columns, [tuple(r.values()) for r in rows])
