"""The synthesis matrix ("previous studies" table) as a Word document of its own: a row per
source, a column per theme, each cell the trimmed excerpts and their memos, on landscape
pages with the thesis margins."""

from __future__ import annotations

from pathlib import Path

from qcode.core.matrix import Matrix, excerpt_lines
from qcode.core.report_labels import labels_for
from qcode.io.atomic import atomic_output
from qcode.io.latex_tables import latex_document, latex_table
from qcode.io.report_tables import add_synthesis
from qcode.io.word_page import page_of, set_properties, start_document, tag_languages
from qcode.io.word_parts import page_numbers


def write_synthesis_docx(matrix: Matrix, out: Path, lang: str = "en", length: int = 200) -> None:
    labels = labels_for(lang)
    document, _ = start_document(None, None, None)
    page_of(document).apply(document.sections[0], landscape=True)
    set_properties(document, labels["synthesis"], "", lang)
    document.add_heading(labels["synthesis"], level=1)
    add_synthesis(document, matrix, labels, length, memos=True)
    page_numbers(document)
    document.sections[0].different_first_page_header_footer = False
    tag_languages(document, lang)
    with atomic_output(out) as scratch:
        document.save(str(scratch))


def write_synthesis_latex(matrix: Matrix, out: Path, lang: str = "en", length: int = 200) -> None:
    """The same table in LaTeX: a landscape document, wrapped text columns (longtable when
    long), the source's citation in the first column."""
    labels = labels_for(lang)
    room = 29.7 - 5.0 - 0.4 * (len(matrix.cols) + 1)  # landscape A4, 2.5 cm margins, padding
    first = min(4.0, room / (len(matrix.cols) + 1))
    rest = (room - first) / max(1, len(matrix.cols))
    rows = [
        [
            r.label,
            *[" ".join(excerpt_lines(matrix.value(r.key, c.key), length)) for c in matrix.cols],
        ]
        for r in matrix.rows
    ]
    table = latex_table(
        [labels["source"], *[c.label for c in matrix.cols]],
        rows,
        labels["synthesis_caption"],
        labels["synthesis_note"].format(length=length),
        numeric=[False] * (len(matrix.cols) + 1),
        widths_cm=[first, *[rest] * len(matrix.cols)],
        long=True,  # rows of excerpts are tall: let the table break between them
    )
    with atomic_output(out) as scratch:
        scratch.write_text(latex_document([table], landscape=True), encoding="utf-8")
