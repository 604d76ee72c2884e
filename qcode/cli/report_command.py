"""``qcode report``: the Word report for a thesis chapter."""

from __future__ import annotations

import argparse
from pathlib import Path

from qcode.cli.arguments import add_json, add_project
from qcode.cli.matrix_commands import add_filters, request_from
from qcode.cli.output import print_json
from qcode.cli.progress import ProgressLine


def register(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report",
        help="write a Word report: method, codebook, frequencies, matrices, quotations, sources",
        description="A .docx with a title page, a method paragraph from the facts, the "
        "codebook table, code frequencies, matrices (by default codes × 5-year periods and × "
        "country when those attributes exist), the synthesis table, one chapter per theme "
        "with its quotations cited (Author, Year, p. N), and the list of sources. Built-in "
        "Word styles, so it restyles in Word.",
    )
    add_project(report)
    report.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.docx")
    report.add_argument("--lang", choices=["en", "id"], default="en", help="labels (default en)")
    add_filters(report)
    report.add_argument(
        "--matrix",
        action="append",
        metavar="ROWS/COLS[/MEASURE]",
        help="a matrix to include, e.g. codes/attr:year:5 or codes/coders/documents (repeat)",
    )
    add_json(report)
    report.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    from qcode.services.projects import open_project
    from qcode.services.report import make_report

    progress = ProgressLine("report")
    with open_project(args.project) as project:
        try:
            content = make_report(
                project,
                args.output,
                lang=args.lang,
                request=request_from(args),
                matrices=args.matrix,
                progress=progress,
            )
        finally:
            progress.finish()
    data = {
        "output": str(args.output),
        "sources": content.sources,
        "segments": content.segments,
        "codes": len(content.codebook.codes),
        "matrices": len(content.matrices),
        "coders": content.coders,
    }
    if args.json:
        print_json(data)
    else:
        print(
            f"wrote {args.output}: {content.sources} source(s), {content.segments} quotation(s), "
            f"{len(content.matrices)} matri{'x' if len(content.matrices) == 1 else 'ces'}"
        )
    return 0
