"""Codebooks as Excel workbooks: the same columns as the CSV layout, formatted to read."""

from __future__ import annotations

import warnings
from pathlib import Path

from qcode.core.codebook import Codebook
from qcode.core.codebook_checks import Problem
from qcode.core.errors import InputFileError
from qcode.core.spreadsheet_cells import neutralised, restored
from qcode.io.archives import check_zip
from qcode.io.codebook_table import MAX_BYTES, codebook_from_rows, codebook_rows

_WIDTHS = {"code": 36, "description": 48, "inclusion": 36, "exclusion": 36, "example": 40}


def write_codebook_xlsx(codebook: Codebook, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    header, rows = codebook_rows(codebook)
    book = Workbook()
    sheet = book.active
    sheet.title = "Codebook"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    colour_column = header.index("colour") + 1
    for row in rows:
        sheet.append([neutralised(v) for v in row])
        line = sheet.max_row
        for cell in sheet[line]:
            cell.alignment = wrap
        colour = row[colour_column - 1]
        if colour:
            swatch = sheet.cell(line, colour_column)
            swatch.fill = PatternFill("solid", fgColor=colour.lstrip("#"))
    for index, name in enumerate(header, start=1):
        width = _WIDTHS.get(name, 22 if name.startswith("keywords") else 12)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "B2"
    book.save(str(path))


def read_codebook_xlsx(path: Path) -> tuple[Codebook, list[Problem]]:
    if path.stat().st_size > MAX_BYTES:
        raise InputFileError(str(path), "codebook file over 20 MB; refused")
    check_zip(path, "Excel workbook", "xl/workbook.xml")
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():  # openpyxl warns about damage it reads around
            warnings.simplefilter("ignore")
            book = load_workbook(str(path), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged workbooks
        raise InputFileError(str(path), f"damaged Excel workbook ({type(exc).__name__})") from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sheet = book.worksheets[0]
            table = [
                ["" if v is None else restored(str(v)) for v in row]
                for row in sheet.iter_rows(values_only=True)
            ]
    except Exception as exc:  # the sheet's XML is read only now, row by row
        raise InputFileError(str(path), f"damaged Excel workbook ({type(exc).__name__})") from None
    finally:
        book.close()
    return codebook_from_rows(table, str(path))
