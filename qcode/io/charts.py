"""Figures for the report and ``qcode chart``, drawn by matplotlib without a display.

- code frequencies: a horizontal bar per theme in the codebook's colours (Okabe–Ito where a
  code has none), each bar labelled with its count so it reads in greyscale;
- codes × period: a heatmap in cividis (colour-blind safe, monotone in lightness) with the
  count printed in every cell;
- sources per year: bars, one per year.

Written as PNG (300 dpi, for print), SVG or PDF.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from qcode.core.errors import UsageError

FORMATS = ("png", "svg", "pdf")
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
DPI = 300


@dataclass(frozen=True, slots=True)
class Bars:
    title: str
    labels: Sequence[str]
    values: Sequence[int]
    colours: Sequence[str | None] = ()
    axis_label: str = ""


@dataclass(frozen=True, slots=True)
class Heat:
    title: str
    rows: Sequence[str]
    cols: Sequence[str]
    values: Sequence[Sequence[int]]
    axis_label: str = ""


def _figure(width_in: float, height_in: float):
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width_in, height_in), layout="constrained")
    figure.patch.set_facecolor("white")
    return figure


def horizontal_bars(chart: Bars):
    from matplotlib.ticker import MaxNLocator

    figure = _figure(6.3, max(1.6, 0.42 * len(chart.labels) + 0.8))
    axes = figure.add_subplot()
    colours = [
        colour or OKABE_ITO[i % len(OKABE_ITO)]
        for i, colour in enumerate(list(chart.colours) or [None] * len(chart.labels))
    ]
    positions = range(len(chart.labels))
    axes.barh(positions, chart.values, color=colours, edgecolor="black", linewidth=0.6)
    axes.set_yticks(list(positions), labels=[_wrapped(label) for label in chart.labels])
    axes.invert_yaxis()
    top = max(chart.values, default=0) or 1
    for y, value in zip(positions, chart.values, strict=True):
        axes.text(value + top * 0.01, y, str(value), va="center", fontsize=9)
    axes.set_xlim(0, top * 1.12)
    axes.set_xlabel(chart.axis_label)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    _plain(axes)
    return figure


def vertical_bars(chart: Bars):
    from matplotlib.ticker import MaxNLocator

    figure = _figure(6.3, 2.8)
    axes = figure.add_subplot()
    positions = range(len(chart.labels))
    axes.bar(positions, chart.values, color="#0072B2", edgecolor="black", linewidth=0.6)
    axes.set_xticks(list(positions), labels=list(chart.labels))
    if len(chart.labels) > 12:
        axes.tick_params(axis="x", labelrotation=90)
    top = max(chart.values, default=0) or 1
    for x, value in zip(positions, chart.values, strict=True):
        axes.text(x, value + top * 0.02, str(value), ha="center", fontsize=8)
    axes.set_ylim(0, top * 1.15)
    axes.set_ylabel(chart.axis_label)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    _plain(axes)
    return figure


def heatmap(chart: Heat):
    rows, cols = len(chart.rows), len(chart.cols)
    figure = _figure(min(9.0, 2.6 + 0.9 * cols), max(1.8, 0.42 * rows + 1.0))
    axes = figure.add_subplot()
    image = axes.imshow(chart.values, cmap="cividis", aspect="auto")
    axes.set_xticks(range(cols), labels=list(chart.cols))
    axes.set_yticks(range(rows), labels=[_wrapped(label) for label in chart.rows])
    top = max((max(row, default=0) for row in chart.values), default=0) or 1
    for y, row in enumerate(chart.values):
        for x, value in enumerate(row):
            dark = value < top * 0.55  # cividis is dark at the low end
            axes.text(
                x,
                y,
                str(value),
                ha="center",
                va="center",
                fontsize=9,
                color="white" if dark else "black",
            )
    figure.colorbar(image, ax=axes, label=chart.axis_label, shrink=0.8)
    axes.tick_params(length=0)
    return figure


def _plain(axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=9)


def _wrapped(label: str, width: int = 28) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(label, width)) or label


def image_bytes(figure, fmt: str = "png") -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=DPI, facecolor="white")
    return buffer.getvalue()


def save(figure, out: Path) -> None:
    """Write ``figure`` to ``out`` as PNG, SVG or PDF (by its suffix), whole or not at all."""
    from qcode.io.atomic import atomic_output

    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UsageError(f"{out}: write a chart as .png, .svg or .pdf")
    data = image_bytes(figure, fmt)
    with atomic_output(out) as scratch:
        Path(scratch).write_bytes(data)
