"""Searching documents and memos, with keyword-in-context lines; Enter jumps to a hit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from qcode.core.errors import QcodeError
from qcode.services.search import SearchHit, code_hits, search
from qcode.store.project import Project
from qcode.tui.screens.dialogs import Confirm


@dataclass(frozen=True, slots=True)
class Jump:
    """Where the coding screen should go: a document and the span to select."""

    document_id: int
    start: int
    end: int


class SearchScreen(Screen[Jump | None]):
    """Type a query, Enter to search; ↓ to the hits, Enter to jump; C codes every hit."""

    CSS_PATH = "search.tcss"
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("ctrl+f", "toggle_fuzzy", "Fuzzy on/off"),
        Binding("C", "code_all", "Code all hits"),
        Binding("escape", "close", "Back"),
    ]

    def __init__(self, project: Project, coder: str, code: tuple[str, str] | None) -> None:
        super().__init__()
        self.project = project
        self.coder = coder
        self.code = code  # (guid, path) of the code chosen in the code tree, for "code all"
        self.fuzzy = False
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="bar"):
            yield Input(placeholder='words, "a phrase", prefix*', id="query")
            yield Static("exact", id="mode")
        yield OptionList(id="hits")
        yield Static("", id="summary")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Search"
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        listing = self.query_one("#hits", OptionList)
        listing.clear_options()
        try:
            result = search(self.project, query, fuzzy=self.fuzzy)
        except QcodeError as exc:
            self.notify(str(exc), severity="error")
            return
        self.hits = result.hits
        for index, hit in enumerate(result.hits):
            where = f"{hit.document_id}:{hit.start}" if hit.kind == "document" else hit.title
            line = f"{where:>10}  …{hit.left[-30:]} [b]{hit.hit}[/b] {hit.right[:30]}…"
            listing.add_option(Option(line, id=str(index)))
        shown = f", showing {len(result.hits)}" if len(result.hits) < result.total else ""
        self.query_one("#summary", Static).update(f"{result.total} hit(s){shown}")
        if result.hits:
            listing.focus()
            listing.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[int(event.option.id or 0)]
        if hit.kind != "document" or hit.document_id is None:
            self.notify("a memo hit: open its document or segment from the coding screen")
            return
        self.dismiss(Jump(hit.document_id, hit.start, hit.end))

    def action_toggle_fuzzy(self) -> None:
        self.fuzzy = not self.fuzzy
        self.query_one("#mode", Static).update("fuzzy" if self.fuzzy else "exact")
        query = self.query_one(Input).value
        if query.strip():
            self.run_search(query)

    def action_code_all(self) -> None:
        query = self.query_one(Input).value
        documents = [h for h in self.hits if h.kind == "document"]
        if self.code is None:
            self.notify("choose a code in the code tree first", severity="warning")
            return
        if not documents:
            self.notify("no document hits to code", severity="warning")
            return
        guid, path = self.code

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                count = code_hits(self.project, query, guid, coder=self.coder, fuzzy=self.fuzzy)
            except QcodeError as exc:
                self.notify(str(exc), severity="error")
                return
            self.notify(f"coded {count} hit(s) as {path}")

        self.app.push_screen(
            Confirm(f"Code all {len(documents)} hit(s) of {query!r} as {path}?"), answered
        )

    def action_close(self) -> None:
        self.dismiss(None)
