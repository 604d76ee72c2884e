"""Importing sources into a project: all files in one transaction, duplicates reported."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from qcode.core.duplicates import DuplicateIndex
from qcode.core.errors import InputFileError, UsageError
from qcode.core.records import DocumentRecord, RecordProblem, SkippedRecord
from qcode.core.text import escape_undecodable, sha256_of
from qcode.io.formats import ImportOptions, discover, open_source
from qcode.store.documents import insert_documents, known_documents
from qcode.store.events import coder_id, record_event
from qcode.store.project import Project
from qcode.store.team import require_lead

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, what)``; ``total`` is 0 when it is not known."""


@dataclass(frozen=True, slots=True)
class ImportedDocument:
    id: int
    title: str
    source: str
    format: str
    language: str


@dataclass(frozen=True, slots=True)
class SkippedDuplicate:
    label: str
    title: str
    reason: str  # "text", "doi" or "title"
    duplicate_of: str  # "document 12" or the label of an earlier record of this import
    score: float


@dataclass(slots=True)
class ImportReport:
    files: list[str] = field(default_factory=list)
    imported: list[ImportedDocument] = field(default_factory=list)
    duplicates: list[SkippedDuplicate] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


_BATCH = 500
_REPORT_EVERY = 250


@dataclass(slots=True)
class _Run:
    """The state of one import while it streams through its files."""

    report: ImportReport
    index: DuplicateIndex
    options: ImportOptions
    skip_bad: bool
    allow_duplicates: bool
    imported_at: dt.datetime
    progress: Progress | None
    total: int


def import_paths(
    project: Project,
    paths: Iterable[str | Path],
    *,
    coder: str,
    options: ImportOptions | None = None,
    skip_bad: bool = False,
    allow_duplicates: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import files and folders; either everything good is stored or, on error, nothing.

    Without ``skip_bad`` the first unreadable file or broken record aborts the whole import
    and the project is left as it was. With it, bad files and records are listed in the
    report and the rest is imported. Records stream from each file into the database in
    batches, so a large export is never held in memory whole.
    """
    files = discover(paths)
    if not files:
        raise UsageError(
            "no importable files found (qcode reads .txt .md .docx .pdf .ris .bib .csv)"
        )
    report = ImportReport(files=[escape_undecodable(str(f)) for f in files])
    with project.writing() as session:
        require_lead(session, "importing documents")
        run = _Run(
            report,
            DuplicateIndex(),
            options or ImportOptions(),
            skip_bad,
            allow_duplicates,
            dt.datetime.now(dt.UTC),
            progress,
            len(files),
        )
        for known in known_documents(session):
            title = known.title if known.title_from_metadata else None
            run.index.add(known.id, known.sha256, known.doi, title)
        for number, path in enumerate(files):
            if progress is not None:
                progress(number, len(files), path.name)
            _import_file(session, run, path, number)
        if progress is not None:
            progress(len(files), len(files), "done")
        if report.imported:
            record_event(
                session,
                coder=coder_id(session, coder),
                action="import",
                target_type="documents",
                after={
                    "files": report.files,
                    "document_ids": [d.id for d in report.imported],
                    "duplicates_skipped": len(report.duplicates),
                    "bad": report.bad,
                },
            )
    return report


def _import_file(session: Session, run: _Run, path: Path, number: int) -> None:
    report = run.report
    batch: list[DocumentRecord] = []
    try:
        source = open_source(path, run.options)
        report.warnings += source.warnings
        for count, item in enumerate(source.items, start=1):
            if run.progress is not None and count % _REPORT_EVERY == 0:
                run.progress(number, run.total, f"{path.name}: {count} records")
            if isinstance(item, RecordProblem):
                if not run.skip_bad:
                    raise InputFileError(
                        item.label, f"{item.problem}; fix it, or import the rest with --skip-bad"
                    )
                report.bad.append(str(item))
            elif isinstance(item, SkippedRecord):
                report.skipped.append(str(item))
            else:
                report.warnings += item.warnings
                if _is_new(item, run):
                    batch.append(item)
                if len(batch) >= _BATCH:
                    _store(session, batch, run)
                    batch = []
    except InputFileError as exc:
        # Raised before any record of the file was read (unreadable, empty, no records),
        # or for a broken record without --skip-bad, which aborts the whole import.
        if not run.skip_bad:
            raise
        report.bad.append(str(exc))
        return
    _store(session, batch, run)


def _is_new(record: DocumentRecord, run: _Run) -> bool:
    sha = sha256_of(record.text)
    if run.allow_duplicates:
        return True
    title = record.title if record.title_from_metadata else None
    match = run.index.add_unless_known(record.label, sha, record.doi, title)
    if match is None:
        return True
    of = f"document {match.key}" if isinstance(match.key, int) else str(match.key)
    run.report.duplicates.append(
        SkippedDuplicate(record.label, record.title, match.reason, of, match.score)
    )
    return False


def _store(session: Session, records: list[DocumentRecord], run: _Run) -> None:
    ids = insert_documents(session, records, run.imported_at)
    run.report.imported += [
        ImportedDocument(i, r.title, r.source_path, r.source_format, r.language)
        for i, r in zip(ids, records, strict=True)
    ]
