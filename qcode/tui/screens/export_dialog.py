"""Exporting from the coding screen: the Word report, the synthesis table, excerpts, the
matrix of codes by document, the codebook, or the whole project as REFI-QDA — written in a
worker with a progress bar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, ProgressBar
from textual.widgets.option_list import Option

from qcode.store.project import Project
from qcode.tui.progress import thread_progress
from qcode.tui.safely import in_worker
from qcode.tui.screens.overwrite import write_asking

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ExportKind:
    label: str
    default_name: str
    run: Callable[[Project, Path, Progress], str]


def _report(lang: str) -> Callable[[Project, Path, Progress], str]:
    def run(project: Project, out: Path, progress: Progress) -> str:
        from qcode.services.report import make_report

        content = make_report(project, out, lang=lang, progress=progress)
        return f"wrote {out}: {content.sources} sources, {content.segments} quotations"

    return run


def _synthesis(project: Project, out: Path, progress: Progress) -> str:
    from qcode.services.synthesis import export_synthesis

    matrix = export_synthesis(project, out)
    return f"wrote {out}: {len(matrix.rows)} sources × {len(matrix.cols)} themes"


def _excerpts(project: Project, out: Path, progress: Progress) -> str:
    from qcode.services.excerpts import export_excerpts

    return f"wrote {out}: {export_excerpts(project, out)} excerpts"


def _matrix(project: Project, out: Path, progress: Progress) -> str:
    from qcode.services.excerpts import export_matrix
    from qcode.services.matrices import MatrixRequest

    matrix = export_matrix(project, MatrixRequest(), out)
    return f"wrote {out}: {len(matrix.rows)} codes × {len(matrix.cols)} documents"


def _codebook(project: Project, out: Path, progress: Progress) -> str:
    from qcode.services.codebooks import export_codebook

    codebook = export_codebook(project, out)
    return f"wrote {out}: {len(codebook.codes)} codes"


def _qdpx(project: Project, out: Path, progress: Progress) -> str:
    from qcode.services.qdpx_export import export_qdpx

    if out.suffix.lower() != ".qdpx":
        out = out.with_suffix(".qdpx")
    summary = export_qdpx(project, out)
    return (
        f"wrote {out}: {summary.sources} documents, {summary.selections} coded segments, "
        f"{summary.notes} memos (REFI-QDA)"
    )


KINDS = (
    ExportKind("Word report (English)", "report.docx", _report("en")),
    ExportKind("Word report (Bahasa Indonesia)", "laporan.docx", _report("id")),
    ExportKind(
        "Synthesis table of sources × themes (.docx .xlsx .md)", "synthesis.docx", _synthesis
    ),
    ExportKind("Excerpts, one row per segment (.xlsx .csv)", "excerpts.xlsx", _excerpts),
    ExportKind("Matrix of codes × documents (.xlsx .csv .md .json)", "matrix.xlsx", _matrix),
    ExportKind("Codebook (.yaml .qdc .docx .xlsx .csv)", "codebook.yaml", _codebook),
    ExportKind("Whole project for NVivo, ATLAS.ti, MAXQDA (.qdpx)", "project.qdpx", _qdpx),
)


class ExportDialog(ModalScreen[str | None]):
    """Choose what to export, then where; Enter writes it."""

    CSS_PATH = "import_dialog.tcss"
    BINDINGS: ClassVar[list[Binding]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, project: Project, folder: Path) -> None:
        super().__init__()
        self.project = project
        self.folder = folder
        self.kind = KINDS[0]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Export what?")
            yield OptionList(*[Option(k.label, id=str(i)) for i, k in enumerate(KINDS)], id="kinds")
            yield Label("To the file:")
            yield Input(id="path")
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Label("", id="export-step")
            yield Label("[b]Enter[/b] choose / write   [b]Esc[/b] cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        kinds = self.query_one(OptionList)
        kinds.highlighted = 0
        kinds.focus()
        self._suggest(0)

    def _suggest(self, index: int) -> None:
        self.kind = KINDS[index]
        self.query_one(Input).value = str(self.folder / self.kind.default_name)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._suggest(int(event.option.id or 0))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._suggest(int(event.option.id or 0))
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            return
        write_asking(self, Path(event.value.strip()).expanduser(), self._start)

    def _start(self, out: Path) -> None:
        self.query_one(Input).value = str(out)
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self.run_export(self.kind, out)

    @work(thread=True, exclusive=True, group="export")
    def run_export(self, kind: ExportKind, out: Path) -> None:
        progress = thread_progress(
            self.app, self.query_one(ProgressBar), self.query_one("#export-step", Label)
        )
        in_worker(self.app, lambda: kind.run(self.project, out, progress), self._done, self._failed)

    def _failed(self, message: str) -> None:
        self.notify(message, severity="error")
        self.query_one(ProgressBar).display = False
        self.query_one(Input).focus()

    def _done(self, message: str) -> None:
        self.notify(message)
        if self.app.screen is self:
            self.dismiss(message)

    def action_cancel(self) -> None:
        if any(not w.is_finished for w in self.workers if w.node is self):
            self.notify("the export finishes in a moment; it is written whole or not at all")
            return
        self.dismiss(None)
