"""Another coder's work appears in an open coding screen within a second, the researcher's
cursor and selection untouched, and the status line says who did what."""

from __future__ import annotations

import asyncio
import time

from qcode.services.coding import code_span
from qcode.services.undo import undo
from qcode.store.project import Project
from qcode.tui.app import QcodeApp
from qcode.tui.widgets.code_tree import CodeTree
from qcode.tui.widgets.document_viewer import DocumentViewer


async def _wait_for(pilot, condition, seconds: float = 3.0) -> float:
    started = time.perf_counter()
    while not condition():
        assert time.perf_counter() - started < seconds, "not shown in time"
        await asyncio.sleep(0.05)
        await pilot.pause()
    return time.perf_counter() - started


async def test_another_coders_coding_and_undo_appear_without_moving_the_cursor(demo):
    other = Project.open(demo.location)  # a second program on the same file
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        viewer = screen.query_one(DocumentViewer)
        for _ in range(6):
            await pilot.press("shift+right")
        selection = (viewer.anchor, viewer.cursor)
        document = screen.document_id
        status = screen.query_one("#status")
        tree = screen.query_one(CodeTree)
        guid = next(c.guid for c in screen.codebook.codes if c.name == "Legitimacy")
        before = tree.usage.get(guid, 0)

        code_span(other, str(document), "Legitimacy", 20, 40, coder="budi")
        waited = await _wait_for(pilot, lambda: "budi coded 1 passage" in str(status.render()))
        assert waited < 1.5
        assert [(s.start, s.end, s.coder) for s in screen.segments] == [(20, 40, "budi")]
        assert [(c.start, c.end) for c in viewer.spans] == [(20, 40)]
        assert (viewer.anchor, viewer.cursor) == selection  # the selection is kept
        assert tree.usage[guid] == before + 1

        undo(other, coder="budi")
        await _wait_for(pilot, lambda: "budi undid coding" in str(status.render()))
        assert screen.segments == [] and viewer.spans == []
        assert tree.usage.get(guid, 0) == before
        assert (viewer.anchor, viewer.cursor) == selection

        # The screen's own work is not announced as news.
        await pilot.press("2")
        await pilot.pause(1.2)
        assert "ayu coded" not in str(status.render())
    other.close()
