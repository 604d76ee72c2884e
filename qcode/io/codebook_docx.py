"""The codebook as a Word document, the one a supervisor reads.

A title page (title, version, authors, date), then the code tree as a table — colour swatch,
code, definition, inclusion, exclusion, example — in a landscape section so the columns have
room. Built-in styles (Title, Heading 1, Table Grid) so users can restyle it in Word.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qcode.core.codebook import Code, Codebook

LABELS = {
    "en": {
        "codebook": "Codebook",
        "version": "Version",
        "authors": "Authors",
        "date": "Date",
        "languages": "Languages",
        "licence": "Licence",
        "codes": "Codes",
        "code": "Code",
        "definition": "Definition",
        "inclusion": "Inclusion criteria",
        "exclusion": "Exclusion criteria",
        "example": "Example",
        "keywords": "Keywords",
        "retired": "retired",
        "grouping": "grouping only, not coded directly",
        "summary": "{codes} codes in {top} top-level themes.",
        "table": "Table 1. The codes, their definitions and criteria.",
    },
    "id": {
        "codebook": "Buku Kode",
        "version": "Versi",
        "authors": "Penulis",
        "date": "Tanggal",
        "languages": "Bahasa",
        "licence": "Lisensi",
        "codes": "Kode",
        "code": "Kode",
        "definition": "Definisi",
        "inclusion": "Kriteria inklusi",
        "exclusion": "Kriteria eksklusi",
        "example": "Contoh",
        "keywords": "Kata kunci",
        "retired": "tidak dipakai lagi",
        "grouping": "hanya pengelompokan, tidak dikodekan langsung",
        "summary": "{codes} kode dalam {top} tema utama.",
        "table": "Tabel 1. Kode, definisi, dan kriteria.",
    },
}


def write_codebook_docx(codebook: Codebook, path: Path, lang: str = "en") -> None:
    import docx
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Cm, Pt

    labels = LABELS[lang]
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(10)
    document.core_properties.title = codebook.title
    document.core_properties.author = ", ".join(codebook.authors)

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
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))

    document.add_heading(labels["codes"], level=1)
    document.add_paragraph(labels["table"], style="Caption")
    headers = [
        "",
        labels["code"],
        labels["definition"],
        labels["inclusion"],
        labels["exclusion"],
        labels["example"],
    ]
    widths = [Cm(0.6), Cm(5.0), Cm(6.4), Cm(4.6), Cm(4.6), Cm(4.8)]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    # Word reads the cell widths, LibreOffice the grid's column widths: set both.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cell, text, width in zip(table.rows[0].cells, headers, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].add_run(text).bold = True
    _repeat_header(table.rows[0])
    for depth, code in codebook.walk():
        row = table.add_row()
        _keep_together(row)
        cells = row.cells
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
        if code.colour:
            _shade(cells[0], code.colour)
        _code_cell(cells[1], code, depth, labels)
        _text_cell(cells[2], code.description)
        _keywords(cells[2], code, labels)
        _text_cell(cells[3], code.inclusion)
        _text_cell(cells[4], code.exclusion)
        _text_cell(cells[5], "\n".join(f"“{e}”" for e in code.examples))
    _page_numbers(document)
    document.save(str(path))


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


def _shade(cell, colour: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour.lstrip("#"))
    cell._tc.get_or_add_tcPr().append(shading)


def _keep_together(row) -> None:
    """A code's row is never split across two pages."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _page_numbers(document) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    # Later sections share the first one's footer (linked to previous).
    for section in document.sections[:1]:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = 1  # centre
        run = paragraph.add_run()
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                field = OxmlElement("w:fldChar")
                field.set(qn("w:fldCharType"), kind)
                run._r.append(field)
            else:
                instruction = OxmlElement("w:instrText")
                instruction.set(qn("xml:space"), "preserve")
                instruction.text = text
                run._r.append(instruction)
