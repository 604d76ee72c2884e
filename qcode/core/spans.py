"""Offsets and lines, and how overlapping coded spans split a line into styled runs.

The viewer shows text line by line while every offset in qcode counts code points of the
whole text. :class:`LineIndex` converts between the two with a prefix table (bisect), and
:func:`line_runs` cuts a line into elementary intervals, each with the codes that cover it,
so overlaps can be drawn as such. Pure functions: any widget can use them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise


class LineIndex:
    """Where each line of a text starts; ``\\n`` separates lines."""

    def __init__(self, text: str) -> None:
        starts = [0]
        position = text.find("\n")
        while position != -1:
            starts.append(position + 1)
            position = text.find("\n", position + 1)
        self.starts = starts
        self.length = len(text)

    def offset(self, row: int, column: int) -> int:
        """The text offset of (row, column)."""
        return self.starts[row] + column

    def location(self, offset: int) -> tuple[int, int]:
        """The (row, column) of a text offset."""
        row = bisect_right(self.starts, offset) - 1
        return row, offset - self.starts[row]

    def line_span(self, row: int) -> tuple[int, int]:
        """Offsets where line ``row`` starts and ends (its newline excluded)."""
        end = self.starts[row + 1] - 1 if row + 1 < len(self.starts) else self.length
        return self.starts[row], end


@dataclass(frozen=True, slots=True)
class Coded:
    """A coded span to draw: offsets into the text and a key (code GUID or coder name)."""

    start: int
    end: int
    key: str


@dataclass(frozen=True, slots=True)
class Run:
    """Columns ``[start, end)`` of one line, covered by ``keys`` (in first-coded order)."""

    start: int
    end: int
    keys: tuple[str, ...]


def line_runs(line_start: int, line_end: int, spans: Iterable[Coded]) -> list[Run]:
    """The elementary intervals of a line that some span covers, as column ranges."""
    inside = [s for s in spans if s.start < line_end and s.end > line_start]
    if not inside:
        return []
    cuts = {line_start, line_end}
    for span in inside:
        cuts.add(max(span.start, line_start))
        cuts.add(min(span.end, line_end))
    points = sorted(cuts)
    runs: list[Run] = []
    for left, right in pairwise(points):
        keys = tuple(dict.fromkeys(s.key for s in inside if s.start <= left and s.end >= right))
        if keys and right > left:
            runs.append(Run(left - line_start, right - line_start, keys))
    return runs


def keys_at(offset: int, spans: Sequence[Coded]) -> list[str]:
    """Every key whose span covers ``offset`` (for the status line)."""
    return list(dict.fromkeys(s.key for s in spans if s.start <= offset < s.end))
