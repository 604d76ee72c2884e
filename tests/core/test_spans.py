from hypothesis import given
from hypothesis import strategies as st

from qcode.core.spans import Coded, LineIndex, Run, keys_at, line_runs


def test_offsets_and_locations_round_trip_across_lines():
    text = "ab\n🙂é\n\nlast"
    index = LineIndex(text)
    assert index.starts == [0, 3, 6, 7]
    assert index.location(4) == (1, 1) and index.offset(1, 1) == 4
    assert index.line_span(1) == (3, 5) and index.line_span(3) == (7, 11)


@given(st.text(alphabet=st.sampled_from(list("ab\n🙂é")), max_size=60))
def test_every_offset_maps_to_a_location_and_back(text):
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        row, column = index.location(offset)
        assert index.offset(row, column) == offset
        lines = text.split("\n")
        assert column <= len(lines[row])


def test_overlaps_split_a_line_into_elementary_runs():
    spans = [Coded(2, 8, "A"), Coded(5, 12, "B"), Coded(20, 30, "C")]
    assert line_runs(0, 10, spans) == [Run(2, 5, ("A",)), Run(5, 8, ("A", "B")), Run(8, 10, ("B",))]
    assert [(r.start, r.end, r.keys) for r in line_runs(10, 25, spans)] == [
        (0, 2, ("B",)),
        (10, 15, ("C",)),
    ]
    assert keys_at(6, spans) == ["A", "B"] and keys_at(15, spans) == []
