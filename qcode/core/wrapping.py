"""Soft-wrapping a text into screen rows, and finding a text offset's row by bisect.

The document view draws rows, while every offset in qcode counts code points of the whole
stored text. :func:`wrap` cuts each ``\\n``-separated line into rows of at most ``width``
cells, breaking after a space where it can and inside a word where it must; every offset of a
line belongs to exactly one row (a row keeps the space it breaks after), so moving by rows and
selecting by rows never loses a character. Wrapping is one ``rfind`` per row, so a 1 MB report
or a 100 KB single-line document wraps in milliseconds; rows are looked up by bisect.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass


def cells(text: str) -> int:
    """Terminal cells ``text`` takes: wide East Asian characters two, combining marks none."""
    if text.isascii():
        return len(text)
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


@dataclass(frozen=True, slots=True)
class Rows:
    """Rows of a wrapped text: row ``i`` shows ``text[starts[i]:ends[i]]``.

    ``ends[i]`` excludes the line's ``\\n``; rows of one line are contiguous.
    """

    starts: list[int]
    ends: list[int]
    width: int

    def __len__(self) -> int:
        return len(self.starts)

    def row_of(self, offset: int) -> int:
        """The row showing ``offset`` (an offset at a line's end is on that line's last row)."""
        return max(bisect_right(self.starts, offset) - 1, 0)

    def span(self, row: int) -> tuple[int, int]:
        return self.starts[row], self.ends[row]


def wrap(text: str, width: int) -> Rows:
    """Cut ``text`` into rows of at most ``width`` cells (at least one cell)."""
    width = max(width, 1)
    starts: list[int] = []
    ends: list[int] = []
    line_start = 0
    length = len(text)
    while True:
        newline = text.find("\n", line_start)
        line_end = length if newline == -1 else newline
        _wrap_line(text, line_start, line_end, width, starts, ends)
        if newline == -1:
            break
        line_start = newline + 1
    return Rows(starts, ends, width)


def _wrap_line(
    text: str, start: int, end: int, width: int, starts: list[int], ends: list[int]
) -> None:
    position = start
    plain = text[start:end].isascii()  # one cell a character: no measuring
    while end - position > width or (
        not plain and cells(text[position : min(end, position + width)]) > width
    ):
        cut = text.rfind(" ", position + 1, position + width)
        stop = cut + 1 if cut != -1 else position + width
        if not plain:
            stop = _fit(text, position, stop, width)
        starts.append(position)
        ends.append(stop)
        position = stop
    starts.append(position)
    ends.append(end)


def _fit(text: str, start: int, stop: int, width: int) -> int:
    """Shorten ``[start, stop)`` until it fits ``width`` cells (wide characters), keeping one."""
    while stop - start > 1 and cells(text[start:stop]) > width:
        stop -= 1
    return stop


def column_offset(text: str, start: int, end: int, column: int) -> int:
    """The offset in row ``[start, end)`` drawn at screen ``column`` (clamped to the row)."""
    if text[start:end].isascii():
        return min(start + max(column, 0), end)
    used = 0
    for offset in range(start, end):
        used += cells(text[offset])
        if used > column:
            return offset
    return end


def offset_column(text: str, start: int, offset: int) -> int:
    """The screen column at which ``offset`` is drawn in the row starting at ``start``."""
    return cells(text[start:offset])
