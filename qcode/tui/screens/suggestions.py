"""Reviewing auto-coding suggestions one at a time, in context.

The queue is read from the project a page at a time (:mod:`qcode.services.suggestion_queue`),
so a queue of 20,000 opens as fast as one of ten.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, ProgressBar, Static

from qcode.services.autocoding import autocode
from qcode.services.suggestion_decisions import accept, reject
from qcode.services.suggestion_queue import PAGE, SuggestionCard, pending_cards, pending_total
from qcode.services.undo import undo
from qcode.store.project import Project
from qcode.tui.progress import thread_progress
from qcode.tui.safely import in_worker, notify_errors
from qcode.tui.screens.dialogs import Confirm

SHOWN_CONTEXT = 240  # characters either side of the passage, at most


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
        Binding("L", "run_learned", "Learn from coding"),
        Binding("u,ctrl+z", "undo", "Undo"),
        Binding("escape", "close", "Back"),
        Binding("q,ctrl+q", "app.quit", "Quit"),
    ]

    def __init__(self, project: Project, coder: str) -> None:
        super().__init__()
        self.project = project
        self.coder = coder
        self.total = 0
        self.position = 0  # in the whole queue
        self.page_start = 0
        self.page: list[SuggestionCard] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="review"):
            yield Static("", id="heading")
            yield Static("", id="source")
            yield Static("", id="context")
            yield Static("", id="counts")
            yield ProgressBar(id="progress", show_eta=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Suggestions"
        self.query_one(ProgressBar).display = False
        self.reload()

    def reload(self) -> None:
        """Count the queue again and read the page holding the current position."""
        self.total = pending_total(self.project)
        self.position = min(self.position, max(self.total - 1, 0))
        self.page = []
        self.show_current()

    @property
    def current(self) -> SuggestionCard | None:
        if not self.total:
            return None
        index = self.position - self.page_start
        if not self.page or not 0 <= index < len(self.page):
            self.page_start = self.position - self.position % PAGE
            self.page = pending_cards(self.project, self.page_start, PAGE)
            index = self.position - self.page_start
        return self.page[index] if 0 <= index < len(self.page) else None

    def show_current(self) -> None:
        suggestion = self.current
        counts = self.query_one("#counts", Static)
        if suggestion is None:
            self.query_one("#heading", Static).update("No pending suggestions.")
            self.query_one("#source", Static).update("")
            self.query_one("#context", Static).update(
                "Press R to run auto-coding, L to suggest from your coding so far, Esc to go back."
            )
            counts.update("")
            return
        label = "learned" if suggestion.kind == "learned" else "keyword"
        self.query_one("#heading", Static).update(
            Text.assemble(
                (suggestion.code, "bold"),
                f"   score {suggestion.score:.0f}   ",
                (label, "reverse" if suggestion.kind == "learned" else ""),
            )
        )
        why = suggestion.reason or f"keyword “{suggestion.keyword}”"
        self.query_one("#source", Static).update(
            Text.assemble(
                f"{suggestion.source} · characters {suggestion.start}–{suggestion.end}\n",
                ("why: ", "bold"),
                why,
            )
        )
        self.query_one("#context", Static).update(_in_context(suggestion))
        counts.update(f"{self.position + 1:,} of {self.total:,} pending")

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
    def _decided(count: int, verb: str, suggestion: SuggestionCard) -> str | None:
        return f"{verb}: {suggestion.code}" if count else None

    def action_accept_above(self) -> None:
        current = self.current
        if current is None:
            return
        score = current.score
        count = pending_total(self.project, min_score=score)

        def answered(yes: bool | None) -> None:
            if not yes:
                return

            def act() -> str:
                done = accept(self.project, above=score, coder=self.coder)
                return f"accepted {done:,} suggestion(s) scoring {score:.0f} or more (u undoes)"

            self._safely(act)

        self.app.push_screen(
            Confirm(
                f"Accept all {count:,} pending suggestion(s) scoring {score:.0f} or more? "
                "They become segments coded by you (one undo step)."
            ),
            answered,
        )

    def action_undo(self) -> None:
        self._safely(lambda: f"undone: {undo(self.project, coder=self.coder)}")

    def action_skip(self) -> None:
        if self.total:
            self.position = (self.position + 1) % self.total
            self.show_current()

    def action_back_one(self) -> None:
        if self.total:
            self.position = (self.position - 1) % self.total
            self.show_current()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_run_autocode(self) -> None:
        self._show_progress()
        self.run_autocoding()

    def action_run_learned(self) -> None:
        self._show_progress()
        self.run_learning()

    def _show_progress(self) -> None:
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)

    @work(thread=True, exclusive=True)
    def run_autocoding(self) -> None:
        self._in_thread(
            lambda progress: autocode(self.project, coder=self.coder, progress=progress),
            lambda report: (f"auto-coding: {report.added} new suggestion(s)", "information"),
        )

    @work(thread=True, exclusive=True)
    def run_learning(self) -> None:
        # Imported here: scikit-learn takes a second to load, which opening this screen
        # must not wait for.
        from qcode.services.learned import learn_and_suggest

        self._in_thread(
            lambda progress: learn_and_suggest(self.project, coder=self.coder, progress=progress),
            _learned_message,
        )

    def _in_thread(self, job, message) -> None:
        """Run ``job(progress)`` in this worker thread; report ``message(result)`` or the error."""
        progress = thread_progress(self.app, self.query_one(ProgressBar))
        in_worker(
            self.app,
            lambda: job(progress),
            lambda report: self._finished(*message(report)),
            lambda problem: self._finished(problem, "error"),
        )

    def _finished(self, message: str, severity: str = "information") -> None:
        self.query_one(ProgressBar).display = False
        self.notify(message, severity=severity)  # type: ignore[arg-type]
        self.reload()


def _learned_message(report) -> tuple[str, str]:
    if not report.trained:
        return (
            "Too few examples to learn from: code 10 passages of a code (its sub-codes "
            "count), or accept its suggestions, then press L again.",
            "warning",
        )
    message = (
        f"learned {len(report.trained)} code(s): {report.added} new suggestion(s), "
        f"{report.rescored} scored again"
    )
    if report.too_few:
        message += f"; {len(report.too_few)} code(s) have too few examples yet"
    return message, "information"


def _in_context(card: SuggestionCard) -> Text:
    """The passage in bold with its matched words reversed, the text around it dimmed."""
    before = card.before[-SHOWN_CONTEXT:]
    after = card.after[:SHOWN_CONTEXT]
    text = Text.assemble(("…" + before if before else "", "dim"), (card.passage, "bold"))
    at = card.passage.find(card.matched) if card.matched else -1
    if at >= 0:
        offset = len(text) - len(card.passage) + at
        text.stylize("reverse", offset, offset + len(card.matched))
    text.append(after + ("…" if after else ""), "dim")
    return text
