"""Building matrices: resolve what the user named, let the store count, shape the table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qcode.core.attributes import Condition
from qcode.core.citations import citation
from qcode.core.codebook import Codebook
from qcode.core.errors import UsageError
from qcode.core.matrix import (
    MEASURES,
    Axis,
    Header,
    Matrix,
    bin_label,
    c_coefficient,
    rolled_up,
)
from qcode.services.coding import resolve_code
from qcode.store.codebooks import read_codebook
from qcode.store.cooccurrence import MODES, cooccurrence
from qcode.store.documents import citation_facts
from qcode.store.matrix import attribute_keys, code_ids, coder_names, excerpts, multi_valued
from qcode.store.matrix_counts import aggregate
from qcode.store.matrix_query import SegmentFilter
from qcode.store.models import DocumentAttribute, Segment
from qcode.store.project import Project
from qcode.store.settings import only_coder


@dataclass
class MatrixRequest:
    rows: str = "codes"
    cols: str = "documents"
    measure: str = "segments"
    where: Sequence[str] = ()  # NAME=VALUE conditions on documents
    coders: Sequence[str] = ()  # only these coders' segments
    codes: Sequence[str] = ()  # only these codes and their sub-codes
    manual_only: bool = False  # leave out accepted auto-coding suggestions
    hide_empty: bool = False
    sort: str = "order"  # order, label or total
    cooccurrence: str = "overlap"  # for codes × codes
    near: int = 0  # characters, for co-occurrence "near"
    normalise: bool = False  # codes × codes: the c-coefficient instead of counts
    excerpt_limit: int | None = None

    def parameters(self) -> dict:
        shown = {
            "rows": self.rows,
            "cols": self.cols,
            "measure": self.measure,
            "where": list(self.where),
            "coders": list(self.coders),
            "codes": list(self.codes),
            "manual_only": self.manual_only,
        }
        if self.rows == "codes" and self.cols == "codes":
            shown |= {"cooccurrence": self.cooccurrence, "normalise": self.normalise}
            if self.cooccurrence == "near":
                shown["near"] = self.near
        return shown


@dataclass
class Scope:
    codebook: Codebook
    ids: dict[str, int]
    within: set[str] | None
    where: SegmentFilter
    conditions: list[Condition]


def build_matrix(project: Project, request: MatrixRequest) -> Matrix:
    row_axis, col_axis = Axis.parse(request.rows), Axis.parse(request.cols)
    if request.measure not in MEASURES:
        raise UsageError(f"unknown measure {request.measure!r}: use {', '.join(MEASURES)}")
    with project.reading() as session:
        scope = resolve_scope(session, request, (row_axis, col_axis))
        rows = _headers(session, row_axis, scope)
        cols = _headers(session, col_axis, scope)
        if row_axis.kind == col_axis.kind == "codes":
            matrix = _codes_by_codes(session, request, scope, rows)
        elif request.measure == "excerpts":
            found = excerpts(session, (row_axis, col_axis), scope.where, request.excerpt_limit)
            cells = {keys: value for keys, value in found.items()}
            matrix = Matrix(rows, cols, "excerpts", cells)
        else:
            matrix = _counted(session, request.measure, (row_axis, col_axis), scope, rows, cols)
    matrix.parameters = request.parameters()
    if request.hide_empty:
        matrix = matrix.without_empty_rows()
    return matrix.sorted_rows(request.sort)


def _counted(
    session: Session,
    measure: str,
    axes: tuple[Axis, Axis],
    scope: Scope,
    rows: list[Header],
    cols: list[Header],
) -> Matrix:
    row_axis, col_axis = axes
    cells = aggregate(session, axes, measure, scope.where)
    # Totals are counted, not summed: a passage in two columns (two coders, two values of
    # a multi-valued attribute) or under a theme and its sub-code counts once in a total.
    # Only where an axis splits the passages into parts (each passage has one document,
    # one year) are the other axis's totals the sums of the cells. Presence totals count
    # documents.
    counted = "documents" if measure == "presence" else measure
    additive = counted in {"segments", "chars"}
    rows_split = additive and _splits(session, row_axis)
    cols_split = additive and _splits(session, col_axis)
    if cols_split:
        by_row = _sums(cells, 0)
    else:
        by_row = {k[0]: v for k, v in aggregate(
            session, (row_axis,), counted, scope.where, (col_axis,)
        ).items()}  # fmt: skip
    if rows_split:
        by_col = _sums(cells, 1)
    else:
        by_col = {k[0]: v for k, v in aggregate(
            session, (col_axis,), counted, scope.where, (row_axis,)
        ).items()}  # fmt: skip
    if cols_split:
        total = sum(by_col.values())
    elif rows_split:
        total = sum(by_row.values())
    else:
        total = aggregate(session, (), counted, scope.where, axes).get((), 0)
    return Matrix(rows, cols, measure, cells, by_row, by_col, total)


def _splits(session: Session, axis: Axis) -> bool:
    """Does ``axis`` give every passage one key at most (documents; an attribute no
    document holds twice), so that sums along it count each passage once?"""
    if axis.kind == "documents":
        return True
    return axis.kind == "attr" and not multi_valued(session, axis.name)


def _sums(cells: dict, at: int) -> dict:
    found: dict = {}
    for keys, value in cells.items():
        found[keys[at]] = found.get(keys[at], 0) + value
    return found


def _codes_by_codes(
    session: Session, request: MatrixRequest, scope: Scope, rows: list[Header]
) -> Matrix:
    if request.cooccurrence not in MODES:
        raise UsageError(f"unknown co-occurrence {request.cooccurrence!r}: use {', '.join(MODES)}")
    if request.cooccurrence == "near" and request.near <= 0:
        raise UsageError("co-occurrence 'near' needs a distance in characters, e.g. --near 200")
    pairs, singles = cooccurrence(session, request.cooccurrence, scope.where, request.near)
    cells: dict = {}
    for a in rows:
        for b in rows:
            same = a.key == b.key
            both = singles.get(a.key, 0) if same else pairs.get((a.key, b.key), 0)
            if request.normalise:
                first, second = singles.get(a.key, 0), singles.get(b.key, 0)
                value = round(c_coefficient(both, first, second), 3) if a.key != b.key else 1.0
                value = value if first else 0.0
            else:
                value = both
            if value:
                cells[(a.key, b.key)] = value
    measure = "c" if request.normalise else request.cooccurrence
    # No totals: a row of pair counts does not add up to anything (the diagonal holds each
    # code's own count).
    return Matrix(rows, list(rows), measure, cells, total=None)


def resolve_scope(session: Session, request: MatrixRequest, axes: Sequence[Axis] = ()) -> Scope:
    """Codes, coders and attribute conditions of ``request`` checked and resolved."""
    codebook = read_codebook(session)
    if not codebook.codes:
        raise UsageError("the project has no codebook yet; load one with 'qcode codebook load'")
    within: set[str] | None = None
    if request.codes:
        within = set()
        for reference in request.codes:
            guid = resolve_code(session, reference, codebook).guid
            within |= {guid} | codebook.descendants(guid)
    ids = code_ids(session)
    pairs = [(ids[code], ids[ancestor]) for code, ancestor in rolled_up(codebook, within)]
    coder_ids = None
    if request.coders:
        known = {name: ident for ident, name in coder_names(session).items()}
        missing = [name for name in request.coders if name not in known]
        if missing:
            listed = ", ".join(sorted(known)) or "none yet"
            raise UsageError(f"no coder named {', '.join(missing)} (coders: {listed})")
        coder_ids = [known[name] for name in request.coders]
    only = only_coder(session)
    if only is not None:
        if coder_ids is not None and set(coder_ids) - {only}:
            raise UsageError(
                "blind coding is on: you see only your own coding "
                "('qcode config PROJECT blind=off' ends blind coding)"
            )
        coder_ids = [only]
    conditions = [Condition.parse(w) for w in request.where]
    names = set(session.scalars(select(DocumentAttribute.name).distinct()))
    wanted = [c.name for c in conditions] + [a.name for a in axes if a.kind == "attr"]
    for name in wanted:
        if name not in names:
            listed = ", ".join(sorted(names)) or "none"
            raise UsageError(f"no document has the attribute {name!r} (attributes: {listed})")
    where = SegmentFilter(pairs, coder_ids, conditions, request.manual_only, within is None)
    return Scope(codebook, ids, within, where, conditions)


def _headers(session: Session, axis: Axis, scope: Scope) -> list[Header]:
    if axis.kind == "codes":
        paths = scope.codebook.paths()
        return [
            Header(
                scope.ids[code.guid],
                code.name,
                code.colour,
                depth,
                bool(scope.codebook.children(code.guid)),
                paths[code.guid],
            )
            for depth, code in scope.codebook.walk()
            if scope.within is None or code.guid in scope.within
        ]
    if axis.kind == "documents":
        return [
            Header(ident, citation(facts, title), detail=title)
            for ident, title, facts in citation_facts(session, scope.conditions)
        ]
    if axis.kind == "coders":
        names = coder_names(session)
        coded = session.scalars(select(Segment.coder_id).distinct())
        wanted = scope.where.coder_ids
        return [
            Header(ident, names[ident])
            for ident in sorted(set(coded), key=lambda i: names[i].casefold())
            if wanted is None or ident in wanted
        ]
    keys = attribute_keys(session, axis, scope.conditions)
    if axis.bin_width:
        return [Header(k, bin_label(int(k), axis.bin_width)) for k in keys]
    return [Header(k, str(k)) for k in keys]
