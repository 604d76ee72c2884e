"""Other tools' positions land on the same words in qcode's stored text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from qcode.core.text import normalise
from qcode.core.text_positions import PositionMap, Unit


def _utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def test_utf16_positions_after_an_emoji_with_bom_and_crlf_land_on_the_words():
    raw = "\ufeffKoordinasi 🙂 lemah.\r\nTanpa 👩‍👩‍👧 data bersama\r\n\r\n\r\nAkhir."
    body = raw[1:]  # the byte-order mark is never counted
    positions = PositionMap.of(raw)
    assert positions.text == normalise(raw)
    for word in ("lemah", "Tanpa", "data bersama", "Akhir"):
        at = body.index(word)
        start, end = _utf16(body, at), _utf16(body, at + len(word))
        placed = positions.place(start, end, Unit.UTF16)
        assert positions.text[placed[0] : placed[1]] == word
        by_points = positions.place(at, at + len(word), Unit.CODEPOINTS)
        assert positions.text[by_points[0] : by_points[1]] == word


def test_decomposed_accents_trailing_spaces_and_controls_are_followed():
    raw = "  Re\u0301sume\u0301 \x07awal  \nkata\x0cberikut\t\n"
    positions = PositionMap.of(raw)
    assert positions.text == normalise(raw) == "Résumé awal\nkata\nberikut"
    at = raw.index("kata")
    placed = positions.place(at, at + 4, Unit.CODEPOINTS)
    assert positions.text[placed[0] : placed[1]] == "kata"
    whole = positions.place(raw.index("R"), raw.index(" \x07"), Unit.CODEPOINTS)
    assert positions.text[whole[0] : whole[1]] == "Résumé"


def test_positions_that_cannot_be_placed_say_why():
    positions = PositionMap.of("ab🙂cd")
    assert "outside the text" in positions.place(0, 99, Unit.CODEPOINTS)
    assert "split an emoji" in positions.place(0, 3, Unit.UTF16)
    assert "outside" in positions.place(3, 2, Unit.CODEPOINTS)
    assert "only spacing" in PositionMap.of("a \n\n\n\nb").place(2, 4, Unit.CODEPOINTS)


_PIECES = st.sampled_from(
    ["kerja", "sama", "🙂", "é", "e\u0301", " ", "  ", "\r\n", "\n", "\n\n\n", "\t", "\x0b", "U.S."]
)


@given(st.lists(_PIECES, min_size=1, max_size=40), st.booleans())
def test_every_word_lands_on_itself_whatever_the_spacing(pieces, bom):
    raw = ("\ufeff" if bom else "") + "".join(pieces)
    positions = PositionMap.of(raw)
    body = raw[1:] if bom else raw
    assert positions.text == normalise(raw)
    for match in re.finditer(r"kerja|sama|🙂|U\.S\.", body):
        for unit, start, end in (
            (Unit.CODEPOINTS, match.start(), match.end()),
            (Unit.UTF16, _utf16(body, match.start()), _utf16(body, match.end())),
        ):
            placed = positions.place(start, end, unit)
            assert positions.text[placed[0] : placed[1]] == match.group()
