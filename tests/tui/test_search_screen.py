"""Search for coding: phrases, hits labelled by source, n / N from the text, code all hits."""

from __future__ import annotations

from qcode.services.coding import list_segments
from qcode.tui.app import QcodeApp
from qcode.tui.screens.code_picker import CodePicker
from qcode.tui.screens.dialogs import Choice
from qcode.tui.screens.search import SearchScreen
from qcode.tui.widgets.document_viewer import DocumentViewer


async def type_text(pilot, text: str) -> None:
    names = {" ": "space", '"': "quotation_mark", "/": "slash"}
    for char in text:
        await pilot.press(names.get(char, char))


async def search_for(pilot, query: str) -> SearchScreen:
    await pilot.press("slash")
    await pilot.pause()
    await type_text(pilot, query)
    await pilot.press("enter")
    await pilot.pause()
    return pilot.app.screen


async def test_plain_words_are_one_phrase_hit_labelled_by_source(demo):
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = await search_for(pilot, "kerja sama")
        hits = screen.hits
        assert hits and all(h.hit.casefold() == "kerja sama" for h in hits)
        assert len({(h.document_id, h.start) for h in hits}) == len(hits)  # no duplicates
        first = str(screen.query_one("#hits").get_option_at_index(0).prompt)
        assert "(2021) — " in first  # "Pratiwi (2021) — title", not "17:1988"
        assert "kerja sama" in first.casefold()


async def test_n_and_N_step_through_hits_and_slash_keeps_the_query(demo):
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = await search_for(pilot, "kerja sama")
        places = [(h.document_id, h.start) for h in screen.hits if h.kind == "document"]
        assert len(places) >= 3
        await pilot.press("enter")
        await pilot.pause()
        coding = app.screen
        viewer = coding.query_one(DocumentViewer)
        assert (coding.document_id, viewer.selected_offsets()[0]) == places[0]
        await pilot.press("n")
        await pilot.pause()
        assert (coding.document_id, viewer.selected_offsets()[0]) == places[1]
        await pilot.press("N", "N")
        await pilot.pause()
        assert (coding.document_id, viewer.selected_offsets()[0]) == places[-1]  # round
        await pilot.press("slash")
        await pilot.pause()
        again = app.screen
        assert again.query_one("#query").value == "kerja sama"
        assert again.query_one("#hits").highlighted == len(places) - 1
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # Esc in the text ends the search: n walks segments
        await pilot.pause()
        assert coding.search_state is None


async def test_code_all_hits_asks_the_code_and_unit_and_is_one_undo_step(demo):
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = await search_for(pilot, "kerja sama")
        count = len([h for h in screen.hits if h.kind == "document"])
        await pilot.press("C")
        await pilot.pause()
        assert isinstance(app.screen, CodePicker)
        await type_text(pilot, "Coordination mechanisms")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        assert f"{count} hit(s)" in app.screen.question
        await pilot.press("s")
        await pilot.pause()
        segments = list_segments(demo)
        assert segments and all(s.code.endswith("Coordination mechanisms") for s in segments)
        assert all(s.text.endswith((".", "?", "!")) for s in segments)  # whole sentences
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("u")
        await pilot.pause()
        assert list_segments(demo) == []
