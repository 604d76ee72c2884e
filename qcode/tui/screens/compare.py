"""Comparing two coders unit by unit, and deciding the consensus coding.

The units where the coders differ are walked one at a time, the text shown with each coder's
spans coloured (the first coder's underlined in one colour, the second's in another, both where
they overlap). a / b / t / n take the first coder's coding, the second's, both or neither into
the consensus coder; each decision is one undo step.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from qcode.services.consensus import Disagreement, consensus_coder, decide, disagreements
from qcode.services.undo import undo
from qcode.store.project import Project
from qcode.tui.safely import notify_errors

FIRST = "underline bold #4fa3ff"
SECOND = "underline bold #ff9e3d"
BOTH = "underline bold reverse #c792ea"


SHOWN = 1200  # characters of a long unit shown, around the coding in it
AROUND = 240


def shown_window(item: Disagreement) -> tuple[int, int]:
    """The part of the unit to show: all of it, or for a long one (a 100 KB line without a
    sentence end) the stretch from a little before the first coding to a little after."""
    if item.end - item.start <= SHOWN:
        return item.start, item.end
    spans = [*item.first_spans, *item.second_spans]
    first = max(item.start, min((s for s, _ in spans), default=item.start) - AROUND)
    last = min(item.end, max((e for _, e in spans), default=first) + AROUND, first + SHOWN)
    return first, max(last, first + 1)


def marked(item: Disagreement) -> Text:
    """The unit's text (or its coded stretch) with the two coders' spans styled."""
    first, last = shown_window(item)
    body = item.text[first - item.start : last - item.start]
    text = Text(body)
    inside = [0] * len(body)
    for flag, spans in ((1, item.first_spans), (2, item.second_spans)):
        for start, end in spans:
            for at in range(max(start, first), min(end, last)):
                inside[at - first] |= flag
    styles = {1: FIRST, 2: SECOND, 3: BOTH}
    at = 0
    while at < len(inside):
        stop = at
        while stop < len(inside) and inside[stop] == inside[at]:
            stop += 1
        if inside[at]:
            text.stylize(styles[inside[at]], at, stop)
        at = stop
    if first > item.start:
        text = Text("… ") + text
    if last < item.end:
        text.append(" …")
    return text


class CompareScreen(Screen[None]):
    """Two coders' differences, one unit at a time."""

    CSS_PATH = "compare.tcss"
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("a", "take('first')", "Take the first coder's coding"),
        Binding("b", "take('second')", "Take the second coder's coding"),
        Binding("t", "take('both')", "Take both"),
        Binding("n", "take('neither')", "Take neither"),
        Binding("space,right", "move(1)", "Next"),
        Binding("left", "move(-1)", "Previous", show=False),
        Binding("u,ctrl+z", "undo", "Undo"),
        Binding("escape", "close", "Back"),
        Binding("q,ctrl+q", "app.quit", "Quit"),
    ]

    def __init__(self, project: Project, coder: str, coders: tuple[str, str], unit: str) -> None:
        super().__init__()
        self.project = project
        self.coder = coder
        self.coders = coders
        self.unit = unit
        self.items: list[Disagreement] = []
        self.position = 0
        self.consensus = "consensus"
        self.decided: dict[int, str] = {}  # position → what was taken
        self.history: list[int] = []  # positions decided, latest last (for undo)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="compare"):
            yield Static("", id="compare-heading")
            yield Static("", id="compare-source")
            yield Static("", id="compare-unit")
            yield Static("", id="compare-codes")
            yield Static("", id="compare-consensus")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Compare {self.coders[0]} and {self.coders[1]}"
        self.sub_title = f"by {self.unit}"

        def load() -> None:
            self.consensus = consensus_coder(self.project)
            self.items = disagreements(self.project, self.coders, unit=self.unit)

        notify_errors(self, load)
        self.show_current()

    def show_current(self) -> None:
        heading = self.query_one("#compare-heading", Static)
        if not self.items:
            heading.update(f"{self.coders[0]} and {self.coders[1]} agree on every {self.unit}.")
            for name in ("source", "unit", "codes", "consensus"):
                self.query_one(f"#compare-{name}", Static).update("")
            return
        item = self.items[self.position]
        heading.update(
            Text.assemble(
                (f"Difference {self.position + 1} of {len(self.items)}", "bold"),
                f"   document {item.document}",
            )
        )
        first, last = shown_window(item)
        part = "" if (first, last) == (item.start, item.end) else f", shown {first}–{last}"
        self.query_one("#compare-source", Static).update(
            Text(f"{item.citation} · characters {item.start}–{item.end}{part}")
        )
        self.query_one("#compare-unit", Static).update(marked(item))
        first, second = self.coders
        self.query_one("#compare-codes", Static).update(
            Text.assemble(
                (f"a  {first}: ", FIRST),
                "; ".join(item.first) or "—",
                "\n",
                (f"b  {second}: ", SECOND),
                "; ".join(item.second) or "—",
            )
        )
        taken = self.decided.get(self.position)
        self.query_one("#compare-consensus", Static).update(
            f"{self.consensus}: took {taken}" if taken else f"{self.consensus}: not decided yet"
        )

    def action_move(self, step: int) -> None:
        if self.items:
            self.position = max(0, min(len(self.items) - 1, self.position + step))
            self.show_current()

    def action_take(self, take: str) -> None:
        if not self.items:
            return
        item = self.items[self.position]
        first, second = self.coders
        label = {"first": f"{first}'s coding", "second": f"{second}'s coding"}.get(take, take)

        def run() -> str:
            count = decide(self.project, item, take, as_coder=self.consensus, coder=self.coder)
            self.decided[self.position] = label
            self.history.append(self.position)
            return f"{self.consensus}: took {label} ({count} segment(s))"

        if notify_errors(self, run):
            if self.position < len(self.items) - 1:
                self.position += 1
            self.show_current()

    def action_undo(self) -> None:
        def run() -> str:
            done = undo(self.project, coder=self.coder)
            if self.history:
                self.position = self.history.pop()
                self.decided.pop(self.position, None)
            return f"undone: {done}"

        notify_errors(self, run)
        self.show_current()

    def action_close(self) -> None:
        self.dismiss(None)
