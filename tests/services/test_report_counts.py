"""One counting rule everywhere: a passage coded with two sub-codes counts once for its theme
in the matrix, the frequency table, the Word report and the spreadsheet, and the report
quotes it once in the theme's chapter, naming both sub-codes."""

from __future__ import annotations

import docx
import openpyxl
import pytest

from qcode.services.codebooks import load_codebook
from qcode.services.coding import code_span
from qcode.services.excerpts import export_matrix
from qcode.services.frequencies import code_frequencies
from qcode.services.importing import import_paths
from qcode.services.matrices import MatrixRequest, build_matrix
from qcode.services.report import make_report
from tests.codebook_factories import SHIPPED
from tests.factories import ris_record, write_ris

TEXT = "Koordinasi lambat dan anggaran kurang. Patroli laut jarang dilakukan."
FIRST, SECOND = (0, 38), (39, 69)
O, S, B = (  # noqa: E741 - the codes' initials read best
    "Obstacles",
    "Slow government response",
    "Limited budget and resources",
)


@pytest.fixture
def coded(sqlite_project, tmp_path):
    records = [ris_record("D1", TEXT, authors=["Sari, Dewi"], year=2021, country="Indonesia")]
    import_paths(sqlite_project, [write_ris(tmp_path / "d.ris", records)], coder="ayu")
    load_codebook(sqlite_project, SHIPPED, coder="ayu")
    code_span(sqlite_project, "D1", S, *FIRST, coder="ayu")
    code_span(sqlite_project, "D1", B, *FIRST, coder="ayu")  # the same passage, a 2nd code
    code_span(sqlite_project, "D1", S, *SECOND, coder="ayu")
    return sqlite_project


def by_label(matrix, label):
    return next(r.key for r in matrix.rows if r.label == label)


def test_the_theme_counts_the_shared_passage_once_in_matrix_and_frequencies(coded):
    m = build_matrix(coded, MatrixRequest())
    doc = m.cols[0].key
    assert m.value(by_label(m, O), doc) == 2  # two passages, three segments
    assert m.value(by_label(m, S), doc) == 2 and m.value(by_label(m, B), doc) == 1
    assert m.row_totals[by_label(m, O)] == 2 and m.col_totals[doc] == 2 and m.total == 2
    frequencies = {f.name: (f.passages, f.sources) for f in code_frequencies(coded)}
    assert frequencies[O] == (2, 1) and frequencies[B] == (1, 1)
    presence = build_matrix(coded, MatrixRequest(measure="presence"))
    assert presence.row_totals[by_label(presence, O)] == 1  # documents, not 0/1 sums


def test_the_spreadsheet_and_the_report_say_the_same(coded, tmp_path):
    out = tmp_path / "m.xlsx"
    export_matrix(coded, MatrixRequest(), out)
    sheet = openpyxl.load_workbook(out).worksheets[0]
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True)}
    assert rows[O][0] == 2 and rows["Total"][0] == 2
    report = tmp_path / "r.docx"
    content = make_report(coded, report)
    assert content.coding.passages == 2 and content.coding.segments == 3
    document = docx.Document(str(report))
    frequency = next(t for t in document.tables if t.rows[0].cells[2].text == "Passages")
    cells = {row.cells[1].text: row.cells[2].text for row in frequency.rows[1:]}
    assert cells[O] == "2" and cells[S] == "2" and cells[B] == "1"
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert len(quotes) == 2
    shared = next(q for q in quotes if q.startswith("“Koordinasi"))
    assert shared.endswith(f"[{S}; {B}]") and "(Sari, 2021)" in shared
    method = next(p.text for p in document.paragraphs if p.text.startswith("This review"))
    assert "In all, two passages were coded with three code applications" in method
    assert "single coder (ayu)" in method
