"""Soft-wrapping text into rows: every offset on exactly one row, rows within the width."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qcode.core.wrapping import cells, column_offset, offset_column, wrap

TEXT = st.text(alphabet=st.sampled_from("ab cd\nkerja sama U.S. 日本é\u0301"), max_size=300)


@given(TEXT, st.integers(min_value=1, max_value=40))
def test_rows_cover_every_character_once_and_fit_the_width(text, width):
    rows = wrap(text, width)
    shown = []
    for row in range(len(rows)):
        start, end = rows.span(row)
        assert cells(text[start:end]) <= width or end - start == 1
        shown.append(text[start:end])
        if row + 1 < len(rows):
            following = rows.starts[row + 1]
            assert following in (end, end + 1)  # the same line goes on, or a newline ends it
            if following == end + 1:
                assert text[end] == "\n"
    assert "".join(shown) == text.replace("\n", "")


@given(TEXT, st.integers(min_value=1, max_value=40), st.data())
def test_every_offset_is_found_on_the_row_that_shows_it(text, width, data):
    rows = wrap(text, width)
    offset = data.draw(st.integers(min_value=0, max_value=len(text)))
    row = rows.row_of(offset)
    start, end = rows.span(row)
    assert start <= offset <= end


def test_a_long_line_breaks_after_spaces_and_a_long_word_inside_it():
    text = "kerja sama antara pemerintah " + "x" * 25
    rows = wrap(text, 10)
    assert [text[s:e] for s, e in zip(rows.starts, rows.ends, strict=True)] == [
        "kerja ", "sama ", "antara ", "pemerintah", " xxxxxxxxx", "xxxxxxxxxx", "xxxxxx"
    ]


def test_a_megabyte_on_one_line_wraps_into_rows_of_the_width():
    text = ("kerja sama " * 100_000).strip()
    rows = wrap(text, 80)
    assert len(rows) > 13_000
    assert all(e - s <= 80 for s, e in zip(rows.starts, rows.ends, strict=True))


def test_wide_characters_take_two_cells():
    text = "日本語のテキスト"
    rows = wrap(text, 6)
    assert [cells(text[s:e]) for s, e in zip(rows.starts, rows.ends, strict=True)] == [6, 6, 4]
    assert column_offset("日本語", 0, 3, 3) == 1
    assert offset_column("日本語", 0, 2) == 4
