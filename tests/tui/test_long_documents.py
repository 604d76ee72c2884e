"""The app on long sources: a report of thousands of lines and a document that is one line.

Speed is measured by bench/tui_bench.py through a real terminal; these tests hold the
behaviour that made it slow before (work that grew with the cursor's position) to account:
what is selected deep in a document, and that the view draws rows of the text as stored.
"""

from __future__ import annotations

import sqlite3

import pytest

from qcode.services.codebooks import load_codebook
from qcode.services.coding import code_span, list_segments
from qcode.services.importing import import_paths
from qcode.services.projects import init_project
from qcode.tui.app import QcodeApp
from qcode.tui.screens.lock_wait import LockWait
from qcode.tui.widgets.document_viewer import DocumentViewer
from tests.codebook_factories import SHIPPED as CODEBOOK

SENTENCE = "Kerja sama antara U.S. Department of State dan LSM berjalan lambat. "


def long_project(tmp_path, text: str):
    source = tmp_path / "report.txt"
    source.write_text(text, encoding="utf-8")
    project = init_project(tmp_path / "long.qcode")
    import_paths(project, [source], coder="ayu")
    load_codebook(project, CODEBOOK, coder="ayu")
    return project


@pytest.fixture
def report(tmp_path):
    lines = [f"Bagian {n}. " + SENTENCE * 3 for n in range(3000)]
    project = long_project(tmp_path, "\n".join(lines))
    yield project
    project.close()


@pytest.fixture
def one_line(tmp_path):
    project = long_project(tmp_path, (SENTENCE * 1500).strip())
    yield project
    project.close()


