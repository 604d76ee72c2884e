"""From coded spans to reliability data: units, coders present, and each variable's values.

The unit is a document, a paragraph, a sentence or a character. A coder's value for a code on
a unit is *yes* when one of their spans of that code (or a sub-code) overlaps the unit, *no*
otherwise — and *missing* for every unit of a document in which the coder coded nothing at all,
since a coder who has not reached a document does not disagree about it. Characters are kept
as runs: the positions between consecutive span boundaries all have the same values, so each
run is one row weighted by its length, which gives the same statistics as one row per
character.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from qcode.core.reliability import MISSING, ReliabilityData
from qcode.core.segmenter import paragraphs, sentences

UNITS = ("document", "paragraph", "sentence", "character")


@dataclass(frozen=True, slots=True)
class CodedSpans:
    """Coded spans as parallel arrays: document id, code (any hashable key's index into
    ``codes``), coder column (0 … m-1), start and end."""

    document: np.ndarray
    code: np.ndarray
    coder: np.ndarray
    start: np.ndarray
    end: np.ndarray

    @classmethod
    def from_rows(cls, rows: Sequence[tuple[int, int, int, int, int]]) -> CodedSpans:
        """From (document, code, coder, start, end) rows."""
        table = np.array(rows, dtype=np.int64).reshape(-1, 5)
        return cls(*(table[:, i] for i in range(5)))

    def __len__(self) -> int:
        return len(self.document)

    def where(self, keep: np.ndarray) -> CodedSpans:
        return CodedSpans(
            self.document[keep], self.code[keep], self.coder[keep], self.start[keep], self.end[keep]
        )

    def present(self) -> dict[int, set[int]]:
        """The coders (columns) who coded something in each document."""
        found: dict[int, set[int]] = {}
        width = int(self.coder.max(initial=0)) + 1
        for key in np.unique(self.document * width + self.coder).tolist():
            found.setdefault(key // width, set()).add(key % width)
        return found


def text_units(text: str, unit: str) -> list[tuple[int, int]]:
    """The unit spans of a document's text (``character`` is handled by :class:`UnitTable`)."""
    if unit == "document":
        return [(0, len(text))] if text else []
    if unit == "paragraph":
        return [(s.start, s.end) for s in paragraphs(text)]
    if unit == "sentence":
        return [(s.start, s.end) for s in sentences(text)]
    raise ValueError(f"unit must be one of {', '.join(UNITS)}")


class UnitTable:
    """Every unit of the documents in play, in document order, with its weight."""

    def __init__(
        self,
        units: dict[int, list[tuple[int, int]]],
        present: dict[int, set[int]],
        coders: int,
        weights: dict[int, list[int]] | None = None,
    ) -> None:
        self.coders = coders
        self.documents = [d for d in units if units[d]]
        self.first: dict[int, int] = {}
        self.stop: dict[int, int] = {}
        starts: list[int] = []
        ends: list[int] = []
        spans: list[tuple[int, int, int]] = []
        for document in self.documents:
            self.first[document] = len(spans)
            for start, end in units[document]:
                spans.append((document, start, end))
                starts.append(start)
                ends.append(end)
            self.stop[document] = len(spans)
        self.spans = spans
        self._starts, self._ends = starts, ends
        # Document-keyed offsets, increasing along the table: for locating many spans at once.
        self._stride = max(ends, default=0) + 1
        rank = {d: i for i, d in enumerate(self.documents)}
        self._rank = rank
        ranks = np.array([rank[d] for d, _, _ in spans], dtype=np.int64)
        self._key_starts = ranks * self._stride + np.array(starts, dtype=np.int64)
        self._key_ends = ranks * self._stride + np.array(ends, dtype=np.int64)
        self.weights = np.ones(len(spans), dtype=np.int64)
        if weights:
            self.weights = np.concatenate([weights[d] for d in self.documents]).astype(np.int64)
        self.base = np.full((len(spans), coders), MISSING, dtype=np.int64)
        for document in self.documents:
            rows = slice(self.first[document], self.first[document] + len(units[document]))
            for coder in present.get(document, ()):
                self.base[rows, coder] = 0

    @classmethod
    def of_characters(cls, lengths: dict[int, int], spans: CodedSpans, coders: int) -> UnitTable:
        """Character units as runs between the span boundaries of each document."""
        cuts: dict[int, set[int]] = {d: {0, n} for d, n in lengths.items() if n}
        for document, start, end in zip(
            spans.document.tolist(), spans.start.tolist(), spans.end.tolist(), strict=True
        ):
            if document in cuts:
                cuts[document].update((start, end))
        present = spans.present()
        units, weights = {}, {}
        for document, points in cuts.items():
            ordered = sorted(p for p in points if 0 <= p <= lengths[document])
            units[document] = list(pairwise(ordered))
            weights[document] = [end - start for start, end in units[document]]
        return cls(units, present, coders, weights)

    def document_rows(self, document: int) -> slice:
        return slice(self.first[document], self.stop[document])

    def locate(self, spans: CodedSpans) -> tuple[np.ndarray, np.ndarray]:
        """For every span, the first unit it overlaps and the one after its last (equal when
        it overlaps none, or its document has no units here)."""
        known = np.array([d in self._rank for d in spans.document.tolist()], dtype=bool)
        ranks = np.array([self._rank.get(d, 0) for d in spans.document.tolist()], dtype=np.int64)
        low = np.searchsorted(self._key_ends, ranks * self._stride + spans.start, side="right")
        high = np.searchsorted(self._key_starts, ranks * self._stride + spans.end, side="left")
        high = np.where(known, np.maximum(high, low), low)
        return low, high

    def overlapping(self, document: int, start: int, end: int) -> range:
        """Indices of the units of ``document`` that ``[start, end)`` overlaps."""
        first, stop = self.first[document], self.stop[document]
        low = bisect_right(self._ends, start, first, stop)
        high = bisect_left(self._starts, end, low, stop)
        return range(low, high)


