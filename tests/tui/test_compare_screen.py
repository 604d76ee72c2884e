"""The Compare screen driven by Pilot: it walks the differences the service lists, taking a
coder's coding makes consensus segments, undo removes them, blind coding keeps it shut."""

from __future__ import annotations

import pytest

from qcode.demo.build import build_demo
from qcode.demo.worked_example import review_first_documents
from qcode.services.coding import list_segments
from qcode.services.consensus import disagreements
from qcode.services.settings import configure
from qcode.tui.app import QcodeApp
from qcode.tui.screens.compare import CompareScreen
from tests.two_coders import with_budi


@pytest.fixture
def two_coders(tmp_path):
    project, _ = build_demo(tmp_path / "demo.qcode")
    review_first_documents(project, "demo")
    with_budi(project, tmp_path)
    yield project
    project.close()


async def test_compare_takes_a_coders_coding_into_consensus(two_coders):
    expected = disagreements(two_coders, ["demo", "budi"])
    app = QcodeApp(two_coders, "demo")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("C")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert len(screen.items) == len(expected)
        heading = str(screen.query_one("#compare-heading").render())
        assert f"1 of {len(expected)}" in heading
        first = screen.items[0]
        await pilot.press("b")
        await pilot.pause()
        made = list_segments(two_coders, coder="consensus")
        assert {(s.start, s.end) for s in made} == set(first.second_spans)
        assert screen.position == 1
        await pilot.press("u")
        await pilot.pause()
        assert list_segments(two_coders, coder="consensus") == []
        assert screen.position == 0
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)


async def test_compare_is_refused_while_blind(two_coders):
    configure(two_coders, ["blind=on"], coder="demo")
    app = QcodeApp(two_coders, "demo")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("C")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)
        assert any("blind coding is on" in n.message for n in app._notifications)


async def test_blind_app_shows_only_the_coders_own_segments(two_coders):
    configure(two_coders, ["blind=on"], coder="demo")
    app = QcodeApp(two_coders, "budi")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # open the first document
        await pilot.pause()
        screen = app.screen
        assert "blind" in screen.sub_title
        assert screen.segments and {s.coder for s in screen.segments} == {"budi"}


async def test_the_matrix_screen_shows_agreement_per_code(two_coders):
    from textual.widgets import DataTable

    from qcode.services.agreement import AgreementRequest, agreement

    expected = agreement(two_coders, AgreementRequest(unit="sentence"))
    app = QcodeApp(two_coders, "demo")
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == len(expected.rows)
        first = expected.rows[0].measures
        shown = table.get_row("a0")
        alpha = first.krippendorff_alpha
        assert shown[7] == ("—" if alpha is None else f"{alpha:.3f}".replace("-", "−"))
        await pilot.press("u")  # paragraph
        await pilot.pause()
        assert app.screen.agreement_unit == "paragraph"
        await pilot.press("o")
        await pilot.pause()
        for key in ["b", "u", "d", "i", "comma", "d", "e", "m", "o"]:
            await pilot.press(key)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.agreement_coders == ["budi", "demo"]
        settings = str(app.screen.query_one("#matrix-settings").render())
        assert "of budi, demo" in settings
        await pilot.press("g")
        await pilot.pause()
        assert app.screen.agreement_unit is None


def test_a_long_unit_shows_the_stretch_around_its_coding():
    from qcode.services.consensus import Disagreement
    from qcode.tui.screens.compare import SHOWN, marked, shown_window

    text = "kata " * 20_000  # a 100 KB line without a sentence end
    item = Disagreement(1, "", 0, len(text), text, ("A",), (), (1,), (), ((50_000, 50_100),), ())
    first, last = shown_window(item)
    assert first < 50_000 and last > 50_100 and last - first <= SHOWN
    shown = marked(item)
    assert shown.plain.startswith("… ") and shown.plain.endswith(" …")
    assert len(shown.plain) <= SHOWN + 4
