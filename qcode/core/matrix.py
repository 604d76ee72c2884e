"""Matrices of coding: the axes, the measures, and the table they make.

A matrix crosses two axes — codes, documents, coders, or the values of a document
attribute (optionally in bins, e.g. years 2010–2014) — and holds one measure per cell:

- ``segments``: coded passages — distinct spans of text (document, start, end); the same
  span coded with two sub-codes, or by two coders, is one passage;
- ``documents``: number of distinct documents with coded passages;
- ``chars``: coded characters, the summed lengths of the distinct passages;
- ``presence``: 1 when there is at least one passage, else 0 (its totals count documents);
- ``excerpts``: the coded passages themselves.

On a codes axis a parent code is rolled up: its cell counts the distinct passages coded
with it or any of its sub-codes. Totals are counted the same way, never summed from cells.
The numbers are computed by the store; this module holds the pure shapes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from typing import Any

from qcode.core.codebook import Codebook
from qcode.core.errors import UsageError

MEASURES = ("segments", "documents", "chars", "presence", "excerpts")
AXES = ("codes", "documents", "coders", "attr")
Key = Hashable


@dataclass(frozen=True, slots=True)
class Axis:
    kind: str  # "codes", "documents", "coders" or "attr"
    name: str = ""  # the attribute's name, for "attr"
    bin_width: int | None = None  # numeric attribute values grouped in bins this wide

    @classmethod
    def parse(cls, text: str) -> Axis:
        """``codes``, ``documents``, ``coders``, ``attr:NAME`` or ``attr:NAME:WIDTH``."""
        parts = text.strip().split(":")
        kind = {"docs": "documents", "document": "documents", "code": "codes"}.get(
            parts[0], parts[0]
        )
        if kind not in AXES:
            raise UsageError(
                f"unknown axis {text!r}: use codes, documents, coders or attr:NAME[:WIDTH]"
            )
        if kind != "attr":
            if len(parts) > 1:
                raise UsageError(f"axis {text!r}: only attr:NAME takes a name")
            return cls(kind)
        if len(parts) < 2 or not parts[1].strip():
            raise UsageError(f"axis {text!r}: give the attribute, e.g. attr:year or attr:year:5")
        width = None
        if len(parts) > 2:
            if not parts[2].isdigit() or int(parts[2]) < 1:
                raise UsageError(f"axis {text!r}: the bin width is a whole number, e.g. 5")
            width = int(parts[2])
        return cls("attr", parts[1].strip(), width)

    def describe(self) -> str:
        if self.kind != "attr":
            return self.kind
        return f"attr:{self.name}" + (f":{self.bin_width}" if self.bin_width else "")


def bin_start(value: float, width: int) -> int:
    return int(value // width) * width


def bin_label(start: int, width: int) -> str:
    return str(start) if width == 1 else f"{start}–{start + width - 1}"


def rolled_up(codebook: Codebook, within: set[str] | None = None) -> list[tuple[str, str]]:
    """(code, ancestor-or-self) GUID pairs: a segment of ``code`` counts for each ancestor.

    With ``within``, only codes in that set are counted and only they appear as rows.
    """
    by_guid = codebook.by_guid()
    pairs = []
    for code in codebook.codes:
        if within is not None and code.guid not in within:
            continue
        guid: str | None = code.guid
        while guid is not None:
            if within is None or guid in within:
                pairs.append((code.guid, guid))
            guid = by_guid[guid].parent if guid in by_guid else None
    return pairs


def c_coefficient(both: int, first: int, second: int) -> float:
    """ATLAS.ti's c-coefficient (the Jaccard index for sets): n12 / (n1 + n2 − n12)."""
    union = first + second - both
    return both / union if union > 0 else 0.0


@dataclass(frozen=True, slots=True)
class Header:
    key: Key
    label: str
    colour: str | None = None
    depth: int = 0  # a code's depth in the tree
    rolled_up: bool = False  # a code whose cells include its sub-codes' coding
    detail: str = ""  # a code's path, a document's title


