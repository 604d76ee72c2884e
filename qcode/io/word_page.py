"""The frame of a Word document: the template it starts from, page size and margins (the
same in every section), core properties, styles a report needs, language tags, and fields
Word updates on opening (tables of contents, lists of tables and figures).
"""

from __future__ import annotations

import datetime as dt

from qcode.core.report_content import PAPERS, THESIS_MARGINS

EMU_PER_CM = 360000
LANGUAGE_TAGS = {"en": "en-US", "id": "id-ID"}


class Page:
    """Paper and margins in cm; every section of the document gets them."""

    def __init__(self, width: float, height: float, margins: tuple[float, ...]) -> None:
        self.width, self.height = width, height
        self.left, self.top, self.right, self.bottom = margins

    def apply(self, section, landscape: bool = False) -> None:
        from docx.enum.section import WD_ORIENT
        from docx.shared import Cm

        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        long, short = max(self.width, self.height), min(self.width, self.height)
        section.page_width = Cm(long if landscape else short)
        section.page_height = Cm(short if landscape else long)
        section.left_margin, section.top_margin = Cm(self.left), Cm(self.top)
        section.right_margin, section.bottom_margin = Cm(self.right), Cm(self.bottom)

    def text_width_cm(self, landscape: bool = False) -> float:
        long, short = max(self.width, self.height), min(self.width, self.height)
        return (long if landscape else short) - self.left - self.right


def start_document(
    reference_doc: str | None,
    paper: str | None,
    margins: tuple[float, float, float, float] | None,
):
    """A new document: on ``reference_doc`` (its styles, headers and page setup, its body
    emptied) or on python-docx's default template set up for a thesis (A4, 4/3/3/3 cm,
    Times New Roman 12 pt). ``paper`` and ``margins`` override either."""
    import docx

    if reference_doc:
        document = _open_template(reference_doc)
        _empty_body(document)
        first = document.sections[0]
        width, height = first.page_width / EMU_PER_CM, first.page_height / EMU_PER_CM
        kept = tuple(
            getattr(first, side) / EMU_PER_CM
            for side in ("left_margin", "top_margin", "right_margin", "bottom_margin")
        )
        if paper:
            width, height = PAPERS[paper]
        page = Page(width, height, margins or kept)
    else:
        document = docx.Document()
        width, height = PAPERS[paper or "a4"]
        page = Page(width, height, margins or THESIS_MARGINS)
        _thesis_styles(document)
    page.apply(document.sections[0])
    ensure_styles(document)
    document.__dict__["_qcode_page"] = page
    return document, page


def _open_template(path: str):
    """The reference document, refused with one line when it is not a sound .docx."""
    import zipfile
    from pathlib import Path

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from qcode.core.errors import InputFileError
    from qcode.io.archives import check_zip

    check_zip(Path(path), "Word document", "word/document.xml")
    try:
        return docx.Document(path)
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputFileError(path, f"not a usable reference document ({exc})") from None
    except Exception as exc:  # lxml's own errors for broken XML parts
        raise InputFileError(path, f"damaged reference document ({type(exc).__name__})") from None


def page_of(document) -> Page:
    return document.__dict__["_qcode_page"]


def _empty_body(document) -> None:
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)


def _thesis_styles(document) -> None:
    from docx.shared import Pt, RGBColor

    normal = document.styles["Normal"]
    _plain_font(normal, "Times New Roman")
    normal.font.size = Pt(12)
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (
        ("Title", 20),
        ("Subtitle", 14),
        ("Heading 1", 14),
        ("Heading 2", 13),
        ("Heading 3", 12),
        ("TOC Heading", 14),
    ):
        style = document.styles[name]
        _plain_font(style, "Times New Roman")
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.bold = name != "Subtitle"
        style.font.italic = name == "Heading 3"
    caption = document.styles["Caption"]
    caption.font.size = Pt(12)
    caption.font.bold = False
    caption.font.italic = False
    caption.font.color.rgb = RGBColor(0, 0, 0)
    quote = document.styles["Quote"]
    quote.font.italic = False
    quote.font.color.rgb = RGBColor(0, 0, 0)


def _plain_font(style, name: str) -> None:
    """Set the font by name, dropping the theme fonts that would otherwise win."""
    from docx.oxml.ns import qn

    style.font.name = name
    fonts = style.element.rPr.find(qn("w:rFonts")) if style.element.rPr is not None else None
    if fonts is not None:
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        fonts.set(qn("w:cs"), name)


