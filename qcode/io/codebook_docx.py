"""The codebook as a Word document, the one a supervisor reads.

A title page (title, version, authors, date), then the code tree as a table — colour swatch,
code, definition, inclusion, exclusion, example — in a landscape section so the columns have
room. Built-in styles (Title, Heading 1, Table Grid) so users can restyle it in Word.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qcode.core.codebook import Code, Codebook
from qcode.core.report_labels import CODEBOOK_LABELS as LABELS
from qcode.io.word_parts import add_row, grid_table, new_document, new_section, page_numbers, shade


def write_codebook_docx(codebook: Codebook, path: Path, lang: str = "en") -> None:
    labels = LABELS[lang]
    document = new_document(codebook.title, ", ".join(codebook.authors))
    document.add_paragraph(labels["codebook"], style="Subtitle")
    document.add_paragraph(codebook.title, style="Title")
    facts = [
        (labels["version"], codebook.version),
        (labels["authors"], ", ".join(codebook.authors)),
        (labels["date"], codebook.updated or dt.date.today().isoformat()),
        (labels["languages"], ", ".join(codebook.languages)),
        (labels["licence"], codebook.licence),
    ]
    for label, value in facts:
        if value:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(value)
    top = len(codebook.children(None))
    document.add_paragraph(labels["summary"].format(codes=len(codebook.codes), top=top))
    # The table gets a landscape section of its own; the title page stays portrait.
    new_section(document, landscape=True)
    document.add_heading(labels["codes"], level=1)
    document.add_paragraph(labels["table"], style="Caption")
    add_codebook_table(document, codebook, labels)
    page_numbers(document)
    document.save(str(path))


CODEBOOK_WIDTHS = (0.6, 5.0, 6.4, 4.6, 4.6, 4.8)  # cm, for a landscape A4/Letter page


def add_codebook_table(document, codebook: Codebook, labels: dict[str, str]) -> None:
    """The code tree as a table: swatch, code, definition (+ keywords), criteria, example."""
    headers = [
        "",
        labels["code"],
        labels["definition"],
        labels["inclusion"],
        labels["exclusion"],
        labels["example"],
    ]
    table = grid_table(document, headers, CODEBOOK_WIDTHS)
    for depth, code in codebook.walk():
        cells = add_row(table, CODEBOOK_WIDTHS)
        if code.colour:
            shade(cells[0], code.colour)
        _code_cell(cells[1], code, depth, labels)
        _text_cell(cells[2], code.description)
        _keywords(cells[2], code, labels)
        _text_cell(cells[3], code.inclusion)
        _text_cell(cells[4], code.exclusion)
        _text_cell(cells[5], "\n".join(f"“{e}”" for e in code.examples))


def _code_cell(cell, code: Code, depth: int, labels: dict[str, str]) -> None:
    from docx.shared import Cm

    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.left_indent = Cm(0.4 * depth)
    run = paragraph.add_run(code.name)
    run.bold = depth == 0
    notes = []
    if code.shortcut is not None:
        notes.append(f"[{code.shortcut}]")
    if not code.codable:
        notes.append(f"({labels['grouping']})")
    if code.retired:
        notes.append(f"({labels['retired']})")
    if notes:
        paragraph.add_run(" " + " ".join(notes)).italic = True


def _text_cell(cell, text: str) -> None:
    cell.paragraphs[0].add_run(text)


def _keywords(cell, code: Code, labels: dict[str, str]) -> None:
    from docx.shared import Pt

    for language, words in code.keywords.items():
        if not words:
            continue
        suffix = "" if language == "any" else f" ({language})"
        paragraph = cell.add_paragraph()
        label = paragraph.add_run(f"{labels['keywords']}{suffix}: ")
        label.italic = True
        label.font.size = Pt(8)
        value = paragraph.add_run(", ".join(words))
        value.font.size = Pt(8)