@dataclass(frozen=True, slots=True)
class Excerpt:
    document_id: int
    start: int
    end: int
    text: str
    memo: str = ""
    coder: str = ""
    citation: str = ""


@dataclass
class Matrix:
    rows: list[Header]
    cols: list[Header]
    measure: str
    cells: dict[tuple[Key, Key], Any]
    row_totals: dict[Key, Any] = field(default_factory=dict)
    col_totals: dict[Key, Any] = field(default_factory=dict)
    total: Any = 0
    parameters: dict[str, Any] = field(default_factory=dict)

    def value(self, row: Key, col: Key) -> Any:
        empty = {"excerpts": [], "text": ""}.get(self.measure, 0)
        return self.cells.get((row, col), empty)

    @property
    def textual(self) -> bool:
        """Cells hold passages (excerpts, or their text), not numbers."""
        return self.measure in {"excerpts", "text"}

    def _empty(self, value: Any) -> bool:
        return not value

    def without_empty_rows(self) -> Matrix:
        keep = [
            r
            for r in self.rows
            if any(not self._empty(self.value(r.key, c.key)) for c in self.cols)
        ]
        return replace(self, rows=keep)

    def without_empty_cols(self) -> Matrix:
        keep = [
            c
            for c in self.cols
            if any(not self._empty(self.value(r.key, c.key)) for r in self.rows)
        ]
        return replace(self, cols=keep)

    def sorted_rows(self, by: str) -> Matrix:
        """Rows in codebook/import order (``order``), by ``label``, or by ``total`` (largest
        first)."""
        if by == "order":
            return self
        if by == "label":
            return replace(self, rows=sorted(self.rows, key=lambda h: h.label.casefold()))
        if by == "total":
            size: Callable[[Any], float] = len if self.measure == "excerpts" else float  # type: ignore[assignment]
            return replace(
                self,
                rows=sorted(self.rows, key=lambda h: -size(self.row_totals.get(h.key, 0) or 0)),
            )
        raise UsageError(f"unknown sort {by!r}: use order, label or total")

    def numbers(self) -> list[list[Any]]:
        return [[self.value(r.key, c.key) for c in self.cols] for r in self.rows]

    def to_json(self) -> dict[str, Any]:
        def header(h: Header) -> dict[str, Any]:
            shown = {"key": h.key, "label": h.label}
            if h.detail:
                shown["detail"] = h.detail
            if h.colour:
                shown["colour"] = h.colour
            if h.rolled_up:
                shown["rolled_up"] = True
            return shown

        def cell(value: Any) -> Any:
            if self.measure != "excerpts":
                return value
            return [
                {"document": e.document_id, "start": e.start, "end": e.end, "text": e.text}
                | ({"memo": e.memo} if e.memo else {})
                for e in value
            ]

        return {
            "measure": self.measure,
            "parameters": self.parameters,
            "rows": [header(h) for h in self.rows],
            "cols": [header(h) for h in self.cols],
            "cells": [[cell(v) for v in row] for row in self.numbers()],
            "row_totals": [cell(self.row_totals.get(h.key, 0)) for h in self.rows]
            if self.measure != "excerpts"
            else None,
            "col_totals": [self.col_totals.get(h.key, 0) for h in self.cols]
            if self.measure != "excerpts"
            else None,
            "total": self.total if self.measure != "excerpts" else None,
        }


def trim(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0] if " " in flat[: limit - 1] else flat[: limit - 1]
    return cut + "…"


def excerpt_lines(excerpts: list[Excerpt], length: int) -> list[str]:
    """A synthesis cell: each passage quoted and trimmed, its memo after it."""
    lines: list[str] = []
    seen: set[tuple[int, int, int]] = set()
    for e in excerpts:
        # A passage coded with two sub-codes of the column's code is shown once.
        if (e.document_id, e.start, e.end) not in seen:
            seen.add((e.document_id, e.start, e.end))
            lines.append(f"“{trim(e.text, length)}”")
        if e.memo:
            lines.append(f"Memo: {trim(e.memo, length)}")
    return lines
