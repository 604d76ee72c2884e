"""(Re)building the demo project from the invented corpus shipped with qcode."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qcode.demo.report_docx import render_markdown_docx
from qcode.services.autocoding import autocode
from qcode.services.codebooks import load_codebook
from qcode.services.importing import ImportReport, import_paths
from qcode.services.projects import init_project
from qcode.store.project import Project

CORPUS = Path(__file__).with_name("corpus")
DEMO_NAME = "demo.qcode"
DEMO_CODER = "demo"
REPORT_NAME = "demo-report-partners-under-pressure.docx"
# A copy of codebooks/trafficking-cooperation.yaml (a test keeps the two identical), shipped
# inside the package so that an installed qcode can build the demo too.
CODEBOOK_NAME = "trafficking-cooperation.yaml"


def default_demo_path() -> Path:
    """``projects/demo.qcode`` under the current folder (the repository root in the quick start)."""
    return Path.cwd() / "projects" / DEMO_NAME


def remove_project_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def build_demo(
    path: Path | None = None, progress: Callable[[int, int, str], None] | None = None
) -> tuple[Project, ImportReport]:
    """Create a fresh demo project at ``path`` and import the demo corpus into it."""
    target = (path or default_demo_path()).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_project_file(target)
    project = init_project(target)
    try:
        # The report is kept beside the project so its recorded source path stays valid.
        report_docx = target.with_name(REPORT_NAME)
        render_markdown_docx(CORPUS / "report.md", report_docx)
        report = import_paths(
            project,
            [CORPUS / "abstracts.ris", report_docx],
            coder=DEMO_CODER,
            progress=progress,
        )
        load_codebook(project, CORPUS / CODEBOOK_NAME, coder=DEMO_CODER)
        autocode(project, coder=DEMO_CODER)
    except BaseException:
        project.close()
        raise
    return project, report
