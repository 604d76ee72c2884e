"""The qcode terminal app: picks or opens a project and shows the coding screen."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from qcode.services.preferences import preference, remember
from qcode.store.project import Project
from qcode.tui.commands import screen_commands
from qcode.tui.screens.coding import CodingScreen
from qcode.tui.screens.coding_live import WATCH_GROUP


class QcodeApp(App):
    """Keyboard-first coding of a literature-review project."""

    TITLE = "qcode"
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("question_mark,f1", "show_keys", "Help", show=False),
    ]

    def __init__(self, project: Project | None, coder: str, folder: Path | None = None) -> None:
        super().__init__()
        self.project = project
        self.coder = coder
        if project is not None:
            self._adopt(project)
        self.folder = folder or Path.cwd() / "projects"
        self.failure: str | None = None  # why the app had to stop, said by the CLI on exit

    def _adopt(self, project: Project) -> None:
        # On a team project the database login is the coder; with blind coding on, the app
        # shows this coder's work.
        if project.team is not None and not project.team.owner:
            self.coder = project.team.login
        project.viewer = self.coder

    def watch_theme(self, theme: str) -> None:
        """Remember the theme chosen (ctrl+p, "Change theme") for the next run."""
        if getattr(self, "_theme_ready", False):
            remember("theme", theme)

    def fail(self, message: str) -> None:
        """Stop the app because the project cannot be used; the CLI prints ``message`` as
        its one error line and exits with status 4."""
        self.failure = message
        self.exit(return_code=4)

    def on_mount(self) -> None:
        chosen = preference("theme")
        if chosen in self.available_themes:
            self.theme = chosen
        self._theme_ready = True
        if self.project is None:
            from qcode.tui.screens.picker import PickerScreen

            self.push_screen(PickerScreen(self.folder))
        else:
            self.push_screen(CodingScreen(self.project, self.coder))

    def open_project(self, project: Project) -> None:
        """Switch to ``project`` (from the picker); the app closes it on exit."""
        self.project = project
        self._adopt(project)
        self.switch_screen(CodingScreen(project, self.coder))

    async def action_quit(self) -> None:
        """Quit; while an import or auto-coding runs, ask first, then stop it cleanly."""
        running = [w for w in self.workers if not w.is_finished and w.group != WATCH_GROUP]
        if not running:
            self.exit()
            return
        from qcode.tui.screens.dialogs import Confirm

        def answered(yes: bool | None) -> None:
            if yes:
                for worker in running:
                    worker.cancel()
                self.run_worker(self._exit_after(running), group="quit")

        self.push_screen(
            Confirm("A long task is still running. Stop it (nothing of it is kept) and quit?"),
            answered,
        )

    async def _exit_after(self, running) -> None:
        for worker in running:
            with contextlib.suppress(Exception):  # cancelled or failed: the project rolled back
                await worker.wait()
        self.exit()

    def action_show_keys(self) -> None:
        """Open the key sheet of the screen in use (or close it when it is open)."""
        from qcode.tui.screens.key_sheet import KeySheet, declared_keys

        screen = self.screen
        if isinstance(screen, KeySheet):
            screen.dismiss(None)
            return
        sheet = getattr(screen, "key_sheet", None)
        entries = sheet() if sheet is not None else declared_keys(screen)
        self.push_screen(KeySheet(screen.title or self.title, entries))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from screen_commands(screen)
        yield from super().get_system_commands(screen)

    def on_unmount(self) -> None:
        if self.project is not None:
            self.project.close()
