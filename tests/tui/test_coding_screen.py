"""The coding screen driven by Textual's Pilot on a real demo project."""

from __future__ import annotations

from qcode.services.coding import list_segments
from qcode.tui.app import QcodeApp
from qcode.tui.widgets.document_viewer import DocumentViewer


async def select_right(pilot, count: int) -> None:
    for _ in range(count):
        await pilot.press("shift+right")


async def test_select_by_keys_apply_by_digit_undo_and_redo(demo):
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await select_right(pilot, 10)
        await pilot.press("3")
        await pilot.pause()
        (segment,) = list_segments(demo)
        assert (segment.code, segment.coder, segment.start, segment.end) == (
            "Coordination complexity",
            "ayu",
            0,
            10,
        )
        viewer = app.screen.query_one(DocumentViewer)
        line = viewer.render_line(0)
        assert any(segment.style.bgcolor is not None for segment in line)
        await pilot.press("u")
        await pilot.pause()
        assert list_segments(demo) == []
        assert viewer.spans == [] and app.screen.segments == []  # the screen shows it too
        colour = viewer.palette[segment.code_guid].lower()
        drawn = [s.style.bgcolor for s in viewer.render_line(0) if s.style and s.style.bgcolor]
        assert all(c.triplet is None or c.triplet.hex != colour for c in drawn)
        await pilot.press("U")
        await pilot.pause()
        assert [s.code for s in list_segments(demo)] == ["Coordination complexity"]
        assert [(s.start, s.end) for s in viewer.spans] == [(0, 10)]


async def test_overlapping_codes_are_listed_at_the_cursor_and_removed(demo):
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await select_right(pilot, 12)
        await pilot.press("1")
        await pilot.press("home")
        await select_right(pilot, 6)
        await pilot.press("2")
        await pilot.pause()
        assert sorted(s.code for s in list_segments(demo)) == ["Legitimacy", "Obstacles"]
        await pilot.press("left")
        await pilot.pause()
        status = str(app.screen.query_one("#status").render())
        assert "Obstacles" in status and "Legitimacy" in status
        await pilot.press("x")
        await pilot.pause()
        assert len(list_segments(demo)) == 1


async def test_digit_without_selection_or_code_notifies_instead_of_failing(demo):
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.press("9")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("select some text first" in m for m in messages)
        assert any("no code has shortcut 9" in m for m in messages)
        assert list_segments(demo) == []


async def test_documents_and_segments_navigation_and_quit(demo):
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.document_id == 1
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.document_id == 2
        await select_right(pilot, 8)
        await pilot.press("4")
        await pilot.press("ctrl+end")
        await pilot.press("n")
        await pilot.pause()
        assert screen.query_one(DocumentViewer).selected_offsets() == (0, 8)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.document_id == 1
        await pilot.press("q")
    assert app.return_code in (0, None)


async def test_sentence_selection_and_search_jump_to_a_hit(demo):
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        viewer = app.screen.query_one(DocumentViewer)
        assert viewer.selected_offsets() == (0, 21)  # "[Data contoh rekaan.]"
        await pilot.press("slash")
        await pilot.pause()
        for key in '"kerja sama"':
            await pilot.press(key if key != " " else "space")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = app.screen
        start, end = screen.query_one(DocumentViewer).selected_offsets()
        text = screen.query_one(DocumentViewer).text
        assert text[start:end].casefold() == "kerja sama"
        assert screen.document_id == 3


async def test_review_and_accept_a_suggestion(demo):
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        review = app.screen
        first = review.current
        await pilot.press("space")
        await pilot.press("r")
        await pilot.press("left")
        await pilot.press("a")
        await pilot.pause()
        (segment,) = list_segments(demo)
        assert (segment.origin, segment.start, segment.end) == (
            "suggestion",
            first.start,
            first.end,
        )
        await pilot.press("escape")
        await pilot.pause()
        assert [s.code for s in app.screen.segments] == [first.code]


async def test_running_auto_coding_from_the_review_screen_reports_its_result(demo):
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("auto-coding: 0 new suggestion(s)" in n.message for n in app._notifications)


async def test_code_picker_applies_a_fuzzy_match_and_creates_codes(demo):
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await select_right(pilot, 10)
        await pilot.press("c")
        await pilot.pause()
        for key in "tumpang":
            await pilot.press(key)
        await pilot.press("enter")
        await pilot.pause()
        assert [s.code for s in list_segments(demo)] == [
            "Coordination complexity > Overlapping responsibilities"
        ]
        await pilot.press("shift+right")
        await pilot.press("c")
        await pilot.pause()
        for key in "Gender":
            await pilot.press(key)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert "Gender" in [s.code for s in list_segments(demo)]
        await pilot.press("u")
        await pilot.pause()
        assert "Gender" not in [s.code for s in list_segments(demo)]


