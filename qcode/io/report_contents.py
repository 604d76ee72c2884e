"""The table of contents and the lists of tables and figures, as Word fields.

Each is a TOC field that Word rebuilds (with page numbers) when the file is opened; until
then, and in viewers that do not update fields, it shows the headings and captions the
report holds, written in when the report is complete.
"""

from __future__ import annotations

from dataclasses import dataclass

ENTRY_STYLES = ("TOC 1", "TOC 2", "Table of Figures")


@dataclass
class Contents:
    toc: object  # the placeholder paragraphs, replaced by the fields
    tables: object
    figures: object


def add_contents(document, labels: dict[str, str]) -> Contents:
    from docx.enum.text import WD_BREAK

    _ensure_entry_styles(document)
    placeholders = []
    for title in ("contents", "list_of_tables", "list_of_figures"):
        document.add_paragraph(labels[title], style="TOC Heading")
        placeholders.append(document.add_paragraph(labels["update_hint"]))
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    return Contents(*placeholders)


def _ensure_entry_styles(document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Cm

    names = {style.name.casefold() for style in document.styles}
    for at, name in enumerate(ENTRY_STYLES):
        if name.casefold() in names:
            continue
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.paragraph_format.left_indent = Cm(0.75 if at == 1 else 0)
        style.paragraph_format.space_after = 0


def fill_contents(document, contents: Contents, labels: dict[str, str]) -> None:
    from qcode.io.word_page import style_id

    names = {style_id(document, n): n for n in ("Heading 1", "Heading 2", "Caption")}
    headings, tables, figures = [], [], []
    for paragraph in document.paragraphs:
        named = paragraph._p.style  # the style id, read without a lookup per paragraph
        name = names.get(named, "") if named else ""
        if not name:
            continue
        text = " ".join(paragraph.text.split())
        if name in ("Heading 1", "Heading 2"):
            headings.append((name, text))
        elif name == "Caption" and text.startswith(labels["table"] + " "):
            tables.append(("Table of Figures", _caption_entry(paragraph.text)))
        elif name == "Caption" and text.startswith(labels["figure"] + " "):
            figures.append(("Table of Figures", _caption_entry(paragraph.text)))
    toc = [("TOC 1" if name == "Heading 1" else "TOC 2", text) for name, text in headings]
    _field(contents.toc, 'TOC \\o "1-2" \\h \\z \\u', toc)
    _field(contents.tables, f'TOC \\h \\z \\c "{labels["table"]}"', tables)
    _field(contents.figures, f'TOC \\h \\z \\c "{labels["figure"]}"', figures)


def _caption_entry(text: str) -> str:
    """ "Table 3\nTitle" → "Table 3. Title"."""
    number, _, title = text.partition("\n")
    return f"{number.strip()}. {' '.join(title.split())}" if title else " ".join(text.split())


def _field(placeholder, instruction: str, entries: list[tuple[str, str]]) -> None:
    """Replace ``placeholder`` by a field spanning one paragraph per entry."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if not entries:
        entries = [("Normal", placeholder.text)]
    paragraphs = [placeholder.insert_paragraph_before(text, style) for style, text in entries]

    def mark(kind: str):
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run = OxmlElement("w:r")
        run.append(char)
        return run

    code = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    code.append(instr)
    first = paragraphs[0]._p
    at = 1 if first.pPr is not None else 0
    for offset, element in enumerate((mark("begin"), code, mark("separate"))):
        first.insert(at + offset, element)
    paragraphs[-1]._p.append(mark("end"))
    placeholder._p.getparent().remove(placeholder._p)
