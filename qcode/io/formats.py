"""Which reader handles which file, and reading one file into document records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from qcode.core.errors import InputFileError
from qcode.core.records import DocumentRecord, RecordProblem, SkippedRecord
from qcode.io import bibtex, csv_in, ris, text_in, wos
from qcode.io.bibliographic import Reference, SkipRecord, to_record
from qcode.io.encoding import (
    detect_encoding,
    dropped_controls,
    head_text,
    iter_lines,
    read_text,
)
from qcode.io.source_files import DEFAULT_MAX_MB, check_source
from qcode.io.tagged_records import RIS, WOS, RawRecord, split_records

EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
    ".pdf": "pdf",
    ".ris": "ris",
    ".bib": "bibtex",
    ".csv": "csv",
}


@dataclass(frozen=True, slots=True)
class ImportOptions:
    max_bytes: int = DEFAULT_MAX_MB * 1_000_000
    skip_title_only: bool = False
    text_column: str | None = None
    title_column: str | None = None
    encoding: str | None = None  # read text files in this encoding instead of detecting it


@dataclass(slots=True)
class FileResult:
    """What one file gave: documents, broken parts, parts left out on purpose, and warnings."""

    path: Path
    format: str
    records: list[DocumentRecord] = field(default_factory=list)
    problems: list[RecordProblem] = field(default_factory=list)
    skipped: list[SkippedRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """The files to import: each file given, and every supported file below each folder."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputFileError(str(path), "no such file or folder")
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in EXTENSIONS
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            found.append(path)
    unique: dict[Path, None] = dict.fromkeys(p.resolve() for p in found)
    return list(unique)


def format_of(path: Path) -> str:
    try:
        return EXTENSIONS[path.suffix.lower()]
    except KeyError:
        known = " ".join(sorted(EXTENSIONS))
        raise InputFileError(
            str(path), f"unsupported file type {path.suffix or '(none)'!r}; qcode reads {known}"
        ) from None


Item = DocumentRecord | RecordProblem | SkippedRecord


@dataclass(slots=True)
class SourceFile:
    """A file opened for import: its format, file-level warnings, and its items, read lazily
    so that a large reference export is never held in memory as records all at once."""

    path: Path
    format: str
    warnings: list[str]
    items: Iterator[Item]


_NAMES = {"ris": "RIS records", "wos": "Web of Science records", "bibtex": "BibTeX entries"}


def open_source(path: Path, options: ImportOptions) -> SourceFile:
    """Open one file for import; raise :class:`InputFileError` if it cannot be read at all.

    Problems found later, inside the items (a broken record), come out as
    :class:`RecordProblem` items; a file that turns out to hold no records at all raises
    :class:`InputFileError` when its items are exhausted.
    """
    kind = format_of(path)
    check_source(path, options.max_bytes)
    if kind == "docx":
        from qcode.io.docx_in import read_docx

        return SourceFile(path, kind, [], iter([read_docx(path)]))
    if kind == "pdf":
        from qcode.io.pdf_in import read_pdf

        return SourceFile(path, kind, [], iter([read_pdf(path)]))
    encoding = detect_encoding(path, options.encoding)
    warnings = [f"{path}: {encoding.warning}"] if encoding.warning else []
    if encoding.controls:
        warnings.append(f"{path}: {dropped_controls(encoding.controls)}")
    if kind == "txt":
        head = head_text(path, encoding)
        if wos.looks_like_wos(head):
            kind = wos.FORMAT
        elif ris.looks_like_ris(head):
            kind = ris.FORMAT
    # Tagged exports are read line by line; the other formats need their whole text.
    if kind == ris.FORMAT:
        lines = iter_lines(path, encoding)
        items = _tagged(split_records(lines, RIS), ris.parse, path, options, kind)
    elif kind == wos.FORMAT:
        lines = iter_lines(path, encoding)
        items = _tagged(split_records(lines, WOS), wos.parse, path, options, kind)
    else:
        text = read_text(path, encoding)
        if kind in {"txt", "md"}:
            record = text_in.to_record(path, text, kind)
            return SourceFile(path, kind, warnings, iter([record]))
        if kind == bibtex.FORMAT:
            items = _bibtex(text, path, options)
        else:
            items = csv_in.records(text, path, options.text_column, options.title_column)
    return SourceFile(path, kind, warnings, _not_empty(items, path, kind))


def _not_empty(items: Iterator[Item], path: Path, kind: str) -> Iterator[Item]:
    seen = False
    for item in items:
        seen = True
        yield item
    if not seen:
        raise InputFileError(str(path), f"no {_NAMES.get(kind, 'records')} found")


def read_file(path: Path, options: ImportOptions) -> FileResult:
    """Read one whole file into a :class:`FileResult` (records, problems, skips, warnings)."""
    source = open_source(path, options)
    result = FileResult(path, source.format, warnings=list(source.warnings))
    for item in source.items:
        if isinstance(item, DocumentRecord):
            result.records.append(item)
            result.warnings += item.warnings
        elif isinstance(item, RecordProblem):
            result.problems.append(item)
        else:
            result.skipped.append(item)
    return result


def _reference_record(
    reference: Reference, path: Path, options: ImportOptions, kind: str, label: str
) -> DocumentRecord | SkippedRecord:
    try:
        return to_record(
            reference,
            source_path=str(path),
            source_format=kind,
            label=label,
            skip_title_only=options.skip_title_only,
        )
    except SkipRecord as skip:
        return SkippedRecord(label, str(skip))


def _tagged(
    records: Iterable[RawRecord], parse, path: Path, options: ImportOptions, kind: str
) -> Iterator[Item]:
    for raw in records:
        label = f"{path} record {raw.number} (line {raw.line})"
        if raw.problem:
            yield RecordProblem(label, raw.problem)
            continue
        yield _reference_record(parse(raw), path, options, kind, label)


def _bibtex(text: str, path: Path, options: ImportOptions) -> Iterator[Item]:
    for entry in bibtex.parse(text, str(path)):
        if entry.reference is None:
            yield RecordProblem(entry.label, entry.problem or "malformed entry")
        else:
            yield _reference_record(entry.reference, path, options, bibtex.FORMAT, entry.label)
