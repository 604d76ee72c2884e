"""CSV tables of sources: one document per row, one column of text, the rest as attributes."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from qcode.core.attributes import AttributeValue, check_name, infer_value
from qcode.core.errors import InputFileError, UsageError
from qcode.core.language import detect_language
from qcode.core.records import DocumentRecord, RecordProblem, SkippedRecord
from qcode.core.text import collapse_spaces, normalise

FORMAT = "csv"
_TEXT_NAMES = ("abstract", "text", "content", "body", "abstrak", "teks", "isi", "full text")
_TITLE_NAMES = ("title", "judul", "name", "nama")
_LIST_COLUMNS = {
    "author": "author",
    "authors": "author",
    "penulis": "author",
    "keywords": "keyword",
    "keyword": "keyword",
    "kata kunci": "keyword",
}


@dataclass(frozen=True, slots=True)
class CsvColumns:
    text: str
    title: str | None


def _pick(header: list[str], wanted: str | None, names: tuple[str, ...], what: str, path: Path):
    lowered = {h.strip().casefold(): h for h in header}
    if wanted is not None:
        if wanted.strip().casefold() not in lowered:
            raise InputFileError(
                str(path), f"no {what} column {wanted!r}; columns are: {', '.join(header)}"
            )
        return lowered[wanted.strip().casefold()]
    for name in names:
        if name in lowered:
            return lowered[name]
    return None


def choose_columns(
    header: list[str], rows: list[dict[str, str]], path: Path, text: str | None, title: str | None
) -> CsvColumns:
    """The text and title columns: as named by the user, by a known name, or by content."""
    text_column = _pick(header, text, _TEXT_NAMES, "text", path)
    title_column = _pick(header, title, _TITLE_NAMES, "title", path)
    if text_column is None:
        # The column with the longest cells is the prose.
        sample = rows[:200]
        candidates = [h for h in header if h != title_column]
        if not candidates:
            raise InputFileError(str(path), "no column left to use as text (use --text-column)")
        text_column = max(candidates, key=lambda h: sum(len(r.get(h) or "") for r in sample))
    return CsvColumns(text_column, title_column)


def guess_delimiter(text: str) -> str:
    """The separator the header row uses most: column names rarely contain one, while
    cells often do (csv.Sniffer is misled by "Sari, D" in a semicolon-separated file)."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    return max(",;\t|", key=lambda d: (header.count(d), d == ","))


def read_rows(text: str, path: Path) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text), delimiter=guess_delimiter(text))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise InputFileError(str(path), f"malformed CSV at line {reader.line_num}: {exc}") from None
    header = [h for h in (reader.fieldnames or []) if h is not None]
    if not header:
        raise InputFileError(str(path), "no header row")
    if not rows:
        raise InputFileError(str(path), "a header but no rows")
    return header, rows


def _attributes(row: dict[str, str], columns: list[str]) -> list[tuple[str, AttributeValue]]:
    found: list[tuple[str, AttributeValue]] = []
    for column in columns:
        value = (row.get(column) or "").strip()
        if not value:
            continue
        try:
            name = check_name(column)
        except UsageError:
            continue
        if name in _LIST_COLUMNS:
            found += [(_LIST_COLUMNS[name], v.strip()) for v in value.split(";") if v.strip()]
        else:
            found.append((name, infer_value(value)[1]))
    return found


def records(
    text: str, path: Path, text_column: str | None, title_column: str | None
) -> Iterator[DocumentRecord | RecordProblem | SkippedRecord]:
    header, rows = read_rows(text, path)
    columns = choose_columns(header, rows, path, text_column, title_column)
    others = [h for h in header if h not in {columns.text, columns.title}]
    for number, row in enumerate(rows, start=1):
        label = f"{path} row {number}"
        if None in row:
            yield RecordProblem(label, "more cells than the header has columns")
            continue
        body = normalise(row.get(columns.text) or "")
        if not body:
            yield SkippedRecord(label, f"empty {columns.text!r} cell; skipped")
            continue
        title = collapse_spaces(row.get(columns.title) or "") if columns.title else ""
        attributes = _attributes(row, others)
        if title:
            attributes.insert(0, ("title", title))
        yield DocumentRecord(
            title=title or f"{path.stem} row {number}",
            text=body,
            source_path=str(path),
            source_format=FORMAT,
            language=detect_language(body),
            attributes=attributes,
            title_from_metadata=bool(title),
            label=label,
        )
