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
- LaTeX: a booktabs table (longtable when long) in a document that compiles with pdflatex.
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
from qcode.core.report_labels import axis_words, labels_for
from qcode.core.spreadsheet_cells import neutralised
from qcode.io.atomic import atomic_output, spill_folder
from qcode.io.latex_tables import Raw, escape, github_table, latex_document, latex_table, tsv_table
from qcode.io.xlsx_cells import value_cell

FORMATS = (".csv", ".xlsx", ".md", ".json", ".tex")
TEXT_FORMATS = ("plain", "github", "tsv", "latex")
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
        elif suffix == ".tex":
            scratch.write_text(latex_document([latex_matrix(matrix)]), encoding="utf-8")
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


def matrix_title(matrix: Matrix, lang: str = "en") -> str:
    """ "Coded passages by code and year, 5-year periods": the matrix in words."""
    labels = labels_for(lang)
    params = matrix.parameters
    return labels["matrix_caption"].format(
        measure=labels.get(f"measure_{matrix.measure}", matrix.measure),
        rows=axis_words(str(params.get("rows", "")), labels),
        cols=axis_words(str(params.get("cols", "")), labels),
    )


def latex_matrix(matrix: Matrix) -> str:
    if matrix.textual:
        raise UsageError("a table of passages is written as .csv, .xlsx, .md or .docx, not .tex")
    rows = table_rows(matrix)
    body = []
    for line, header in zip(rows[1:], [*matrix.rows, None], strict=False):
        depth = header.depth if header is not None else 0
        indent = Raw(f"\\hspace{{{depth:.1f}em}}")
        label = Raw(indent + escape(header.label)) if depth and header else line[0]
        body.append([label, *line[1:]])
    note = labels_for("en").get(f"counting_{matrix.measure}", "")
    return latex_table([str(v) for v in rows[0]], body, matrix_title(matrix), note)


def text_table(matrix: Matrix, fmt: str) -> str:
    """The matrix for the terminal as a GitHub pipe table, TSV or LaTeX."""
    if fmt == "latex":
        return latex_matrix(matrix)
    rows = table_rows(matrix)
    if fmt == "tsv":
        return tsv_table([str(v) for v in rows[0]], rows[1:])
    numeric = [False] + [not matrix.textual] * (len(rows[0]) - 1)
    return github_table([str(v) for v in rows[0]], rows[1:], numeric)


def _csv(matrix: Matrix, path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(
            [neutralised(v) for v in row] for row in table_rows(matrix, limit=None)
        )


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

    for _, matrix in sheets:
        _check_fits(matrix, path)
    with spill_folder(path):
        book = Workbook(write_only=True)
        used: set[str] = set()
        for title, matrix in sheets:
            _matrix_sheet(book.create_sheet(_sheet_name(title, used)), matrix)
        info = book.create_sheet(_sheet_name("Parameters", used))
        info.append(["matrix", "parameter", "value"])
        for title, matrix in sheets:
            for name, value in parameter_rows(matrix):
                info.append([title, name, value])
        book.save(path)


def parameter_rows(matrix: Matrix) -> list[tuple[str, object]]:
    """One row per parameter, with real booleans and numbers; lists joined by "; "."""
    rows: list[tuple[str, object]] = [("cells", matrix_title(matrix))]
    for name, value in matrix.parameters.items():
        if isinstance(value, list | tuple):
            value = "; ".join(map(str, value))
        rows.append((name, value))
    return rows


XLSX_MAX_COLUMNS = 16_384
XLSX_MAX_ROWS = 1_048_576


def _check_fits(matrix: Matrix, path: Path) -> None:
    """Refuse, before writing anything, a matrix larger than an Excel sheet."""
    columns = len(matrix.cols) + 2  # the row labels and the totals
    rows = len(matrix.rows) + 2
    if columns > XLSX_MAX_COLUMNS:
        raise UsageError(
            f"{path}: an Excel sheet holds at most {XLSX_MAX_COLUMNS:,} columns and this "
            f"matrix has {len(matrix.cols):,}; swap --rows and --cols (transposed it has "
            f"{len(matrix.rows):,} columns), or write .csv"
        )
    if rows > XLSX_MAX_ROWS:
        raise UsageError(
            f"{path}: an Excel sheet holds at most {XLSX_MAX_ROWS:,} rows and this matrix "
            f"has {len(matrix.rows):,}; write .csv"
        )


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
    if excerpts:  # passages are read by filtering: a filter on every column
        width = get_column_letter(len(matrix.cols) + 1)
        sheet.auto_filter.ref = f"A1:{width}{len(matrix.rows) + 1}"


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
