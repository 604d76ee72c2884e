"""Pick a code by typing: fuzzy over names, paths and keywords; Enter applies it."""

from __future__ import annotations

from typing import ClassVar

from rapidfuzz import fuzz, process
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from qcode.core.codebook import Codebook


class CodePicker(ModalScreen[tuple[str, str] | None]):
    """Returns ("apply", guid), ("create", name), or None when cancelled."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+n", "create", "New code"),
        Binding("down", "focus_list", show=False),
    ]
    DEFAULT_CSS = """
    CodePicker { align: center middle; }
    CodePicker #picker {
        width: 80; height: 24; border: thick $accent; background: $surface; padding: 0 1;
    }
    CodePicker OptionList { height: 1fr; }
    """

    def __init__(self, codebook: Codebook) -> None:
        super().__init__()
        self.codebook = codebook
        paths = codebook.paths()
        self.choices = {
            code.guid: f"{paths[code.guid]} {' '.join(code.all_keywords())}"
            for code in codebook.codes
            if code.codable and not code.retired
        }
        self.paths = paths

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label(
                "Apply which code? Type to filter; Enter applies; ctrl+n creates a new code."
            )
            yield Input(placeholder="code name, path or keyword", id="filter")
            yield OptionList(id="choices")

    def on_mount(self) -> None:
        self.show_matches("")
        self.query_one(Input).focus()

    def show_matches(self, text: str) -> None:
        listing = self.query_one(OptionList)
        listing.clear_options()
        if text.strip():
            ranked = process.extract(
                text, self.choices, scorer=fuzz.WRatio, limit=15, score_cutoff=50
            )
            guids = [guid for _, _, guid in ranked]
        else:
            guids = list(self.choices)
        for guid in guids:
            listing.add_option(Option(self.paths[guid], id=guid))
        if guids:
            listing.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_matches(event.value)

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            self.notify("no code matches; ctrl+n creates one", severity="warning")
            return
        option = listing.get_option_at_index(listing.highlighted)
        self.dismiss(("apply", option.id or ""))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(("apply", event.option.id or ""))

    def action_focus_list(self) -> None:
        self.query_one(OptionList).focus()

    def action_create(self) -> None:
        name = self.query_one(Input).value.strip()
        if not name:
            self.notify("type the new code's name first", severity="warning")
            return
        self.dismiss(("create", name))

    def action_cancel(self) -> None:
        self.dismiss(None)
