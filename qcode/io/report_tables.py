"""The report's tables: agreement, code frequencies, matrices and the synthesis table.

A table takes a landscape page when it does not fit the portrait text block; when it does
not fit that either, its columns are split over several tables, each repeating the row
labels, so no column is narrower than its widest header word.
"""

from __future__ import annotations

from collections.abc import Sequence

from qcode.core.matrix import Matrix, excerpt_lines
from qcode.core.report_content import AgreementSummary, Frequency
from qcode.core.report_labels import axis_words
from qcode.core.report_method import UNIT_WORDS, coefficient
from qcode.core.report_method import number as spelled
from qcode.io.word_page import new_section, page_of
from qcode.io.word_parts import shade
from qcode.io.word_tables import (
    Column,
    add_row,
    fit,
    new_table,
    table_caption,
    table_note,
    write,
)

INDENT_CM = 0.4  # per level of the code tree


def add_frequency_table(document, frequencies: Sequence[Frequency], labels) -> None:
    table_caption(document, labels["table"], labels["frequency_caption"])
    depth = max((f.depth for f in frequencies), default=0)
    columns = [
        Column("", floor_cm=0.5, cap_cm=0.5),
        Column(labels["code"], [f.name for f in frequencies], cap_cm=9.0),
        Column(labels["passages"], [str(f.passages) for f in frequencies], numeric=True),
        Column(labels["sources"], [str(f.sources) for f in frequencies], numeric=True),
    ]
    columns[1].min_cm += INDENT_CM * depth
    widths = _widths(columns, page_of(document).text_width_cm())
    table = new_table(document, [c.header for c in columns], widths, numeric=(2, 3))
    for row in frequencies:
        cells = add_row(table, widths)
        if row.colour:
            shade(cells[0], row.colour)
        write(cells[0], "")
        write(cells[1], row.name, bold=row.depth == 0, indent_cm=INDENT_CM * row.depth)
        write(cells[2], str(row.passages), align="right")
        write(cells[3], str(row.sources), align="right")
    table_note(document, labels["note"], labels["frequency_note"])


def _widths(columns: Sequence[Column], room: float) -> list[float]:
    return fit(columns, room) or [c.min_cm for c in columns]


def _number(value) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value) if value else "–"


def add_matrix(document, matrix: Matrix, labels, trimmed: bool = True) -> None:
    params = matrix.parameters
    measure = labels.get(f"measure_{matrix.measure}", matrix.measure)
    title = labels["matrix_caption"].format(
        measure=measure,
        rows=axis_words(str(params.get("rows", "")), labels),
        cols=axis_words(str(params.get("cols", "")), labels),
    )
    totals = bool(matrix.row_totals or matrix.col_totals)
    grid = [[_number(matrix.value(r.key, c.key)) for c in matrix.cols] for r in matrix.rows]
    headers = [c.label for c in matrix.cols] + ([labels["total"]] if totals else [])
    if totals:
        for row, r in zip(grid, matrix.rows, strict=True):
            row.append(_number(matrix.row_totals.get(r.key, 0)))
        grid.append(
            [_number(matrix.col_totals.get(c.key, 0)) for c in matrix.cols]
            + [_number(matrix.total)]
        )
    row_labels = [r.label for r in matrix.rows] + ([labels["total"]] if totals else [])
    depths = [r.depth for r in matrix.rows] + ([0] if totals else [])
    label_column = Column("", row_labels, cap_cm=6.0)
    label_column.min_cm += INDENT_CM * max(depths, default=0)
    columns = [
        Column(h, [row[i] for row in grid], numeric=True, cap_cm=3.0) for i, h in enumerate(headers)
    ]
    parts = _parts(document, label_column, columns)
    counting = labels.get(f"counting_{matrix.measure}", labels["counting_other"])
    note = labels["matrix_note"].format(counting=counting) if trimmed else counting
    turned = False
    for number, (landscape, chosen) in enumerate(parts, start=1):
        if landscape and not turned:
            new_section(document, landscape=True)
            turned = True
        shown = title
        if len(parts) > 1:
            shown += " " + labels["matrix_part"].format(
                first=chosen[0] + 1, last=chosen[-1] + 1, count=len(columns)
            )
        table_caption(document, labels["table"], shown)
        picked = [label_column] + [columns[i] for i in chosen]
        room = page_of(document).text_width_cm(landscape)
        widths = _widths(picked, room)
        table = new_table(
            document,
            [c.header for c in picked],
            widths,
            numeric=range(1, len(picked)),
        )
        for at, (label, depth) in enumerate(zip(row_labels, depths, strict=True)):
            cells = add_row(table, widths)
            last = totals and at == len(row_labels) - 1
            write(cells[0], label, bold=depth == 0, indent_cm=INDENT_CM * depth)
            for cell, i in zip(cells[1:], chosen, strict=True):
                write(cell, grid[at][i], bold=last, align="right")
        if number == len(parts):
            table_note(document, labels["note"], note)
    if any(landscape for landscape, _ in parts):
        new_section(document, landscape=False)


