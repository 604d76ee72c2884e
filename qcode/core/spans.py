"""How overlapping coded spans split a row of text into styled runs.

Every offset in qcode counts code points of the whole text; :func:`line_runs` cuts a row
``[start, end)`` into elementary intervals, each with the codes that cover it, so overlaps can
be drawn as such. Pure functions: any widget can use them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise


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
