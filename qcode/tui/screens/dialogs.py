"""Small modal dialogs shared by the screens: a yes/no question, a choice among a few
answers by key, and a one-line prompt."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class Confirm(ModalScreen[bool]):
    """A yes/no question."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question)
            yield Label("[b]y[/b] yes   [b]n[/b] no")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class Choice(ModalScreen[str | None]):
    """A question answered by one key among a few; Esc cancels (None)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[Binding]] = [Binding("escape", "answer(None)", "Cancel")]

    def __init__(self, question: str, answers: list[tuple[str, str, str]]) -> None:
        """``answers``: ``(key, value, label)`` each."""
        super().__init__()
        self.question = question
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question)
            for key, _, label in self.answers:
                yield Label(f"[b]{key}[/b]  {label}")
            yield Label("[b]Esc[/b] cancel", classes="hint")

    def on_key(self, event) -> None:
        for key, value, _ in self.answers:
            if event.key == key:
                event.stop()
                self.dismiss(value)

    def action_answer(self, value: str | None) -> None:
        self.dismiss(value)


class Prompt(ModalScreen[str | None]):
    """Ask for one line of text (a name, a file path); Enter gives it, Escape cancels."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[Binding]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, question: str, value: str = "", placeholder: str = "", allow_empty: bool = False
    ) -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder
        self.allow_empty = allow_empty  # Enter on an empty line gives "" (Escape gives None)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question)
            yield Input(self.value, placeholder=self.placeholder, id="answer")
            yield Label("[b]Enter[/b] ok   [b]Esc[/b] cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        answer = event.value.strip()
        self.dismiss(answer if answer or self.allow_empty else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
