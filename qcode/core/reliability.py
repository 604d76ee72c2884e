"""Reliability data: the value each coder gave each unit, as agreement statistics read it.

A *reliability data matrix* has one row per unit and one column per coder; a cell holds the
index of a category (``0 … q-1``) or ``MISSING`` where that coder gave the unit no value.
Every agreement measure qcode computes depends only on how many units share each row, so the
matrix is kept as its distinct rows with a weight each (a million character units of one
document collapse to a handful of rows); resampling units for a bootstrap resamples rows by
their weights, which is the same draw.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

MISSING = -1
_COUNTED_PATTERNS = 1 << 16


@dataclass(frozen=True, slots=True)
class ReliabilityData:
    """Distinct unit rows (``rows``: patterns × coders) and how many units have each."""

    rows: np.ndarray
    weights: np.ndarray
    categories: int

    @classmethod
    def from_matrix(
        cls,
        matrix: Sequence[Sequence[int]] | np.ndarray,
        categories: int,
        weights: Sequence[int] | np.ndarray | None = None,
    ) -> ReliabilityData:
        """From units × coders values (``MISSING`` for none); ``weights`` repeats units."""
        values = np.asarray(matrix, dtype=np.int64)
        if values.ndim != 2:
            raise ValueError("reliability data must be a units × coders matrix")
        if values.size and (values.max() >= categories or values.min() < MISSING):
            raise ValueError(f"values must be category indices below {categories} or MISSING")
        counts = (
            np.ones(len(values), dtype=np.int64)
            if weights is None
            else np.asarray(weights, dtype=np.int64)
        )
        if not len(values):
            return cls(values.reshape(0, values.shape[1]), counts[:0], categories)
        # Each row as one integer (base q + 1, missing as 0): counted directly when the
        # possible rows are few (yes/no codes: 3^m), else a 1-D unique, far faster than rows.
        base = categories + 1
        powers = base ** np.arange(values.shape[1], dtype=np.int64)
        if base ** values.shape[1] <= _COUNTED_PATTERNS:
            keys = (values + 1) @ powers
            summed = np.bincount(keys, weights=counts, minlength=base ** values.shape[1])
            found = np.nonzero(summed)[0]
            rows = (found[:, None] // powers) % base - 1
            return cls(rows.astype(np.int64), summed[found].astype(np.int64), categories)
        if base ** values.shape[1] < 2**62:
            keys = (values + 1) @ powers
            _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
            rows = values[first]
        else:
            rows, inverse = np.unique(values, axis=0, return_inverse=True)
        summed = np.bincount(inverse.ravel(), weights=counts, minlength=len(rows))
        return cls(rows, summed.astype(np.int64), categories)

    @classmethod
    def combined(cls, parts: Iterable[ReliabilityData]) -> ReliabilityData:
        """Several documents' data pooled as one set of units (same coders, same categories)."""
        parts = list(parts)
        if not parts:
            raise ValueError("nothing to combine")
        return cls.from_matrix(
            np.concatenate([p.rows for p in parts]),
            parts[0].categories,
            np.concatenate([p.weights for p in parts]),
        )

    @property
    def coders(self) -> int:
        return int(self.rows.shape[1])

    def value_counts(self) -> np.ndarray:
        """Patterns × categories: how many coders gave each category to the pattern's units."""
        counts = np.zeros((len(self.rows), self.categories), dtype=np.int64)
        for column in range(self.coders):
            values = self.rows[:, column]
            given = values != MISSING
            np.add.at(counts, (np.nonzero(given)[0], values[given]), 1)
        return counts

    def units(self) -> int:
        """Units that at least one coder gave a value."""
        given = (self.rows != MISSING).any(axis=1)
        return int(self.weights[given].sum())

    def pairable(self) -> int:
        """Values in units that two or more coders valued (Krippendorff's *n*)."""
        per_unit = (self.rows != MISSING).sum(axis=1)
        return int((self.weights * per_unit)[per_unit >= 2].sum())
