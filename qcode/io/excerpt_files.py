"""Writing excerpts one per row (CSV or XLSX): the layout spreadsheet and R/pandas users want.

Columns: document, citation, title, year, author, every other document attribute found,
code path, code, coder, start, end, page, text, memo, origin. Offsets are code points into
the stored text, half-open [start, end).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from qcode.core.errors import UsageError
from qcode.core.spreadsheet_cells import neutralised
from qcode.io.atomic import atomic_output, spill_folder
from qcode.io.xlsx_cells import value_cell

FORMATS = (".csv", ".xlsx")


def write_excerpts(columns: Sequence[str], rows: Iterable[Sequence[object]], out: Path) -> int:
    """Write the rows; return how many were written."""
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"{out}: write excerpts as {' or '.join(FORMATS)}")
    count = 0
    with atomic_output(out) as scratch:
        if suffix == ".csv":
            with scratch.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow([neutralised(c) for c in columns])
                for row in rows:
                    writer.writerow([neutralised(v) for v in row])
                    count += 1
        else:
            count = _xlsx(columns, rows, scratch)
        if count == 0:  # raised inside, so no file is left and an old one stays as it was
            raise UsageError("no coded segments match; nothing was written")
    return count


def _xlsx(columns: Sequence[str], rows: Iterable[Sequence[object]], path: Path) -> int:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    with spill_folder(path):
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Excerpts")
        sheet.freeze_panes = "A2"
        wide = {"title": 40, "text": 70, "memo": 40, "code path": 36, "citation": 22}
        for index, name in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = wide.get(name, 12)
        sheet.append([value_cell(sheet, name, bold=True) for name in columns])
        text_at = {columns.index(n) for n in ("text", "memo", "title") if n in columns}
        count = 0
        for row in rows:
            sheet.append([value_cell(sheet, v, wrap=i in text_at) for i, v in enumerate(row)])
            count += 1
        last = get_column_letter(max(1, len(columns)))
        sheet.auto_filter.ref = f"A1:{last}{count + 1}"
        book.save(path)
    return count
