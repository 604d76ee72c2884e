"""The synthesis matrix ("previous studies" table) as a Word table: a row per source, a
column per theme, each cell the trimmed excerpts and their memos."""

from __future__ import annotations

from pathlib import Path

from qcode.core.matrix import Matrix, excerpt_lines
from qcode.core.report_labels import labels_for
from qcode.io.atomic import atomic_output
from qcode.io.word_parts import (
    add_row,
    caption,
    grid_table,
    new_document,
    orient,
    page_numbers,
    shade,
    text_width_cm,
)


def add_synthesis_table(document, matrix: Matrix, labels: dict[str, str], length: int) -> None:
    from docx.shared import Pt

    section = document.sections[-1]
    room = text_width_cm(section)
    first = 4.0
    rest = (room - first) / max(1, len(matrix.cols))
    widths = (first, *([rest] * len(matrix.cols)))
    table = grid_table(document, [labels["source"], *[c.label for c in matrix.cols]], widths)
    for cell, col in zip(table.rows[0].cells[1:], matrix.cols, strict=True):
        if col.colour:
            shade(cell, _light(col.colour))
    for r in matrix.rows:
        cells = add_row(table, widths, keep_together=False)
        cells[0].paragraphs[0].add_run(r.label).bold = True
        if r.detail:
            title = cells[0].add_paragraph().add_run(r.detail)
            title.italic = True
            title.font.size = Pt(8)
        for cell, col in zip(cells[1:], matrix.cols, strict=True):
            lines = excerpt_lines(matrix.value(r.key, col.key), length)
            for index, line in enumerate(lines):
                paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                run = paragraph.add_run(line)
                run.font.size = Pt(8)
                run.italic = line.startswith("Memo: ")


def _light(colour: str) -> str:
    """The colour mixed with white, so black header text stays readable on it."""
    value = colour.lstrip("#")
    mixed = [int(value[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{(c + 3 * 255) // 4:02X}" for c in mixed)


def write_synthesis_docx(matrix: Matrix, out: Path, lang: str = "en", length: int = 200) -> None:
    labels = labels_for(lang)
    document = new_document(labels["synthesis"])
    orient(document.sections[0], landscape=True)
    document.add_heading(labels["synthesis"], level=1)
    caption(document, labels["table"], labels["synthesis_caption"])
    add_synthesis_table(document, matrix, labels, length)
    page_numbers(document)
    with atomic_output(out) as scratch:
        document.save(str(scratch))
