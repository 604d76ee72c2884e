"""Sentence and paragraph units of Indonesian and English text, as offset spans.

Units are computed, never stored: they are views of the text for auto-coding, selection and
co-occurrence. A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with closing quotes or
brackets) followed by white space and a capital letter, digit or opening quote — except after
abbreviations ("U.S.", "Dr.", "dll.", "dsb.", "e.g.", "No."), initials ("J. Smith") and inside
numbers ("3.5"). Paragraphs are separated by blank lines (or by line breaks in texts that have
no blank lines). No library segments both languages with these abbreviations, so this is
qcode's own, with its tricky cases tested as a table.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    """
    dr drs dra prof ir mr mrs ms st jr sr vs etc al e.g i.e cf viz no nos vol vols pp p ed eds
    fig figs approx dept govt inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec
    dll dsb dst tsb spt yth bpk jl kec kab kel hlm sdr ybs a.n u.p s.d tgl no.
    """.split()
)
assert max(len(a) for a in ABBREVIATIONS) < 8  # _SHORT: longer words are no abbreviation

# A sentence end: closing punctuation (and quotes or brackets) before white space and a
# capital letter, digit or opening quote.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=(\s+)[\"'“‘(\[]?[A-Z0-9À-Ý])")
_WORD_BEFORE = re.compile(r"[\w.]+$")
_LONGEST_WORD = 64  # longer "words" are no abbreviation, whatever their start
_SHORT = 8  # longer than any abbreviation (checked below)
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){2,}$")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def _is_word_part(ch: str) -> bool:
    r"""A character of ``[\w.]`` as Python's ``re`` reads it: alphanumeric in any script, an
    underscore or a dot."""
    return ch.isalnum() or ch == "_" or ch == "."


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` ends an abbreviation or an initial, not a sentence."""
    # Only the word before the dot matters, and a word longer than every abbreviation with no
    # dot near its end is none: a short window settles most periods (searching the whole
    # _LONGEST_WORD window from every start was most of the time of segmenting).
    near = max(0, dot - _SHORT)
    match = _WORD_BEFORE.search(text, near, dot + 1)
    if not match:
        return False
    first = match.start()
    if first == near and first and _is_word_part(text[first - 1]):
        if "." not in text[first:dot]:
            return False
        match = _WORD_BEFORE.search(text, max(0, dot - _LONGEST_WORD), dot + 1)
        first = match.start()
    word = text[first : dot + 1]
    bare = word.rstrip(".").lower()
    if bare in ABBREVIATIONS or word.lower() in ABBREVIATIONS:
        return True
    if _DOTTED_ACRONYM.match(word):  # U.S. / e.g. / a.n.
        return True
    return len(bare) == 1 and bare.isalpha()  # an initial: "J. Smith"


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans of ``text[start:end]`` (offsets into ``text``), trimmed of white space."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    for paragraph in paragraphs(text, start, end):
        # Paragraphs are trimmed, a sentence ends on its punctuation and the next one starts
        # after the white space the boundary saw: no span needs trimming.
        cursor = paragraph.start
        for match in _BOUNDARY.finditer(text, paragraph.start, paragraph.end):
            stop = match.end()
            if match.group(0).rstrip("\"'”’)]") == "." and _is_abbreviation(text, match.start()):
                continue
            spans.append(Span(cursor, stop))
            cursor = stop + len(match.group(1))
        if cursor < paragraph.end:
            spans.append(Span(cursor, paragraph.end))
    return [s for s in spans if s.end > s.start]


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Paragraph spans: blocks between blank lines, or lines when there are no blank lines."""
    end = len(text) if end is None else end
    separator = "\n\n" if "\n\n" in text[start:end] else "\n"
    spans: list[Span] = []
    cursor = start
    while cursor < end:
        found = text.find(separator, cursor, end)
        stop = end if found == -1 else found
        span = _trimmed(text, cursor, stop)
        if span.end > span.start:
            spans.append(span)
        cursor = stop + len(separator) if found != -1 else end
    return spans


def _trimmed(text: str, start: int, end: int) -> Span:
    piece = text[start:end]
    kept = piece.strip()
    if not kept:
        return Span(start, start)
    start += len(piece) - len(piece.lstrip())
    return Span(start, start + len(kept))


def unit_at(spans: list[Span], offset: int) -> Span | None:
    """The span containing ``offset``, if any (``spans`` in text order)."""
    position = bisect_right(spans, offset, key=lambda span: span.start) - 1
    if position >= 0 and offset < spans[position].end:
        return spans[position]
    return None


def unit_from(spans: list[Span], offset: int) -> Span | None:
    """The span containing ``offset``, else the next one after it (the cursor on the space
    between two sentences takes the next); ``None`` past the last."""
    here = unit_at(spans, offset)
    if here is not None:
        return here
    position = bisect_right(spans, offset, key=lambda span: span.start)
    return spans[position] if position < len(spans) else None