def _expanded(low: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (unit, span) pair the [low, high) ranges cover, as two arrays."""
    counts = high - low
    span_of = np.repeat(np.arange(len(low)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return low[span_of] + offsets, span_of


def binary_variables(
    table: UnitTable,
    spans: CodedSpans,
    variables: Sequence[int],
    rolls_into: dict[int, Sequence[int]],
) -> dict[int, np.ndarray]:
    """Per variable (a code), the units × coders matrix of yes (1), no (0) and missing.

    ``rolls_into`` gives each code the variables its spans count for (itself, its ancestors).
    """
    low, high = table.locate(spans)
    codes = sorted(set(spans.code.tolist()) | set(variables))
    position = {code: i for i, code in enumerate(codes)}
    counts = np.zeros((len(codes), len(variables)), dtype=bool)
    column = {variable: i for i, variable in enumerate(variables)}
    for code in codes:
        for variable in rolls_into.get(code, (code,)):
            if variable in column:
                counts[position[code], column[variable]] = True
    span_code = np.array([position[c] for c in spans.code.tolist()], dtype=np.int64)
    rows, span_of = _expanded(low, high)
    matrices = {}
    for variable, index in column.items():
        chosen = counts[span_code[span_of], index]
        values = table.base.copy()
        values[rows[chosen], spans.coder[span_of[chosen]]] = 1
        matrices[variable] = values
    return matrices


def category_variable(
    table: UnitTable,
    spans: CodedSpans,
    categories: Sequence[int],
    rolls_into: dict[int, Sequence[int]],
) -> tuple[np.ndarray, np.ndarray]:
    """One variable whose values are the listed codes (index in ``categories``): the matrix
    of the units and the indices of units left out because a coder gave them two of the
    codes. A unit a coder gave none of the codes is missing for that coder."""
    index = {code: i for i, code in enumerate(categories)}
    values = np.full(table.base.shape, MISSING, dtype=np.int64)
    conflicted: set[int] = set()
    low, high = table.locate(spans)
    for at, code in enumerate(spans.code.tolist()):
        chosen = {index[v] for v in rolls_into.get(code, (code,)) if v in index}
        coder = int(spans.coder[at])
        for row in range(int(low[at]), int(high[at])):
            for value in chosen:
                current = values[row, coder]
                if current not in (MISSING, value):
                    conflicted.add(row)
                values[row, coder] = value
    left_out = np.array(sorted(conflicted), dtype=np.int64)
    return values, left_out


def reliability(
    table: UnitTable, matrix: np.ndarray, categories: int, rows: slice | np.ndarray | None = None
) -> ReliabilityData:
    """The reliability data of ``matrix`` (optionally only ``rows``), weighted by unit."""
    if rows is None:
        return ReliabilityData.from_matrix(matrix, categories, table.weights)
    return ReliabilityData.from_matrix(matrix[rows], categories, table.weights[rows])
