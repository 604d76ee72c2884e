"""Spans by screen row: the bisect window finds exactly what a scan of every span finds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qcode.core.row_spans import SHORT, RowSpans
from qcode.core.spans import Coded
from qcode.core.wrapping import wrap

TEXT = "kerja sama antara pemerintah dan LSM. " * 200


def touching(spans, rows, row):
    start, end = rows.span(row)
    end = max(end, start + 1)
    return sorted((s for s in spans if s.start < end and s.end > start), key=repr)


spans_strategy = st.lists(
    st.builds(
        lambda start, length, key: Coded(start, min(start + length, len(TEXT)), key),
        st.integers(0, len(TEXT) - 2),
        st.one_of(st.integers(1, 300), st.integers(SHORT, SHORT * 3)),
        st.sampled_from("abc"),
    ),
    max_size=40,
)


@given(spans_strategy, st.data())
def test_each_row_gets_exactly_the_spans_that_touch_it(spans, data):
    rows = wrap(TEXT, 37)
    index = RowSpans(rows, spans[: len(spans) // 2])
    for span in spans[len(spans) // 2 :]:
        index.add(span)
    removed = data.draw(st.lists(st.sampled_from(spans), max_size=5)) if spans else []
    kept = list(spans)
    for span in removed:
        if index.remove(span) is not None:
            kept.remove(span)
    for row in range(0, len(rows), 7):
        assert sorted(index.on_row(row), key=repr) == touching(kept, rows, row)


def test_removing_an_absent_span_changes_nothing():
    rows = wrap(TEXT, 40)
    index = RowSpans(rows, [Coded(0, 10, "a")])
    assert index.remove(Coded(0, 10, "b")) is None
    assert index.spans == [Coded(0, 10, "a")]
