"""The codebook as a Word document, the one a supervisor reads.

A title page (title, version, authors, date), then the code tree as a table — colour swatch,
code, definition, inclusion, exclusion, example — in a landscape section so the columns have
room. Built-in and named styles (Title, Heading 1, Caption, the qcode Table style) so users
restyle it in Word; A4 with the thesis margins.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qcode.core.codebook import Code, Codebook
from qcode.core.report_labels import CODEBOOK_LABELS as LABELS
from qcode.io.word_page import new_section, page_of, set_properties, start_document, tag_languages
from qcode.io.word_parts import page_numbers, shade
from qcode.io.word_tables import Column, add_row, fit, new_table, table_caption, write


def write_codebook_docx(codebook: Codebook, path: Path, lang: str = "en") -> None:
    labels = LABELS[lang]
    document, _ = start_document(None, None, None)
    set_properties(document, codebook.title, ", ".join(codebook.authors), lang)
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
    table_caption(document, labels["table_label"], labels["codebook_caption"])
    add_codebook_table(document, codebook, labels)
    page_numbers(document)
    tag_languages(document, lang)
    document.save(str(path))  # callers write through atomic_output


def add_codebook_table(document, codebook: Codebook, labels: dict[str, str]) -> None:
    """The code tree as a table: swatch, code, definition (+ keywords), criteria, example,
    its widths fitted to the landscape text block."""
    walked = list(codebook.walk())
    notes = {code.guid: _notes(code, labels) for _, code in walked}
    columns = [
        Column("", floor_cm=0.5, cap_cm=0.5),
        Column(labels["code"], [f"{c.name} {notes[c.guid]}" for _, c in walked], cap_cm=4.5),
        Column(
            labels["definition"], [c.description + _keyword_text(c) for _, c in walked], weight=1.4
        ),
        Column(labels["inclusion"], [c.inclusion for _, c in walked]),
        Column(labels["exclusion"], [c.exclusion for _, c in walked]),
        Column(labels["example"], ["\n".join(c.examples) for _, c in walked]),
    ]
    depth_room = 0.4 * max((d for d, _ in walked), default=0)
    columns[1].min_cm += depth_room
    room = page_of(document).text_width_cm(landscape=True)
    widths = fit(columns, room) or [room / len(columns)] * len(columns)
    table = new_table(document, [c.header for c in columns], widths)
    for depth, code in walked:
        cells = add_row(table, widths)
        if code.colour:
            shade(cells[0], code.colour)
        write(cells[0], "")
        name = write(cells[1], code.name, bold=depth == 0, indent_cm=0.4 * depth)
        if notes[code.guid]:
            name.add_run(" " + notes[code.guid]).italic = True
        write(cells[2], code.description)
        _keywords(cells[2], code, labels)
        write(cells[3], code.inclusion)
        write(cells[4], code.exclusion)
        for index, example in enumerate(code.examples or [""]):
            write(cells[5], f"“{example}”" if example else "", first=index == 0)


def _notes(code: Code, labels: dict[str, str]) -> str:
    """Grouping-only and retired codes say so (shortcut keys are for the app, not readers)."""
    notes = []
    if not code.codable:
        notes.append(f"({labels['grouping']})")
    if code.retired:
        notes.append(f"({labels['retired']})")
    return " ".join(notes)


def _keyword_text(code: Code) -> str:
    return " " + " ".join(", ".join(words) for words in code.keywords.values())


def _keywords(cell, code: Code, labels: dict[str, str]) -> None:
    """Keywords, then exclusion keywords, a line per language."""
    for label, lists in (("keywords", code.keywords), ("exclude", code.exclude)):
        for language, words in lists.items():
            if not words:
                continue
            suffix = "" if language == "any" else f" ({language})"
            paragraph = write(cell, f"{labels[label]}{suffix}: ", italic=True, first=False)
            paragraph.add_run(", ".join(words))
