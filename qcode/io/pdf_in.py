"""PDF files: text page by page (pypdf), with each page's start offset kept for citations."""

from __future__ import annotations

import logging
from pathlib import Path

from qcode.core.errors import InputFileError
from qcode.core.language import detect_language
from qcode.core.records import DocumentRecord
from qcode.core.text import collapse_spaces, control_count, normalise
from qcode.io.encoding import dropped_controls
from qcode.io.text_in import title_from_name

FORMAT = "pdf"
PAGE_SEPARATOR = "\n\n"

# pypdf logs recoverable oddities of real-world PDFs; the import reports what matters itself.
# Its "errors" are oddities it read around (an unknown font encoding): not shown either, as
# the text that could be read is what the import reports on.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)
logging.getLogger("pypdf").addHandler(logging.NullHandler())
logging.getLogger("pypdf").propagate = False


def _open(path: Path) -> object:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path), strict=False)
        encrypted = reader.is_encrypted
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputFileError(str(path), f"damaged PDF ({_first_line(exc)})") from None
    if encrypted:
        try:
            opened = reader.decrypt("")
        except (NotImplementedError, PdfReadError, ValueError) as exc:
            raise InputFileError(
                str(path), f"encrypted PDF that cannot be opened ({_first_line(exc)})"
            ) from None
        if not opened:
            raise InputFileError(
                str(path), "encrypted PDF (password-protected); save an unprotected copy first"
            )
    return reader


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def read_pdf(path: Path) -> DocumentRecord:
    reader = _open(path)
    try:
        pages = list(reader.pages)  # type: ignore[attr-defined]
    except Exception as exc:  # pypdf raises many kinds on broken page trees
        raise InputFileError(str(path), f"damaged PDF ({_first_line(exc)})") from None
    parts: list[str] = []
    page_starts: list[tuple[int, int]] = []
    empty: list[int] = []
    offset = controls = 0
    for number, page in enumerate(pages, start=1):
        try:
            raw = page.extract_text() or ""
        except Exception:  # one unreadable page must not lose the others
            raw = ""
        controls += control_count(raw)
        text = normalise(raw)
        page_starts.append((number, offset))
        if not text:
            empty.append(number)
            continue
        if parts:
            offset += len(PAGE_SEPARATOR)
            page_starts[-1] = (number, offset)
        parts.append(text)
        offset += len(text)
    if not parts:
        raise InputFileError(
            str(path), f"no extractable text in {len(pages)} page(s): a scan? run OCR first"
        )
    text = PAGE_SEPARATOR.join(parts)
    warnings = []
    if empty:
        listed = ", ".join(str(n) for n in empty[:10]) + (" …" if len(empty) > 10 else "")
        warnings.append(f"{path}: page(s) {listed} have no text (scanned?)")
    if controls:
        warnings.append(f"{path}: {dropped_controls(controls)}")
    return DocumentRecord(
        title=_title(reader, path),
        text=text,
        source_path=str(path),
        source_format=FORMAT,
        language=detect_language(text),
        pages=page_starts,
        label=str(path),
        warnings=warnings,
    )


def _title(reader: object, path: Path) -> str:
    try:
        metadata = reader.metadata  # type: ignore[attr-defined]
        title = collapse_spaces(str(metadata.title)) if metadata and metadata.title else ""
    except Exception:
        title = ""
    # Word's PDF export writes its own "Microsoft Word - file.docx" as the title.
    if not title or title.lower().startswith("microsoft word") or len(title) < 3:
        return title_from_name(path)
    return title
