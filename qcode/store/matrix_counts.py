"""Matrix numbers computed in SQL: coded passages, characters and documents per cell and
per total (totals are counted, never added up from cells that may share a passage).

Codes are rolled up through a small (code, ancestor) table joined to the segments, so a
parent's cell counts its sub-codes' coding without any loop over segments in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session, aliased

from qcode.core.matrix import Axis, Key, bin_start
from qcode.store.matrix_query import (
    GroupedQuery,
    SegmentFilter,
    plain_rows,
    segment_conditions,
    value_key,
)
from qcode.store.models import DocumentAttribute, Segment


def aggregate(
    session: Session,
    axes: Sequence[Axis],
    measure: str,
    where: SegmentFilter,
    within: Sequence[Axis] = (),
) -> dict[tuple[Key, ...], int]:
    """``measure`` per combination of the axes' keys (an empty tuple: the grand total).

    ``segments`` counts coded passages: distinct spans ``(document, start, end)``, so a
    passage coded with two sub-codes (or by two coders) counts once in its theme's cell and
    in every total; ``chars`` adds up the lengths of those distinct passages; ``documents``
    and ``presence`` count distinct documents.

    Passages are counted fast, segment by segment through the code index, and then the few
    passages coded more than once in a cell are taken off (found through the index on
    document and span), which gives the distinct count without de-duplicating every row.

    Segments are counted only where each ``within`` axis has a key too — a row total of a
    codes × year matrix leaves out documents without a year, as its cells do.
    """
    found = _summed(session, axes, measure, where, within)
    if measure in {"segments", "chars"}:
        for keys, extra in _repeats(session, axes, measure, where, within).items():
            left = found.get(keys, 0) - extra
            if left:
                found[keys] = left
            else:
                found.pop(keys, None)
    return found


def _repeats(
    session: Session,
    axes: Sequence[Axis],
    measure: str,
    where: SegmentFilter,
    within: Sequence[Axis],
) -> dict[tuple[Key, ...], int]:
    """How much ``_summed`` counted twice per group: for each passage that several segments
    of the group share, one less than their number (or that many times its length).

    Only segments whose span another segment in scope shares are read (found through the
    index on document and span); their groups are worked out here, as ``_summed`` does."""
    if not where.rollup:
        return {}
    first, second = aliased(Segment), aliased(Segment)
    shared = select(first.document_id, first.start_offset, first.end_offset).where(
        *segment_conditions(session, first, where)
    )
    picked = select(
        second.code_id, second.document_id, second.coder_id, second.start_offset,
        second.end_offset,
    ).where(*segment_conditions(session, second, where))  # fmt: skip
    if not where.every_code:
        shared = shared.where(first.code_id.in_(where.code_ids()))
        picked = picked.where(second.code_id.in_(where.code_ids()))
    shared = (
        shared.group_by(first.document_id, first.start_offset, first.end_offset)
        .having(func.count() > 1)
        .subquery("shared")
    )
    picked = picked.join(
        shared,
        (shared.c.document_id == second.document_id)
        & (shared.c.start_offset == second.start_offset)
        & (shared.c.end_offset == second.end_offset),
    )
    # The four counts of one matrix (cells, row, column and grand totals) share these rows.
    cached = session.info.get("qcode_repeated_segments")
    if cached is not None and cached[0] is where:
        rows = cached[1]
    else:
        rows = list(plain_rows(session, picked))
        session.info["qcode_repeated_segments"] = (where, rows)
    if not rows:
        return {}
    ancestors: dict[int, list[int]] = {}
    for code, ancestor in where.rollup:
        ancestors.setdefault(code, []).append(ancestor)
    documents = {row[1] for row in rows}
    values = {
        axis: _attribute_keys_of(session, axis, documents)
        for axis in (*axes, *within)
        if axis.kind == "attr"
    }
    seen: dict[tuple, int] = {}
    for code, document, coder, start, end in rows:
        if any(axis.kind == "attr" and not values[axis].get(document) for axis in within):
            continue
        choices = []
        for axis in axes:
            if axis.kind == "codes":
                choices.append(ancestors.get(code, ()))
            elif axis.kind == "documents":
                choices.append((document,))
            elif axis.kind == "coders":
                choices.append((coder,))
            else:
                choices.append(values[axis].get(document, ()))
        for keys in product(*choices):
            place = (keys, document, start, end)
            seen[place] = seen.get(place, 0) + 1
    found: dict[tuple[Key, ...], int] = {}
    for (keys, _, start, end), count in seen.items():
        if count > 1:
            extra = count - 1 if measure == "segments" else (count - 1) * (end - start)
            found[keys] = found.get(keys, 0) + extra
    return found


def _attribute_keys_of(session: Session, axis: Axis, documents: set[int]) -> dict[int, list]:
    """Each document's keys on an attribute axis (its values, or the bins they fall in)."""
    attr = DocumentAttribute
    query = select(attr.document_id, attr.text_value, attr.number_value, attr.date_value).where(
        attr.name == axis.name
    )
    if len(documents) <= 20_000:
        query = query.where(attr.document_id.in_(sorted(documents)))
    keys_of: dict[int, list] = {}
    for document, text, number, date in session.execute(query):
        if document not in documents:
            continue
        if axis.bin_width:
            if number is None:
                continue
            key: Key = bin_start(number, axis.bin_width)
        else:
            key = value_key((text, number, date))
        if key not in keys_of.setdefault(document, []):
            keys_of[document].append(key)
    return keys_of


