"""Searching documents and memos, with keyword-in-context lines; Enter jumps to a hit.

The query, its hits and the hit last opened are kept (:class:`SearchState`): back in the
text, ``n`` / ``N`` go to the next and previous hit, and ``/`` comes back to the same list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from qcode.core.codebook import Codebook
from qcode.core.errors import QcodeError
from qcode.services.search import SearchHit, code_hits, search
from qcode.store.project import Project
from qcode.tui.safely import notify_errors
from qcode.tui.screens.dialogs import Choice

SOURCE_WIDTH = 70
CONTEXT = 36


@dataclass
class SearchState:
    """A search the researcher is working through."""

    query: str
    fuzzy: bool
    hits: list[SearchHit]
    index: int = 0  # the hit last opened

    @property
    def document_hits(self) -> list[int]:
        """Positions in ``hits`` of the hits in documents (memo hits are not in a text)."""
        return [i for i, h in enumerate(self.hits) if h.kind == "document"]

    def step(self, direction: int) -> SearchHit | None:
        """Move to the next (+1) or previous (-1) document hit, round the end."""
        places = self.document_hits
        if not places:
            return None
        later = [i for i in places if (i - self.index) * direction > 0]
        self.index = (min if direction > 0 else max)(later) if later else places[
            0 if direction > 0 else -1
        ]
        return self.hits[self.index]

    def where(self) -> str:
        places = self.document_hits
        number = places.index(self.index) + 1 if self.index in places else 0
        return f"hit {number} of {len(places)} for “{self.query}”"


@dataclass(frozen=True, slots=True)
class Jump:
    """Where the coding screen should go: a document and the span to select."""

    document_id: int
    start: int
    end: int
    search: SearchState | None = None


def hit_prompt(hit: SearchHit, width: int = 120) -> Text:
    """Two lines: where the hit is ("Author (Year) — title"), then the hit in its context,
    as much of it as fits ``width`` columns on one line."""
    where = hit.source if hit.kind == "document" else f"{hit.kind}: {hit.title}"
    room = max(width - 10, 30)
    if len(where) > min(SOURCE_WIDTH, room):
        where = where[: min(SOURCE_WIDTH, room) - 1] + "…"
    side = min(CONTEXT, max((room - len(hit.hit)) // 2, 8))
    left, right = hit.left[-side:], hit.right[:side]
    return Text.assemble(
        (where, "dim"), "\n  ", "…" if left else "", left, (hit.hit, "bold reverse"), right,
        "…" if right else "",
    )


class SearchScreen(Screen[Jump | None]):
    """Type a query, Enter to search; ↓ to the hits, Enter to jump; C codes every hit."""

    CSS_PATH = "search.tcss"
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("ctrl+f", "toggle_fuzzy", "Fuzzy on/off"),
        Binding("C", "code_all", "Code all hits"),
        Binding("u,ctrl+z", "undo", "Undo", show=False),
        Binding("escape", "close", "Back"),
    ]

    def __init__(
        self, project: Project, coder: str, codebook: Codebook, state: SearchState | None = None
    ) -> None:
        super().__init__()
        self.project = project
        self.coder = coder
        self.codebook = codebook
        self.state = state
        self.fuzzy = state.fuzzy if state else False

    @property
    def hits(self) -> list[SearchHit]:
        return self.state.hits if self.state else []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="bar"):
            yield Input(
                self.state.query if self.state else "",
                placeholder='kerja sama · "a phrase" · prefix* · a OR b',
                id="query",
            )
            yield Static("fuzzy" if self.fuzzy else "exact", id="mode")
        yield OptionList(id="hits")
        yield Static("", id="summary")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Search"
        if self.state is not None:
            index = self.state.index
            self.run_search(self.state.query)
            listing = self.query_one("#hits", OptionList)
            if self.state is not None and index < listing.option_count:
                self.state.index = index
                listing.highlighted = index
                listing.focus()
                return
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
        self.state = SearchState(query, self.fuzzy, result.hits)
        listing.add_options(
            Option(hit_prompt(hit, self.app.size.width), id=str(index))
            for index, hit in enumerate(result.hits)
        )
        shown = f", showing {len(result.hits)}" if len(result.hits) < result.total else ""
        self.query_one("#summary", Static).update(
            f"{result.total} hit(s){shown} · Enter opens a hit · C codes them all"
        )
        if result.hits:
            listing.focus()
            listing.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        index = int(event.option.id or 0)
        hit = self.hits[index]
        if hit.kind != "document" or hit.document_id is None:
            self.notify("a memo hit: open its document or segment from the coding screen")
            return
        assert self.state is not None
        self.state.index = index
        self.dismiss(Jump(hit.document_id, hit.start, hit.end, self.state))

    def action_toggle_fuzzy(self) -> None:
        self.fuzzy = not self.fuzzy
        self.query_one("#mode", Static).update("fuzzy" if self.fuzzy else "exact")
        query = self.query_one(Input).value
        if query.strip():
            self.run_search(query)

    def action_code_all(self) -> None:
        """Ask which code, then whether to code each hit, its sentence or its paragraph."""
        from qcode.tui.screens.code_picker import CodePicker

        documents = [h for h in self.hits if h.kind == "document"]
        if not documents or self.state is None:
            self.notify("no document hits to code", severity="warning")
            return
        self.app.push_screen(CodePicker(self.codebook), self._code_chosen)

    def _code_chosen(self, choice: tuple[str, str] | None) -> None:
        if choice is None or self.state is None:
            return
        kind, value = choice
        if kind != "apply":
            self.notify("create the code in the codebook first (b), then code the hits")
            return
        path = self.codebook.path(value)
        count = len(self.state.document_hits)
        question = f"Code the {count} hit(s) of “{self.state.query}” as {path}: code what?"
        answers = [
            ("h", "hit", "each hit itself"),
            ("s", "sentence", "the sentence around each hit"),
            ("p", "paragraph", "the paragraph around each hit"),
        ]
        self.app.push_screen(
            Choice(question, answers), lambda unit: self._code_hits(value, path, unit)
        )

    def _code_hits(self, guid: str, path: str, unit: str | None) -> None:
        if unit is None or self.state is None:
            return
        state = self.state

        def act() -> str:
            count = code_hits(
                self.project, state.query, guid, coder=self.coder, fuzzy=state.fuzzy, unit=unit
            )
            return f"coded {count} {unit}(s) as {path} (u undoes them all)"

        notify_errors(self, act)

    def action_undo(self) -> None:
        from qcode.services.undo import undo

        notify_errors(self, lambda: f"undone: {undo(self.project, coder=self.coder)}")

    def action_close(self) -> None:
        self.dismiss(None)