def _parts(document, label: Column, columns: list[Column]) -> list[tuple[bool, list[int]]]:
    """(landscape?, column indexes) per table: one portrait or landscape table when the
    columns fit, else landscape tables of as many columns as fit, in order."""
    page = page_of(document)
    everything = list(range(len(columns)))
    for landscape in (False, True):
        if fit([label, *columns], page.text_width_cm(landscape)) is not None:
            return [(landscape, everything)]
    room = page.text_width_cm(True) - label.min_cm
    parts: list[tuple[bool, list[int]]] = []
    current: list[int] = []
    used = 0.0
    for i, column in enumerate(columns):
        if current and used + column.min_cm > room:
            parts.append((True, current))
            current, used = [], 0.0
        current.append(i)
        used += column.min_cm
    parts.append((True, current))
    return parts


def add_synthesis(document, matrix: Matrix, labels, length: int, memos: bool = False) -> None:
    """A row per source, a column per theme: its excerpts (and memos, when asked), trimmed."""
    cells_text = {
        (r.key, c.key): [
            line
            for line in excerpt_lines(matrix.value(r.key, c.key), length)
            if memos or not line.startswith("Memo: ")
        ]
        for r in matrix.rows
        for c in matrix.cols
    }
    source = Column(labels["source"], [r.label for r in matrix.rows], cap_cm=4.0)
    columns = [
        Column(c.label, [" ".join(cells_text[(r.key, c.key)]) for r in matrix.rows])
        for c in matrix.cols
    ]
    for landscape, chosen in _parts(document, source, columns):
        del landscape  # the synthesis table is on a landscape page already
        picked = [source] + [columns[i] for i in chosen]
        widths = _widths(picked, page_of(document).text_width_cm(True))
        table_caption(document, labels["table"], labels["synthesis_caption"])
        table = new_table(document, [c.header for c in picked], widths)
        for r in matrix.rows:
            cells = add_row(table, widths)
            write(cells[0], r.label, bold=True)
            if r.detail:
                write(cells[0], r.detail, italic=True, first=False)
            for cell, i in zip(cells[1:], chosen, strict=True):
                lines = cells_text[(r.key, matrix.cols[i].key)] or [""]
                for index, line in enumerate(lines):
                    write(cell, line, italic=line.startswith("Memo: "), first=index == 0)
    table_note(document, labels["note"], labels["synthesis_note"].format(length=length))


def add_agreement_table(document, summary: AgreementSummary, labels, lang: str) -> None:
    """Per theme: units, percent agreement, κ and α with its interval (APA: no leading zero
    for coefficients bounded by 1)."""
    table_caption(document, labels["table"], labels["agreement_caption"])
    lines = summary.lines

    def percent(value):
        if value is None:
            return "–"
        shown = f"{value * 100:.1f}%"
        return shown.replace(".", ",") if lang == "id" else shown

    def alpha(line):
        if line.alpha is None:
            return "–"
        if line.alpha_ci is None:
            return coefficient(line.alpha, lang)
        low, high = (coefficient(v, lang) for v in line.alpha_ci)
        return f"{coefficient(line.alpha, lang)} [{low}, {high}]"

    cells = [
        [
            line.theme,
            f"{line.units:,}".replace(",", "." if lang == "id" else ","),
            percent(line.percent),
            coefficient(line.kappa, lang),
            alpha(line),
        ]
        for line in lines
    ]
    headers = [
        labels["theme"],
        labels["units"],
        labels["agreement_percent"],
        "κ",
        labels["alpha_ci"],
    ]
    columns = [
        Column(header, [row[i] for row in cells], numeric=i > 0, cap_cm=8.0 if i == 0 else 5.0)
        for i, header in enumerate(headers)
    ]
    widths = _widths(columns, page_of(document).text_width_cm())
    table = new_table(document, headers, widths, numeric=(1, 2, 3, 4))
    for row in cells:
        made = add_row(table, widths)
        for index, text in enumerate(row):
            write(made[index], text, align="right" if index else None)
    note = labels["agreement_note"].format(
        unit=UNIT_WORDS[lang][summary.unit], resamples=spelled(summary.resamples, lang)
    )
    table_note(document, labels["note"], note)
