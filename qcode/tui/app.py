"""The qcode terminal app: picks or opens a project and shows the coding screen."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from qcode.store.project import Project
from qcode.tui.screens.coding import CodingScreen


class QcodeApp(App):
    """Keyboard-first coding of a literature-review project."""

    TITLE = "qcode"

    def __init__(self, project: Project | None, coder: str, folder: Path | None = None) -> None:
        super().__init__()
        self.project = project
        self.coder = coder
        self.folder = folder or Path.cwd() / "projects"

    def on_mount(self) -> None:
        if self.project is None:
            from qcode.tui.screens.picker import PickerScreen

            self.push_screen(PickerScreen(self.folder))
        else:
            self.push_screen(CodingScreen(self.project, self.coder))

    def open_project(self, project: Project) -> None:
        """Switch to ``project`` (from the picker); the app closes it on exit."""
        self.project = project
        self.switch_screen(CodingScreen(project, self.coder))

    def on_unmount(self) -> None:
        if self.project is not None:
            self.project.close()
