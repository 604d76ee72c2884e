"""BibTeX and BibLaTeX files (bibtexparser v2 parses; LaTeX accents are decoded)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

import bibtexparser
from bibtexparser import middlewares
from bibtexparser.model import Entry, ImplicitComment

from qcode.core.attributes import check_name
from qcode.core.errors import UsageError
from qcode.io.bibliographic import Reference, split_keywords

FORMAT = "bibtex"

# bibtexparser logs every malformed block; qcode reports them itself, once, with the file name.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False

# Fields mapped onto Reference slots; every other field with a plain name becomes an attribute
# of its own (a shared .bib often carries "country" or "region" for exactly this purpose).
_KNOWN = frozenset(
    [
        "title",
        "abstract",
        "author",
        "editor",
        "year",
        "date",
        "journal",
        "journaltitle",
        "booktitle",
        "doi",
        "keywords",
        "language",
        "langid",
        "volume",
        "number",
        "issue",
        "pages",
        "publisher",
        "school",
        "institution",
        "address",
        "location",
        "url",
        "note",
        "annote",
        "annotation",
        "extra",
        "file",
        "month",
        "issn",
        "isbn",
        "urldate",
    ]
)


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    label: str
    reference: Reference | None
    problem: str | None = None


def _field(entry: Entry, *names: str) -> str:
    for name in names:
        found = entry.fields_dict.get(name)
        if found is not None and str(found.value).strip():
            return str(found.value).strip()
    return ""


def _names(entry: Entry, name: str) -> list[str]:
    found = entry.fields_dict.get(name)
    if found is None:
        return []
    people: list[str] = []
    for person in found.value if isinstance(found.value, list) else [found.value]:
        if isinstance(person, middlewares.NameParts):
            last = " ".join([*person.von, *person.last])
            first = " ".join([*person.first, *person.jr])
            people.append(f"{last}, {first}" if first else last)
        elif str(person).strip():
            people.append(str(person).strip())
    return people


def _extra(entry: Entry) -> list[tuple[str, str]]:
    extra: list[tuple[str, str]] = []
    for f in entry.fields:
        if f.key.lower() in _KNOWN or not isinstance(f.value, str):
            continue
        try:
            extra.append((check_name(f.key), f.value))
        except UsageError:
            continue
    return extra


def to_reference(entry: Entry) -> Reference:
    return Reference(
        title=_field(entry, "title"),
        abstract=_field(entry, "abstract"),
        authors=_names(entry, "author") or _names(entry, "editor"),
        year=_field(entry, "year", "date"),
        date=_field(entry, "date"),
        journal=_field(entry, "journal", "journaltitle", "booktitle"),
        doi=_field(entry, "doi"),
        keywords=split_keywords(_field(entry, "keywords").replace(",", ";")),
        language=_field(entry, "language", "langid"),
        type=entry.entry_type.lower(),
        volume=_field(entry, "volume"),
        issue=_field(entry, "number", "issue"),
        pages=_field(entry, "pages").replace("--", "–"),
        publisher=_field(entry, "publisher", "school", "institution"),
        place=_field(entry, "address", "location"),
        url=_field(entry, "url"),
        notes=[n for n in (_field(entry, "note"), _field(entry, "extra")) if n],
        extra=_extra(entry),
    )


# Text between entries that reads like fields ("abstract = {...}") is what is left of an entry
# that a stray closing brace ended early.
_LEFTOVER_FIELD = re.compile(r"^\s*,?\s*([A-Za-z][\w-]*)\s*=\s*[{\"0-9]", re.MULTILINE)


def _cut_short(block: object) -> str | None:
    """The problem of an entry followed by ``block``, when ``block`` is its lost remainder."""
    if not isinstance(block, ImplicitComment):
        return None
    names = _LEFTOVER_FIELD.findall(block.raw)
    if not names or not block.raw.lstrip().startswith((",", *names[:1])):
        return None
    line = (block.start_line or 0) + 1
    lost = ", ".join(dict.fromkeys(n.lower() for n in names))
    return f"cut short by a stray '}}' at line {line}: {lost} not read"


def parse(text: str, path: str) -> Iterator[ParsedEntry]:
    """Every entry of the file, in order, with the malformed ones reported as problems."""
    library = bibtexparser.parse_string(
        text,
        append_middleware=[
            middlewares.LatexDecodingMiddleware(),
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
        ],
    )
    blocks = [*library.entries, *library.failed_blocks, *library.comments]
    blocks.sort(key=lambda b: b.start_line or 0)
    for number, block in enumerate(blocks):
        line = (block.start_line or 0) + 1
        if isinstance(block, Entry):
            label = f"{path} entry '{block.key}' (line {line})"
            following = blocks[number + 1] if number + 1 < len(blocks) else None
            cut = _cut_short(following)
            if cut:
                yield ParsedEntry(label, None, cut)
            else:
                yield ParsedEntry(label, to_reference(block))
        elif isinstance(block, ImplicitComment):
            continue
        else:
            error = getattr(block, "error", None)
            reason = getattr(error, "abort_reason", None) or (str(error) if error else "")
            reason = " ".join(reason.split()).rstrip(". ")
            yield ParsedEntry(
                f"{path} line {line}", None, f"malformed entry{': ' + reason if reason else ''}"
            )
