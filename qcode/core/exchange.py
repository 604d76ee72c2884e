"""A whole project as REFI-QDA (``.qdpx``) carries it, between qcode and other tools.

The reader fills these from another tool's file (positions already placed in the stored
text); the writer turns them into ``project.qde`` and ``sources/``. Both sides speak GUIDs,
lower-case without braces (see :mod:`qcode.core.guids`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qcode.core.attributes import AttributeValue
from qcode.core.codebook import Codebook


@dataclass(frozen=True)
class Coding:
    """One code applied to one span of a source: a qcode segment."""

    guid: str  # of the PlainTextSelection
    code: str  # the code's GUID
    start: int
    end: int
    user: str  # the user's GUID
    memo: str = ""


@dataclass(frozen=True)
class Note:
    """A memo: on the project (``target`` empty), a source, a code or a selection."""

    guid: str
    name: str
    text: str
    user: str
    target: str = ""  # GUID of what the note is about; "" for the project


@dataclass
class Source:
    guid: str
    name: str
    text: str  # as qcode stores it
    codings: list[Coding] = field(default_factory=list)
    attributes: list[tuple[str, AttributeValue]] = field(default_factory=list)
    language: str = ""


@dataclass
class Exchange:
    """What a ``.qdpx`` holds, in qcode's terms."""

    name: str
    origin: str = ""
    description: str = ""
    users: dict[str, str] = field(default_factory=dict)  # GUID → name
    codebook: Codebook = field(default_factory=Codebook)
    sources: list[Source] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    variable_types: dict[str, str] = field(default_factory=dict)  # attribute → REFI type
