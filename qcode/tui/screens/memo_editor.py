"""Writing the memo of one segment: several lines, with the segment it belongs to in view."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from qcode.services.coding import SegmentView

SHOWN = 160  # characters of the segment's text shown above the memo


def segment_label(segment: SegmentView) -> str:
    text = " ".join(segment.text.split())
    if len(text) > SHOWN:
        text = text[: SHOWN - 1] + "…"
    return f"{segment.code} · {segment.coder} · “{text}”"


class MemoEditor(ModalScreen[str | None]):
    """The memo of ``segment``; ctrl+s keeps it (empty clears it), Esc leaves it as it was."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("ctrl+s", "save", "Save the memo", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]
    DEFAULT_CSS = """
    MemoEditor { align: center middle; }
    MemoEditor > Vertical {
        width: 90%; max-width: 100; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    MemoEditor #memo-segment { color: $text-muted; margin-bottom: 1; }
    MemoEditor TextArea { height: 10; }
    MemoEditor .hint { color: $text-muted; }
    """

    def __init__(self, segment: SegmentView) -> None:
        super().__init__()
        self.segment = segment

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Memo on {self.segment.code}", id="memo-title")
            yield Label(segment_label(self.segment), id="memo-segment")
            yield TextArea(self.segment.memo, id="memo-text", soft_wrap=True)
            yield Label(
                "[b]ctrl+s[/b] save (empty clears it)   [b]Esc[/b] cancel", classes="hint"
            )

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
