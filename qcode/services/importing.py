"""Importing sources into a project: all files in one transaction, duplicates reported."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from qcode.core.duplicates import DuplicateIndex, Match
from qcode.core.errors import InputFileError, UsageError
from qcode.core.records import DocumentRecord
from qcode.core.text import sha256_of
from qcode.io.formats import FileResult, ImportOptions, discover, read_file
from qcode.store.documents import insert_documents, known_documents
from qcode.store.events import coder_id, record_event
from qcode.store.project import Project

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
    report and the rest is imported.
    """
    options = options or ImportOptions()
    files = discover(paths)
    if not files:
        raise UsageError(
            "no importable files found (qcode reads .txt .md .docx .pdf .ris .bib .csv)"
        )
    report = ImportReport(files=[str(f) for f in files])
    imported_at = dt.datetime.now(dt.UTC)
    with project.writing() as session:
        index = DuplicateIndex()
        for known in known_documents(session):
            index.add(
                known.id,
                known.sha256,
                known.doi,
                known.title if known.title_from_metadata else None,
            )
        for number, path in enumerate(files, start=1):
            if progress is not None:
                progress(number - 1, len(files), path.name)
            result = _read(path, options, report, skip_bad, progress, number, len(files))
            if result is None:
                continue
            fresh = _without_duplicates(result.records, index, report, allow_duplicates)
            ids = insert_documents(session, fresh, imported_at)
            report.imported += [
                ImportedDocument(i, r.title, r.source_path, r.source_format, r.language)
                for i, r in zip(ids, fresh, strict=True)
            ]
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


def _read(
    path: Path,
    options: ImportOptions,
    report: ImportReport,
    skip_bad: bool,
    progress: Progress | None,
    number: int,
    total: int,
) -> FileResult | None:
    def records_read(count: int) -> None:
        if progress is not None:
            progress(number - 1, total, f"{path.name}: {count} records")

    try:
        result = read_file(path, options, records_read)
    except InputFileError as exc:
        if not skip_bad:
            raise
        report.bad.append(str(exc))
        return None
    if result.problems and not skip_bad:
        first = result.problems[0]
        more = len(result.problems) - 1
        tail = f" (and {more} more)" if more else ""
        raise InputFileError(
            first.label, f"{first.problem}{tail}; fix it, or import the rest with --skip-bad"
        )
    report.bad += [str(p) for p in result.problems]
    report.skipped += [str(s) for s in result.skipped]
    report.warnings += result.warnings
    return result


def _without_duplicates(
    records: list[DocumentRecord],
    index: DuplicateIndex,
    report: ImportReport,
    allow_duplicates: bool,
) -> list[DocumentRecord]:
    fresh: list[DocumentRecord] = []
    for record in records:
        sha = sha256_of(record.text)
        title = record.title if record.title_from_metadata else None
        match: Match | None = None if allow_duplicates else index.find(sha, record.doi, title)
        if match is not None:
            of = f"document {match.key}" if isinstance(match.key, int) else str(match.key)
            report.duplicates.append(
                SkippedDuplicate(record.label, record.title, match.reason, of, match.score)
            )
            continue
        index.add(record.label, sha, record.doi, title)
        fresh.append(record)
    return fresh
