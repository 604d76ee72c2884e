"""The matrix screen driven by Pilot: the numbers shown are the service's, drilling lists a
cell's passages, Enter jumps to one in the coding screen, export writes the file."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input

from qcode.demo.build import build_demo
from qcode.services.matrices import MatrixRequest, build_matrix
from qcode.services.suggestion_decisions import accept
from qcode.tui.app import QcodeApp
from qcode.tui.screens.matrix import MatrixScreen
from qcode.tui.widgets.document_viewer import DocumentViewer


@pytest.fixture
def coded(tmp_path):
    project, _ = build_demo(tmp_path / "demo.qcode")
    accept(project, above=0, coder="ayu")
    yield project
    project.close()


async def test_matrix_cells_drill_and_jump(coded, tmp_path):
    app = QcodeApp(coded, "ayu")
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MatrixScreen)
        expected = build_matrix(coded, MatrixRequest())
        table = screen.query_one(DataTable)
        assert table.row_count == len(expected.rows)
        first = expected.rows[0]
        shown = table.get_row(f"r{first.key}")
        assert shown[0].strip() == first.label
        assert shown[-1] == str(expected.row_totals[first.key])
        await pilot.press("c")  # documents → coders
        await pilot.pause()
        assert screen.request.cols == "coders"
        assert screen.query_one(DataTable).get_row(f"r{first.key}")[1] == str(
            expected.row_totals[first.key]
        )
        await pilot.press("c")  # coders → year bins
        await pilot.pause()
        by_year = build_matrix(coded, MatrixRequest(cols="attr:year:5"))
        column = next(c for c in by_year.cols if by_year.value(first.key, c.key))
        table = screen.query_one(DataTable)
        table.focus()
        table.move_cursor(
            row=table.get_row_index(f"r{first.key}"),
            column=table.get_column_index(f"c{column.key}"),
        )
        await pilot.press("enter")
        await pilot.pause()
        drill = screen.query_one("#drill")
        assert drill.display and drill.option_count > 0
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, MatrixScreen)
        viewer = app.screen.query_one(DocumentViewer)
        start, end = viewer.selected_offsets()
        assert end > start


async def test_matrix_export_and_a_bad_path(coded, tmp_path):
    out = tmp_path / "years.xlsx"
    app = QcodeApp(coded, "ayu")
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        for target in (tmp_path / "missing" / "m.xlsx", out):
            await pilot.press("e")
            await pilot.pause()
            app.screen.query_one(Input).value = str(target)
            await pilot.press("enter")
            await pilot.pause()
        assert out.exists()
        messages = [n.message for n in app._notifications]
        assert any("does not exist" in m for m in messages)


async def test_export_dialog_writes_the_word_report_with_progress(coded, tmp_path):
    out = tmp_path / "laporan.docx"
    app = QcodeApp(coded, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("down", "enter")  # Word report (Bahasa Indonesia)
        await pilot.pause()
        app.screen.query_one(Input).value = str(out)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert out.exists()
        assert any("quotations" in n.message for n in app._notifications)
        import docx

        text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
        assert "Temuan per Tema" in text


async def test_every_cell_equals_the_number_of_passages_its_drill_down_lists(coded):
    from qcode.services.coding import code_span, list_segments

    for segment in list_segments(coded)[:12]:  # a second coder on the same passages
        code_span(coded, str(segment.document_id), segment.code_guid, segment.start,
                  segment.end, coder="budi")
    expected = build_matrix(coded, MatrixRequest())
    app = QcodeApp(coded, "ayu")
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(DataTable)
        checked = 0
        for row in expected.rows[:6]:
            for col in expected.cols:
                value = expected.value(row.key, col.key)
                if not value:
                    continue
                table.focus()
                table.move_cursor(
                    row=table.get_row_index(f"r{row.key}"),
                    column=table.get_column_index(f"c{col.key}"),
                )
                await pilot.press("enter")
                await pilot.pause()
                assert str(table.get_cell(f"r{row.key}", f"c{col.key}")) == str(value)
                assert screen.query_one("#drill").option_count == value
                assert f"{value} passage(s)" in str(screen.query_one("#drill-title").render())
                checked += 1
        assert checked >= 3


async def test_an_export_over_an_existing_file_asks_first(coded, tmp_path):
    from qcode.tui.screens.dialogs import Choice

    out = tmp_path / "report.docx"
    out.write_bytes(b"the chapter draft, not to be lost")
    app = QcodeApp(coded, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for answer in ("escape", "n"):
            await pilot.press("e")
            await pilot.pause()
            await pilot.press("enter")  # the Word report
            await pilot.pause()
            app.screen.query_one(Input).value = str(out)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, Choice)  # overwrite, a new name, or cancel
            await pilot.press(answer)
            await app.workers.wait_for_complete()
            await pilot.pause()
            if answer == "escape":
                await pilot.press("escape")  # leave the export dialog
                await pilot.pause()
    assert out.read_bytes() == b"the chapter draft, not to be lost"
    assert (tmp_path / "report (2).docx").stat().st_size > 1000  # written beside it
