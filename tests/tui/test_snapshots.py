"""Snapshots of the main screens at a fixed size (re-baseline on purpose with --snapshot-update)."""

from __future__ import annotations

import pytest

from qcode.demo.build import build_demo
from qcode.tui.app import QcodeApp


@pytest.fixture
def demo_app(tmp_path):
    project, _ = build_demo(tmp_path / "demo.qcode")
    app = QcodeApp(project, "ayu")
    app.animation_level = "none"
    yield app
    project.close()


def test_coding_screen(snap_compare, demo_app):
    async def code_something(pilot):
        await pilot.pause()
        for _ in range(10):
            await pilot.press("shift+right")
        await pilot.press("3")
        await pilot.press("home")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=code_something)


def test_suggestions_screen(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(120, 40), press=["a"])


def test_search_screen(snap_compare, demo_app):
    async def search(pilot):
        await pilot.pause()
        await pilot.press("slash")
        for key in "koordinasi":
            await pilot.press(key)
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=search)


def test_narrow_terminal_keeps_the_reading_pane(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(80, 24))


def test_codebook_editor(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(120, 40), press=["b"])


def test_matrix_screen_by_period(snap_compare, demo_app):
    # Codes × 5-year periods (documents → coders → periods); the demo has no coding yet, so
    # accept every suggestion first to fill the table.
    async def periods(pilot):
        from qcode.services.suggestion_decisions import accept

        accept(demo_app.project, above=0, coder="ayu")
        await pilot.pause()
        await pilot.press("t", "c", "c")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(140, 40), run_before=periods)


def test_compare_screen(snap_compare, tmp_path):
    from qcode.demo.worked_example import review_first_documents
    from tests.two_coders import with_budi

    project, _ = build_demo(tmp_path / "demo.qcode")
    review_first_documents(project, "demo")
    with_budi(project, tmp_path)
    app = QcodeApp(project, "demo")
    app.animation_level = "none"
    try:
        assert snap_compare(app, terminal_size=(120, 40), press=["C", "space"])
    finally:
        project.close()
