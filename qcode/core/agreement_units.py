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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from qcode.core.reliability import MISSING, ReliabilityData
from qcode.core.segmenter import paragraphs, sentences

UNITS = ("document", "paragraph", "sentence", "character")


@dataclass(frozen=True, slots=True)
class CodedSpan:
    document: int
    code: str  # the code's GUID
    coder: int  # the coder's column, 0 … m-1
    start: int
    end: int


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
        self.weights = np.ones(len(spans), dtype=np.int64)
        if weights:
            self.weights = np.concatenate([weights[d] for d in self.documents]).astype(np.int64)
        self.base = np.full((len(spans), coders), MISSING, dtype=np.int64)
        for document in self.documents:
            rows = slice(self.first[document], self.first[document] + len(units[document]))
            for coder in present.get(document, ()):
                self.base[rows, coder] = 0

    @classmethod
    def of_characters(
        cls, lengths: dict[int, int], spans: Sequence[CodedSpan], coders: int
    ) -> UnitTable:
        """Character units as runs between the span boundaries of each document."""
        cuts: dict[int, set[int]] = {d: {0, n} for d, n in lengths.items() if n}
        present: dict[int, set[int]] = {}
        for span in spans:
            if span.document in cuts:
                cuts[span.document].update((span.start, span.end))
                present.setdefault(span.document, set()).add(span.coder)
        units, weights = {}, {}
        for document, points in cuts.items():
            ordered = sorted(p for p in points if 0 <= p <= lengths[document])
            units[document] = list(pairwise(ordered))
            weights[document] = [end - start for start, end in units[document]]
        return cls(units, present, coders, weights)

    def document_rows(self, document: int) -> slice:
        return slice(self.first[document], self.stop[document])

    def overlapping(self, document: int, start: int, end: int) -> range:
        """Indices of the units of ``document`` that ``[start, end)`` overlaps."""
        first, stop = self.first[document], self.stop[document]
        low = bisect_right(self._ends, start, first, stop)
        high = bisect_left(self._starts, end, low, stop)
        return range(low, high)


def binary_variables(
    table: UnitTable,
    spans: Iterable[CodedSpan],
    variables: Sequence[str],
    rolls_into: Callable[[str], Iterable[str]],
) -> dict[str, np.ndarray]:
    """Per variable (a code GUID), the units × coders matrix of yes (1), no (0), missing."""
    hits: dict[str, tuple[list[int], list[int]]] = {v: ([], []) for v in variables}
    for span in spans:
        if span.document not in table.first:
            continue
        covered = table.overlapping(span.document, span.start, span.end)
        if not covered:
            continue
        for variable in rolls_into(span.code):
            if variable in hits:
                rows, columns = hits[variable]
                rows.extend(covered)
                columns.extend([span.coder] * len(covered))
    matrices = {}
    for variable in variables:
        values = table.base.copy()
        rows, columns = hits[variable]
        values[rows, columns] = 1
        matrices[variable] = values
    return matrices


def category_variable(
    table: UnitTable,
    spans: Iterable[CodedSpan],
    categories: Sequence[str],
    rolls_into: Callable[[str], Iterable[str]],
) -> tuple[np.ndarray, np.ndarray]:
    """One variable whose values are the listed codes (index in ``categories``): the matrix
    of the units kept and the indices of units left out because a coder gave them two of
    the codes. A unit a coder gave none of the codes is missing for that coder."""
    index = {guid: i for i, guid in enumerate(categories)}
    values = np.full(table.base.shape, MISSING, dtype=np.int64)
    conflicted: set[int] = set()
    for span in spans:
        if span.document not in table.first:
            continue
        chosen = {index[v] for v in rolls_into(span.code) if v in index}
        if not chosen:
            continue
        for row in table.overlapping(span.document, span.start, span.end):
            current = values[row, span.coder]
            for value in chosen:
                if current not in (MISSING, value):
                    conflicted.add(row)
                current = value
            values[row, span.coder] = current
    left_out = np.array(sorted(conflicted), dtype=np.int64)
    return values, left_out


def reliability(
    table: UnitTable, matrix: np.ndarray, categories: int, rows: slice | np.ndarray | None = None
) -> ReliabilityData:
    """The reliability data of ``matrix`` (optionally only ``rows``), weighted by unit."""
    if rows is None:
        return ReliabilityData.from_matrix(matrix, categories, table.weights)
    return ReliabilityData.from_matrix(matrix[rows], categories, table.weights[rows])
