"""Learning from the coding in the review screen: L trains, suggests and says why."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from qcode.services.autocoding import list_suggestions
from qcode.tui.app import QcodeApp
from qcode.tui.screens.suggestions import SuggestionsScreen
from tests.learning_factories import MEETINGS, NEW, SHORT, prepared


async def test_l_learns_from_the_coding_and_cards_show_the_reason(sqlite_project, tmp_path):
    project = prepared(sqlite_project, tmp_path, {"Money > Shortage": SHORT, "Meetings": MEETINGS})
    app = QcodeApp(project, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SuggestionsScreen) and screen.total == 0
        await pilot.press("L")
        await app.workers.wait_for_complete()
        await pilot.pause()
        learned = {s.text for s in list_suggestions(project) if s.source == "learned"}
        assert set(NEW[:2]) <= learned
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("learned 3 code(s)") for m in messages), messages
        assert screen.total == len(list_suggestions(project))  # the queue was reloaded
        assert screen.current is not None and screen.current.kind == "learned"
        shown = screen.query_one("#source", Static).render()
        text = shown.plain if isinstance(shown, Text) else str(shown)
        assert "why: similar to" in text and "nearest:" in text
        heading = screen.query_one("#heading", Static).render()
        assert "learned" in (heading.plain if isinstance(heading, Text) else str(heading))


def test_the_app_and_the_cli_start_without_loading_scikit_learn():
    import subprocess
    import sys

    # scikit-learn takes about a second to import: only learning itself may pay for it.
    code = (
        "import sys, qcode.cli.main, qcode.tui.app, qcode.tui.screens.suggestions; "
        "print('sklearn' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"
