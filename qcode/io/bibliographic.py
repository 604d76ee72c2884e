"""From a bibliographic reference (RIS, Web of Science, BibTeX, CSV) to a document record.

All reference formats meet here, so that every one of them yields the same attribute names:
``author`` (one value per author), ``year``, ``title``, ``journal``, ``doi``, ``keyword``
(one value per keyword), ``language``, ``type``, plus ``date``, ``volume``, ``issue``,
``pages``, ``publisher``, ``place`` and ``url`` when present, and any ``Key: value`` line of
the notes (as Zotero's Extra field is used), such as ``Country: Indonesia``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from qcode.core.attributes import AttributeValue, check_name
from qcode.core.errors import UsageError
from qcode.core.language import detect_language, normalise_language_code
from qcode.core.records import DocumentRecord
from qcode.core.text import collapse_spaces, normalise

_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d|2100)")
_DATE = re.compile(r"^(\d{4})[/-](\d{1,2})[/-](\d{1,2})")
_NOTE_ATTRIBUTE = re.compile(r"^\s*([A-Za-z][A-Za-z ]{1,30}):\s*(\S.*?)\s*$")
_KEYWORD_SPLIT = re.compile(r"\s*[;\n]\s*")


@dataclass(slots=True)
class Reference:
    """The fields qcode reads from any reference format; empty when absent."""

    title: str = ""
    abstract: str = ""
    authors: list[str] = field(default_factory=list)
    year: str = ""
    date: str = ""
    journal: str = ""
    doi: str = ""
    keywords: list[str] = field(default_factory=list)
    language: str = ""
    type: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    publisher: str = ""
    place: str = ""
    url: str = ""
    notes: list[str] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)  # other named fields


class SkipRecord(Exception):
    """A record that is not an error but has nothing to import (the reason is the message)."""


def split_keywords(value: str) -> list[str]:
    """Keywords written in one field, separated by semicolons or new lines."""
    return [k for k in (collapse_spaces(p) for p in _KEYWORD_SPLIT.split(value)) if k]


def _year(ref: Reference) -> float | None:
    for source in (ref.year, ref.date):
        if source and (found := _YEAR.search(source)):
            return float(found.group(1))
    return None


def _date(value: str) -> dt.date | None:
    found = _DATE.match(value.strip())
    if not found:
        return None
    try:
        return dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


def _note_attributes(notes: list[str]) -> list[tuple[str, AttributeValue]]:
    found: list[tuple[str, AttributeValue]] = []
    for note in notes:
        for line in note.splitlines():
            if match := _NOTE_ATTRIBUTE.match(line):
                try:
                    name = check_name(match.group(1))
                except UsageError:
                    continue
                found.append((name, collapse_spaces(match.group(2))))
    return found


def reference_attributes(ref: Reference) -> list[tuple[str, AttributeValue]]:
    """The attributes a reference gives its document, in a stable order."""
    attributes: list[tuple[str, AttributeValue]] = []
    attributes += [("author", a) for a in (collapse_spaces(x) for x in ref.authors) if a]
    if (year := _year(ref)) is not None:
        attributes.append(("year", year))
    if ref.date and (date := _date(ref.date)) is not None:
        attributes.append(("date", date))
    simple = (
        ("title", ref.title),
        ("journal", ref.journal),
        ("doi", ref.doi),
        ("type", ref.type),
        ("volume", ref.volume),
        ("issue", ref.issue),
        ("pages", ref.pages),
        ("publisher", ref.publisher),
        ("place", ref.place),
        ("url", ref.url),
    )
    attributes += [(name, collapse_spaces(v)) for name, v in simple if v and v.strip()]
    attributes += [("keyword", k) for k in (collapse_spaces(x) for x in ref.keywords) if k]
    if ref.language and (code := normalise_language_code(ref.language)):
        attributes.append(("language", code))
    taken = {name for name, _ in attributes}
    for name, value in [*ref.extra, *_note_attributes(ref.notes)]:
        if name not in taken and value.strip():
            attributes.append((name, collapse_spaces(value)))
    return attributes


def to_record(
    ref: Reference, *, source_path: str, source_format: str, label: str, skip_title_only: bool
) -> DocumentRecord:
    """The document for ``ref``: its abstract as text, its metadata as attributes.

    A reference without an abstract is imported with its title as text and a warning, or
    skipped when ``skip_title_only`` is set; one with neither is skipped.
    """
    title = collapse_spaces(ref.title)
    text = normalise(ref.abstract)
    warnings: list[str] = []
    if not text:
        if not title:
            raise SkipRecord("no title and no abstract; skipped")
        if skip_title_only:
            raise SkipRecord("no abstract; skipped (--skip-title-only)")
        text = title
        warnings.append(f"{label}: no abstract; its title is used as text")
    declared = normalise_language_code(ref.language) if ref.language else None
    detected = detect_language(text)
    language = detected if detected != "other" or declared is None else declared
    return DocumentRecord(
        title=title or text[:80],
        text=text,
        source_path=source_path,
        source_format=source_format,
        language=language,
        attributes=reference_attributes(ref),
        title_from_metadata=bool(title),
        doi=ref.doi.strip() or None,
        label=label,
        warnings=warnings,
    )
