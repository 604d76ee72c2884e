"""Importing files and folders into the open project, with a progress bar."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, ProgressBar
from textual.worker import Worker, WorkerState

from qcode.services.importing import ImportedDocument, ImportReport, import_paths
from qcode.store.project import Project
from qcode.tui.progress import thread_progress
from qcode.tui.safely import in_worker


def split_paths(text: str) -> list[Path]:
    """Paths typed on one line: separated by spaces, quoted when they hold spaces."""
    try:
        parts = shlex.split(text)
    except ValueError:  # an unclosed quote: take the line as one path
        parts = [text.strip()]
    return [Path(p).expanduser() for p in parts if p]


class ImportDialog(ModalScreen[ImportReport | None]):
    """Type files or folders, Enter imports them; Escape cancels (also while importing)."""

    CSS_PATH = "import_dialog.tcss"
    BINDINGS: ClassVar[list[Binding]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, project: Project, coder: str) -> None:
        super().__init__()
        self.project = project
        self.coder = coder
        self.cancelling = False
        self.closing: tuple[ImportReport | None] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                "Import files or folders (.ris .bib .txt .csv, Web of Science .txt, "
                ".md .docx .pdf), or one .qdpx project; quote paths with spaces"
            )
            yield Input(placeholder="~/literature/savedrecs.txt  'Thesis abstracts/'", id="paths")
            yield Checkbox("skip broken records and files (listed afterwards)", id="skip-bad")
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Label("", id="import-step")
            yield Label("[b]Enter[/b] import   [b]Esc[/b] cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        self.query_one("#paths", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        paths = split_paths(event.value)
        if not paths:
            return
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self.query_one("#paths", Input).disabled = True
        self.run_import(paths, self.query_one(Checkbox).value)

    @work(thread=True, exclusive=True, group="import")
    def run_import(self, paths: list[Path], skip_bad: bool) -> None:
        progress = thread_progress(
            self.app, self.query_one(ProgressBar), self.query_one("#import-step", Label)
        )
        if any(p.suffix.lower() == ".qdpx" for p in paths):
            in_worker(
                self.app, lambda: self._qdpx(paths, skip_bad, progress), self._done, self._failed
            )
            return
        in_worker(
            self.app,
            lambda: import_paths(
                self.project, paths, coder=self.coder, skip_bad=skip_bad, progress=progress
            ),
            self._done,
            self._failed,
        )

    def _qdpx(self, paths: list[Path], skip_bad: bool, progress) -> ImportReport:
        """A REFI-QDA project, on its own, told in the import report's terms."""
        from qcode.core.errors import UsageError
        from qcode.services.qdpx_import import import_qdpx

        if len(paths) != 1:
            raise UsageError("import a .qdpx project on its own: one file, no other paths")
        result = import_qdpx(
            self.project, paths[0], coder=self.coder, skip_bad=skip_bad, progress=progress
        )
        merge = result.merge
        report = ImportReport(files=[str(paths[0])])
        # The merge counts the documents it added (matched ones were there already); the
        # coding screen needs only how many to list them.
        report.imported = [
            ImportedDocument(0, "", str(paths[0]), "qdpx", "") for _ in range(merge.documents_added)
        ]
        report.bad = result.problems
        report.warnings = [
            f"{merge.segments_added} coded segment(s) and {merge.memos_added} memo(s) came in",
            *result.skipped,
            *result.warnings,
        ]
        return report

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.CANCELLED:
            self._stopped()

    def _stopped(self) -> None:
        self.notify("import stopped; nothing of it was kept")
        self._close(None)

    def _close(self, result: ImportReport | None) -> None:
        """Dismiss now, or when a question asked over this dialog has been answered."""
        if self.app.screen is self:
            self.dismiss(result)
        else:
            self.closing = (result,)

    def on_screen_resume(self) -> None:
        if self.closing is not None:
            self.dismiss(self.closing[0])

    def _failed(self, message: str) -> None:
        if self.cancelling:
            return  # reported when the worker turned cancelled
        self.notify(f"import failed, nothing was imported: {message}", severity="error")
        self.query_one(ProgressBar).display = False
        self.query_one("#import-step", Label).update("")
        paths = self.query_one("#paths", Input)
        paths.disabled = False
        paths.focus()

    def _done(self, report: ImportReport) -> None:
        parts = [f"imported {len(report.imported)} document(s)"]
        if report.duplicates:
            parts.append(f"{len(report.duplicates)} duplicate(s) skipped")
        if report.bad:
            parts.append(f"{len(report.bad)} broken record(s) skipped")
        severity = "warning" if report.bad or report.warnings else "information"
        self.notify("; ".join(parts), severity=severity)
        for line in (report.bad + report.warnings)[:5]:
            self.notify(line, severity="warning")
        self._close(report)

    def action_cancel(self) -> None:
        running = [w for w in self.workers if not w.is_finished and w.node is self]
        if running:
            self.cancelling = True
            for worker in running:
                worker.cancel()
            self.query_one("#import-step", Label).update("stopping…")
            return
        self.dismiss(None)
