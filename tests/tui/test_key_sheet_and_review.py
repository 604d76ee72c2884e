"""The key sheet, a damaged project, and reviewing a long queue of suggestions."""

from __future__ import annotations

from qcode.demo.build import build_demo
from qcode.services.autocoding import autocode, list_suggestions
from qcode.services.coding import list_segments
from qcode.services.projects import open_project
from qcode.tui.app import QcodeApp
from qcode.tui.screens.dialogs import Confirm
from qcode.tui.screens.key_sheet import KeySheet
from qcode.tui.screens.suggestions import SuggestionsScreen
from qcode.tui.widgets.document_list import DocumentList


async def test_question_mark_f1_and_escape_toggle_a_sheet_of_qcodes_own_keys(demo):
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, KeySheet)
        sheet = app.screen
        keys = dict(sheet.entries)
        assert keys["1"] == "code: Obstacles"  # digits carry their codes' names
        assert keys["u  ctrl+z"] == "Undo" and keys["q  ctrl+q"] == "Quit"
        assert not any("cursor" in what.lower() for what in keys.values())
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, KeySheet)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, KeySheet)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, KeySheet)


async def test_the_footer_keeps_help_and_quit_at_80_columns(demo):
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one("Footer")
        shown = " ".join(str(key.render()) for key in footer.query("FooterKey"))
        visible = [
            key for key in footer.query("FooterKey") if key.region.right <= app.size.width
        ]
        labels = " ".join(str(key.render()) for key in visible)
        assert "Help" in labels and "Quit" in labels, shown


async def test_a_damaged_project_stops_the_app_with_one_line_and_status_4(tmp_path):
    project, _ = build_demo(tmp_path / "demo.qcode")
    project.close()
    path = tmp_path / "demo.qcode"
    size = path.stat().st_size
    with open(path, "r+b") as handle:  # scribble over inner pages, keep the schema pages
        for page in range(20, size // 4096 - 2, 5):
            handle.seek(page * 4096 + 100)
            handle.write(b"\xa5" * 2000)  # the same damage every run
    damaged = open_project(str(path))
    app = QcodeApp(damaged, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    damaged.close()
    assert app.return_code == 4
    assert app.failure is not None and "damaged" in app.failure
    assert "\n" not in app.failure


async def test_a_long_queue_opens_at_once_accepts_and_undoes_and_counts_refresh(demo):
    autocode(demo, coder="ayu")
    pending = list_suggestions(demo)
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SuggestionsScreen)
        assert f"1 of {len(pending):,} pending" in str(screen.query_one("#counts").render())
        source = str(screen.query_one("#source").render())
        assert "(2021)" in source and "—" in source  # "Author (Year) — title"
        first = screen.current
        await pilot.press("a")
        await pilot.pause()
        assert [s.start for s in list_segments(demo)] == [first.start]
        await pilot.press("u")
        await pilot.pause()
        assert list_segments(demo) == []
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)  # bulk accept asks, with the count
        assert "pending suggestion(s) scoring" in str(app.screen.question)
        await pilot.press("n")
        await pilot.pause()
        assert list_segments(demo) == []
        await pilot.press("A", "y")
        await pilot.pause()
        accepted = list_segments(demo)
        assert accepted
        await pilot.press("escape")
        await pilot.pause()
        listing = app.screen.query_one(DocumentList)
        per_document = {}
        for segment in accepted:
            per_document[segment.document_id] = per_document.get(segment.document_id, 0) + 1
        assert {r.id: r.coded for r in listing.rows if r.coded} == per_document


async def test_the_readme_key_table_matches_the_key_sheet(demo):
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("## The coding app", 1)[1].split("The codebook editor (`b`)", 1)[0]
    firsts = [line.split("|")[1] for line in table.splitlines() if line.startswith("| ")]
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        entries = app.screen.key_sheet()
    for keys, what in entries:
        if keys.isdigit():
            continue  # the digits are one row, 1–9
        names = [k for k in keys.split("  ") if k]
        assert any(all(name in cell for name in names) for cell in firsts), (keys, what)
