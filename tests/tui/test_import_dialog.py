"""Importing from the coding screen: progress, errors as notifications, stopping cleanly."""

from __future__ import annotations

import contextlib

from textual.widgets import Input
from textual.worker import WorkerCancelled

from qcode.services.documents import list_documents
from qcode.tui.app import QcodeApp
from qcode.tui.screens.import_dialog import ImportDialog, split_paths
from tests.factories import ABSTRACT_EN, ris_record, write_ris


def test_paths_on_one_line_may_be_quoted():
    assert [p.name for p in split_paths("a.ris 'My folder/b c.bib' \"d\"")] == [
        "a.ris",
        "b c.bib",
        "d",
    ]


async def start_import(app, pilot, line: str) -> None:
    await pilot.pause()
    await pilot.press("i")
    await pilot.pause()
    assert isinstance(app.screen, ImportDialog)
    app.screen.query_one("#paths", Input).value = line


async def test_import_shows_the_new_documents_in_the_list(demo, tmp_path):
    ris = write_ris(
        tmp_path / "new.ris",
        [ris_record(f"Kajian baru {i}", ABSTRACT_EN + f" Case {i}.", year=2024) for i in range(3)],
    )
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await start_import(app, pilot, str(ris))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ImportDialog)
        assert len(list_documents(demo)) == 20
        assert len(app.screen.doc_list.documents) == 20
        assert any("imported 3 document(s)" in n.message for n in app._notifications)


async def test_a_broken_file_is_a_notification_and_imports_nothing(demo, tmp_path):
    bad = tmp_path / "broken.ris"
    bad.write_text("TY  - JOUR\nTI  - no end record\n", encoding="utf-8")
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await start_import(app, pilot, str(bad))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog)  # still open, to correct the path
        assert any("broken.ris" in n.message for n in app._notifications)
        assert len(list_documents(demo)) == 17


async def test_escape_during_an_import_stops_it_and_keeps_nothing(demo, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for f in range(60):
        write_ris(
            folder / f"part{f:02}.ris",
            [
                ris_record(f"Studi {f}-{i}", f"{ABSTRACT_EN} File {f} record {i}.")
                for i in range(60)
            ],
        )
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await start_import(app, pilot, str(folder))
        dialog = app.screen
        dialog.run_import([folder], False)  # what Enter starts; Pilot would wait for its end
        dialog.action_cancel()
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ImportDialog)
        assert len(list_documents(demo)) == 17
        assert any("nothing of it was kept" in n.message for n in app._notifications)


async def test_quitting_during_an_import_asks_then_stops_it(demo, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for f in range(40):
        write_ris(
            folder / f"part{f:02}.ris",
            [ris_record(f"Kajian {f}-{i}", f"{ABSTRACT_EN} Part {f} item {i}.") for i in range(60)],
        )
    app = QcodeApp(demo, "ayu")
    async with app.run_test(size=(120, 40)) as pilot:
        await start_import(app, pilot, str(folder))
        app.screen.run_import([folder], False)
        await app.action_quit()
        await pilot.pause()
        assert type(app.screen).__name__ == "Confirm"
        await pilot.press("y")
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code in (0, None)
    # Stopped in time, nothing is kept; finished first, everything is: never a part.
    assert len(list_documents(demo)) in (17, 17 + 40 * 60)
