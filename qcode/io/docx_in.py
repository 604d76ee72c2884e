"""Word (.docx) files: paragraphs and tables in reading order, headings kept as paragraphs."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from qcode.core.errors import InputFileError
from qcode.core.language import detect_language
from qcode.core.records import DocumentRecord
from qcode.core.text import collapse_spaces, normalise
from qcode.io.archives import is_xml_part, unpack_checked
from qcode.io.text_in import title_from_name

FORMAT = "docx"
CELL_SEPARATOR = " | "


def _blocks(container: object) -> Iterator[str]:
    """Text of each paragraph, and of each table row, under ``container`` in document order."""
    from docx.table import Table

    for item in container.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(item, Table):
            yield from _table_rows(item)
        else:
            yield item.text


def _table_rows(table: object) -> Iterator[str]:
    for row in table.rows:  # type: ignore[attr-defined]
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            # A merged cell is returned once per grid column it spans.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(b.strip() for b in _blocks(cell) if b.strip()))
        if any(cells):
            yield CELL_SEPARATOR.join(cells)


def _lean_package(path: Path) -> io.BytesIO:
    """The document with its pictures and other binary parts emptied: text import never
    needs them, and a file of many large pictures must not be held in memory."""
    parts = unpack_checked(path, "Word document", "word/document.xml", keep=is_xml_part)
    lean = io.BytesIO()
    with zipfile.ZipFile(lean, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    lean.seek(0)
    return lean


def read_docx(path: Path) -> DocumentRecord:
    package = _lean_package(path)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(package)
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputFileError(str(path), f"damaged Word document ({exc})") from None
    except Exception as exc:  # lxml raises its own syntax errors for broken XML parts
        raise InputFileError(str(path), f"damaged Word document ({type(exc).__name__})") from None
    try:
        text, title = _text_and_title(document)
    except Exception as exc:  # parts that parse but do not hold what Word writes
        raise InputFileError(str(path), f"damaged Word document ({type(exc).__name__})") from None
    if not text:
        raise InputFileError(str(path), "the Word document has no text")
    return DocumentRecord(
        title=title or title_from_name(path),
        text=text,
        source_path=str(path),
        source_format=FORMAT,
        language=detect_language(text),
        label=str(path),
    )


def _text_and_title(document) -> tuple[str, str]:
    paragraphs = [p.strip() for p in _blocks(document)]
    text = normalise("\n\n".join(p for p in paragraphs if p))
    title = collapse_spaces(document.core_properties.title or "")
    if not title:
        for paragraph in document.paragraphs:
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            if paragraph.text.strip() and (style == "Title" or style.startswith("Heading")):
                title = collapse_spaces(paragraph.text)
                break
    return text, title
