"""The qcode terminal app: opens a project and shows the coding screen."""

from __future__ import annotations

from textual.app import App

from qcode.store.project import Project
from qcode.tui.screens.coding import CodingScreen


class QcodeApp(App):
    """Keyboard-first coding of a literature-review project."""

    TITLE = "qcode"

    def __init__(self, project: Project, coder: str) -> None:
        super().__init__()
        self.project = project
        self.coder = coder

    def on_mount(self) -> None:
        self.push_screen(CodingScreen(self.project, self.coder))

    def on_resize(self, event) -> None:
        if self.screen is not None:
            self.screen.set_class(event.size.width < 100, "-narrow")
