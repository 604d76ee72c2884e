"""Word tables that fit their page: widths from the section's text block and the widest word
each column holds, APA rules (horizontal lines only, in one named table style a template
can restyle), a header row repeated on every page, rows that never split, numbers right
aligned with their headers, captions ("Table 1" over an italic title) and notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from qcode.io.text_measure import line_cm, widest_word_cm, word_cm
from qcode.io.word_page import style_id, styled
from qcode.io.word_parts import (
    W_NS,
    add_text_run,
    field_run,
    keep_row_together,
    next_number,
    paragraph_properties,
    repeat_header,
)

TABLE_STYLE = "qcode Table"
TABLE_PT = 10  # body and header text in tables
PAD_CM = 0.2 + 0.12  # cell margins (0.1 cm a side) and a little slack
LONG_WORD_CM = 3.0  # a longer word in a body cell (a URL) may break; headers never do


@dataclass
class Column:
    header: str
    cells: Sequence[str] = ()
    numeric: bool = False
    weight: float = 1.0  # share of the spare room
    floor_cm: float = 0.0  # never narrower (a colour swatch)
    cap_cm: float = 12.0  # never wider
    min_cm: float = field(init=False, default=0.0)
    want_cm: float = field(init=False, default=0.0)

    def __post_init__(self) -> None:
        header = widest_word_cm(self.header, TABLE_PT, bold=True)
        # Of the body, the longest words are measured (a wider one is longer, near enough:
        # thousands of excerpts need not be measured word by word), and the longest cell
        # set on one line says how much room the column would like.
        words = sorted({w for c in self.cells for w in c.split()}, key=len, reverse=True)
        body = max((word_cm(w, TABLE_PT) for w in words[:12]), default=0.0)
        self.min_cm = max(self.floor_cm, header + PAD_CM, min(body, LONG_WORD_CM) + PAD_CM)
        cells = sorted(self.cells, key=len, reverse=True)[:3]
        longest = max(
            [line_cm(self.header, TABLE_PT, bold=True)] + [line_cm(c, TABLE_PT) for c in cells]
        )
        self.want_cm = max(self.min_cm, min(self.cap_cm, longest + PAD_CM))


def fit(columns: Sequence[Column], room_cm: float) -> list[float] | None:
    """Column widths that fit ``room_cm`` (None when even the narrowest do not): each
    column at least its widest word, the spare room shared by what each would use."""
    narrowest = sum(c.min_cm for c in columns)
    if narrowest > room_cm + 1e-6:
        return None
    spare = room_cm - narrowest
    demand = [(c.want_cm - c.min_cm) * c.weight for c in columns]
    total = sum(demand)
    if total <= spare or total == 0:
        return [c.want_cm if total <= spare else c.min_cm for c in columns]
    return [c.min_cm + spare * d / total for c, d in zip(columns, demand, strict=True)]


def ensure_table_style(document) -> str:
    """The APA table style: rules above and below the table and under the header row."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    if TABLE_STYLE in {s.name for s in document.styles}:
        return TABLE_STYLE
    style = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    rule = 'w:val="single" w:sz="8" w:space="0" w:color="000000"'
    for part in (
        f'<w:pPr {ns}><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>',
        f'<w:rPr {ns}><w:sz w:val="{TABLE_PT * 2}"/><w:szCs w:val="{TABLE_PT * 2}"/></w:rPr>',
        f"<w:tblPr {ns}><w:tblBorders><w:top {rule}/><w:bottom {rule}/></w:tblBorders>"
        '<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="57" w:type="dxa"/>'
        '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr>",
        f'<w:tblStylePr {ns} w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tcPr><w:tcBorders>'
        f"<w:top {rule}/><w:bottom {rule}/></w:tcBorders></w:tcPr></w:tblStylePr>",
    ):
        style.element.append(parse_xml(part))
    return TABLE_STYLE


def new_table(document, headers: Sequence[str], widths: Sequence[float], numeric=()):
    """A table in the APA style with a bold header row repeated on every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles[ensure_table_style(document)]
    table.autofit = False
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        table._tbl.tblPr.append(look)
    for name, value in (("w:firstRow", "1"), ("w:lastRow", "0"), ("w:noVBand", "1")):
        look.set(qn(name), value)
    # Word reads the cell widths, LibreOffice the grid's column widths: set both.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    right = set(numeric)
    for index, (cell, text, width) in enumerate(
        zip(table.rows[0].cells, headers, widths, strict=True)
    ):
        cell.width = Cm(width)
        write(cell, text, bold=True, align="right" if index in right else None)
    repeat_header(table.rows[0])
    keep_row_together(table.rows[0])
    return table


def add_row(table, widths: Sequence[float]):
    """A row kept whole on its page, its cells as wide as the grid's columns (built with
    lxml: python-docx's add_row costs a millisecond a row)."""
    from docx.table import _Cell
    from lxml import etree

    row = etree.SubElement(table._tbl, W_NS + "tr")
    etree.SubElement(etree.SubElement(row, W_NS + "trPr"), W_NS + "cantSplit")
    cells = []
    for width in widths:
        cell = etree.SubElement(row, W_NS + "tc")
        size = etree.SubElement(etree.SubElement(cell, W_NS + "tcPr"), W_NS + "tcW")
        size.set(W_NS + "w", str(round(width * 567)))
        size.set(W_NS + "type", "dxa")
        etree.SubElement(cell, W_NS + "p")
        cells.append(_Cell(cell, table))
    return cells


def write(cell, text: str, *, bold=False, italic=False, align=None, indent_cm=0.0, first=True):
    """Text into a cell's first paragraph (or a new one), in the Table Text style."""
    from docx.text.paragraph import Paragraph
    from lxml import etree

    tc = cell._tc
    paragraphs = tc.findall(W_NS + "p")
    element = paragraphs[0] if first and paragraphs else etree.SubElement(tc, W_NS + "p")
    twips = round(indent_cm * 567)
    paragraph_properties(
        element, style_id(cell.part, "Table Text"), "right" if align == "right" else None, twips
    )
    add_text_run(element, text, bold, italic)
    return Paragraph(element, cell)


def table_caption(document, label: str, title: str) -> None:
    """APA: "Table 1" in bold, the title in italics on the next line, kept with the table."""
    paragraph = styled(document, document, "Caption")
    paragraph.add_run(f"{label} ").bold = True
    number = paragraph.add_run()
    number.bold = True
    field_run(number, f"SEQ {label} \\* ARABIC", str(next_number(document, label)))
    paragraph.add_run().add_break()
    paragraph.add_run(title).italic = True
    paragraph.paragraph_format.keep_with_next = True


def table_note(document, note_label: str, text: str) -> None:
    paragraph = styled(document, document, "Table Note")
    paragraph.add_run(note_label).italic = True
    paragraph.add_run(f" {text}")
