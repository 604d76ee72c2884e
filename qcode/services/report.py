"""``qcode report``: gather what the Word report says, then write it in one go."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select

from qcode.core.agreement_intervals import DEFAULT_RESAMPLES
from qcode.core.citations import citation, year_of
from qcode.core.csl_items import csl_item
from qcode.core.errors import UsageError
from qcode.core.matrix import Matrix
from qcode.core.report_content import (
    AgreementLine,
    AgreementSummary,
    Coding,
    Frame,
    ReportContent,
)
from qcode.core.report_labels import labels_for
from qcode.core.report_passages import cap_quotations, theme_sections
from qcode.io.csl_render import render
from qcode.io.report_docx import write_report
from qcode.services.agreement import AgreementRequest, agreement, chosen_coders
from qcode.services.frequencies import code_frequencies
from qcode.services.matrices import MatrixRequest, build_matrix, resolve_scope
from qcode.services.synthesis import synthesis_matrix
from qcode.store.documents import document_ids, summaries
from qcode.store.excerpts import segment_rows
from qcode.store.models import DocumentAttribute
from qcode.store.project import Project
from qcode.store.settings import only_coder

Progress = Callable[[int, int, str], None]


def parse_matrix_spec(spec: str) -> tuple[str, str, str]:
    """``ROWS/COLS[/MEASURE]``, e.g. ``codes/attr:year:5`` or ``codes/attr:country/documents``."""
    parts = [p.strip() for p in spec.split("/")]
    if len(parts) not in (2, 3) or not all(parts):
        raise UsageError(f"--matrix {spec!r}: write ROWS/COLS[/MEASURE], e.g. codes/attr:year:5")
    return parts[0], parts[1], parts[2] if len(parts) == 3 else "segments"


def report_content(
    project: Project,
    request: MatrixRequest | None = None,
    matrices: Sequence[str] | None = None,
    excerpt_length: int = 200,
    frame: Frame | None = None,
    lang: str = "en",
) -> ReportContent:
    request = request or MatrixRequest()
    frame = frame or Frame()
    with project.reading() as session:
        scope = resolve_scope(session, request)
        names = set(session.scalars(select(DocumentAttribute.name).distinct()))
        imported = len(document_ids(session, scope.conditions))
        rows = list(segment_rows(session, scope.where))
        documents = {
            d.id: d for d in summaries(session, scope.conditions, ids={r.document_id for r in rows})
        }
        rows = [r for r in rows if r.document_id in documents]
    if not rows:
        raise UsageError("no coded segments match; code some text (or accept suggestions) first")
    if matrices is None:  # by default: themes over time, and by country when known
        defaults = (("codes/attr:year:5", "year"), ("codes/attr:country", "country"))
        matrices = [spec for spec, name in defaults if name in names]
    labels = {i: citation(d.attributes, d.title) for i, d in documents.items()}
    themes = theme_sections(
        scope.codebook, rows, labels, {i: d.language for i, d in documents.items()}
    )
    cap_quotations(themes, frame.max_quotes)
    order = [p.document_id for theme in themes for p in theme.passages]
    coded = list(dict.fromkeys(order + sorted({r.document_id for r in rows})))
    pages = {(r.document_id, r.start, r.end): r.page for r in rows}

    def wanted(passage) -> tuple[str, str | None]:
        page = pages.get((passage.document_id, passage.start, passage.end))
        return str(passage.document_id), None if page is None else str(page)

    rendered = render(
        [csl_item(str(i), documents[i].attributes, documents[i].title) for i in coded],
        [wanted(p) for theme in themes for p in theme.quotations()],
        frame.style,
        lang,
    )
    for theme in themes:
        quoted = theme.quotations()
        quoted[:] = [replace(p, citation=rendered.cites[wanted(p)]) for p in quoted]
    frequencies = code_frequencies(project, request)
    built = []
    period = None
    for spec in matrices:
        rows_axis, cols_axis, measure = parse_matrix_spec(spec)
        matrix = build_matrix(
            project, replace(request, rows=rows_axis, cols=cols_axis, measure=measure)
        )
        if rows_axis == "codes" and cols_axis.startswith("attr:year") and measure == "segments":
            period = matrix
        built.append(matrix if frame.keep_empty else _trimmed(matrix))
    years: dict[int, int] = {}
    for i in coded:
        year = year_of(documents[i].attributes)
        if year is not None:
            years[year] = years.get(year, 0) + 1
    return ReportContent(
        frame=frame,
        project=project.location.name(),
        codebook=scope.codebook,
        coders=sorted({r.coder for r in rows}, key=str.casefold),
        date=frame.date or dt.date.today().isoformat(),
        coding=Coding(
            sources_imported=imported,
            sources_coded=len(coded),
            passages=len({(r.document_id, r.start, r.end) for r in rows}),
            segments=len(rows),
            manual=sum(1 for r in rows if r.origin != "suggestion"),
            suggested=sum(1 for r in rows if r.origin == "suggestion"),
            coders=tuple(sorted({r.coder for r in rows}, key=str.casefold)),
            codes=len(scope.codebook.codes),
            themes=len(scope.codebook.children(None)),
            codebook=scope.codebook.title,
            version=scope.codebook.version,
        ),
        frequencies=frequencies,
        matrices=built,
        synthesis=synthesis_matrix(project, request),
        themes=themes,
        sources_per_year=dict(sorted(years.items())),
        period_matrix=period,
        excerpt_length=excerpt_length,
        references=rendered.references,
        agreement=agreement_summary(project, request, scope.codebook),
    )


def agreement_summary(
    project: Project, request: MatrixRequest, codebook
) -> AgreementSummary | None:
    """Agreement per theme by sentence between the coders (those of the request when it names
    two or more, else everyone who coded but the consensus coder); None with fewer than two,
    or while blind coding is on."""
    with project.reading() as session:
        if only_coder(session) is not None:
            return None
        everyone = list(chosen_coders(session, [], at_least=0))
    named = [c for c in request.coders if c in everyone]
    coders = named if len(named) >= 2 else everyone
    themes = [code.guid for code in codebook.children(None)]
    if len(coders) < 2 or not themes:
        return None
    found = agreement(
        project,
        AgreementRequest(coders=coders, unit="sentence", codes=themes, where=request.where),
    )
    two = len(coders) == 2
    lines = tuple(
        AgreementLine(
            row.variable,
            row.measures.units,
            row.measures.percent_agreement,
            row.measures.cohen_kappa if two else row.measures.fleiss_kappa,
            row.measures.krippendorff_alpha,
            row.measures.alpha_ci,
        )
        for row in found.rows
    )
    return AgreementSummary("sentence", tuple(coders), lines, DEFAULT_RESAMPLES, 0.95)


def _trimmed(matrix: Matrix) -> Matrix:
    """Without empty rows and columns; documents ordered by author and year."""
    trimmed = matrix.without_empty_rows().without_empty_cols()
    if trimmed.parameters.get("cols") == "documents":
        trimmed = replace(trimmed, cols=sorted(trimmed.cols, key=lambda c: c.label.casefold()))
    return trimmed


def make_report(
    project: Project,
    out: Path,
    *,
    lang: str = "en",
    request: MatrixRequest | None = None,
    matrices: Sequence[str] | None = None,
    progress: Progress | None = None,
    frame: Frame | None = None,
) -> ReportContent:
    """Write the Word report to ``out`` (whole or not at all); return what it says."""
    labels_for(lang)  # an unknown language fails before any work
    if out.suffix.lower() != ".docx":
        raise UsageError(f"{out}: the report is a Word file; name it .docx")
    if not out.parent.is_dir():
        raise UsageError(f"{out}: folder {out.parent} does not exist")
    frame = frame or Frame()
    if frame.reference_doc and not Path(frame.reference_doc).is_file():
        raise UsageError(f"{frame.reference_doc}: no such reference document")
    if progress is not None:
        progress(0, 1, "citations")
    content = report_content(project, request, matrices, frame=frame, lang=lang)
    write_report(content, out, lang, progress)
    return content
