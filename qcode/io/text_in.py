"""Plain text and Markdown files: one document each, titled by the first heading or the name."""

from __future__ import annotations

import re
from pathlib import Path

from qcode.core.errors import InputFileError
from qcode.core.language import detect_language
from qcode.core.records import DocumentRecord
from qcode.core.text import collapse_spaces, normalise

_MD_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def title_from_name(path: Path) -> str:
    """A readable title from a file name: "kerja-sama_IOM.txt" → "kerja sama IOM"."""
    return collapse_spaces(re.sub(r"[_-]+", " ", path.stem)) or path.name


def to_record(path: Path, raw_text: str, source_format: str) -> DocumentRecord:
    text = normalise(raw_text)
    if not text:
        raise InputFileError(str(path), "no text in the file (only white space)")
    title = title_from_name(path)
    if source_format == "md" and (heading := _MD_HEADING.search(text[:2000])):
        title = collapse_spaces(heading.group(1))
    return DocumentRecord(
        title=title,
        text=text,
        source_path=str(path),
        source_format=source_format,
        language=detect_language(text),
        label=str(path),
    )
