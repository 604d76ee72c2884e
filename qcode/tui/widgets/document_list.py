"""The document pane: a filter line, a count, and the list of documents (two lines each).

The widget shows rows it is given; the screen fetches them (an attribute filter needs the
project). Word filtering and sorting happen here, on the rows held.
"""

from __future__ import annotations

import contextlib

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from qcode.core.document_list import SORTS, DocumentRow, filter_rows, sort_rows, split_filter

LISTED = 1000  # a project of 100,000 documents lists the first ones; ] and [ reach the rest


def _entry(row: DocumentRow) -> Text:
    title, _, rest = row.label().partition("\n")
    text = Text(title)
    text.append("\n" + rest, style="dim")
    return text


class DocumentList(Vertical):
    """Documents to choose from; Enter on one posts :class:`DocumentList.Chosen`."""

    class Chosen(Message):
        def __init__(self, document_id: int) -> None:
            super().__init__()
            self.document_id = document_id

    class FilterSubmitted(Message):
        """The filter line was submitted; the screen fetches rows for its conditions."""

        def __init__(self, text: str, conditions: list[str]) -> None:
            super().__init__()
            self.text = text
            self.conditions = conditions

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[DocumentRow] = []  # every document matching the attribute filter
        self.documents: list[DocumentRow] = []  # those shown: filtered by words, sorted
        self.sort = SORTS[0]
        self.filter_text = ""
        self.total = 0
        self.current: int | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter: words, year=2021 (f)", id="doc-filter")
        yield Static("", id="doc-count")
        yield OptionList(id="documents")

    def load(
        self, rows: list[DocumentRow], *, text: str | None = None, total: int | None = None
    ) -> None:
        """Hold ``rows`` (and the filter ``text`` they answer; ``total`` in the project)."""
        self.rows = rows
        if text is not None:
            self.filter_text = text
        if total is not None:
            self.total = total
        self.refill()

    def refill(self) -> None:
        words, _ = split_filter(self.filter_text)
        self.documents = sort_rows(filter_rows(self.rows, words), self.sort)
        listing = self.query_one(OptionList)
        listing.clear_options()
        shown = self.documents[:LISTED]
        listing.add_options(Option(_entry(row), id=str(row.id)) for row in shown)
        if len(self.documents) > len(shown):
            more = len(self.documents) - len(shown)
            listing.add_option(Option(f"… {more} more (] and [ reach them)", disabled=True))
        count = len(self.documents)
        total = f" of {self.total}" if count != self.total else ""
        noun = "document" if count == 1 and not total else "documents"
        self.query_one("#doc-count", Static).update(f"{count}{total} {noun} · by {self.sort} (o)")
        self.highlight(self.current)

    def next_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.refill()

    def position(self, document_id: int | None) -> int | None:
        return next((i for i, d in enumerate(self.documents) if d.id == document_id), None)

    def neighbour(self, step: int) -> int | None:
        """The document ``step`` places from the current one, wrapping around."""
        if not self.documents:
            return None
        at = self.position(self.current)
        position = 0 if at is None else (at + step) % len(self.documents)
        return self.documents[position].id

    def highlight(self, document_id: int | None) -> None:
        self.current = document_id
        position = self.position(document_id)
        if position is not None and position < LISTED:
            self.query_one(OptionList).highlighted = position

    def set_coded(self, document_id: int, coded: int) -> None:
        """Keep a document's segment count true after coding."""
        row = next((r for r in self.rows if r.id == document_id), None)
        if row is None or row.coded == coded:
            return
        updated = DocumentRow(row.id, row.title, row.author, row.year, coded)
        self.rows = [updated if r.id == row.id else r for r in self.rows]
        self.documents = [updated if r.id == row.id else r for r in self.documents]
        with contextlib.suppress(OptionDoesNotExist):  # beyond the listed ones
            self.query_one(OptionList).replace_option_prompt(str(row.id), _entry(updated))

    def set_counts(self, counts: dict[int, int]) -> None:
        """Make every listed count true (after accepting suggestions across documents)."""
        changed = {r.id for r in self.rows if r.coded != counts.get(r.id, 0)}
        if not changed:
            return
        for row in [r for r in self.rows if r.id in changed]:
            self.set_coded(row.id, counts.get(row.id, 0))

    def focus_filter(self) -> None:
        self.query_one(Input).focus()

    def focus_list(self) -> None:
        self.query_one(OptionList).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        self.post_message(self.FilterSubmitted(text, split_filter(text)[1]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(int(event.option.id)))
