"""The Word report: title page, method, codebook, frequencies, matrices, synthesis, one
chapter per theme with its quotations and citations, and the list of sources."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qcode.core.codebook import Code
from qcode.core.matrix import Matrix
from qcode.core.report_content import ReportContent
from qcode.core.report_labels import labels_for
from qcode.io.atomic import atomic_output
from qcode.io.codebook_docx import add_codebook_table
from qcode.io.synthesis_docx import add_synthesis_table
from qcode.io.word_parts import (
    add_row,
    caption,
    grid_table,
    new_document,
    new_section,
    page_numbers,
    shade,
    text_width_cm,
)

Progress = Callable[[int, int, str], None]
PORTRAIT_COLUMNS = 7  # a matrix with more columns than this gets a landscape page


def write_report(
    content: ReportContent, out: Path, lang: str = "en", progress: Progress | None = None
) -> None:
    labels = labels_for(lang)
    steps = 6 + len(content.codebook.children(None))
    step = _Stepper(steps, progress)
    document = new_document(f"{labels['report']}: {content.project}", ", ".join(content.coders))
    _title_page(document, content, labels)
    step("method")
    _method(document, content, labels)
    step("codebook")
    new_section(document, landscape=True)
    document.add_heading(labels["codebook"], level=1)
    caption(document, labels["table"], labels["codebook_caption"])
    add_codebook_table(document, content.codebook, labels)
    step("frequencies")
    new_section(document, landscape=False)
    _frequencies(document, content, labels)
    step("matrices")
    for matrix in content.matrices:
        _matrix(document, matrix, labels)
    step("synthesis")
    if content.synthesis is not None and content.synthesis.rows:
        new_section(document, landscape=True)
        document.add_heading(labels["synthesis"], level=1)
        caption(document, labels["table"], labels["synthesis_caption"])
        add_synthesis_table(document, content.synthesis, labels, content.excerpt_length)
    new_section(document, landscape=False)
    document.add_heading(labels["findings"], level=1)
    for theme in content.codebook.children(None):
        step(theme.name)
        _theme(document, content, theme, labels)
    step("sources")
    document.add_heading(labels["references"], level=1)
    for entry in content.references:
        paragraph = document.add_paragraph(entry)
        paragraph.paragraph_format.left_indent = 360000 // 2  # hanging indent, 0.5 cm
        paragraph.paragraph_format.first_line_indent = -360000 // 2
    page_numbers(document)
    with atomic_output(out) as scratch:
        document.save(str(scratch))


class _Stepper:
    def __init__(self, total: int, progress: Progress | None) -> None:
        self.done, self.total, self.progress = 0, total, progress

    def __call__(self, what: str) -> None:
        if self.progress is not None:
            self.progress(self.done, self.total, what)
        self.done += 1


def _title_page(document, content: ReportContent, labels: dict[str, str]) -> None:
    document.add_paragraph(labels["report"], style="Subtitle")
    document.add_paragraph(content.project, style="Title")
    codebook = content.codebook
    facts = [
        (labels["codebook"], f"{codebook.title} ({labels['version']} {codebook.version})"),
        (labels["coders"], ", ".join(content.coders)),
        (labels["date"], content.date),
    ]
    for label, value in facts:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)


def _method(document, content: ReportContent, labels: dict[str, str]) -> None:
    document.add_heading(labels["method"], level=1)
    codebook = content.codebook
    suggested = labels["suggested"].format(n=content.suggested) if content.suggested else ""
    document.add_paragraph(
        labels["method_text"].format(
            sources=content.sources,
            codebook=codebook.title,
            version=codebook.version,
            codes=len(codebook.codes),
            themes=len(codebook.children(None)),
            coder_count=len(content.coders),
            coders=", ".join(content.coders),
            segments=content.segments,
            suggested=suggested,
        )
    )


def _frequencies(document, content: ReportContent, labels: dict[str, str]) -> None:
    document.add_heading(labels["frequencies"], level=1)
    caption(document, labels["table"], labels["frequency_caption"])
    widths = (0.5, 10.0, 3.0, 3.0)
    table = grid_table(
        document, ["", labels["code"], labels["segments"], labels["sources"]], widths
    )
    for row in content.frequencies:
        cells = add_row(table, widths)
        if row.colour:
            shade(cells[0], row.colour)
        name = cells[1].paragraphs[0]
        name.paragraph_format.left_indent = 144000 * row.depth  # 0.4 cm per level
        name.add_run(row.name).bold = row.depth == 0
        for cell, value in ((cells[2], row.segments), (cells[3], row.sources)):
            cell.paragraphs[0].add_run(str(value))
            cell.paragraphs[0].alignment = 2  # right


def _matrix(document, matrix: Matrix, labels: dict[str, str]) -> None:
    wide = len(matrix.cols) > PORTRAIT_COLUMNS
    section = new_section(document, landscape=wide)
    document.add_heading(labels["matrices"], level=2)
    params = matrix.parameters
    axis = {
        "codes": labels["axis_codes"],
        "documents": labels["axis_documents"],
        "coders": labels["axis_coders"],
    }
    rows = axis.get(params.get("rows", ""), str(params.get("rows", "")).replace("attr:", ""))
    cols = axis.get(params.get("cols", ""), str(params.get("cols", "")).replace("attr:", ""))
    cols = cols.split(":")[0]
    measure = labels.get(f"measure_{matrix.measure}", matrix.measure)
    caption(
        document,
        labels["table"],
        labels["matrix_caption"].format(measure=measure, rows=rows, cols=cols),
    )
    room = text_width_cm(section)
    first = min(7.0, room * 0.3)
    rest = (room - first) / (len(matrix.cols) + 1)
    widths = (first, *([rest] * (len(matrix.cols) + 1)))
    table = grid_table(document, ["", *[c.label for c in matrix.cols], labels["total"]], widths)
    for r in matrix.rows:
        cells = add_row(table, widths)
        label = cells[0].paragraphs[0]
        label.paragraph_format.left_indent = 144000 * r.depth
        label.add_run(r.label).bold = r.depth == 0
        values = [matrix.value(r.key, c.key) for c in matrix.cols]
        values.append(matrix.row_totals.get(r.key, 0))
        for cell, value in zip(cells[1:], values, strict=True):
            cell.paragraphs[0].add_run(str(value) if value else "·")
            cell.paragraphs[0].alignment = 2
    cells = add_row(table, widths)
    cells[0].paragraphs[0].add_run(labels["total"]).bold = True
    totals = [matrix.col_totals.get(c.key, 0) for c in matrix.cols] + [matrix.total]
    for cell, value in zip(cells[1:], totals, strict=True):
        cell.paragraphs[0].add_run(str(value)).bold = True
        cell.paragraphs[0].alignment = 2


def _theme(document, content: ReportContent, theme: Code, labels: dict[str, str]) -> None:
    codebook = content.codebook
    document.add_heading(theme.name, level=2)
    if theme.description:
        document.add_paragraph(theme.description)
    _quotes(document, content.quotes.get(theme.guid, []), labels, show_empty=False)
    for depth, code in codebook.walk():
        if code.guid == theme.guid or theme.guid not in _ancestors(codebook, code):
            continue
        document.add_heading(code.name, level=min(3, depth + 2))
        if code.description:
            document.add_paragraph(code.description).runs[0].italic = True
        _quotes(document, content.quotes.get(code.guid, []), labels, show_empty=True)


def _ancestors(codebook, code: Code) -> set[str]:
    found, parent = set(), code.parent
    by_guid = codebook.by_guid()
    while parent is not None:
        found.add(parent)
        parent = by_guid[parent].parent if parent in by_guid else None
    return found


def _quotes(document, quotes, labels: dict[str, str], show_empty: bool) -> None:
    if not quotes:
        if show_empty:
            document.add_paragraph(labels["no_quotations"]).runs[0].italic = True
        return
    for quote in quotes:
        paragraph = document.add_paragraph(style="Quote")
        paragraph.add_run(f"“{' '.join(quote.text.split())}” ")
        paragraph.add_run(quote.citation)
        if quote.memo:
            memo = document.add_paragraph()
            memo.paragraph_format.left_indent = 360000
            memo.add_run(f"{labels['memo']}: ").bold = True
            memo.add_run(quote.memo).italic = True
