"""The codebook editor's files: loading a codebook file into the project, exporting one."""

from __future__ import annotations

from pathlib import Path

from qcode.services.codebooks import export_codebook, load_codebook
from qcode.tui.screens.dialogs import Prompt
from qcode.tui.screens.overwrite import write_asking


class CodebookFiles:
    """Mixed into :class:`CodebookEditor`: ``l`` loads a file, ``E`` exports the codebook
    (asking before replacing a file)."""

    def action_load(self) -> None:
        def chosen(path: str | None) -> None:
            if path:
                self._safely(lambda: self._load(Path(path).expanduser()))

        self.app.push_screen(
            Prompt("Load a codebook file (.yaml .qdc .csv .xlsx)", placeholder="codebooks/…"),
            chosen,
        )

    def _load(self, path: Path) -> str:
        report = load_codebook(self.project, path, coder=self.coder)
        diff = report.plan.diff
        warned = f"; {len(report.warnings)} warning(s)" if report.warnings else ""
        return (
            f"loaded {path.name}: {len(diff.added)} added, {len(diff.updated())} changed, "
            f"{len(report.plan.retired)} retired{warned}"
        )

    def action_export(self) -> None:
        def chosen(path: str | None) -> None:
            if not path:
                return

            def write(out: Path) -> None:
                def act() -> str:
                    export_codebook(self.project, out)
                    return f"wrote {out}"

                self._safely(act)

            write_asking(self, Path(path).expanduser(), write)

        self.app.push_screen(
            Prompt("Export the codebook to (.yaml .qdc .csv .xlsx .docx)", "codebook.yaml"),
            chosen,
        )