def _summed(
    session: Session,
    axes: Sequence[Axis],
    measure: str,
    where: SegmentFilter,
    within: Sequence[Axis] = (),
    totals: dict | None = None,
) -> dict[tuple[Key, ...], int]:
    """Every (segment, code-or-ancestor, key) counted (``segments``) or its length added
    (``chars``); ``documents`` and ``presence`` count distinct documents. Repeated passages
    are taken off by the caller."""
    if not where.rollup:
        return {}
    # Counts and lengths add up, so a parent's figure is the sum of its codes' figures: group
    # by the code as coded (a plain index scan) and roll up the few grouped rows afterwards.
    # Distinct documents do not add up; they are counted through the (code, ancestor) table.
    fold = measure in {"segments", "chars"}
    kinds = [a.kind for a in axes]
    if fold and not within and sorted(kinds) == ["attr", "codes"]:
        return _through_documents(session, axes, measure, where)
    query = GroupedQuery(session, where)
    for axis in axes:
        query.add_axis(axis, fold)
    for axis in within:
        query.require(axis)
    if measure == "segments":
        # Each joined row is one (segment, ancestor, attribute value): nothing to de-duplicate.
        figure = func.count()
    elif measure in {"documents", "presence"}:
        figure = func.count(distinct(Segment.document_id))
    elif measure == "chars":
        figure = func.sum(Segment.end_offset - Segment.start_offset)
    else:
        raise ValueError(f"aggregate cannot compute {measure!r}")
    ancestors: dict[int, list[int]] = {}
    for code, ancestor in where.rollup:
        ancestors.setdefault(code, []).append(ancestor)
    folded = [i for i, (kind, _) in enumerate(query.shapes) if kind == "code"]
    shapes = [kind for kind, _ in query.shapes]
    if shapes in (["code", "one"], ["code", "bin"]):  # codes × documents, coders or bins
        return _fold_rows_first(plain_rows(session, query.select(figure)), ancestors, totals)
    result = session.execute(query.select(figure))
    if all(width == 1 for _, width in query.shapes):  # one key column per axis
        rows = [(tuple(row[:-1]), int(row[-1] or 0)) for row in result]
    else:
        rows = []
        for row in result:
            keys, (number,) = query.split(row)
            rows.append((keys, int(number or 0)))
    found: dict[tuple[Key, ...], int] = {}
    if not folded:
        for keys, value in rows:
            if None not in keys:
                found[keys] = (1 if value else 0) if measure == "presence" else value
        return found
    at = folded[0]
    get = found.get
    for keys, value in rows:
        if None in keys:
            continue
        head, tail = keys[:at], keys[at + 1 :]
        for ancestor in ancestors.get(keys[at], ()):
            rolled = (*head, ancestor, *tail)
            found[rolled] = get(rolled, 0) + value
    return found


def _through_documents(
    session: Session, axes: Sequence[Axis], measure: str, where: SegmentFilter
) -> dict[tuple[Key, ...], int]:
    """Codes × attribute values: count per (code, document) over the (code, document)
    index, then add each document's figures to its attribute values (a segment counts once
    per value, as a join would count it). Far cheaper than joining every segment."""
    codes_first = axes[0].kind == "codes"
    attr_axis = axes[1] if codes_first else axes[0]
    query = GroupedQuery(session, where)
    query.add_axis(Axis("codes"), fold=True)
    query.add_axis(Axis("documents"))
    figure = (
        func.count()
        if measure == "segments"
        else func.sum(Segment.end_offset - Segment.start_offset)
    )
    ancestors: dict[int, list[int]] = {}
    for code, ancestor in where.rollup:
        ancestors.setdefault(code, []).append(ancestor)
    attr = DocumentAttribute
    values = select(attr.document_id, attr.text_value, attr.number_value, attr.date_value).where(
        attr.name == attr_axis.name
    )
    keys_of: dict[int, list[Key]] = {}
    for document, text, number, date in session.execute(values):
        if attr_axis.bin_width:
            if number is None:
                continue
            key: Key = bin_start(number, attr_axis.bin_width)
        else:
            key = value_key((text, number, date))
        if key not in keys_of.setdefault(document, []):  # a value listed twice counts once
            keys_of[document].append(key)
    found: dict[tuple[Key, ...], int] = {}
    get = found.get
    for code, document, number in plain_rows(session, query.select(figure)):
        keys = keys_of.get(document)
        if not keys:
            continue
        for ancestor in ancestors.get(code, ()):
            for key in keys:
                cell = (ancestor, key) if codes_first else (key, ancestor)
                found[cell] = get(cell, 0) + number
    return found


def _fold_rows_first(
    rows, ancestors: dict[int, list[int]], totals: dict | None
) -> dict[tuple[Key, ...], int]:
    """(code, key, n) rows rolled up into (ancestor, key): the common case, kept tight.

    With ``totals``, the row totals (per code, rolled up), column totals (each segment once)
    and grand total are added up on the way; they hold when every segment has one key.
    """
    found: dict[tuple[Key, ...], int] = {}
    get = found.get
    by_code: dict[int, int] = {}
    by_col: dict[Key, int] = {}
    for code, key, number in rows:
        if key is None or code not in ancestors:
            continue
        for ancestor in ancestors[code]:
            cell = (ancestor, key)
            found[cell] = get(cell, 0) + number
        by_code[code] = by_code.get(code, 0) + number
        by_col[key] = by_col.get(key, 0) + number
    if totals is not None:
        by_row: dict[Key, int] = {}
        for code, number in by_code.items():  # a few hundred codes: roll them up here
            for ancestor in ancestors[code]:
                by_row[ancestor] = by_row.get(ancestor, 0) + number
        totals.update(rows=by_row, cols=by_col, total=sum(by_code.values()))
    return found
