"""Which coded spans touch each screen row, found by bisect when the row is drawn.

A long report may carry 13,000 coded spans; the document view draws forty rows at a time.
:class:`RowSpans` keeps the spans sorted by start and answers "which spans touch row r"
from a bisect window (spans longer than ``SHORT`` — a coded page — are kept apart and checked
on every row), remembering each answer until the spans or the rows change. Adding or
removing one span (coding, undo) touches only its own rows.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from qcode.core.spans import Coded
from qcode.core.wrapping import Rows

SHORT = 2000  # spans up to this long are found by bisect; longer ones are listed apart


def _by_start(span: Coded) -> int:
    return span.start


class RowSpans:
    """Spans by screen row for one wrapped text."""

    def __init__(self, rows: Rows, spans: list[Coded] = ()) -> None:
        self.rows = rows
        self.spans = sorted(spans, key=_by_start)
        self._starts = [span.start for span in self.spans]
        self._long = [span for span in self.spans if span.end - span.start > SHORT]
        self._by_row: dict[int, list[Coded]] = {}

    def rewrapped(self, rows: Rows) -> None:
        """The text was wrapped again: forget every row's answer."""
        self.rows = rows
        self._by_row = {}

    def rows_of(self, span: Coded) -> tuple[int, int]:
        """The first and last row ``span`` touches."""
        return self.rows.row_of(span.start), self.rows.row_of(max(span.start, span.end - 1))

    def add(self, span: Coded) -> tuple[int, int]:
        """Add one span; return the rows to draw again."""
        position = bisect_right(self._starts, span.start)
        self.spans.insert(position, span)
        self._starts.insert(position, span.start)
        if span.end - span.start > SHORT:
            self._long.append(span)
        return self._forget(span)

    def remove(self, span: Coded) -> tuple[int, int] | None:
        """Remove one span equal to ``span``; return the rows to draw again (None: absent)."""
        position = bisect_left(self._starts, span.start)
        while position < len(self.spans) and self._starts[position] == span.start:
            if self.spans[position] == span:
                del self.spans[position]
                del self._starts[position]
                if span in self._long:
                    self._long.remove(span)
                return self._forget(span)
            position += 1
        return None

    def _forget(self, span: Coded) -> tuple[int, int]:
        first, last = self.rows_of(span)
        for row in range(first, last + 1):
            self._by_row.pop(row, None)
        return first, last

    def on_row(self, row: int) -> list[Coded]:
        """The spans that touch ``row``."""
        found = self._by_row.get(row)
        if found is None:
            start, end = self.rows.span(row)
            end = max(end, start + 1)
            low = bisect_left(self._starts, start - SHORT)
            high = bisect_left(self._starts, end)
            found = [s for s in self.spans[low:high] if s.end > start and s.end - s.start <= SHORT]
            found += [s for s in self._long if s.start < end and s.end > start]
            self._by_row[row] = found
        return found
