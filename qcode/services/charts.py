"""``qcode chart``: the report's figures on their own, as PNG, SVG or PDF."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from qcode.core.errors import UsageError
from qcode.core.report_labels import labels_for
from qcode.io.charts import FORMATS, Bars, Heat, heatmap, horizontal_bars, save, vertical_bars
from qcode.services.matrices import MatrixRequest, build_matrix

KINDS = ("frequencies", "periods", "years")


def make_chart(
    project,
    kind: str,
    out: Path,
    request: MatrixRequest | None = None,
    lang: str = "en",
    width: int = 5,
) -> str:
    """Draw the chart ``kind`` into ``out``; return its title."""
    labels = labels_for(lang)
    if kind not in KINDS:
        raise UsageError(f"unknown chart {kind!r}: use {', '.join(KINDS)}")
    if out.suffix.lower().lstrip(".") not in FORMATS:
        raise UsageError(f"{out}: write a chart as .png, .svg or .pdf")
    if width < 1:
        raise UsageError("--width: periods are at least one year wide")
    request = request or MatrixRequest()
    if kind == "frequencies":
        matrix = build_matrix(project, replace(request, cols="coders"))
        themes = [h for h in matrix.rows if h.depth == 0 or request.codes]
        title = labels["figure_frequencies"]
        figure = horizontal_bars(
            Bars(
                title,
                [h.label for h in themes],
                [int(matrix.row_totals.get(h.key, 0)) for h in themes],
                [h.colour for h in themes],
                labels["measure_segments"],
            )
        )
    elif kind == "periods":
        matrix = build_matrix(project, replace(request, cols=f"attr:year:{width}"))
        matrix = matrix.without_empty_rows().without_empty_cols()
        rows = [h for h in matrix.rows if h.depth == 0 or request.codes]
        if not rows or not matrix.cols:
            raise UsageError("nothing coded in documents with a year; no chart was drawn")
        title = labels["figure_periods"]
        figure = heatmap(
            Heat(
                title,
                [h.label for h in rows],
                [c.label for c in matrix.cols],
                [[int(matrix.value(r.key, c.key)) for c in matrix.cols] for r in rows],
                labels["measure_segments"],
            )
        )
    else:
        matrix = build_matrix(
            project, replace(request, rows="attr:year", cols="coders", measure="documents")
        )
        years = {int(h.key): int(matrix.row_totals.get(h.key, 0)) for h in matrix.rows}
        years = {y: n for y, n in years.items() if n}
        if not years:
            raise UsageError("no coded document has a year; no chart was drawn")
        span = range(min(years), max(years) + 1)
        title = labels["figure_years"]
        figure = vertical_bars(
            Bars(
                title,
                [str(y) for y in span],
                [years.get(y, 0) for y in span],
                axis_label=labels["sources"],
            )
        )
    save(figure, out)
    return title
