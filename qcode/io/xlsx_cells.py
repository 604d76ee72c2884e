"""Cells for write-only openpyxl sheets that keep text as text."""

from __future__ import annotations

from typing import Any

from qcode.core.spreadsheet_cells import neutralised

EXCEL_CELL_LIMIT = 32_767


def value_cell(sheet, value: Any, *, wrap: bool = False, bold: bool = False):
    """A cell holding ``value``; text never turns into a formula and fits Excel's limit."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    value = neutralised(value)
    if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
        value = value[: EXCEL_CELL_LIMIT - 1] + "…"
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # a quotation starting with "=" is text, not a formula
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    if bold:
        cell.font = Font(bold=True)
    return cell
