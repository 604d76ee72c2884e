"""The demo as a project half-way through: some suggestions already reviewed, a report made.

``qcode demo`` accepts the auto-coding suggestions of the first abstracts (as if a colleague,
coder "demo", had reviewed them), so that matrices and ``qcode report`` have coding to show,
and leaves the rest pending for the new user to review. It then writes the report that
``qcode report`` makes of it, beside the project.
"""

from __future__ import annotations

from pathlib import Path

from qcode.core.report_content import Frame
from qcode.services.autocoding import list_suggestions
from qcode.services.report import make_report
from qcode.services.suggestion_decisions import accept
from qcode.store.project import Project

REVIEWED_DOCUMENTS = 8  # documents 1–8 reviewed; 9–17 left for the user
SAMPLE_NAME = "demo-sample-report.docx"


def review_first_documents(project: Project, coder: str) -> int:
    """Accept the pending suggestions of the first documents; return how many."""
    ids = [s.id for s in list_suggestions(project) if s.document_id <= REVIEWED_DOCUMENTS]
    return accept(project, ids, coder=coder) if ids else 0


def write_sample_report(project: Project, folder: Path, lang: str = "en") -> Path:
    out = folder / SAMPLE_NAME
    frame = Frame(
        title="Government–NGO Cooperation against Human Trafficking",
        author="qcode demo",
        institution="A literature review (invented sources)",
    )
    make_report(project, out, lang=lang, frame=frame)
    return out
