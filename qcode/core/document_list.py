"""The document list of the coding screen: rows, a text filter and sort orders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SORTS = ("imported", "title", "author", "year", "coded")


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: int
    title: str
    author: str  # short form: "Pratiwi", "Lee & Smith", "Lee et al."
    year: int | None
    coded: int  # number of segments

    def label(self, width: int | None = None) -> str:
        """Two lines: the title (trimmed to ``width`` when given), "Author (Year) · N coded"."""
        title = self.title
        if width is not None and len(title) > width:
            title = title[: width - 1] + "…"
        who = self.author or "no author"
        when = str(self.year) if self.year is not None else "n.d."
        coded = f" · {self.coded} coded" if self.coded else ""
        return f"{title}\n{who} ({when}){coded}"

    def haystack(self) -> str:
        return f"{self.title} {self.author} {self.year or ''}".casefold()


def split_filter(text: str) -> tuple[list[str], list[str]]:
    """Words to find in title/author/year, and ``NAME=VALUE`` attribute conditions."""
    words: list[str] = []
    conditions: list[str] = []
    for token in text.split():
        (conditions if "=" in token.strip("=") else words).append(token)
    return words, conditions


def filter_rows(rows: Sequence[DocumentRow], words: Sequence[str]) -> list[DocumentRow]:
    wanted = [w.casefold() for w in words]
    if not wanted:
        return list(rows)
    return [r for r in rows if all(w in r.haystack() for w in wanted)]


def sort_rows(rows: Sequence[DocumentRow], order: str) -> list[DocumentRow]:
    if order not in SORTS:
        raise ValueError(f"unknown sort order {order!r}")
    if order == "imported":
        return sorted(rows, key=lambda r: r.id)
    if order == "title":
        return sorted(rows, key=lambda r: (r.title.casefold(), r.id))
    if order == "author":
        return sorted(rows, key=lambda r: (r.author.casefold() or "\uffff", r.year or 0, r.id))
    if order == "year":
        return sorted(rows, key=lambda r: (r.year is None, r.year or 0, r.id))
    return sorted(rows, key=lambda r: (-r.coded, r.id))
