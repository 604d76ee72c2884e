"""Web of Science plain-text exports ("FN Clarivate Analytics Web of Science")."""

from __future__ import annotations

from typing import Any

import rispy

from qcode.io.bibliographic import Reference, split_keywords
from qcode.io.tagged_records import RawRecord

FORMAT = "wos"


def looks_like_wos(head: str) -> bool:
    """True for the header line Web of Science writes at the top of its exports."""
    first = head.lstrip("\ufeff").lstrip().split("\n", 1)[0]
    return first.startswith("FN ") and ("Web of Science" in first or "ISI" in first)


def _text(record: dict[str, Any], tag: str) -> str:
    value = record.get(tag)
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value) if value else ""


def _lines(record: dict[str, Any], tag: str) -> list[str]:
    value = record.get(tag)
    if isinstance(value, list):
        return [str(v) for v in value if v]
    return [str(value)] if value else []


def parse(record: RawRecord) -> Reference:
    # Tags the mapping does not know (a newer export, a damaged line) are skipped: rispy's
    # Web of Science mapping has no place for unknown tags and raised KeyError on one.
    parsed = rispy.WokParser(skip_unknown_tags=True).parse_lines(iter(record.lines))
    fields: dict[str, Any] = parsed[0] if parsed else {}
    keywords = split_keywords(_text(fields, "author_keywords")) or split_keywords(
        _text(fields, "keywords_plus")
    )
    start, end = _text(fields, "beginning_page"), _text(fields, "ending_page")
    return Reference(
        title=_text(fields, "document_title"),
        abstract=_text(fields, "abstract"),
        authors=_lines(fields, "author_full_name") or _lines(fields, "authors"),
        year=_text(fields, "publication_year"),
        journal=_text(fields, "publication_name"),
        doi=_text(fields, "doi"),
        keywords=keywords,
        language=_text(fields, "language"),
        type=_text(fields, "document_type") or _text(fields, "publication_type"),
        volume=_text(fields, "volume"),
        issue=_text(fields, "issue"),
        pages=f"{start}–{end}" if start and end else start,
        publisher=_text(fields, "publisher"),
    )
