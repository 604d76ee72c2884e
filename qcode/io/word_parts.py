"""Small pieces of Word XML shared by the codebook, synthesis and report writers: fields,
cell shading, rows kept whole, repeated headers, page numbers, hyperlinks."""

from __future__ import annotations


def next_number(document, label: str) -> int:
    """The number the next "Table"/"Figure" caption shows before Word updates its fields."""
    counts = document.__dict__.setdefault("_qcode_captions", {})
    counts[label] = counts.get(label, 0) + 1
    return counts[label]


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
    """Page numbers centred in the footer; none on the title page. Later sections share the
    first one's footer."""
    first = document.sections[0]
    first.different_first_page_header_footer = True
    paragraph = first.footer.paragraphs[0]
    paragraph.alignment = 1  # centre
    field_run(paragraph.add_run(), "PAGE", "1")


def field_run(run, instruction: str, placeholder: str = "") -> None:
    """A complete field (begin, instruction, shown result, end) inside one run."""
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


def hyperlink(paragraph, url: str, text: str):
    """A clickable link run (external relationship) in ``paragraph``; returns its run."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn
    from docx.text.run import Run
    from lxml import etree

    # A new relationship each time: relate_to compares with every existing one (quadratic
    # for thousands of references).
    part = paragraph.part
    number = part.__dict__.setdefault("_qcode_links", [0])
    number[0] += 1
    rel = f"rIdQcodeLink{number[0]}"
    part.rels.add_relationship(RELATIONSHIP_TYPE.HYPERLINK, url, rel, is_external=True)
    link = etree.SubElement(paragraph._p, qn("w:hyperlink"))
    link.set(qn("r:id"), rel)
    return Run(add_text_run(link, text), paragraph)


def add_text_run(paragraph_element, text: str, bold: bool = False, italic: bool = False):
    """A run of plain text appended to a ``w:p`` element, built with lxml directly: the
    python-docx calls cost a millisecond a run, which thousands of quotations feel."""
    from lxml import etree

    run = etree.SubElement(paragraph_element, W_NS + "r")
    if bold or italic:
        properties = etree.SubElement(run, W_NS + "rPr")
        if bold:
            etree.SubElement(properties, W_NS + "b")
        if italic:
            etree.SubElement(properties, W_NS + "i")
    shown = etree.SubElement(run, W_NS + "t")
    shown.text = text
    if text != text.strip():
        shown.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def paragraph_properties(paragraph_element, style: str, align: str | None, indent_twips: int):
    """``w:pPr`` with a style id, a left indent and an alignment, in the schema's order."""
    from lxml import etree

    properties = paragraph_element.find(W_NS + "pPr")
    if properties is None:
        properties = etree.SubElement(paragraph_element, W_NS + "pPr")
        paragraph_element.insert(0, properties)
    etree.SubElement(properties, W_NS + "pStyle").set(W_NS + "val", style)
    if indent_twips:
        etree.SubElement(properties, W_NS + "ind").set(W_NS + "left", str(indent_twips))
    if align:
        etree.SubElement(properties, W_NS + "jc").set(W_NS + "val", align)
    return properties


W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