def ensure_styles(document) -> None:
    """Styles the report uses that a template may lack: added plainly, never overriding."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Cm, Pt

    names = {style.name for style in document.styles}
    wanted = {
        "Title": ("Normal", None),
        "Subtitle": ("Normal", None),
        "Caption": ("Normal", None),
        "Quote": ("Normal", None),
        "TOC Heading": ("Heading 1", None),
        "Bibliography": ("Normal", "hanging"),
        "Table Note": ("Normal", "note"),
        "Table Text": ("Normal", "table"),
    }
    for heading in ("Heading 1", "Heading 2", "Heading 3"):
        if heading not in names:
            style = document.styles.add_style(heading, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = document.styles["Normal"]
            style.font.bold = True
            names.add(heading)
    for name, (base, kind) in wanted.items():
        if name in names:
            continue
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles[base]
        if kind == "hanging":  # APA: 0.5 in hanging indent
            style.paragraph_format.left_indent = Cm(1.27)
            style.paragraph_format.first_line_indent = Cm(-1.27)
        elif kind == "note":
            style.font.size = Pt(10)
            style.paragraph_format.space_before = Pt(3)
            style.paragraph_format.line_spacing = 1.0
        elif kind == "table":
            style.font.size = Pt(10)
            style.paragraph_format.space_after = Pt(0)
            style.paragraph_format.space_before = Pt(0)
            style.paragraph_format.line_spacing = 1.0


def style_id(document, name: str) -> str:
    """The id of the paragraph style ``name``, looked up once per document part (python-docx
    looks a style up through every relationship of the part each time it is named)."""
    part = document.part  # a Document or a DocumentPart: the part lives as long as the file
    known = part.__dict__.setdefault("_qcode_style_ids", {})
    if name not in known:
        known[name] = part.styles[name].style_id
    return known[name]


def styled(document, container, name: str, text: str = ""):
    """A new paragraph at the end of ``container`` (the document or a cell) in style
    ``name``, built with lxml (python-docx parses an XML string for every new paragraph)."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph
    from lxml import etree

    parent = container.element.body if hasattr(container, "element") else container._tc
    # The last child, found from the end: len() of an lxml element counts every child, which
    # made a report of 100,000 quotations quadratic.
    last = next(parent.iterchildren(reversed=True), None)
    closing = last if last is not None and last.tag == qn("w:sectPr") else None
    paragraph = etree.SubElement(parent, qn("w:p"))  # of python-docx's classes, as its parent
    if closing is not None:
        closing.addprevious(paragraph)  # the body's section properties stay last
    etree.SubElement(etree.SubElement(paragraph, qn("w:pPr")), qn("w:pStyle")).set(
        qn("w:val"), style_id(document, name)
    )
    made = Paragraph(paragraph, container)
    if text:
        made.add_run(text)
    return made


def new_section(document, landscape: bool):
    """A section on a new page with the document's paper and margins (the current one,
    turned, when nothing has been written in it yet)."""
    from docx.enum.section import WD_SECTION

    if _section_is_empty(document):
        section = document.sections[-1]
        page_of(document).apply(section, landscape)
        return section
    section = document.add_section(WD_SECTION.NEW_PAGE)
    page_of(document).apply(section, landscape)
    return section


def _section_is_empty(document) -> bool:
    """Is the last body element before the final section properties a section break?"""
    from docx.oxml.ns import qn

    body = document.element.body
    children = [c for c in body if not c.tag.endswith("}sectPr")]
    if not children:
        return True
    last = children[-1]
    return last.tag == qn("w:p") and last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None


def set_properties(document, title: str, author: str, lang: str) -> None:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props = document.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.comments = ""
    props.created = now
    props.modified = now
    props.revision = 1
    props.language = LANGUAGE_TAGS.get(lang, lang)


def update_fields_on_open(document) -> None:
    """Word refreshes the tables of contents, lists and numbers when the file is opened."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = document.settings.element
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def tag_languages(document, lang: str) -> None:
    """Every run gets a language: its own if it was tagged (quotations take their
    source's), else the report's; the styles' default is the report's too."""
    from docx.oxml.ns import qn
    from lxml import etree

    tag = LANGUAGE_TAGS.get(lang, lang)
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _set_lang(rpr, tag)
    for run in document.element.body.iter(qn("w:r")):
        rpr = run.find(qn("w:rPr"))
        if rpr is None:
            rpr = etree.SubElement(run, qn("w:rPr"))
            run.insert(0, rpr)
        if rpr.find(qn("w:lang")) is None:
            _set_lang(rpr, tag)


def tag_element(run, language: str) -> None:
    """Tag one ``w:r`` element with a document language ("id", "en"); other languages are
    left to the report's language."""
    from docx.oxml.ns import qn
    from lxml import etree

    tag = LANGUAGE_TAGS.get(language)
    if tag:
        properties = run.find(qn("w:rPr"))
        if properties is None:
            properties = etree.SubElement(run, qn("w:rPr"))
            run.insert(0, properties)
        _set_lang(properties, tag)


def _set_lang(rpr, tag: str) -> None:
    from docx.oxml.ns import qn
    from lxml import etree

    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = etree.SubElement(rpr, qn("w:lang"))
    lang.set(qn("w:val"), tag)
