"""Choosing a project: recent ones, the .qcode files in projects/, a path or a PostgreSQL URL."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, OptionList
from textual.widgets.option_list import Option

from qcode.core.errors import QcodeError
from qcode.services.projects import init_project, open_project
from qcode.services.recent import project_files, recent_projects, remember_project


class PickerScreen(Screen):
    """Enter on a project opens it; a new path ending in .qcode is created first."""

    BINDINGS: ClassVar[list[Binding]] = [Binding("q,ctrl+q", "app.quit", "Quit")]
    DEFAULT_CSS = """
    PickerScreen #pick { padding: 1 2; }
    PickerScreen OptionList { height: 1fr; margin-top: 1; }
    """

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="pick"):
            yield Label(
                "Open a project: choose one below, or type a path (new.qcode creates "
                "it) or a PostgreSQL URL and press Enter."
            )
            yield Input(placeholder="projects/review.qcode or postgresql+psycopg://…", id="where")
            yield OptionList(id="projects")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "qcode — open a project"
        listing = self.query_one(OptionList)
        seen: set[str] = set()
        for reference in recent_projects():
            seen.add(reference)
            listing.add_option(Option(f"recent   {reference}", id=reference))
        for path in project_files(self.folder):
            if str(path.resolve()) not in seen:
                listing.add_option(Option(f"projects {path}", id=str(path.resolve())))
        if listing.option_count:
            listing.highlighted = 0
            listing.focus()
        else:
            self.query_one(Input).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.open(event.option.id or "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.open(event.value.strip())

    def open(self, reference: str) -> None:
        if not reference:
            return
        try:
            new = "://" not in reference and not Path(reference).expanduser().exists()
            project = init_project(reference) if new else open_project(reference)
        except QcodeError as exc:
            self.notify(str(exc), severity="error")
            return
        remember_project(project.location.display())
        self.app.open_project(project)
