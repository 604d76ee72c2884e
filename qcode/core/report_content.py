"""What a Word report says, gathered before it is written (the writer does no counting).

Counting rules, the same in every output (matrix, frequencies, report, spreadsheets):
a *passage* is a distinct span of text (document, start, end). A code's count is the
number of distinct passages coded with it or any of its sub-codes, so a passage coded with
two sub-codes of a theme counts once for the theme; the same passage coded by two coders
counts once too. *Sources* are the distinct documents with such passages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from qcode.core.codebook import Codebook
from qcode.core.matrix import Matrix

A4 = (21.0, 29.7)  # cm, width × height
LETTER = (21.59, 27.94)
PAPERS = {"a4": A4, "letter": LETTER}
THESIS_MARGINS = (4.0, 3.0, 3.0, 3.0)  # cm: left, top, right, bottom (Indonesian theses)


DEFAULT_MAX_QUOTES = 2000


@dataclass(frozen=True, slots=True)
class Frame:
    """The thesis frame: title page facts and page setup.

    ``paper`` and ``margins`` left as None keep a reference document's own page setup
    (A4 with 4/3/3/3 cm margins without one)."""

    title: str = ""
    author: str = ""
    institution: str = ""
    date: str = ""
    paper: str | None = None  # "a4" or "letter"
    margins: tuple[float, float, float, float] | None = None  # cm: left, top, right, bottom
    reference_doc: str | None = None  # a .docx whose styles and page setup the report takes
    style: str = "apa"  # CSL style of citations and references
    memos: bool = False  # print memos under their quotations
    keep_empty: bool = False  # keep empty matrix rows and columns
    max_quotes: int = DEFAULT_MAX_QUOTES  # quotations at most (0: all), spread over themes


@dataclass(frozen=True, slots=True)
class Passage:
    """One coded passage of a theme, quoted once, naming every code it has there."""

    document_id: int
    start: int
    end: int
    text: str
    citation: str  # "(Pratiwi, 2021, p. 4)" in the report's style
    codes: tuple[str, ...]  # the names of the theme's codes that coded it
    language: str  # the document's language ("id", "en", "other")
    memos: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Frequency:
    guid: str
    name: str
    depth: int
    colour: str | None
    passages: int
    sources: int


@dataclass
class ThemeSection:
    guid: str
    name: str
    description: str
    passages: list[Passage] = field(default_factory=list)
    not_coded: list[str] = field(default_factory=list)  # its codes with nothing coded
    quoted: list[Passage] | None = None  # the passages quoted, when not all of them are

    def quotations(self) -> list[Passage]:
        return self.passages if self.quoted is None else self.quoted


@dataclass(frozen=True, slots=True)
class Coding:
    """The facts the method paragraph states."""

    sources_imported: int
    sources_coded: int
    passages: int
    segments: int  # code applications (a passage with two codes is two)
    manual: int  # segments coded by hand
    suggested: int  # segments accepted from auto-coding suggestions
    coders: tuple[str, ...]
    codes: int
    themes: int
    codebook: str
    version: str


@dataclass(frozen=True, slots=True)
class AgreementLine:
    """One theme's agreement in the method section."""

    theme: str
    units: int
    percent: float | None
    kappa: float | None  # Cohen's for two coders, Fleiss' for more
    alpha: float | None
    alpha_ci: tuple[float, float] | None


@dataclass(frozen=True, slots=True)
class AgreementSummary:
    unit: str
    coders: tuple[str, ...]
    lines: tuple[AgreementLine, ...]
    resamples: int
    confidence: float


@dataclass
class ReportContent:
    frame: Frame
    project: str
    codebook: Codebook
    coders: list[str]
    date: str
    coding: Coding
    frequencies: list[Frequency] = field(default_factory=list)
    matrices: list[Matrix] = field(default_factory=list)
    synthesis: Matrix | None = None
    themes: list[ThemeSection] = field(default_factory=list)
    references: list[Any] = field(default_factory=list)  # formatted entries (runs)
    sources_per_year: dict[int, int] = field(default_factory=dict)
    period_matrix: Matrix | None = None  # themes × periods, for the heatmap
    excerpt_length: int = 200
    agreement: AgreementSummary | None = None

    @property
    def sources(self) -> int:
        return self.coding.sources_coded

    @property
    def segments(self) -> int:
        return self.coding.segments
