"""Positions counted in another tool's text, placed in qcode's stored text.

REFI-QDA selections count from 0 in the plain-text file as written (a byte-order mark never
counted; a Windows ``\\r\\n`` counted as two), in Unicode code points by the standard, in
UTF-16 code units by NVivo (an emoji counts two). qcode stores that text normalised (see
:func:`qcode.core.text.normalise`): NFC, ``\\n`` line ends, controls dropped, trailing spaces
and runs of blank lines removed. :class:`PositionMap` follows every character through that
normalisation, so a selection lands on the same words in the stored text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from qcode.core.text import MANY_BLANK_LINES, TRAILING_SPACE, TRANSLATION, normalise


class Unit(StrEnum):
    CODEPOINTS = "codepoints"
    UTF16 = "utf16"


@dataclass
class PositionMap:
    """The stored text made from ``raw``, and where each raw position went."""

    raw: str
    text: str
    _to_stored: list[int] | None  # raw code-point index → stored index; None: the same
    _utf16: list[int] | None  # UTF-16 unit index → raw code-point index; None: the same

    @classmethod
    def of(cls, raw: str) -> PositionMap:
        raw = raw[1:] if raw.startswith("\ufeff") else raw
        text = normalise(raw)
        astral = any(ord(c) > 0xFFFF for c in raw)
        utf16 = _utf16_index(raw) if astral else None
        if text == raw:
            return cls(raw, text, None, utf16)
        return cls(raw, text, _follow(raw, text), utf16)

    def length(self, unit: Unit) -> int:
        if unit is Unit.UTF16 and self._utf16 is not None:
            return len(self._utf16) - 1
        return len(self.raw)

    def place(self, start: int, end: int, unit: Unit) -> tuple[int, int] | str:
        """Stored ``[start, end)`` of a selection, or why it cannot be placed."""
        size = self.length(unit)
        if not 0 <= start < end <= size:
            return f"positions {start}–{end} lie outside the text ({size} {unit.value})"
        if unit is Unit.UTF16 and self._utf16 is not None:
            first, last = self._utf16[start], self._utf16[end]
            if first < 0 or last < 0:
                return f"positions {start}–{end} split an emoji or other 2-unit character"
            start, end = first, last
        if self._to_stored is not None:
            start, end = self._to_stored[start], self._to_stored[end]
        if start >= end:
            return f"positions {start}–{end} hold only spacing that qcode does not store"
        return start, end


def _utf16_index(raw: str) -> list[int]:
    """For each UTF-16 unit offset, the code-point offset (-1 inside a surrogate pair)."""
    index: list[int] = []
    for position, char in enumerate(raw):
        index.append(position)
        if ord(char) > 0xFFFF:
            index.append(-1)
    index.append(len(raw))
    return index


def _follow(raw: str, stored: str) -> list[int]:
    """Raw index → stored index, by applying :func:`normalise`'s steps one by one while
    carrying each character's origin. A deleted character maps to the next kept one."""
    chars = list(raw)
    origin = list(range(len(raw)))
    # "\r\n" → "\n"; then lone breaks → "\n" and controls dropped, by normalise()'s own table
    keep = [not (c == "\r" and raw[i + 1 : i + 2] == "\n") for i, c in enumerate(chars)]
    chars, origin = _kept(chars, origin, keep)
    joined = "".join(chars)
    if joined.translate(TRANSLATION) != joined:
        chars = [c.translate(TRANSLATION) for c in chars]  # "" where a control is dropped
        chars, origin = _kept(chars, origin, [c != "" for c in chars])
        joined = "".join(chars)
    if not unicodedata.is_normalized("NFC", joined):
        chars, origin = _composed(chars, origin)
        joined = "".join(chars)
    for pattern, spare in ((TRAILING_SPACE, 1), (MANY_BLANK_LINES, 2)):
        if pattern.search(joined):
            keep = [True] * len(chars)
            for match in pattern.finditer(joined):
                last = match.end() - spare
                for i in range(match.start(), last):
                    keep[i] = False
            chars, origin = _kept(chars, origin, keep)
            joined = "".join(chars)
    head = len(joined) - len(joined.lstrip("\n "))
    tail = len(joined.rstrip("\n "))
    chars, origin = chars[head:tail], origin[head:tail]
    if "".join(chars) != stored:  # a step above drifted from normalise(): never guess
        raise ValueError("the text's normalisation could not be followed position by position")
    to_stored = [-1] * (len(raw) + 1)
    for stored_index in range(len(origin) - 1, -1, -1):  # the first of a composed run wins
        to_stored[origin[stored_index]] = stored_index
    to_stored[len(raw)] = len(origin)
    for i in range(len(raw) - 1, -1, -1):
        if to_stored[i] < 0:
            to_stored[i] = to_stored[i + 1]
    return to_stored


def _kept(chars: list[str], origin: list[int], keep: list[bool]) -> tuple[list[str], list[int]]:
    return (
        [c for c, k in zip(chars, keep, strict=True) if k],
        [o for o, k in zip(origin, keep, strict=True) if k],
    )


def _composed(chars: list[str], origin: list[int]) -> tuple[list[str], list[int]]:
    """NFC run by run (a run starts at a character of combining class 0); every character
    of a composed run comes from the run's first raw character."""
    out_chars: list[str] = []
    out_origin: list[int] = []
    start = 0
    for i in range(1, len(chars) + 1):
        if i == len(chars) or unicodedata.combining(chars[i]) == 0:
            run = unicodedata.normalize("NFC", "".join(chars[start:i]))
            out_chars += run
            out_origin += [origin[start]] * len(run)
            start = i
    return out_chars, out_origin
