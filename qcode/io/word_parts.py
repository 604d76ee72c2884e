"""Pieces of Word documents shared by the codebook, synthesis and report writers.

Built-in styles only (Title, Heading 1–3, Caption, Quote, Table Grid), so users restyle in Word.
"""

from __future__ import annotations

from collections.abc import Sequence


def new_document(title: str, author: str = ""):
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.size = Pt(10)
    document.core_properties.title = title
    document.core_properties.author = author
    return document


def new_section(document, landscape: bool):
    """Start a section on a new page, landscape for wide tables, portrait otherwise."""
    from docx.enum.section import WD_SECTION

    return orient(document.add_section(WD_SECTION.NEW_PAGE), landscape)


def orient(section, landscape: bool):
    """Turn ``section`` landscape or portrait, with 1.8 cm margins."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    wide = section.page_width > section.page_height
    if landscape != wide:
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    return section


def text_width_cm(section) -> float:
    return (section.page_width - section.left_margin - section.right_margin) / 360000


def caption(document, label: str, text: str) -> None:
    """ "Table N. text" with a real SEQ field, so Word's list of tables finds it."""
    paragraph = document.add_paragraph(style="Caption")
    paragraph.add_run(f"{label} ")
    number = paragraph.add_run()
    _field(number, f"SEQ {label} \\* ARABIC", placeholder=str(_next_number(document, label)))
    paragraph.add_run(f". {text}")
    paragraph.paragraph_format.keep_with_next = True


def _next_number(document, label: str) -> int:
    counts = document.__dict__.setdefault("_qcode_captions", {})
    counts[label] = counts.get(label, 0) + 1
    return counts[label]


def grid_table(document, headers: Sequence[str], widths_cm: Sequence[float]):
    """A Table Grid table with a bold header row repeated on every page."""
    from docx.shared import Cm

    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    # Word reads the cell widths, LibreOffice the grid's column widths: set both.
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for cell, text, width in zip(table.rows[0].cells, headers, widths_cm, strict=True):
        cell.width = Cm(width)
        cell.paragraphs[0].add_run(text).bold = True
    repeat_header(table.rows[0])
    return table


def add_row(table, widths_cm: Sequence[float], keep_together: bool = True):
    from docx.shared import Cm

    row = table.add_row()
    if keep_together:
        keep_row_together(row)
    for cell, width in zip(row.cells, widths_cm, strict=True):
        cell.width = Cm(width)
    return row.cells


def shade(cell, colour: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour.lstrip("#"))
    cell._tc.get_or_add_tcPr().append(shading)


def keep_row_together(row) -> None:
    """A row is never split across two pages."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def page_numbers(document) -> None:
    """Page numbers centred in the footer (later sections share the first one's footer)."""
    for section in document.sections[:1]:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = 1  # centre
        _field(paragraph.add_run(), "PAGE")


def _field(run, instruction: str, placeholder: str = "") -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = placeholder
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for part in (begin, code, separate, shown, end):
        run._r.append(part)
