"""Exporting coded excerpts one per row, and matrices to files."""

from __future__ import annotations

from pathlib import Path

from qcode.core.attributes import MULTI_VALUED, json_value
from qcode.core.citations import citation, year_of
from qcode.core.matrix import Matrix
from qcode.io.excerpt_files import write_excerpts
from qcode.io.matrix_files import matrix_title, write_matrix
from qcode.services.matrices import MatrixRequest, build_matrix, resolve_scope
from qcode.store.documents import summaries
from qcode.store.excerpts import segment_rows
from qcode.store.project import Project

FIXED = ["document", "citation", "title", "year", "author"]
AFTER = ["code path", "code", "coder", "start", "end", "page", "text", "memo", "origin"]


def export_excerpts(project: Project, out: Path, request: MatrixRequest | None = None) -> int:
    """One row per coded segment (filtered like a matrix); returns the number written."""
    request = request or MatrixRequest()
    with project.reading() as session:
        scope = resolve_scope(session, request)
        documents = {d.id: d for d in summaries(session, scope.conditions)}
        names = sorted(
            {n for d in documents.values() for n in d.attributes} - {"title", "year", "author"}
        )
        paths = scope.codebook.paths()
        by_guid = scope.codebook.by_guid()

        def rows():
            for seg in segment_rows(session, scope.where):
                doc = documents.get(seg.document_id)
                if doc is None:
                    continue
                attrs = doc.attributes
                extra = [_joined(attrs.get(n, ()), n) for n in names]
                yield [
                    doc.id,
                    citation(attrs, doc.title),
                    doc.title,
                    year_of(attrs),
                    "; ".join(str(a) for a in attrs.get("author", ())),
                    *extra,
                    paths.get(seg.code_guid, ""),
                    by_guid[seg.code_guid].name if seg.code_guid in by_guid else "",
                    seg.coder,
                    seg.start,
                    seg.end,
                    seg.page,
                    seg.text,
                    seg.memo,
                    seg.origin,
                ]

        return write_excerpts([*FIXED, *names, *AFTER], rows(), out)


def _joined(values, name: str) -> object:
    plain = [json_value(v) for v in values]
    if not plain:
        return None
    if len(plain) == 1 and name not in MULTI_VALUED:
        value = plain[0]
        # A volume or issue imported as text ("7") is a number to a spreadsheet.
        if name in NUMBERED and isinstance(value, str) and value.isdigit() and len(value) < 10:
            return int(value)
        return value
    return "; ".join(str(v) for v in plain)


NUMBERED = frozenset({"volume", "issue", "number"})


def export_matrix(project: Project, request: MatrixRequest, out: Path) -> Matrix:
    matrix = build_matrix(project, request)
    write_matrix(matrix, out, title=matrix_title(matrix))
    return matrix
