"""A read-only document view that stays fast on any document, coloured by its coded spans.

A Line-API widget (Textual's ``ScrollView``): the text is soft-wrapped once into rows by
:mod:`qcode.core.wrapping` (milliseconds even for a 1 MB report or a 100 KB single line), and
only the visible rows are drawn, each from its own coded spans. The cursor and the selection
are text offsets (code points of the stored text), moved by keys or the mouse; where two or
more codes overlap a run is underlined and its colours blended (:mod:`qcode.core.spans`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from qcode.core.colours import text_colour_on
from qcode.core.row_spans import RowSpans
from qcode.core.spans import Coded, keys_at, line_runs
from qcode.core.wrapping import Rows, column_offset, offset_column, wrap

_FALLBACK = "#888888"
_CONTROL = {code: " " for code in range(32)}  # tabs and stray controls: one blank cell each
_WORD_AHEAD = re.compile(r"\W*\w+")
_WORD_BEHIND = re.compile(r"\w+\W*$")
_WORD_TAIL = re.compile(r"\w*$")
_WORD_HEAD = re.compile(r"\w*")


def _blend(colours: list[str]) -> str:
    channels = [[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in colours]
    mixed = [sum(values) // len(values) for values in zip(*channels, strict=True)]
    return "#" + "".join(f"{v:02X}" for v in mixed)


def _moves(key: str, action: str, description: str) -> list[Binding]:
    """A moving key and its shift+ variant, which extends the selection."""
    shifted = ",".join(f"shift+{k}" for k in key.split(","))
    return [
        Binding(key, f"move('{action}', False)", description, show=False),
        Binding(shifted, f"move('{action}', True)", f"select {description}", show=False),
    ]


class DocumentViewer(ScrollView, can_focus=True):
    """Shows one document's stored text; the cursor and selection are offsets into it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "document-viewer--cursor",
        "document-viewer--selection",
    }
    DEFAULT_CSS = """
    DocumentViewer { background: $surface; color: $foreground; overflow-x: hidden; }
    DocumentViewer > .document-viewer--cursor { background: $foreground; color: $surface; }
    DocumentViewer > .document-viewer--selection { background: $primary 55%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        *_moves("left", "left", "character left"),
        *_moves("right", "right", "character right"),
        *_moves("up", "up", "row up"),
        *_moves("down", "down", "row down"),
        *_moves("home", "home", "row start"),
        *_moves("end", "end", "row end"),
        *_moves("pageup", "page_up", "page up"),
        *_moves("pagedown", "page_down", "page down"),
        *_moves("ctrl+home", "top", "document start"),
        *_moves("ctrl+end", "bottom", "document end"),
        *_moves("ctrl+left", "word_left", "word left"),
        *_moves("ctrl+right", "word_right", "word right"),
        Binding("ctrl+c", "copy", "Copy selection", show=False),
    ]

    class SelectionChanged(Message):
        """The cursor or the selection moved."""

        def __init__(self, viewer: DocumentViewer, start: int, end: int) -> None:
            super().__init__()
            self.viewer = viewer
            self.start = start
            self.end = end

        @property
        def control(self) -> DocumentViewer:
            return self.viewer

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = ""
        self.rows: Rows = wrap("", 1)
        self.coded = RowSpans(self.rows)
        self.palette: dict[str, str] = {}
        self.anchor = 0
        self.cursor = 0
        self._goal: int | None = None  # the column up/down keep while moving through rows
        self._dragging = False
        self.on_moved: Callable[[int, int], None] | None = None  # told of every move

    # Content --------------------------------------------------------------------------------

    def show(self, text: str, spans: list[Coded], palette: dict[str, str]) -> None:
        """Show ``text`` from its start with ``spans`` coloured by ``palette``."""
        self.text = text
        self.anchor = self.cursor = 0
        self._goal = None
        self._rewrap()
        self.set_spans(spans, palette)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._changed()

    @property
    def spans(self) -> list[Coded]:
        return self.coded.spans

    def set_spans(self, spans: list[Coded], palette: dict[str, str]) -> None:
        """Colour ``spans``; rows find theirs when drawn (bisect), so this costs a sort."""
        self.coded = RowSpans(self.rows, spans)
        self.palette = palette
        self.refresh()

    def add_span(self, span: Coded, palette: dict[str, str]) -> None:
        """Draw one more span (coding by digit) without sorting the others again."""
        self.palette = palette
        first, last = self.coded.add(span)
        self.refresh_lines(first, last - first + 1)

    def remove_span(self, span: Coded) -> None:
        """Stop drawing one span (an undone coding) without sorting the others again."""
        changed = self.coded.remove(span)
        if changed is not None:
            self.refresh_lines(changed[0], changed[1] - changed[0] + 1)

    def _text_width(self) -> int:
        # One cell stays free for the cursor at the end of a full row; before the first
        # layout the width is unknown, and the text is wrapped again once it is.
        width = self.scrollable_content_region.width
        return max(width - 1, 10) if width else 79

    def _rewrap(self) -> None:
        self.rows = wrap(self.text, self._text_width())
        self.coded.rewrapped(self.rows)
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))

    def on_resize(self, event: events.Resize) -> None:
        if self._text_width() != self.rows.width:
            self._rewrap()
            self._show_cursor()

    # Drawing --------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        row = y + int(self.scroll_offset.y)
        if row >= len(self.rows):
            return Strip.blank(width, base)
        start, end = self.rows.span(row)
        shown = self.text[start:end].translate(_CONTROL)
        styles = self._styles(row, start, end, base)
        segments = []
        for left, right, style in styles:
            segments.append(Segment(shown[left - start : right - start], style))
        if self.cursor == end and self._row_of_cursor() == row:
            segments.append(Segment(" ", base + self._cursor_style()))
        strip = Strip(segments)
        return strip.extend_cell_length(width, base).crop(0, width)

    def _styles(self, row: int, start: int, end: int, base: Style) -> list[tuple[int, int, Style]]:
        """``(from, to, style)`` runs of a row: code colours, then selection, then cursor."""
        cuts = {start, end}
        coded: list[tuple[int, int, Style]] = []
        for run in line_runs(start, end, self.coded.on_row(row)):
            colours = [self.palette.get(key, _FALLBACK) for key in run.keys]
            background = _blend(colours)
            style = Style(
                bgcolor=background, color=text_colour_on(background), underline=len(colours) > 1
            )
            coded.append((start + run.start, start + run.end, style))
            cuts.update((start + run.start, start + run.end))
        first, last = self.selected_offsets()
        selecting = first < last and first < end and last > start
        if selecting:
            cuts.update((max(first, start), min(last, end)))
        has_cursor = start <= self.cursor < end
        if has_cursor:
            cuts.update((self.cursor, self.cursor + 1))
        points = sorted(c for c in cuts if start <= c <= end)
        result: list[tuple[int, int, Style]] = []
        position = 0
        for left, right in pairwise(points):
            while position < len(coded) and coded[position][1] <= left:
                position += 1
            style = base
            if position < len(coded) and coded[position][0] <= left:
                style = base + coded[position][2]
            if selecting and first <= left and right <= last:
                style += self.get_component_rich_style("document-viewer--selection")
            if has_cursor and left == self.cursor:
                style += self._cursor_style()
            result.append((left, right, style))
        return result

    def _cursor_style(self) -> Style:
        if not self.has_focus:
            return Style(underline=True)
        return self.get_component_rich_style("document-viewer--cursor")

    def on_focus(self) -> None:
        self._refresh_cursor_row()

    def on_blur(self) -> None:
        self._refresh_cursor_row()

    def _refresh_cursor_row(self) -> None:
        self.refresh_lines(self._row_of_cursor(), 1)

    # Offsets for the coding screen ----------------------------------------------------------

    def selected_offsets(self) -> tuple[int, int]:
        """The selection as text offsets ``(start, end)``, start <= end."""
        first, last = sorted((self.anchor, self.cursor))
        return first, last

    def cursor_offset(self) -> int:
        """Where "at the cursor" means: the selection's start, or the cursor."""
        return min(self.anchor, self.cursor)

    def keys_at_cursor(self) -> list[str]:
        offset = self.cursor_offset()
        return keys_at(offset, self.coded.on_row(self.rows.row_of(offset)))

    def select_offsets(self, start: int, end: int) -> None:
        """Select ``[start, end)`` with the cursor on its first character, and show it."""
        end = min(max(end, start), len(self.text))
        self._set(start, anchor=end)
        self._show(self.rows.row_of(max(start, end - 1)))
        self._show_cursor()

    def selected_text(self) -> str:
        first, last = self.selected_offsets()
        return self.text[first:last]

    # Moving ---------------------------------------------------------------------------------

    def action_move(self, where: str, extend: bool) -> None:
        target = getattr(self, f"_target_{where}")()
        self._set(target, anchor=None if extend else target, keep_goal=where in _VERTICAL)
        self._show_cursor()

    def _target_left(self) -> int:
        return max(self.cursor - 1, 0)

    def _target_right(self) -> int:
        return min(self.cursor + 1, len(self.text))

    def _target_up(self) -> int:
        return self._on_row(self._row_of_cursor() - 1)

    def _target_down(self) -> int:
        return self._on_row(self._row_of_cursor() + 1)

    def _target_page_up(self) -> int:
        step = max(self.scrollable_content_region.height - 1, 1)
        self.scroll_to(y=max(self.scroll_offset.y - step, 0), animate=False, immediate=True)
        return self._on_row(self._row_of_cursor() - step)

    def _target_page_down(self) -> int:
        step = max(self.scrollable_content_region.height - 1, 1)
        self.scroll_to(y=self.scroll_offset.y + step, animate=False, immediate=True)
        return self._on_row(self._row_of_cursor() + step)

    def _target_home(self) -> int:
        return self.rows.starts[self._row_of_cursor()]

    def _target_end(self) -> int:
        return self._row_limit(self._row_of_cursor())

    def _target_top(self) -> int:
        return 0

    def _target_bottom(self) -> int:
        return len(self.text)

    def _target_word_left(self) -> int:
        window = max(self.cursor - 400, 0)
        match = _WORD_BEHIND.search(self.text, window, self.cursor)
        return match.start() if match else window

    def _target_word_right(self) -> int:
        match = _WORD_AHEAD.match(self.text, self.cursor)
        return match.end() if match else len(self.text)

    def _on_row(self, row: int) -> int:
        """The offset on ``row`` (clamped to the text) at the remembered column."""
        row = min(max(row, 0), len(self.rows) - 1)
        if self._goal is None:
            self._goal = offset_column(self.text, self._row_start(), self.cursor)
        start, _ = self.rows.span(row)
        return min(column_offset(self.text, start, self._row_limit(row), self._goal),
                   self._row_limit(row))

    def _row_start(self) -> int:
        return self.rows.starts[self._row_of_cursor()]

    def _row_limit(self, row: int) -> int:
        """The last offset the cursor may take on ``row``: a wrapped row's end belongs to
        the next row, so its last place is before its last character."""
        end = self.rows.ends[row]
        if row + 1 < len(self.rows) and self.rows.starts[row + 1] == end:
            return max(end - 1, self.rows.starts[row])
        return end

    def _row_of_cursor(self) -> int:
        return self.rows.row_of(self.cursor)

    def _set(self, cursor: int, anchor: int | None, keep_goal: bool = False) -> None:
        """Move the cursor (and the anchor, unless ``None``: the selection grows)."""
        before = self.anchor, self.cursor
        old_rows = sorted((self.rows.row_of(self.anchor), self._row_of_cursor()))
        self.cursor = min(max(cursor, 0), len(self.text))
        if anchor is not None:
            self.anchor = min(max(anchor, 0), len(self.text))
        if not keep_goal:
            self._goal = None
        if (self.anchor, self.cursor) == before:
            return
        new_rows = sorted((self.rows.row_of(self.anchor), self._row_of_cursor()))
        first, last = min(old_rows[0], new_rows[0]), max(old_rows[1], new_rows[1])
        self.refresh_lines(first, last - first + 1)
        self._changed()

    def _changed(self) -> None:
        first, last = self.selected_offsets()
        if self.on_moved is not None:
            # Called at once, so what it shows is drawn in the same frame as the cursor
            # (a message would arrive after this frame and cost the next one).
            self.on_moved(first, last)
        self.post_message(self.SelectionChanged(self, first, last))

    def _show_cursor(self) -> None:
        self._show(self._row_of_cursor())

    def _show(self, row: int) -> None:
        self.scroll_to_region(Region(0, row, 1, 1), animate=False, immediate=True)

    def action_copy(self) -> None:
        if self.selected_text():
            self.app.copy_to_clipboard(self.selected_text())

    # Mouse ----------------------------------------------------------------------------------

    def _offset_at(self, x: int, y: int) -> int:
        row = min(max(y + int(self.scroll_offset.y), 0), len(self.rows) - 1)
        start, _ = self.rows.span(row)
        return column_offset(self.text, start, self._row_limit(row), x)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        offset = event.get_content_offset(self)
        if offset is None or event.button != 1:
            return
        self._dragging = True
        self.capture_mouse()
        at = self._offset_at(offset.x, offset.y)
        if event.shift:
            self._set(at, anchor=None)
        else:
            self._set(at, anchor=at)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            offset = event.get_content_offset_capture(self)
            self._set(self._offset_at(offset.x, offset.y), anchor=None)
            self._show_cursor()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()

    def on_click(self, event: events.Click) -> None:
        if event.chain == 2:  # a double click selects the word
            behind = _WORD_TAIL.search(self.text, max(self.cursor - 200, 0), self.cursor)
            ahead = _WORD_HEAD.match(self.text, self.cursor)
            start = behind.start() if behind else self.cursor
            self.select_offsets(start, ahead.end() if ahead else self.cursor)


_VERTICAL = frozenset({"up", "down", "page_up", "page_down"})
