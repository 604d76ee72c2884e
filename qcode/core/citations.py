"""Short citations from document attributes: "Pratiwi (2021)", "Smith & Lee (2019)".

Authors are stored as written in the source, usually "Surname, Given names"; a name
without a comma is taken as "Given names Surname" unless it is a single word or an
organisation (several capitalised words are kept whole when they look like one).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from qcode.core.attributes import AttributeValue

ORGANISATION_WORDS = frozenset(
    {
        "organization", "organisation", "office", "ministry", "department", "agency",
        "commission", "council", "committee", "bureau", "institute", "institution",
        "foundation", "association", "network", "nations", "union", "government", "centre",
        "center", "unodc", "iom", "ilo", "unicef", "undp", "asean", "kementerian", "badan",
        "lembaga", "komisi", "yayasan", "dinas", "direktorat", "kepolisian", "pemerintah",
        "perkumpulan", "jaringan",
    }
)  # fmt: skip


def is_organisation(name: str) -> bool:
    """ "U.S. Department of State", "Kementerian Luar Negeri": a body, not a person."""
    words = name.replace(",", " ").split()
    return len(words) > 4 or any(w.casefold().strip(".()") in ORGANISATION_WORDS for w in words)


def surname(author: str) -> str:
    name = " ".join(author.split())
    if "," in name:
        return name.split(",", 1)[0].strip()
    words = name.split()
    if len(words) <= 1 or is_organisation(name):
        return name
    return words[-1]


def short_authors(authors: Sequence[str]) -> str:
    names = [surname(a) for a in authors if a.strip()]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} & {names[1]}"
    return f"{names[0]} et al."


def year_of(attributes: Mapping[str, Sequence[AttributeValue]]) -> int | None:
    """The document's year: the ``year`` attribute, else the year of a ``date``."""
    for value in attributes.get("year", ()):
        if isinstance(value, int | float):
            return int(value)
        if isinstance(value, str) and value[:4].isdigit():
            return int(value[:4])
    for value in attributes.get("date", ()):
        year = getattr(value, "year", None)
        if year is not None:
            return int(year)
        if isinstance(value, str) and value[:4].isdigit():
            return int(value[:4])
    return None


def authors_of(attributes: Mapping[str, Sequence[AttributeValue]]) -> list[str]:
    return [str(a) for a in attributes.get("author", ())]


def citation(attributes: Mapping[str, Sequence[AttributeValue]], title: str) -> str:
    """ "Author (Year)" for a table row; the title when there is no author."""
    who = short_authors(authors_of(attributes))
    year = year_of(attributes)
    when = str(year) if year is not None else "n.d."
    if not who:
        short = title if len(title) <= 60 else title[:59] + "…"
        return f"{short} ({when})"
    return f"{who} ({when})"


def parenthetical(
    attributes: Mapping[str, Sequence[AttributeValue]], title: str, page: int | None = None
) -> str:
    """ "(Author, Year, p. N)" after a quotation."""
    who = short_authors(authors_of(attributes))
    if not who:
        who = f"“{title if len(title) <= 40 else title[:39] + '…'}”"
    year = year_of(attributes)
    parts = [who, str(year) if year is not None else "n.d."]
    if page is not None:
        parts.append(f"p. {page}")
    return "(" + ", ".join(parts) + ")"
