"""The project picker: `qcode` with no project in a terminal."""

from __future__ import annotations

from qcode.demo.build import build_demo
from qcode.services.recent import recent_projects
from qcode.tui.app import QcodeApp
from qcode.tui.screens.coding import CodingScreen


async def test_picker_lists_project_files_opens_one_and_remembers_it(tmp_path):
    project, _ = build_demo(tmp_path / "projects" / "demo.qcode")
    project.close()
    app = QcodeApp(None, "ayu", folder=tmp_path / "projects")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)
        assert app.screen.document_id == 1
    assert recent_projects() == [str((tmp_path / "projects" / "demo.qcode").resolve())]


async def test_typing_a_new_path_creates_the_project(tmp_path):
    (tmp_path / "projects").mkdir()
    app = QcodeApp(None, "ayu", folder=tmp_path / "projects")
    target = tmp_path / "fresh.qcode"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key in str(target):
            await pilot.press(key if key != "/" else "slash")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)
    assert target.exists()


async def test_a_bad_project_is_a_notification_not_a_crash(tmp_path):
    (tmp_path / "projects").mkdir()
    bad = tmp_path / "notes.qcode"
    bad.write_text("not a database")
    app = QcodeApp(None, "ayu", folder=tmp_path / "projects")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key in str(bad):
            await pilot.press(key if key != "/" else "slash")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CodingScreen)
        assert any("not a qcode project" in n.message for n in app._notifications)


async def test_typed_letters_are_a_path_even_when_projects_are_listed(tmp_path):
    # "q" in the path once quit the app when the list of projects had the focus.
    project, _ = build_demo(tmp_path / "projects" / "demo.qcode")
    project.close()
    app = QcodeApp(None, "ayu", folder=tmp_path / "projects")
    target = tmp_path / "quick" / "new.qcode"
    target.parent.mkdir()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key in str(target):
            await pilot.press(key if key != "/" else "slash")
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, CodingScreen)
    assert target.exists()


async def test_down_reaches_the_listed_projects(tmp_path):
    project, _ = build_demo(tmp_path / "projects" / "demo.qcode")
    project.close()
    app = QcodeApp(None, "ayu", folder=tmp_path / "projects")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)


async def test_the_chosen_theme_is_kept_for_the_next_run(tmp_path):
    project, _ = build_demo(tmp_path / "demo.qcode")
    app = QcodeApp(project, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme != "gruvbox"
        app.theme = "gruvbox"
        await pilot.pause()
    again = QcodeApp(project, "ayu")
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.theme == "gruvbox"
    project.close()
