"""Waiting for another program's lock on the project, visibly, with a way to give up.

The app never waits for a lock on its own thread: a write that finds the project locked
comes here, where a worker tries the lock every fifth of a second until it is free (the
write is then done again) or the researcher presses Esc (nothing was changed).
"""

from __future__ import annotations

import time
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label
from textual.worker import get_current_worker

from qcode.core.errors import ProjectBusy
from qcode.store.project import Project

TRY_EVERY_MS = 200


class LockWait(ModalScreen[bool]):
    """True once the project's lock is free; False when the researcher gives up."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[Binding]] = [Binding("escape", "give_up", "Give up")]

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.began = time.monotonic()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Waiting for the project lock… another program is writing to it.")
            yield Label("", id="waited")
            yield Label("[b]Esc[/b] give up (nothing is changed)", classes="hint")

    def on_mount(self) -> None:
        self.wait_for_lock()

    @work(thread=True, exclusive=True)
    def wait_for_lock(self) -> None:
        worker = get_current_worker()
        while not worker.is_cancelled:
            try:
                self.project.wait_for_lock(TRY_EVERY_MS)
            except ProjectBusy:
                waited = time.monotonic() - self.began
                self.app.call_from_thread(
                    self.query_one("#waited", Label).update, f"waited {waited:.0f} s"
                )
                continue
            if not worker.is_cancelled:
                self.app.call_from_thread(self.dismiss, True)
            return

    def action_give_up(self) -> None:
        self.workers.cancel_all()
        self.dismiss(False)
