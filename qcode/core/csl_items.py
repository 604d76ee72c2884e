"""A document's attributes as a CSL-JSON item, the input every CSL processor reads.

The attributes come from RIS, BibTeX, Web of Science or CSV imports (see ``io.bibliographic``):
``author``, ``editor``, ``year``, ``date``, ``title``, ``journal`` (or ``booktitle``),
``volume``, ``issue``, ``pages``, ``publisher`` (or ``school``/``institution``), ``place``,
``doi``, ``url``, ``type``, ``language``. Names stored as "Surname, Given" are split into
family and given names; an organisation ("International Organization for Migration") is kept
whole as a literal name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from qcode.core.attributes import AttributeValue
from qcode.core.citations import is_organisation, year_of

Attributes = Mapping[str, Sequence[AttributeValue]]

# Reference types as the importers store them (RIS names through rispy, BibTeX entry types,
# Web of Science document types), lower-cased, to CSL types.
CSL_TYPES = {
    "journal": "article-journal",
    "article": "article-journal",
    "review": "article-journal",
    "electronic article": "article-journal",
    "j": "article-journal",
    "magazine article": "article-magazine",
    "newspaper": "article-newspaper",
    "thesis/dissertation": "thesis",
    "thesis": "thesis",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "report": "report",
    "techreport": "report",
    "government document": "report",
    "pamphlet": "pamphlet",
    "book chapter": "chapter",
    "electronic book section": "chapter",
    "incollection": "chapter",
    "inbook": "chapter",
    "whole book": "book",
    "electronic book": "book",
    "edited book": "book",
    "book": "book",
    "conference paper": "paper-conference",
    "conference proceeding": "paper-conference",
    "proceedings paper": "paper-conference",
    "inproceedings": "paper-conference",
    "web page": "webpage",
    "online": "webpage",
    "blog": "post-weblog",
    "dataset": "dataset",
    "data file": "dataset",
    "manuscript": "manuscript",
    "unpublished work": "manuscript",
    "unpublished": "manuscript",
}
GENRES = {"phdthesis": "Doctoral dissertation", "mastersthesis": "Master's thesis"}
_PAGES = re.compile(r"^\s*(\w+)\s*[-–—]+\s*(\w+)\s*$")


def csl_type(attributes: Attributes) -> str:
    for value in attributes.get("type", ()):
        found = CSL_TYPES.get(str(value).strip().casefold())
        if found:
            return found
    if attributes.get("journal"):
        return "article-journal"
    if attributes.get("url") and not attributes.get("publisher"):
        return "webpage"
    return "report" if attributes.get("publisher") else "article"


def csl_name(name: str) -> dict[str, str]:
    """ "Pratiwi, Ayu Lestari" → family and given; organisations stay whole."""
    flat = " ".join(name.split())
    words = flat.replace(",", " ").split()
    if "," not in flat and is_organisation(flat):
        return {"literal": flat}
    if "," in flat:
        family, given = (part.strip() for part in flat.split(",", 1))
        return {"family": family, "given": given} if given else {"literal": family}
    if len(words) == 1:
        return {"literal": flat}
    return {"family": words[-1], "given": " ".join(words[:-1])}


def _first(attributes: Attributes, *names: str) -> str:
    for name in names:
        for value in attributes.get(name, ()):
            text = str(value).strip()
            if text:
                return text
    return ""


def _pages(text: str) -> str:
    found = _PAGES.match(text)
    return f"{found.group(1)}-{found.group(2)}" if found else text


def csl_item(item_id: str, attributes: Attributes, title: str) -> dict[str, Any]:
    """The CSL-JSON item for one document (``title``: the document's own title)."""
    kind = csl_type(attributes)
    item: dict[str, Any] = {"id": item_id, "type": kind, "title": title}
    authors = [csl_name(str(a)) for a in attributes.get("author", ()) if str(a).strip()]
    if authors:
        item["author"] = authors
    editors = [csl_name(str(e)) for e in attributes.get("editor", ()) if str(e).strip()]
    if editors:
        item["editor"] = editors
    year = year_of(attributes)
    date = next((v for v in attributes.get("date", ()) if hasattr(v, "month")), None)
    if date is not None:
        item["issued"] = {"date-parts": [[date.year, date.month, date.day]]}
    elif year is not None:
        item["issued"] = {"date-parts": [[year]]}
    fields = {
        "container-title": _first(attributes, "journal", "booktitle"),
        "volume": _first(attributes, "volume"),
        "issue": _first(attributes, "issue", "number"),
        "page": _pages(_first(attributes, "pages")),
        "publisher": _first(attributes, "publisher", "school", "institution"),
        "publisher-place": _first(attributes, "place", "address"),
        "DOI": _doi(_first(attributes, "doi")),
        "URL": _first(attributes, "url"),
        "language": _first(attributes, "language"),
    }
    item |= {name: value for name, value in fields.items() if value}
    if kind == "thesis":
        raw_type = _first(attributes, "type").casefold()
        item["genre"] = GENRES.get(raw_type, _first(attributes, "genre") or "Thesis")
        if "publisher" not in item and "container-title" in item:
            item["publisher"] = item.pop("container-title")
    return item


def _doi(text: str) -> str:
    """A DOI without its resolver prefix ("https://doi.org/10.1/x" → "10.1/x")."""
    lowered = text.casefold()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"):
        if lowered.startswith(prefix):
            return text[len(prefix) :].strip()
    return text
