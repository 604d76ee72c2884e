"""What every importer produces: a document record, independent of its source format."""

from __future__ import annotations

from dataclasses import dataclass, field

from qcode.core.attributes import AttributeValue
from qcode.core.text import escape_undecodable


@dataclass(slots=True)
class DocumentRecord:
    """One document ready to be stored.

    ``text`` is already normalised (see :mod:`qcode.core.text`); ``pages`` maps page numbers
    to the offset in ``text`` where each page starts, for sources that have pages.
    ``title_from_metadata`` is true when the title came from bibliographic metadata (and so
    may be compared with other titles to find the same work twice), false when it was made
    from a file name.
    """

    title: str
    text: str
    source_path: str
    source_format: str
    language: str
    attributes: list[tuple[str, AttributeValue]] = field(default_factory=list)
    pages: list[tuple[int, int]] = field(default_factory=list)
    title_from_metadata: bool = False
    doi: str | None = None
    label: str = ""  # where the record came from, for messages: "a.ris record 3"
    warnings: list[str] = field(default_factory=list)
    uuid: str | None = None  # kept from another tool (a REFI-QDA source's GUID); else new

    def __post_init__(self) -> None:
        # A file name may hold bytes that are not valid UTF-8: keep them, escaped.
        self.source_path = escape_undecodable(self.source_path)
        self.label = escape_undecodable(self.label)
        self.title = escape_undecodable(self.title)


@dataclass(frozen=True, slots=True)
class RecordProblem:
    """A part of a file that could not be imported (a broken record, an unreadable page)."""

    label: str
    problem: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", escape_undecodable(self.label))

    def __str__(self) -> str:
        return f"{self.label}: {self.problem}"


@dataclass(frozen=True, slots=True)
class SkippedRecord:
    """A part of a file left out on purpose (an empty row, a reference with no text)."""

    label: str
    reason: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", escape_undecodable(self.label))

    def __str__(self) -> str:
        return f"{self.label}: {self.reason}"
