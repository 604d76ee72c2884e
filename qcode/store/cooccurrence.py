"""Code × code co-occurrence, counted in SQL (overlap, nearness, same document) or per
sentence or paragraph of the documents' text.

Two counts come back: ``pairs[(a, b)]`` and ``singles[a]``, from which the cell value and
the c-coefficient ``n_ab / (n_a + n_b − n_ab)`` follow:

- ``overlap`` and ``near``: pairs of passages (distinct spans; one coded a, one coded b)
  that overlap, or lie within N characters of each other; ``singles`` are passages per code;
- ``document``, ``sentence``, ``paragraph``: units (documents, sentences, paragraphs) that
  both codes touch; ``singles`` are the units each code touches.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from qcode.core.segmenter import paragraphs, sentences
from qcode.store.matrix_query import SegmentFilter, closure_table, segment_conditions
from qcode.store.models import Document, Segment

MODES = ("overlap", "near", "sentence", "paragraph", "document")


def cooccurrence(
    session: Session, mode: str, where: SegmentFilter, near: int = 0
) -> tuple[dict[tuple[int, int], int], dict[int, int]]:
    if not where.rollup:
        return {}, {}
    closure = closure_table(where.rollup)
    if mode in {"overlap", "near"}:
        return _pairs_of_segments(session, closure, where, near if mode == "near" else 0)
    if mode == "document":
        return _units(_document_units(session, closure, where))
    if mode in {"sentence", "paragraph"}:
        return _units(_text_units(session, closure, where, mode))
    raise ValueError(f"unknown co-occurrence mode {mode!r}")


def _pairs_of_segments(session, closure, where, near: int):
    """Pairs of distinct passages (one coded a, one coded b; the same span when it has
    both codes) that overlap or lie within ``near`` characters; singles are passages."""
    first, second = aliased(Segment), aliased(Segment)
    c1, c2 = closure.alias("c1"), closure.alias("c2")
    spans = (
        select(
            c1.c.ancestor_id.label("a"),
            c2.c.ancestor_id.label("b"),
            first.document_id.label("doc"),
            first.start_offset.label("s1"),
            first.end_offset.label("e1"),
            second.start_offset.label("s2"),
            second.end_offset.label("e2"),
        )
        .distinct()
        .select_from(first)
        .join(
            second,
            (second.document_id == first.document_id)
            & (second.id != first.id)
            & (first.start_offset < second.end_offset + near)
            & (second.start_offset < first.end_offset + near),
        )
        .join(c1, c1.c.code_id == first.code_id)
        .join(c2, c2.c.code_id == second.code_id)
        .where(*segment_conditions(session, first, where))
        .where(*segment_conditions(session, second, where))
        .subquery("pairs")
    )
    query = select(spans.c.a, spans.c.b, func.count()).group_by(spans.c.a, spans.c.b)
    pairs = {(a, b): n for a, b, n in session.execute(query)}
    passages = (
        select(
            closure.c.ancestor_id.label("a"),
            Segment.document_id,
            Segment.start_offset,
            Segment.end_offset,
        )
        .distinct()
        .join(closure, closure.c.code_id == Segment.code_id)
        .where(*segment_conditions(session, Segment, where))
        .subquery("passages")
    )
    singles_query = select(passages.c.a, func.count()).group_by(passages.c.a)
    singles = {a: n for a, n in session.execute(singles_query)}
    return pairs, singles


def _document_units(session, closure, where):
    query = (
        select(Segment.document_id, closure.c.ancestor_id)
        .distinct()
        .join(closure, closure.c.code_id == Segment.code_id)
        .where(*segment_conditions(session, Segment, where))
    )
    units: dict[object, set[int]] = defaultdict(set)
    for document, code in session.execute(query):
        units[document].add(code)
    return units.values()


def _text_units(session, closure, where, mode: str):
    """Per document, the sentences (or paragraphs) each code's segments touch."""
    query = (
        select(Segment.document_id, Segment.start_offset, Segment.end_offset, closure.c.ancestor_id)
        .join(closure, closure.c.code_id == Segment.code_id)
        .where(*segment_conditions(session, Segment, where))
        .order_by(Segment.document_id)
    )
    by_document: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for document, start, end, code in session.execute(query):
        by_document[document].append((start, end, code))
    split = sentences if mode == "sentence" else paragraphs
    for document, spans in by_document.items():
        text = session.scalar(select(Document.text).where(Document.id == document)) or ""
        bounds = [(u.start, u.end) for u in split(text)]
        touched: dict[int, set[int]] = defaultdict(set)
        for start, end, code in spans:
            for index, (u_start, u_end) in enumerate(bounds):
                if u_start < end and start < u_end:
                    touched[index].add(code)
        yield from touched.values()


def _units(units):
    pairs: Counter[tuple[int, int]] = Counter()
    singles: Counter[int] = Counter()
    for codes in units:
        singles.update(codes)
        for a, b in combinations(sorted(codes), 2):
            pairs[(a, b)] += 1
            pairs[(b, a)] += 1
    return dict(pairs), dict(singles)
