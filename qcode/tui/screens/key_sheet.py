"""The key sheet: qcode's own keys for the screen in use, opened and closed by ? / F1 / Esc.

It lists the bindings the screen declares (not the text view's cursor keys, which are summed
up in a line or two), with the codes' names on their digits, in two columns when the terminal
is wide enough, and scrolls when it is not.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

Entry = tuple[str, str]  # (keys as shown, what they do)

_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "escape": "Esc",
    "enter": "Enter",
    "space": "space",
    "right": "→",
    "left": "←",
    "up": "↑",
    "down": "↓",
    "f1": "F1",
    "delete": "Del",
}


def key_label(keys: str) -> str:
    """``"u,ctrl+z"`` as ``"u  ctrl+z"``, with the names a keyboard shows."""
    return "  ".join(_NAMES.get(k, k) for k in keys.split(","))


def declared_keys(screen: Screen) -> list[Entry]:
    """The keys a screen declares, one entry per action, in their declared order."""
    entries: list[Entry] = []
    for binding in getattr(screen, "BINDINGS", []):
        if isinstance(binding, Binding) and binding.description:
            entries.append((key_label(binding.key), binding.description))
    return entries


class KeySheet(ModalScreen[None]):
    """Every key of the screen below; ? / F1 / Esc close it."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape,question_mark,f1", "close", "Close the key sheet"),
    ]
    DEFAULT_CSS = """
    KeySheet { align: center middle; }
    KeySheet > Vertical {
        width: 96%; max-width: 110; height: auto; max-height: 96%;
        background: $panel; border: round $accent; padding: 0 1;
    }
    KeySheet #sheet-title { text-style: bold; color: $accent; width: 1fr; }
    KeySheet VerticalScroll { height: auto; max-height: 1fr; }
    KeySheet #sheet-hint { color: $text-muted; }
    """

    def __init__(self, title: str, entries: list[Entry]) -> None:
        super().__init__()
        self.title_text = title
        self.entries = entries

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Keys — {self.title_text}", id="sheet-title")
            # Above the list, so a short terminal that scrolls the list still shows it.
            yield Label(
                "? / F1 / Esc close this sheet · ctrl+p lists every action", id="sheet-hint"
            )
            with VerticalScroll():
                yield Static(self._table(), id="sheet")

    def _table(self) -> Table:
        pairs = 2 if self.app.size.width >= 76 and len(self.entries) > 8 else 1
        table = Table.grid(padding=(0, 1), expand=True)
        for _ in range(pairs):
            table.add_column(style="bold", no_wrap=True, max_width=20)
            table.add_column(ratio=1)
        rows = (len(self.entries) + pairs - 1) // pairs
        for row in range(rows):
            cells: list[Text | str] = []
            for column in range(pairs):
                index = column * rows + row
                if index < len(self.entries):
                    keys, what = self.entries[index]
                    cells += [Text(keys), Text(what)]
                else:
                    cells += ["", ""]
            table.add_row(*cells)
        return table

    def action_close(self) -> None:
        self.dismiss(None)
