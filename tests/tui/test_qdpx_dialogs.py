"""The whole project to and from REFI-QDA from the coding screen: export and import dialogs."""

from __future__ import annotations

import zipfile

from textual.widgets import Input

from qcode.services.documents import list_documents
from qcode.store.location import resolve
from qcode.store.project import Project
from qcode.tui.app import QcodeApp
from qcode.tui.screens.import_dialog import ImportDialog


async def test_export_the_demo_as_qdpx_then_import_it_into_an_empty_project(demo, tmp_path):
    out = tmp_path / "demo.qdpx"
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("end", "enter")  # the last kind: the whole project
        await pilot.pause()
        app.screen.query_one(Input).value = str(out)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("REFI-QDA" in n.message for n in app._notifications)
    assert "project.qde" in zipfile.ZipFile(out).namelist()

    with Project.create(resolve(tmp_path / "empty.qcode")) as empty:
        app = QcodeApp(empty, "sari")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("i")
            await pilot.pause()
            assert isinstance(app.screen, ImportDialog)
            app.screen.query_one("#paths", Input).value = str(out)
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert not isinstance(app.screen, ImportDialog)
            messages = [n.message for n in app._notifications]
            assert any("imported 17 document(s)" in m for m in messages), messages
            assert len(app.screen.doc_list.documents) == 17
        assert len(list_documents(empty)) == 17


async def test_a_hostile_qdpx_is_a_notification_and_imports_nothing(demo, tmp_path):
    bad = tmp_path / "evil.qdpx"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("project.qde", '<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>')
        archive.writestr("../../outside.txt", "x")
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#paths", Input).value = str(bad)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog)
        assert any("evil.qdpx" in n.message and "outside" in n.message for n in app._notifications)
    assert len(list_documents(demo)) == 17