async def test_my_coding_only_and_colours_by_coder(demo):
    from qcode.services.coding import code_span

    code_span(demo, "1", "Legitimacy", 30, 40, coder="budi")
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await select_right(pilot, 10)
        await pilot.press("3")
        await pilot.pause()
        viewer = app.screen.query_one(DocumentViewer)
        assert sorted(span.key for span in viewer.spans) == sorted(
            [
                app.screen.codebook.by_guid()[g].guid
                for g in {s.code_guid for s in app.screen.segments}
            ]
        )
        await pilot.press("m")
        await pilot.pause()
        assert [span.start for span in viewer.spans] == [0]
        await pilot.press("m", "k")
        await pilot.pause()
        assert sorted(span.key for span in viewer.spans) == ["ayu", "budi"]
        assert set(viewer.palette) == {"ayu", "budi"}


async def test_document_list_filters_by_words_and_attributes_and_sorts(demo):
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        screen = app.screen.doc_list
        everything = len(screen.documents)
        await pilot.press("f", *"year=2021", "enter")
        await pilot.pause()
        assert 0 < len(screen.documents) < everything
        assert {row.year for row in screen.documents} == {2021}
        assert "of 17 documents" in str(screen.query_one("#doc-count").render())
        await pilot.press("f")
        screen.query_one("#doc-filter").value = "IOM"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.documents and all("iom" in r.haystack() for r in screen.documents)
        await pilot.press("escape", "o", "o", "o")  # imported → title → author → year
        await pilot.pause()
        years = [row.year for row in screen.documents]
        assert screen.sort == "year" and years == sorted(years)


async def test_coded_count_in_the_list_follows_coding(demo):
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        screen = app.screen.doc_list
        first = screen.documents[0].id
        await select_right(pilot, 8)
        await pilot.press("3")
        await pilot.pause()
        assert next(r for r in screen.rows if r.id == first).coded == 1
        listing = screen.query_one("#documents")
        assert "1 coded" in str(listing.get_option(str(first)).prompt)


async def test_command_palette_offers_screen_actions_and_every_code(demo):
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        wanted_titles = ("Undo", "Search", "Codebook", "Suggestions", "Filter the documents")
        for wanted in (*wanted_titles, "Import"):
            assert wanted in titles
        assert "Apply code: Obstacles > Rotation of officials" in titles
        await select_right(pilot, 6)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Apply code: Rotation of off")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert [s.code for s in list_segments(demo)] == ["Obstacles > Rotation of officials"]
        await pilot.press("ctrl+p", *"Codebook")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "CodebookEditor"


async def test_ctrl_z_and_ctrl_y_in_the_text_undo_and_redo_the_project(demo):
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, DocumentViewer)
        await select_right(pilot, 5)
        await pilot.press("3")
        await pilot.pause()
        assert len(list_segments(demo)) == 1
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert list_segments(demo) == []
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert len(list_segments(demo)) == 1


async def test_memo_on_the_segment_at_the_cursor_is_written_shown_and_cleared(demo):
    from textual.widgets import OptionList, TextArea

    from qcode.tui.screens.dialogs import Choice
    from qcode.tui.screens.memo_editor import MemoEditor

    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await select_right(pilot, 8)
        await pilot.press("3", "left")
        await pilot.pause()
        await pilot.press("M")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, MemoEditor)
        named = str(editor.query_one("#memo-segment").render())
        assert "Coordination complexity · ayu" in named  # names the segment it belongs to
        editor.query_one(TextArea).text = "Koordinasi lemah\ndi tingkat kabupaten"
        await pilot.press("ctrl+s")
        await pilot.pause()
        (segment,) = list_segments(demo)
        assert segment.memo == "Koordinasi lemah\ndi tingkat kabupaten"  # several lines
        listing = app.screen.query_one("#segments", OptionList)
        assert "✎ Koordinasi lemah" in str(listing.get_option_at_index(0).prompt)
        await pilot.press("home")
        await select_right(pilot, 4)
        await pilot.press("1", "left")  # a second code over the same place
        await pilot.pause()
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, Choice)  # which segment's memo?
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.segment.code == "Coordination complexity"
        app.screen.query_one(TextArea).text = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert all(s.memo == "" for s in list_segments(demo))
