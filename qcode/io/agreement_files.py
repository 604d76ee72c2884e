"""Agreement tables as files: CSV, XLSX, Markdown, LaTeX and Word.

They take the documented JSON shape of ``qcode agreement --json`` (a dict with ``unit``,
``level``, ``coders`` and ``rows``), so every format says the same thing. CSV and XLSX keep
full precision and every column; the others round to three decimals and fold each interval
into its coefficient ("0.74 [0.41, 0.94]").
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from qcode.core.errors import UsageError
from qcode.core.spreadsheet_cells import neutralised
from qcode.io.atomic import atomic_output, spill_folder

FORMATS = (".csv", ".xlsx", ".md", ".tex", ".docx")
COLUMNS = (
    ("variable", "Code"),
    ("document", "Document"),
    ("units", "Units"),
    ("pairable", "Pairable values"),
    ("percent_agreement", "Percent agreement"),
    ("cohen_kappa", "Cohen's κ"),
    ("fleiss_kappa", "Fleiss' κ"),
    ("kappa_ci", "κ CI"),
    ("brennan_prediger", "Brennan–Prediger"),
    ("gwet_ac1", "Gwet's AC1"),
    ("ac1_ci", "AC1 CI"),
    ("krippendorff_alpha", "Krippendorff's α"),
    ("alpha_ci", "α CI"),
    ("weighted_kappa", "Length-weighted κ"),
    ("note", "Note"),
)
SHORT = ("Code", "Units", "Agreement", "κ [CI]", "AC1 [CI]", "α [CI]", "Note")


def number(value: float | None) -> str:
    if value is None:
        return "—"
    text = f"{value:.3f}"
    return "0.000" if text == "-0.000" else text.replace("-", "−")


def with_interval(value: float | None, interval: Sequence[float] | None) -> str:
    if value is None:
        return "—"
    if not interval:
        return number(value)
    return f"{number(value)} [{number(interval[0])}, {number(interval[1])}]"


def short_rows(result: dict) -> list[list[str]]:
    """Rows of the rounded table: the κ shown is Cohen's for two coders, else Fleiss'."""
    two = len(result["coders"]) == 2
    rows = []
    for row in result["rows"]:
        label = row["variable"]
        if row.get("document") is not None:
            label = f"    document {row['document']}"
        kappa = row["cohen_kappa"] if two else row["fleiss_kappa"]
        percent = row["percent_agreement"]
        rows.append(
            [
                label,
                str(row["units"]),
                "—" if percent is None else f"{percent * 100:.1f}%",
                with_interval(kappa, row["kappa_ci"]),
                with_interval(row["gwet_ac1"], row.get("ac1_ci")),
                with_interval(row["krippendorff_alpha"], row["alpha_ci"]),
                row["note"],
            ]
        )
    return rows


def caption(result: dict) -> str:
    coders = ", ".join(result["coders"])
    return (
        f"Agreement between {coders} by {result['unit']} "
        f"(Krippendorff's α at the {result['level']} level)"
    )


def write_agreement(result: dict, out: Path) -> None:
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"{out}: agreement is written as {', '.join(FORMATS)}")
    with atomic_output(out) as scratch:
        if suffix == ".csv":
            _csv(result, scratch)
        elif suffix == ".xlsx":
            _xlsx(result, scratch)
        elif suffix == ".md":
            scratch.write_text(markdown(result), encoding="utf-8")
        elif suffix == ".tex":
            scratch.write_text(latex(result), encoding="utf-8")
        else:
            _docx(result, scratch)


def _full_row(row: dict) -> list[Any]:
    values = []
    for key, _ in COLUMNS:
        value = row.get(key)
        if isinstance(value, list):
            value = f"{value[0]:.6f} – {value[1]:.6f}"
        values.append(value)
    return values


def _csv(result: dict, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([label for _, label in COLUMNS])
        for row in result["rows"]:
            writer.writerow(["" if v is None else neutralised(v) for v in _full_row(row)])


def _xlsx(result: dict, path: Path) -> None:
    from openpyxl import Workbook

    from qcode.io.xlsx_cells import value_cell

    with spill_folder(path):
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Agreement")
        sheet.freeze_panes = "B3"
        sheet.column_dimensions["A"].width = 40
        sheet.append([caption(result)])
        sheet.append([label for _, label in COLUMNS])
        for row in result["rows"]:
            sheet.append([value_cell(sheet, v) for v in _full_row(row)])
        book.save(path)


def markdown(result: dict) -> str:
    lines = [f"**{caption(result)}**", "", "| " + " | ".join(SHORT) + " |"]
    lines.append("| --- " + "| ---: " * (len(SHORT) - 2) + "| --- |")
    for row in short_rows(result):
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    return "\n".join(lines) + "\n"


def latex(result: dict) -> str:
    from qcode.io.latex_tables import latex_document, latex_table

    table = latex_table(
        SHORT,
        short_rows(result),
        caption(result),
        numeric=[False, True, True, True, True, True, False],
        widths_cm=[5.5, 0, 0, 0, 0, 0, 4.0],
    )
    return latex_document([table], landscape=True)


def _docx(result: dict, path: Path) -> None:
    from qcode.io.word_page import new_section, start_document
    from qcode.io.word_tables import add_row, new_table, table_caption, write

    document, _ = start_document(None, "a4", (2.5, 2.5, 2.5, 2.5))
    new_section(document, landscape=True)
    table_caption(document, "Table", caption(result))
    widths = [6.0, 1.5, 2.0, 3.6, 3.6, 3.6, 4.2]
    table = new_table(document, SHORT, widths, numeric=range(1, 6))
    for values in short_rows(result):
        cells = add_row(table, widths)
        for index, (cell, text) in enumerate(zip(cells, values, strict=True)):
            write(cell, text, align="right" if 1 <= index <= 5 else None)
    document.save(path)
