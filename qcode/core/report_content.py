"""What a Word report says, gathered before it is written (the writer does no counting)."""

from __future__ import annotations

from dataclasses import dataclass, field

from qcode.core.codebook import Codebook
from qcode.core.matrix import Matrix


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    citation: str  # "(Pratiwi, 2021, p. 4)"
    memo: str = ""


@dataclass(frozen=True, slots=True)
class Frequency:
    guid: str
    name: str
    depth: int
    colour: str | None
    segments: int
    sources: int


@dataclass
class ReportContent:
    project: str
    codebook: Codebook
    coders: list[str]
    date: str
    sources: int
    segments: int
    suggested: int  # segments that came from accepted auto-coding suggestions
    frequencies: list[Frequency] = field(default_factory=list)
    matrices: list[Matrix] = field(default_factory=list)
    synthesis: Matrix | None = None
    quotes: dict[str, list[Quote]] = field(default_factory=dict)  # by code GUID, direct only
    references: list[str] = field(default_factory=list)
    excerpt_length: int = 200
