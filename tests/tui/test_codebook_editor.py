"""The codebook editor driven by Pilot: every edit lands in the project and undoes."""

from __future__ import annotations

from textual.widgets import Input, TextArea, Tree

from qcode.services.codebooks import project_codebook
from qcode.services.undo import undo
from qcode.tui.app import QcodeApp
from qcode.tui.screens.codebook_editor import CodebookEditor


def code_named(project, name):
    codebook, _ = project_codebook(project)
    return codebook, next(c for c in codebook.codes if c.name == name)


async def open_editor(app, pilot) -> CodebookEditor:
    await pilot.pause()
    await pilot.press("b")
    await pilot.pause()
    assert isinstance(app.screen, CodebookEditor)
    return app.screen


async def highlight(pilot, editor: CodebookEditor, name: str) -> None:
    _, code = code_named(editor.project, name)
    tree = editor.query_one(Tree)
    tree.move_cursor(tree.nodes[code.guid])
    await pilot.pause()


async def test_add_a_sub_code_edit_its_fields_and_set_a_shortcut(demo, tmp_path):
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        await highlight(pilot, editor, "Legitimacy")
        await pilot.press("A")
        await pilot.pause()
        await pilot.press(*"Donor pressure", "enter")
        await pilot.pause()
        codebook, code = code_named(demo, "Donor pressure")
        assert codebook.path(code.guid) == "Legitimacy > Donor pressure"
        assert editor.current_guid() == code.guid
        editor.query_one("#description", TextArea).load_text("Funders push for cooperation.")
        editor.query_one("#keywords", TextArea).load_text("id: donor, lembaga donor\nen: donor")
        editor.query_one("#exclude", TextArea).load_text("en: blood donor")
        await pilot.press("ctrl+s")
        await pilot.pause()
        _, code = code_named(demo, "Donor pressure")
        assert code.description == "Funders push for cooperation."
        assert dict(code.keywords) == {"id": ("donor", "lembaga donor"), "en": ("donor",)}
        assert dict(code.exclude) == {"en": ("blood donor",)}
        editor.query_one(Tree).focus()
        await pilot.press("7")
        await pilot.pause()
        assert code_named(demo, "Donor pressure")[1].shortcut == 7


async def test_move_indent_outdent_recolour_retire_and_delete(demo):
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        await highlight(pilot, editor, "Rotation of officials")
        codebook, code = code_named(demo, "Rotation of officials")
        obstacles = codebook.by_guid()[code.parent]
        position = [c.guid for c in codebook.children(obstacles.guid)].index(code.guid)
        await pilot.press("ctrl+up")
        await pilot.pause()
        codebook, _ = code_named(demo, "Rotation of officials")
        assert [c.guid for c in codebook.children(obstacles.guid)].index(code.guid) == position - 1
        await pilot.press("less_than_sign")
        await pilot.pause()
        codebook, _ = code_named(demo, "Rotation of officials")
        assert codebook.path(code.guid) == "Rotation of officials"
        await pilot.press("greater_than_sign")
        await pilot.pause()
        codebook, _ = code_named(demo, "Rotation of officials")
        assert codebook.path(code.guid) == "Obstacles > Rotation of officials"
        before = code_named(demo, "Rotation of officials")[1].colour
        await pilot.press("o", "R")
        await pilot.pause()
        _, moved = code_named(demo, "Rotation of officials")
        assert moved.colour != before and moved.retired
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        codebook, _ = project_codebook(demo)
        assert "Rotation of officials" not in [c.name for c in codebook.codes]
        undo(demo, coder="ayu")
        assert code_named(demo, "Rotation of officials")[1].retired


async def test_bad_input_becomes_a_notification_and_changes_nothing(demo, tmp_path):
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        await highlight(pilot, editor, "Obstacles")
        editor.query_one("#shortcut", Input).value = "x"
        messages = []
        for keys in (["ctrl+s"], ["d"], ["l"], [*str(tmp_path / "missing.yaml"), "enter"]):
            await pilot.press(*keys)
            await pilot.pause()
            messages.extend(n.message for n in app._notifications)
        assert any("one digit" in m for m in messages)
        assert any("has sub-codes" in m for m in messages)
        assert any("missing.yaml" in m for m in messages)
        _, code = code_named(demo, "Obstacles")
        assert code.shortcut == 1


async def test_export_then_back_to_coding(demo, tmp_path):
    out = tmp_path / "shared.qdc"
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        # Opened, the editor shows the first code's fields, before any key is pressed.
        assert editor.query_one("#name", Input).value == "Obstacles"
        await pilot.press("E")
        await pilot.pause()
        app.screen.query_one(Input).value = str(out)
        await pilot.press("enter")
        await pilot.pause()
        assert out.exists() and b"<CodeBook" in out.read_bytes()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CodebookEditor)


async def test_new_codes_get_unused_colours_rename_says_the_new_name_and_u_undoes(demo):
    from qcode.core.colours import PALETTE

    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        used = {c.colour for c in project_codebook(demo)[0].codes}
        await highlight(pilot, editor, "Legitimacy")
        await pilot.press("A", *"Donor pressure", "enter")
        await pilot.pause()
        _, added = code_named(demo, "Donor pressure")
        if set(PALETTE) - used:
            assert added.colour not in used  # not a colour a theme already shows
        editor.query_one("#name", Input).value = "Pressure from donors"
        await pilot.press("ctrl+s")
        await pilot.pause()
        status = str(editor.query_one("#editor-status").render())
        messages = [n.message for n in app._notifications] + [status]
        assert any("Pressure from donors" in m for m in messages)
        editor.query_one(Tree).focus()
        await pilot.press("u")
        await pilot.pause()
        assert code_named(demo, "Donor pressure")[1].name == "Donor pressure"
        assert isinstance(app.screen, CodebookEditor)


async def test_the_shortcut_field_shows_the_code_shortcut(demo):
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        await highlight(pilot, editor, "Obstacles")
        field = editor.query_one("#shortcut", Input)
        assert field.value == "1"
        assert field.content_region.width >= 2
        assert "1" in "".join(s.text for s in field.render_line(0))  # drawn, not scrolled out


async def test_escape_goes_back_from_the_form_to_the_tree_then_leaves(demo):
    from qcode.tui.screens.dialogs import Choice

    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        await highlight(pilot, editor, "Obstacles")
        await pilot.press("e")
        await pilot.pause()
        assert editor.focused is editor.query_one("#name", Input)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is editor and editor.focused is editor.query_one(Tree)
        await pilot.press("e", "x")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Choice)  # unsaved changes: save or discard?
        await pilot.press("d")
        await pilot.pause()
        assert editor.query_one("#name", Input).value == "Obstacles"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CodebookEditor)
