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
    """Enter on a project opens it; a new path ending in .qcode is created first.

    Focus starts in the path input, so whatever is typed is a path: no letter is a command
    here (ctrl+q quits). Down moves to the list of projects, Up from its top back to the path.
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("ctrl+q", "app.quit", "Quit"),
        Binding("down", "to_list", "Projects", show=False),
    ]
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
                "Open a project: type a path (new.qcode creates it) or a PostgreSQL URL and "
                "press Enter, or press ↓ to choose one below. ctrl+q quits."
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
        self.query_one(Input).focus()

    def action_to_list(self) -> None:
        listing = self.query_one(OptionList)
        if self.query_one(Input).has_focus and listing.option_count:
            listing.focus()

    def on_key(self, event) -> None:
        listing = self.query_one(OptionList)
        if event.key == "up" and listing.has_focus and listing.highlighted in (0, None):
            self.query_one(Input).focus()
            event.stop()

    def _open_highlighted(self) -> None:
        """Enter on an empty path opens the project highlighted below, if any."""
        listing = self.query_one(OptionList)
        if listing.highlighted is not None and listing.option_count:
            option = listing.get_option_at_index(listing.highlighted)
            self.open(option.id or "")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.open(event.option.id or "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.open(event.value.strip())
        else:
            self._open_highlighted()

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
