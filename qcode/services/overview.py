"""A project at a glance: what is in it."""

from __future__ import annotations

from dataclasses import dataclass, field

from qcode.store.models import Document
from qcode.store.project import Project
from qcode.store.stats import (
    attribute_document_counts,
    codebook_title,
    count_by,
    number_range,
    project_counts,
    text_value_counts,
)


@dataclass(frozen=True, slots=True)
class Overview:
    project: str
    documents: int
    characters: int
    pages: int
    coders: int
    events: int
    codebook: str
    codes: int
    segments: int
    suggestions: int
    languages: dict[str, int]
    formats: dict[str, int]
    years: tuple[int, int] | None
    countries: dict[str, int]
    attributes: dict[str, int] = field(default_factory=dict)


def overview(project: Project) -> Overview:
    with project.reading() as session:
        counts = project_counts(session)
        years = number_range(session, "year")
        return Overview(
            project=project.location.display(),
            documents=counts["documents"],
            characters=counts["characters"],
            pages=counts["pages"],
            coders=counts["coders"],
            events=counts["events"],
            codebook=codebook_title(session),
            codes=counts["codes"],
            segments=counts["segments"],
            suggestions=counts["suggestions"],
            languages=count_by(session, Document.language),
            formats=count_by(session, Document.source_format),
            years=None if years is None else (int(years[0]), int(years[1])),
            countries=text_value_counts(session, "country"),
            attributes=attribute_document_counts(session),
        )
