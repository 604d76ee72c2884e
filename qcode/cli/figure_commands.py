"""``qcode chart`` and ``qcode frequencies``: the report's figures and frequency table on
their own, for a thesis written in Word or LaTeX."""

from __future__ import annotations

import argparse
from pathlib import Path

from qcode.cli.arguments import add_json, add_project
from qcode.cli.matrix_commands import add_filters, request_from
from qcode.cli.output import print_json


def register(commands: argparse._SubParsersAction) -> None:
    chart = commands.add_parser(
        "chart",
        help="draw a figure: code frequencies, codes × period heatmap, sources per year",
        description="KIND is frequencies (a bar per theme, in the codebook's colours), "
        "periods (themes × year periods, a heatmap) or years (sources per year). OUT ends in "
        ".png (300 dpi), .svg or .pdf.",
    )
    add_project(chart)
    chart.add_argument("kind", choices=["frequencies", "periods", "years"], metavar="KIND")
    chart.add_argument("output", type=Path, metavar="OUT")
    chart.add_argument("--width", type=int, default=5, help="years per period (default 5)")
    chart.add_argument("--lang", choices=["en", "id"], default="en", help="labels")
    add_filters(chart)
    add_json(chart)
    chart.set_defaults(handler=run_chart)

    frequencies = commands.add_parser(
        "frequencies",
        help="coded passages and sources per code (a theme counts a passage once)",
        description="Printed as a table (--format github, tsv or latex) or written with -o "
        "as .tex (a booktabs table in a document that compiles), .md, .tsv or .csv.",
    )
    add_project(frequencies)
    add_filters(frequencies)
    frequencies.add_argument(
        "--format", choices=["plain", "github", "tsv", "latex"], default="plain"
    )
    frequencies.add_argument("--lang", choices=["en", "id"], default="en", help="labels")
    frequencies.add_argument("-o", "--output", type=Path, metavar="OUT")
    add_json(frequencies)
    frequencies.set_defaults(handler=run_frequencies)


def run_chart(args: argparse.Namespace) -> int:
    from qcode.services.charts import make_chart
    from qcode.services.projects import open_project

    with open_project(args.project) as project:
        title = make_chart(
            project, args.kind, args.output, request_from(args), args.lang, args.width
        )
    if args.json:
        print_json({"output": str(args.output), "kind": args.kind, "title": title})
    else:
        print(f"wrote {args.output}: {title}")
    return 0


def run_frequencies(args: argparse.Namespace) -> int:
    from qcode.cli.output import print_table
    from qcode.services.frequencies import code_frequencies, frequency_text, write_frequencies
    from qcode.services.projects import open_project

    with open_project(args.project) as project:
        found = code_frequencies(project, request_from(args))
    if args.output is not None:
        write_frequencies(found, args.output, args.lang)
    if args.json:
        print_json(
            [
                {"code": f.name, "depth": f.depth, "passages": f.passages, "sources": f.sources}
                for f in found
            ]
        )
    elif args.output is not None:
        print(f"wrote {args.output}: {len(found)} code(s)")
    elif args.format == "plain":
        rows = [["  " * f.depth + f.name, f.passages, f.sources] for f in found]
        print_table(["Code", "Passages", "Sources"], rows)
    else:
        print(frequency_text(found, args.format, args.lang))
    return 0
