"""The synthesis matrix: one row per source ("Author (Year)"), one column per chosen code,
each cell the coded excerpts (trimmed) and their memos."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from qcode.core.errors import UsageError
from qcode.core.matrix import Matrix, excerpt_lines
from qcode.io.matrix_files import write_matrix
from qcode.io.synthesis_docx import write_synthesis_docx, write_synthesis_latex
from qcode.services.matrices import MatrixRequest, build_matrix
from qcode.store.project import Project

FORMATS = (".docx", ".xlsx", ".md", ".tex")


def synthesis_matrix(project: Project, request: MatrixRequest | None = None) -> Matrix:
    """Columns: the codes named in ``request.codes`` (their sub-codes rolled in), or the
    top-level codes; rows: the sources with coding, by citation."""
    request = replace(
        request or MatrixRequest(),
        rows="documents",
        cols="codes",
        measure="excerpts",
        hide_empty=True,
        sort="label",
    )
    matrix = build_matrix(project, request)
    if request.codes:
        named = {c.casefold() for c in request.codes}
        cols = [
            c for c in matrix.cols if c.label.casefold() in named or c.detail.casefold() in named
        ]
    else:
        cols = [c for c in matrix.cols if c.depth == 0]
    return replace(matrix, cols=cols).without_empty_rows()


def export_synthesis(
    project: Project,
    out: Path,
    request: MatrixRequest | None = None,
    *,
    length: int = 200,
    lang: str = "en",
) -> Matrix:
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"{out}: write the synthesis as {', '.join(FORMATS)}")
    if length < 20:
        raise UsageError("--length: excerpts need at least 20 characters")
    matrix = synthesis_matrix(project, request)
    if not matrix.rows:
        raise UsageError("no source has coding for these codes; nothing was written")
    if suffix == ".docx":
        write_synthesis_docx(matrix, out, lang, length)
    elif suffix == ".tex":
        write_synthesis_latex(matrix, out, lang, length)
    else:
        # Spreadsheets and Markdown get the same trimmed text a Word cell shows.
        cells = {
            key: "\n".join(excerpt_lines(value, length)) for key, value in matrix.cells.items()
        }
        write_matrix(replace(matrix, measure="text", cells=cells), out, title="Synthesis")
    return matrix
