"""A read-only document view that draws coded spans in their codes' colours.

Built on Textual's TextArea (keyboard and mouse selection come with it); ``get_line`` is
the documented hook for styling. Spans are cut into elementary runs by
:mod:`qcode.core.spans`; where two or more codes overlap the run is underlined and blended.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import TextArea

from qcode.core.colours import text_colour_on
from qcode.core.spans import Coded, LineIndex, keys_at, line_runs

_FALLBACK = "#888888"


def _blend(colours: list[str]) -> str:
    channels = [[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in colours]
    mixed = [sum(values) // len(values) for values in zip(*channels, strict=True)]
    return "#" + "".join(f"{v:02X}" for v in mixed)


class DocumentViewer(TextArea, inherit_bindings=False):
    """Shows one document's stored text; offsets are code points of that text.

    Only TextArea's moving, selecting and copying keys are kept: its editing keys would do
    nothing here, crowd the help panel, and swallow ctrl+z / ctrl+y, which mean the
    project's undo and redo on the coding screen.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        b
        for b in TextArea.BINDINGS
        if isinstance(b, Binding) and b.action.startswith(("cursor_", "select_", "copy"))
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(
            "",
            read_only=True,
            soft_wrap=True,
            show_line_numbers=False,
            highlight_cursor_line=False,
            **kwargs,
        )
        self.index = LineIndex("")
        self.spans: list[Coded] = []
        self.palette: dict[str, str] = {}
        self._by_line: dict[int, list[Coded]] = {}

    def show(self, text: str, spans: list[Coded], palette: dict[str, str]) -> None:
        self.load_text(text)
        self.index = LineIndex(text)
        self.set_spans(spans, palette)

    def set_spans(self, spans: list[Coded], palette: dict[str, str]) -> None:
        self.spans = spans
        self.palette = palette
        # Spans bucketed by the lines they touch, so drawing a line looks at its own only.
        self._by_line: dict[int, list[Coded]] = {}
        for span in spans:
            first = self.index.location(span.start)[0]
            last = self.index.location(max(span.start, span.end - 1))[0]
            for row in range(first, last + 1):
                self._by_line.setdefault(row, []).append(span)
        self._line_cache.clear()
        self.refresh()

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        spans = self._by_line.get(line_index) if self.spans else None
        if not spans:
            return line
        start, end = self.index.line_span(line_index)
        for run in line_runs(start, end, spans):
            colours = [self.palette.get(key, _FALLBACK) for key in run.keys]
            background = _blend(colours)
            style = Style(
                bgcolor=background, color=text_colour_on(background), underline=len(colours) > 1
            )
            line.stylize(style, run.start, run.end)
        return line

    def selected_offsets(self) -> tuple[int, int]:
        """The selection as text offsets ``(start, end)``, start <= end."""
        anchor, cursor = self.selection
        first, last = sorted((anchor, cursor))
        return self.index.offset(*first), self.index.offset(*last)

    def cursor_offset(self) -> int:
        return self.index.offset(*self.selection.end)

    def keys_at_cursor(self) -> list[str]:
        return keys_at(self.cursor_offset(), self.spans)

    def select_offsets(self, start: int, end: int) -> None:
        from textual.widgets.text_area import Selection

        self.selection = Selection(self.index.location(start), self.index.location(end))
        self.scroll_cursor_visible()
