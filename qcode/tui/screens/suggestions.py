"""Reviewing auto-coding suggestions one at a time, in context."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, ProgressBar, Static

from qcode.services.autocoding import SuggestionView, accept, autocode, list_suggestions, reject
from qcode.store.project import Project
from qcode.tui.progress import thread_progress
from qcode.tui.safely import in_worker, notify_errors


class SuggestionsScreen(Screen[None]):
    """a accept · r reject · space skip · A accept all at or above this score · R run."""

    CSS_PATH = "suggestions.tcss"
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("a", "accept", "Accept"),
        Binding("r", "reject", "Reject"),
        Binding("space,right", "skip", "Skip"),
        Binding("left", "back_one", "Back", show=False),
        Binding("A", "accept_above", "Accept ≥ score"),
        Binding("R", "run_autocode", "Run auto-coding"),
        Binding("escape", "close", "Done"),
    ]

    def __init__(self, project: Project, coder: str) -> None:
        super().__init__()
        self.project = project
        self.coder = coder
        self.pending: list[SuggestionView] = []
        self.position = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="review"):
            yield Static("", id="heading")
            yield Static("", id="context")
            yield Static("", id="counts")
            yield ProgressBar(id="progress", show_eta=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Suggestions"
        self.query_one(ProgressBar).display = False
        self.reload()

    def reload(self) -> None:
        self.pending = list_suggestions(self.project, status="pending")
        self.position = min(self.position, max(len(self.pending) - 1, 0))
        self.show_current()

    @property
    def current(self) -> SuggestionView | None:
        return self.pending[self.position] if self.pending else None

    def show_current(self) -> None:
        suggestion = self.current
        counts = self.query_one("#counts", Static)
        if suggestion is None:
            self.query_one("#heading", Static).update("No pending suggestions.")
            self.query_one("#context", Static).update("Press R to run auto-coding, Esc to go back.")
            counts.update("")
            return
        self.query_one("#heading", Static).update(
            f"[b]{suggestion.code}[/b]   score {suggestion.score:.0f}   "
            f"keyword “{suggestion.keyword}”   document {suggestion.document_id}"
        )
        text = Text(suggestion.text)
        at = suggestion.text.find(suggestion.matched)
        if at >= 0:
            text.stylize("bold reverse", at, at + len(suggestion.matched))
        self.query_one("#context", Static).update(text)
        counts.update(f"{self.position + 1} of {len(self.pending)} pending")

    def _safely(self, action) -> None:
        if notify_errors(self, action):
            self.reload()

    def action_accept(self) -> None:
        current = self.current
        if current is not None:
            self._safely(
                lambda: self._decided(
                    accept(self.project, [current.id], coder=self.coder), "accepted", current
                )
            )

    def action_reject(self) -> None:
        current = self.current
        if current is not None:
            self._safely(
                lambda: self._decided(
                    reject(self.project, [current.id], coder=self.coder), "rejected", current
                )
            )

    @staticmethod
    def _decided(count: int, verb: str, suggestion: SuggestionView) -> str | None:
        return f"{verb}: {suggestion.code}" if count else None

    def action_accept_above(self) -> None:
        current = self.current
        if current is not None:
            score = current.score

            def act() -> str:
                count = accept(self.project, above=score, coder=self.coder)
                return f"accepted {count} suggestion(s) scoring {score:.0f} or more"

            self._safely(act)

    def action_skip(self) -> None:
        if self.pending:
            self.position = (self.position + 1) % len(self.pending)
            self.show_current()

    def action_back_one(self) -> None:
        if self.pending:
            self.position = (self.position - 1) % len(self.pending)
            self.show_current()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_run_autocode(self) -> None:
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self.run_autocoding()

    @work(thread=True, exclusive=True)
    def run_autocoding(self) -> None:
        progress = thread_progress(self.app, self.query_one(ProgressBar))
        in_worker(
            self.app,
            lambda: autocode(self.project, coder=self.coder, progress=progress),
            lambda report: self._finished(f"auto-coding: {report.added} new suggestion(s)"),
            lambda message: self._finished(message, "error"),
        )

    def _finished(self, message: str, severity: str = "information") -> None:
        self.query_one(ProgressBar).display = False
        self.notify(message, severity=severity)  # type: ignore[arg-type]
        self.reload()
