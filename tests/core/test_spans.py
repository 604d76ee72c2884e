"""Overlapping coded spans cut a row into elementary runs."""

from qcode.core.spans import Coded, Run, keys_at, line_runs


def test_overlaps_split_a_line_into_elementary_runs():
    spans = [Coded(2, 8, "A"), Coded(5, 12, "B"), Coded(20, 30, "C")]
    assert line_runs(0, 10, spans) == [Run(2, 5, ("A",)), Run(5, 8, ("A", "B")), Run(8, 10, ("B",))]
    assert [(r.start, r.end, r.keys) for r in line_runs(10, 25, spans)] == [
        (0, 2, ("B",)),
        (10, 15, ("C",)),
    ]
    assert keys_at(6, spans) == ["A", "B"] and keys_at(15, spans) == []
