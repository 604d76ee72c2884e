"""The report's figures: the charts of ``io.charts`` from the report's numbers, embedded at
print resolution under an APA caption ("Figure 1" over an italic title)."""

from __future__ import annotations

import io

from qcode.core.matrix import Matrix
from qcode.core.report_content import ReportContent
from qcode.io.charts import Bars, Heat, heatmap, horizontal_bars, image_bytes, vertical_bars
from qcode.io.word_page import page_of, styled
from qcode.io.word_parts import field_run, next_number


def frequency_figure(content: ReportContent, labels: dict[str, str]):
    themes = [f for f in content.frequencies if f.depth == 0]
    return horizontal_bars(
        Bars(
            labels["figure_frequencies"],
            [f.name for f in themes],
            [f.passages for f in themes],
            [f.colour for f in themes],
            labels["measure_segments"],
        )
    )


def years_figure(content: ReportContent, labels: dict[str, str]):
    years = content.sources_per_year
    first, last = min(years), max(years)
    span = range(first, last + 1) if last - first <= 40 else sorted(years)
    return vertical_bars(
        Bars(
            labels["figure_years"],
            [str(y) for y in span],
            [years.get(y, 0) for y in span],
            axis_label=labels["sources"],
        )
    )


def period_figure(matrix: Matrix | None, labels: dict[str, str]):
    """Themes × periods, or None when nothing is coded in any period."""
    if matrix is None:
        return None
    rows = [r for r in matrix.rows if r.depth == 0]
    cols = [c for c in matrix.cols if any(matrix.value(r.key, c.key) for r in rows)]
    rows = [r for r in rows if any(matrix.value(r.key, c.key) for c in cols)]
    if not rows or not cols:
        return None
    return heatmap(
        Heat(
            labels["figure_periods"],
            [r.label for r in rows],
            [c.label for c in cols],
            [[int(matrix.value(r.key, c.key)) for c in cols] for r in rows],
            labels["measure_segments"],
        )
    )


def add_figure(document, labels: dict[str, str], title: str, figure) -> None:
    from docx.shared import Cm

    caption = styled(document, document, "Caption")
    caption.add_run(f"{labels['figure']} ").bold = True
    number = caption.add_run()
    number.bold = True
    field_run(number, f"SEQ {labels['figure']} \\* ARABIC", str(next_number(document, "figure")))
    caption.add_run().add_break()
    caption.add_run(title).italic = True
    caption.paragraph_format.keep_with_next = True
    section = document.sections[-1]
    room = (section.page_width - section.left_margin - section.right_margin) / 360000
    width_in = figure.get_figwidth()
    width = min(room, width_in * 2.54, page_of(document).text_width_cm(landscape=True))
    document.add_picture(io.BytesIO(image_bytes(figure)), width=Cm(width))
    document.paragraphs[-1].alignment = 1