async def test_sentence_deep_in_a_long_report_is_the_one_at_the_cursor(report):
    app = QcodeApp(report, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        viewer = app.screen.query_one(DocumentViewer)
        await pilot.press("ctrl+end", "home")
        await pilot.press("s")
        start, end = viewer.selected_offsets()
        assert viewer.text[start:end] == SENTENCE.strip()
        assert viewer.text.count("\n") == 2999
        assert end == len(viewer.text)  # the last sentence: the one the cursor is in
        assert viewer.scroll_offset.y > 2900  # shown: the view followed the cursor


async def test_a_single_line_document_is_drawn_in_rows_that_fit(one_line):
    app = QcodeApp(one_line, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        viewer = app.screen.query_one(DocumentViewer)
        assert len(viewer.rows) > 1000
        width = viewer.scrollable_content_region.width
        for y in range(5):
            assert viewer.render_line(y).cell_length == width
        await pilot.press("pagedown", "pagedown", "down", "shift+end")
        start, end = viewer.selected_offsets()
        row = viewer.rows.row_of(start)
        assert viewer.rows.row_of(end - 1) == row and end > start
        await pilot.press("3")
        await pilot.pause()
        (segment,) = list_segments(one_line)
        assert (segment.start, segment.end) == (start, end)
        drawn = viewer.render_line(row - int(viewer.scroll_offset.y))
        assert any(s.style is not None and s.style.bgcolor is not None for s in drawn)


async def test_n_and_p_select_whole_segments_with_the_cursor_inside(report):
    for start in (400, 100, 250):
        code_span(report, "1", "Obstacles", start, start + 30, coder="ayu")
    app = QcodeApp(report, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        viewer = app.screen.query_one(DocumentViewer)
        spans = []
        for _ in range(3):
            await pilot.press("n")
            spans.append(viewer.selected_offsets())
            assert viewer.cursor == viewer.selected_offsets()[0]  # on its first character
        assert spans == [(100, 130), (250, 280), (400, 430)]
        await pilot.press("p")
        assert viewer.selected_offsets() == (250, 280)
        await pilot.press("p")
        assert viewer.selected_offsets() == (100, 130)  # back more than one
        await pilot.press("M")
        await pilot.pause()
        assert "Memo" in str(app.screen.query_one("Label").render())  # the memo editor opened


async def test_s_on_the_space_after_a_full_stop_takes_the_next_sentence(report):
    app = QcodeApp(report, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        viewer = app.screen.query_one(DocumentViewer)
        gap = viewer.text.index("lambat. ") + len("lambat.")  # the space after the stop
        viewer.select_offsets(gap, gap)
        await pilot.press("s")
        start, end = viewer.selected_offsets()
        assert start == gap + 1 and viewer.text[start:end] == SENTENCE.strip()


async def test_a_write_waits_for_another_programs_lock_without_freezing(report):
    app = QcodeApp(report, "ayu")
    blocker = sqlite3.connect(report.location.path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        viewer = app.screen.query_one(DocumentViewer)
        viewer.select_offsets(0, 9)
        blocker.execute("BEGIN IMMEDIATE")
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, LockWait)  # says it waits, at once
        await pilot.pause(0.5)
        assert "waited" in str(app.screen.query_one("#waited").render())
        blocker.rollback()
        for _ in range(50):  # the dialog tries the lock every 0.2 s
            await pilot.pause(0.05)
            if not isinstance(app.screen, LockWait):
                break
        assert not isinstance(app.screen, LockWait)
        assert [(s.start, s.end) for s in list_segments(report)] == [(0, 9)]

        viewer.select_offsets(20, 30)
        blocker.execute("BEGIN IMMEDIATE")
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, LockWait)
        await pilot.press("escape")  # give up
        await pilot.pause()
        blocker.rollback()
        assert len(list_segments(report)) == 1
        assert any("gave up" in n.message for n in app._notifications)
    blocker.close()


async def test_quitting_during_auto_coding_of_a_long_report_stops_within_a_second(
    tmp_path, monkeypatch
):
    import asyncio
    import time

    from qcode.services import autocoding
    from qcode.services.autocoding import list_suggestions

    text = "\n".join(f"Bagian {n}. " + SENTENCE * 4 for n in range(20_000))
    project = long_project(tmp_path, text)
    # Auto-coding this report takes a few seconds, too few to be sure the question is answered
    # while it still runs; each sentence here costs a millisecond more, as in a corpus far larger.
    real = autocoding.weigh

    def slower(hits):
        time.sleep(0.001)
        return real(hits)

    monkeypatch.setattr(autocoding, "weigh", slower)
    app = QcodeApp(project, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("R")  # auto-coding runs in a worker
        await asyncio.sleep(0.3)
        await pilot.press("q")
        assert type(app.screen).__name__ == "Confirm"
        running = [w for w in app.workers if w.name == "run_autocoding"]
        assert running and not running[0].is_finished  # the answer comes while it works
        began = time.monotonic()
        await pilot.press("y")
        while app.is_running and time.monotonic() - began < 10:
            await pilot.pause(0.05)
        stopped = time.monotonic() - began
    assert stopped <= 1.0, f"took {stopped:.1f} s"
    assert list_suggestions(project) == []  # stopped: nothing of it was kept
    project.close()


async def test_dragging_the_mouse_selects_and_a_double_click_takes_a_word(report):
    app = QcodeApp(report, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        viewer = app.screen.query_one(DocumentViewer)
        left = viewer.content_region.x - viewer.region.x  # the padding before the text
        await pilot.mouse_down(viewer, offset=(left + 10, 0))
        await pilot.hover(viewer, offset=(left + 4, 1))
        await pilot.mouse_up(viewer, offset=(left + 4, 1))
        start, end = viewer.selected_offsets()
        row_two = viewer.rows.starts[1]
        assert (start, end) == (10, row_two + 4)  # dragged back over a row break
        await pilot.click(viewer, offset=(left + 12, 0), times=2)
        start, end = viewer.selected_offsets()
        assert viewer.text[:10] == "Bagian 0. "
        assert (start, end) == (10, 15)  # "Kerja", the word clicked in
