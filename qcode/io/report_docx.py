"""The Word report: title page, contents and lists of tables and figures, method, codebook,
frequencies with their chart, matrices (with the themes × period heatmap), the synthesis
table, one chapter per theme with its passages cited, and the reference list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qcode.core.report_content import ReportContent
from qcode.core.report_labels import labels_for
from qcode.core.report_method import long_date, method_paragraph
from qcode.io.atomic import atomic_output
from qcode.io.codebook_docx import add_codebook_table
from qcode.io.report_contents import add_contents, fill_contents
from qcode.io.report_figures import add_figure, frequency_figure, period_figure, years_figure
from qcode.io.report_findings import add_references, add_theme, add_themes_not_coded
from qcode.io.report_tables import (
    add_agreement_table,
    add_frequency_table,
    add_matrix,
    add_synthesis,
)
from qcode.io.word_page import (
    new_section,
    set_properties,
    start_document,
    tag_languages,
    update_fields_on_open,
)
from qcode.io.word_parts import page_numbers
from qcode.io.word_tables import table_caption, table_note

Progress = Callable[[int, int, str], None]


def write_report(
    content: ReportContent, out: Path, lang: str = "en", progress: Progress | None = None
) -> None:
    labels = labels_for(lang)
    frame = content.frame
    step = _Stepper(7 + len(content.themes), progress)
    document, _ = start_document(frame.reference_doc, frame.paper, frame.margins)
    title = frame.title or f"{labels['report']}: {content.project}"
    author = frame.author or ", ".join(content.coders)
    set_properties(document, title, author, lang)
    _title_page(document, content, labels, title)
    contents = add_contents(document, labels)
    step("method")
    document.add_heading(labels["method"], level=1)
    document.add_paragraph(method_paragraph(content.coding, lang, content.agreement))
    if content.agreement is not None:
        add_agreement_table(document, content.agreement, labels, lang)
    step("codebook")
    new_section(document, landscape=True)
    document.add_heading(labels["codebook"], level=1)
    table_caption(document, labels["table"], labels["codebook_caption"])
    add_codebook_table(document, content.codebook, labels)
    table_note(document, labels["note"], labels["codebook_note"])
    step("frequencies")
    new_section(document, landscape=False)
    document.add_heading(labels["frequencies"], level=1)
    add_frequency_table(document, content.frequencies, labels)
    add_figure(document, labels, labels["figure_frequencies"], frequency_figure(content, labels))
    if len(content.sources_per_year) > 1:
        add_figure(document, labels, labels["figure_years"], years_figure(content, labels))
    step("matrices")
    if content.matrices:
        document.add_heading(labels["matrices"], level=1)
        for matrix in content.matrices:
            add_matrix(document, matrix, labels, trimmed=not frame.keep_empty)
            if matrix is content.period_matrix or (
                content.period_matrix is not None
                and matrix.parameters == content.period_matrix.parameters
            ):
                figure = period_figure(content.period_matrix, labels)
                if figure is not None:
                    add_figure(document, labels, labels["figure_periods"], figure)
    step("synthesis")
    if content.synthesis is not None and content.synthesis.rows:
        new_section(document, landscape=True)
        document.add_heading(labels["synthesis"], level=1)
        add_synthesis(document, content.synthesis, labels, content.excerpt_length, frame.memos)
        new_section(document, landscape=False)
    document.add_heading(labels["findings"], level=1)
    for theme in content.themes:
        step(theme.name)
        if theme.passages:
            add_theme(document, theme, labels, frame.memos)
    add_themes_not_coded(document, content.themes, labels)
    step("references")
    document.add_heading(labels["references"], level=1)
    add_references(document, content.references)
    page_numbers(document)
    fill_contents(document, contents, labels)
    update_fields_on_open(document)
    tag_languages(document, lang)
    step("saving")
    with atomic_output(out) as scratch:
        document.save(str(scratch))


class _Stepper:
    def __init__(self, total: int, progress: Progress | None) -> None:
        self.done, self.total, self.progress = 0, total, progress

    def __call__(self, what: str) -> None:
        if self.progress is not None:
            self.progress(self.done, self.total, what)
        self.done += 1


def _title_page(document, content: ReportContent, labels: dict[str, str], title: str) -> None:
    from docx.enum.text import WD_BREAK

    frame = content.frame
    for _ in range(3):
        document.add_paragraph()
    heading = document.add_paragraph(title, style="Title")
    heading.alignment = 1
    subtitle = document.add_paragraph(labels["report"], style="Subtitle")
    subtitle.alignment = 1
    document.add_paragraph()
    lines = []
    if frame.author:
        lines.append(f"{labels['prepared_by']}: {frame.author}")
    if frame.institution:
        lines.append(frame.institution)
    lines.append(long_date(content.date, labels["lang"]))
    codebook = content.codebook
    lines.append(f"{labels['codebook']}: {codebook.title} ({labels['version']} {codebook.version})")
    lines.append(f"{labels['coders']}: {', '.join(content.coders)}")
    for line in lines:
        document.add_paragraph(line).alignment = 1
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
