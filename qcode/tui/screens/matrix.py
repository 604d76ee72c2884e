"""The matrix screen: choose rows, columns and measure; read the table; drill from a cell to
its coded passages and jump to one; export the matrix."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from qcode.core.matrix import MEASURES, Matrix, trim
from qcode.services.agreement import AgreementRequest, agreement
from qcode.services.documents import attribute_names
from qcode.services.excerpts import export_matrix
from qcode.services.matrices import MatrixRequest, build_matrix
from qcode.store.project import Project
from qcode.tui.safely import notify_errors
from qcode.tui.screens.dialogs import Prompt
from qcode.tui.screens.overwrite import write_asking
from qcode.tui.screens.search import Jump

ROWS_SHOWN = 500  # a DataTable slows down past a few thousand rows; export shows them all
COLS_SHOWN = 60


MEASURE_WORDS = {"segments": "coded passages", "chars": "coded characters"}
AGREEMENT_UNITS = ("sentence", "paragraph", "document", "character")
AGREEMENT_COLUMNS = (
    ("variable", "Code"),
    ("units", "Units"),
    ("percent_agreement", "Agree"),
    ("cohen_kappa", "Cohen κ"),
    ("fleiss_kappa", "Fleiss κ"),
    ("brennan_prediger", "B–P"),
    ("gwet_ac1", "AC1"),
    ("krippendorff_alpha", "α"),
    ("alpha_ci", "α 95% CI"),
)


def _shown(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return f"[{value[0]:.2f}, {value[1]:.2f}]".replace("-", "−")
    if isinstance(value, float):
        return f"{value:.3f}".replace("-", "−")
    return str(value)


class MatrixScreen(Screen[Jump | None]):
    """Keys: r/c change rows/columns, m the measure, h hides empty rows, Enter drills."""

    CSS_PATH = "matrix.tcss"
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("r", "cycle('rows')", "Rows"),
        Binding("c", "cycle('cols')", "Columns"),
        Binding("m", "cycle('measure')", "Measure"),
        Binding("h", "toggle_empty", "Hide empty"),
        Binding("g", "toggle_agreement", "Agreement"),
        Binding("u", "cycle_unit", "Agreement unit", show=False),
        Binding("o", "agreement_coders", "Agreement coders…", show=False),
        Binding("e", "export", "Export"),
        Binding("question_mark,f1", "app.show_keys", "Help"),
        Binding("escape", "close", "Back"),
    ]

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.request = MatrixRequest(hide_empty=False)
        self.matrix: Matrix | None = None
        self.passages: Matrix | None = None  # the excerpts of the same matrix, for drilling
        self.drilled: list = []
        self.agreement_unit: str | None = None  # the agreement view, by this unit, when shown
        self.agreement_coders: list[str] = []  # whom it compares (none named: everyone)
        names = attribute_names(project)
        self.axes = ["codes", "documents", "coders"]
        if "year" in names:
            self.axes.append("attr:year:5")
        self.axes += [f"attr:{n}" for n in names if n not in {"title", "doi", "abstract"}]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="matrix-settings")
        yield DataTable(id="matrix", cursor_type="cell", zebra_stripes=True)
        yield Static("", id="drill-title")
        yield OptionList(id="drill")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Matrix"
        self.query_one("#drill", OptionList).display = False
        self.refresh_matrix()

    def refresh_matrix(self) -> None:
        if self.agreement_unit is not None:
            notify_errors(self, self._fill_agreement)
            return

        def act() -> None:
            self.matrix = build_matrix(self.project, self.request)
            self.passages = None
            self._fill()

        notify_errors(self, act)

    def _fill(self) -> None:
        matrix = self.matrix
        assert matrix is not None
        table = self.query_one(DataTable)
        table.clear(columns=True)
        cols = matrix.cols[:COLS_SHOWN]
        table.add_column("", key="label")
        for col in cols:
            table.add_column(trim(col.label, 18), key=f"c{col.key}")
        table.add_column("Total", key="total")
        for row in matrix.rows[:ROWS_SHOWN]:
            values = [matrix.value(row.key, c.key) for c in cols]
            table.add_row(
                "  " * row.depth + trim(row.label, 40),
                *[str(v) if v else "·" for v in values],
                str(matrix.row_totals.get(row.key, "")),
                key=f"r{row.key}",
            )
        request = self.request
        more = []
        if len(matrix.rows) > ROWS_SHOWN:
            more.append(f"first {ROWS_SHOWN} of {len(matrix.rows)} rows")
        if len(matrix.cols) > COLS_SHOWN:
            more.append(f"first {COLS_SHOWN} of {len(matrix.cols)} columns")
        shown = f" · {', '.join(more)} (export has all)" if more else ""
        self.query_one("#matrix-settings", Static).update(
            f"rows [b]{request.rows}[/b] (r) · columns [b]{request.cols}[/b] (c) · measure "
            f"[b]{MEASURE_WORDS.get(matrix.measure, matrix.measure)}[/b] (m) · empty rows "
            f"{'hidden' if request.hide_empty else 'shown'} (h) · total {matrix.total}{shown}"
        )

    def action_cycle(self, what: str) -> None:
        choices = [m for m in MEASURES if m != "excerpts"] if what == "measure" else self.axes
        current = getattr(self.request, what)
        following = (
            choices[(choices.index(current) + 1) % len(choices)]
            if current in choices
            else choices[0]
        )
        self.request = replace(self.request, **{what: following})
        self.agreement_unit = None  # back to the matrix
        self.refresh_matrix()

    def action_toggle_agreement(self) -> None:
        """Codes × agreement measures for the coders, instead of the matrix (and back)."""
        self.agreement_unit = None if self.agreement_unit else "sentence"
        self.refresh_matrix()

    def action_cycle_unit(self) -> None:
        if self.agreement_unit is not None:
            units = AGREEMENT_UNITS
            self.agreement_unit = units[(units.index(self.agreement_unit) + 1) % len(units)]
            self.refresh_matrix()

    def action_agreement_coders(self) -> None:
        """Choose the coders the agreement view compares (empty: everyone who coded)."""
        if self.agreement_unit is None:
            return

        def chosen(answer: str | None) -> None:
            if answer is None:
                return
            self.agreement_coders = [" ".join(n.split()) for n in answer.split(",") if n.strip()]
            self.refresh_matrix()

        current = ", ".join(self.agreement_coders)
        self.app.push_screen(
            Prompt("Coders to compare (A, B, …; empty for everyone)", current, allow_empty=True),
            chosen,
        )

    def _fill_agreement(self) -> None:
        request = AgreementRequest(unit=self.agreement_unit, coders=self.agreement_coders)
        found = agreement(self.project, request)
        result = found.as_json()
        table = self.query_one(DataTable)
        table.clear(columns=True)
        for key, label in AGREEMENT_COLUMNS:
            table.add_column(label, key=key)
        for index, row in enumerate(result["rows"]):
            if row.get("document") is not None:
                continue  # character units: the pooled row of each code only
            cells = [trim(row["variable"], 40)]
            for key, _ in AGREEMENT_COLUMNS[1:]:
                cells.append(_shown(row.get(key)))
            table.add_row(*cells, key=f"a{index}")
        self.query_one("#matrix-settings", Static).update(
            f"[b]agreement[/b] (g) of {', '.join(found.coders)} (o) · unit [b]{found.unit}[/b] (u) "
            f"· {found.documents} document(s) · α nominal, 95% intervals"
        )

    def action_toggle_empty(self) -> None:
        self.request = replace(self.request, hide_empty=not self.request.hide_empty)
        self.refresh_matrix()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        if self.agreement_unit is not None:
            return
        matrix = self.matrix
        row_key, col_key = event.cell_key.row_key.value, event.cell_key.column_key.value
        if matrix is None or not row_key or not col_key or not col_key.startswith("c"):
            return

        def act() -> str | None:
            if self.passages is None:
                self.passages = build_matrix(
                    self.project, replace(self.request, measure="excerpts")
                )
            row = next(h for h in self.passages.rows if f"r{h.key}" == row_key)
            col = next(h for h in self.passages.cols if f"c{h.key}" == col_key)
            # Every passage the cell counts is listed once, with the coders who coded it,
            # so the list and the number agree (cells count distinct passages).
            segments = list(self.passages.value(row.key, col.key) or [])
            coders: dict[tuple[int, int, int], list[str]] = {}
            found = []
            for e in segments:
                place = (e.document_id, e.start, e.end)
                if place not in coders:
                    coders[place] = []
                    found.append(e)
                if e.coder not in coders[place]:
                    coders[place].append(e.coder)
            sources = {}  # "Author (Year)" of each document, when one axis is documents
            if self.request.cols == "documents":
                sources = {h.key: h.label for h in self.passages.cols}
            elif self.request.rows == "documents":
                sources = {h.key: h.label for h in self.passages.rows}
            drill = self.query_one("#drill", OptionList)
            drill.clear_options()
            drill.add_options(
                Option(
                    f"{e.citation or sources.get(e.document_id, e.document_id)} · "
                    f"{', '.join(coders[(e.document_id, e.start, e.end)])} · {trim(e.text, 90)}",
                    id=f"{i}",
                )
                for i, e in enumerate(found[:500])
            )
            self.drilled = found
            count = len({e.document_id for e in found})
            self.query_one("#drill-title", Static).update(
                f"{row.label} × {col.label}: {len(found)} passage(s) in {count} source(s), "
                f"{len(segments)} segment(s) — Enter opens one in the text"
            )
            drill.display = bool(found)
            if found:
                drill.highlighted = 0
                drill.focus()
            return None if found else "no coded passage in this cell"

        notify_errors(self, act)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        excerpt = self.drilled[int(event.option.id or 0)]
        self.dismiss(Jump(excerpt.document_id, excerpt.start, excerpt.end))

    def action_export(self) -> None:
        def chosen(path: str | None) -> None:
            if not path:
                return
            def write(out: Path) -> None:
                def act() -> str:
                    export_matrix(self.project, self.request, out)
                    return f"wrote {out}"

                notify_errors(self, act)

            write_asking(self, Path(path).expanduser(), write)

        self.app.push_screen(
            Prompt("Export this matrix to (.xlsx .csv .md .json)", "matrix.xlsx"), chosen
        )

    def action_close(self) -> None:
        """Esc is "back": from a cell's passages to the table, then out of the matrix."""
        drill = self.query_one("#drill", OptionList)
        if drill.display:
            drill.display = False
            self.query_one("#drill-title", Static).update("")
            self.query_one(DataTable).focus()
            return
        self.dismiss(None)
