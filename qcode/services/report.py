"""``qcode report``: gather what the Word report says, then write it in one go."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select

from qcode.core.citations import parenthetical, reference_entry
from qcode.core.errors import UsageError
from qcode.core.report_content import Frequency, Quote, ReportContent
from qcode.core.report_labels import labels_for
from qcode.io.report_docx import write_report
from qcode.services.matrices import MatrixRequest, build_matrix, resolve_scope
from qcode.services.synthesis import synthesis_matrix
from qcode.store.documents import summaries
from qcode.store.excerpts import segment_rows
from qcode.store.models import DocumentAttribute
from qcode.store.project import Project

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
) -> ReportContent:
    request = request or MatrixRequest()
    with project.reading() as session:
        scope = resolve_scope(session, request)
        names = set(session.scalars(select(DocumentAttribute.name).distinct()))
        documents = {d.id: d for d in summaries(session, scope.conditions)}
        rows = list(segment_rows(session, scope.where))
    if not rows:
        raise UsageError("no coded segments match; code some text (or accept suggestions) first")
    if matrices is None:  # by default: themes over time, and by country when known
        defaults = (("codes/attr:year:5", "year"), ("codes/attr:country", "country"))
        matrices = [spec for spec, name in defaults if name in names]
    quotes: dict[str, list[Quote]] = {}
    coded_documents: set[int] = set()
    for seg in rows:
        doc = documents.get(seg.document_id)
        if doc is None:
            continue
        coded_documents.add(doc.id)
        cite = parenthetical(doc.attributes, doc.title, seg.page)
        quotes.setdefault(seg.code_guid, []).append(Quote(seg.text, cite, seg.memo))
    counted = replace(request, cols="coders", measure="segments")
    by_segments = build_matrix(project, counted)
    by_sources = build_matrix(project, replace(counted, measure="documents"))
    guid_of = {ident: guid for guid, ident in scope.ids.items()}
    frequencies = [
        Frequency(
            guid_of[h.key],
            h.label,
            h.depth,
            h.colour,
            by_segments.row_totals.get(h.key, 0),
            by_sources.row_totals.get(h.key, 0),
        )
        for h in by_segments.rows
    ]
    built = []
    for spec in matrices:
        rows_axis, cols_axis, measure = parse_matrix_spec(spec)
        matrix = build_matrix(
            project, replace(request, rows=rows_axis, cols=cols_axis, measure=measure)
        )
        built.append(matrix.without_empty_rows())
    references = sorted(
        {reference_entry(documents[i].attributes, documents[i].title) for i in coded_documents},
        key=str.casefold,
    )
    used_coders = sorted({seg.coder for seg in rows}, key=str.casefold)
    return ReportContent(
        project=project.location.name(),
        codebook=scope.codebook,
        coders=used_coders,
        date=dt.date.today().isoformat(),
        sources=len(coded_documents),
        segments=len(rows),
        suggested=sum(1 for seg in rows if seg.origin == "suggestion"),
        frequencies=frequencies,
        matrices=built,
        synthesis=synthesis_matrix(project, request),
        quotes=quotes,
        references=references,
        excerpt_length=excerpt_length,
    )


def make_report(
    project: Project,
    out: Path,
    *,
    lang: str = "en",
    request: MatrixRequest | None = None,
    matrices: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> ReportContent:
    """Write the Word report to ``out`` (whole or not at all); return what it says."""
    labels_for(lang)  # an unknown language fails before any work
    if out.suffix.lower() != ".docx":
        raise UsageError(f"{out}: the report is a Word file; name it .docx")
    if not out.parent.is_dir():
        raise UsageError(f"{out}: folder {out.parent} does not exist")
    content = report_content(project, request, matrices)
    write_report(content, out, lang, progress)
    return content
