"""Writing matrices: CSV, XLSX (one sheet per matrix), Markdown and JSON.

Layouts (documented in README):

- CSV: a header row (an empty corner cell, the column labels, "Total"), then one row per
  matrix row (its label, the values, its total) and a last "Total" row. Excerpt cells hold
  the passages separated by blank lines. UTF-8 with a byte-order mark, so Excel reads it.
- XLSX: the same table with a bold header, frozen panes, widths to fit, code colours on
  code headers, wrapped excerpt cells, and zero counts left blank; a "Parameters" sheet
  says how it was made.
- Markdown: a pipe table, the parameters above it.
- JSON: ``measure``, ``parameters``, ``rows``, ``cols``, ``cells`` (row-major), totals.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from qcode.core.colours import text_colour_on
from qcode.core.errors import UsageError
from qcode.core.matrix import Header, Matrix, trim
from qcode.io.atomic import atomic_output
from qcode.io.xlsx_cells import value_cell

FORMATS = (".csv", ".xlsx", ".md", ".json")
EXCERPT_CHARS = 300  # an excerpt in a table cell is trimmed to this length


def write_matrix(matrix: Matrix, out: Path, title: str = "Matrix") -> None:
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"{out}: write a matrix as {', '.join(FORMATS)}")
    with atomic_output(out) as scratch:
        if suffix == ".csv":
            _csv(matrix, scratch)
        elif suffix == ".xlsx":
            write_xlsx([(title, matrix)], scratch)
        elif suffix == ".md":
            scratch.write_text(markdown(matrix, title), encoding="utf-8")
        else:
            scratch.write_text(
                json.dumps(matrix.to_json(), ensure_ascii=False, indent=1, default=str),
                encoding="utf-8",
            )


def row_label(header: Header) -> str:
    return header.detail if header.detail and header.depth else header.label


def cell_text(matrix: Matrix, value: Any, limit: int | None = EXCERPT_CHARS) -> str:
    if matrix.measure != "excerpts":
        return str(value)
    texts = [trim(e.text, limit) if limit else e.text for e in value]
    return "\n\n".join(texts)


def _has_totals(matrix: Matrix) -> bool:
    return not matrix.textual and bool(matrix.row_totals or matrix.col_totals)


def table_rows(matrix: Matrix, limit: int | None = EXCERPT_CHARS) -> list[list[str | int | float]]:
    """Header row, body rows and a totals row, as plain values."""
    totals = _has_totals(matrix)
    head: list[str | int | float] = ["", *[c.label for c in matrix.cols]]
    if totals:
        head.append("Total")
    rows = [head]
    for r in matrix.rows:
        line: list[str | int | float] = [row_label(r)]
        for c in matrix.cols:
            value = matrix.value(r.key, c.key)
            line.append(value if matrix.measure != "excerpts" else cell_text(matrix, value, limit))
        if totals:
            line.append(matrix.row_totals.get(r.key, 0))
        rows.append(line)
    if totals:
        rows.append(
            ["Total", *[matrix.col_totals.get(c.key, 0) for c in matrix.cols], matrix.total]
        )
    return rows


def _csv(matrix: Matrix, path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(table_rows(matrix, limit=None))


def _escape(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", "<br>")


def markdown(matrix: Matrix, title: str = "Matrix") -> str:
    rows = table_rows(matrix)
    lines = [f"# {title}", ""]
    lines += [
        f"- {name}: {value}" for name, value in matrix.parameters.items() if value not in ([], "")
    ]
    lines.append("")
    lines.append("| " + " | ".join(_escape(v) for v in rows[0]) + " |")
    lines.append(
        "|" + "|".join(["---"] + ["---" if matrix.textual else "--:"] * (len(rows[0]) - 1)) + "|"
    )
    lines += ["| " + " | ".join(_escape(v) for v in row) + " |" for row in rows[1:]]
    return "\n".join(lines) + "\n"


def write_xlsx(sheets: Sequence[tuple[str, Matrix]], path: Path) -> None:
    """One sheet per matrix (write-only mode, so 10,000 columns stay fast), and one sheet
    with the parameters of each."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    used: set[str] = set()
    for title, matrix in sheets:
        _matrix_sheet(book.create_sheet(_sheet_name(title, used)), matrix)
    info = book.create_sheet(_sheet_name("Parameters", used))
    info.append(["matrix", "parameter", "value"])
    for title, matrix in sheets:
        info.append([title, "measure", matrix.measure])
        for name, value in matrix.parameters.items():
            shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            info.append([title, name, shown])
    book.save(path)


def _header_cell(sheet, header: Header | None, text: str):
    from openpyxl.styles import Font, PatternFill

    cell = value_cell(sheet, text, bold=True)
    if header is not None and header.colour:
        cell.fill = PatternFill("solid", fgColor=header.colour.lstrip("#").upper())
        cell.font = Font(bold=True, color=text_colour_on(header.colour).lstrip("#"))
    return cell


def _matrix_sheet(sheet, matrix: Matrix) -> None:
    from openpyxl.utils import get_column_letter

    excerpts = matrix.textual
    sheet.freeze_panes = "B2"
    labels = [len(row_label(r)) + 2 for r in matrix.rows]
    sheet.column_dimensions["A"].width = min(60, max([12, *labels]))
    for index in range(len(matrix.cols) + 1):
        sheet.column_dimensions[get_column_letter(index + 2)].width = 50 if excerpts else 14
    totals = _has_totals(matrix)
    rows = table_rows(matrix)
    sheet.append(
        [_header_cell(sheet, None, "")]
        + [_header_cell(sheet, c, c.label) for c in matrix.cols]
        + ([_header_cell(sheet, None, "Total")] if totals else [])
    )
    for r, values in zip(matrix.rows, rows[1 : 1 + len(matrix.rows)], strict=True):
        line = [_header_cell(sheet, r, str(values[0]))]
        if excerpts:
            line += [value_cell(sheet, value, wrap=True) for value in values[1:]]
        else:  # plain numbers as they are (fastest); a zero stays blank, as it reads best
            line += [value or None for value in values[1:]]
        sheet.append(line)
    if totals:
        last = rows[-1]
        sheet.append([_header_cell(sheet, None, "Total"), *last[1:]])


def _sheet_name(title: str, used: set[str]) -> str:
    clean = "".join("-" if ch in "[]:*?/\\" else ch for ch in title).strip() or "Matrix"
    name = clean[:31]
    number = 2
    while name.casefold() in used:
        suffix = f" ({number})"
        name = clean[: 31 - len(suffix)] + suffix
        number += 1
    used.add(name.casefold())
    return name
