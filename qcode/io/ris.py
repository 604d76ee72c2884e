"""RIS files as Zotero, EndNote, Mendeley and Scopus export them (rispy maps the tags)."""

from __future__ import annotations

from typing import Any

import rispy

from qcode.io.bibliographic import Reference
from qcode.io.tagged_records import RIS, RawRecord

FORMAT = "ris"


def looks_like_ris(head: str) -> bool:
    """True when the first non-blank line of ``head`` opens a RIS record."""
    for line in head.lstrip("\ufeff").splitlines():
        if line.strip():
            return RIS.tag_of(line) == "TY"
    return False


def _first(record: dict[str, Any], *names: str) -> str:
    for name in names:
        value = record.get(name)
        if isinstance(value, list):
            value = value[0] if value else ""
        if value:
            return str(value)
    return ""


def _list(record: dict[str, Any], *names: str) -> list[str]:
    values: list[str] = []
    for name in names:
        value = record.get(name)
        if isinstance(value, list):
            values += [str(v) for v in value if v]
        elif value:
            values.append(str(value))
    return values


def to_reference(record: dict[str, Any]) -> Reference:
    """A parsed RIS record (rispy's field names) as a :class:`Reference`."""
    kind = _first(record, "type_of_reference")
    start, end = _first(record, "start_page"), _first(record, "end_page")
    return Reference(
        title=_first(record, "title", "primary_title", "short_title"),
        abstract=_first(record, "abstract", "notes_abstract"),
        authors=_list(record, "authors", "first_authors"),
        year=_first(record, "year", "publication_year"),
        date=_first(record, "date", "publication_year"),
        journal=_first(
            record,
            "journal_name",
            "secondary_title",
            "alternate_title3",
            "alternate_title2",
            "alternate_title1",
        ),
        doi=_first(record, "doi"),
        keywords=_list(record, "keywords"),
        language=_first(record, "language"),
        type=rispy.TYPE_OF_REFERENCE_MAPPING.get(kind, kind),
        volume=_first(record, "volume"),
        issue=_first(record, "number"),
        pages=f"{start}–{end}" if start and end else start,
        publisher=_first(record, "publisher"),
        place=_first(record, "place_published"),
        url=_first(record, "urls"),
        notes=_list(record, "notes"),
    )


def parse(record: RawRecord) -> Reference:
    parsed = rispy.RisParser().parse_lines(iter(record.lines))
    return to_reference(parsed[0] if parsed else {})
