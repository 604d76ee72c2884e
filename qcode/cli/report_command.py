"""``qcode report``: the Word report for a thesis chapter."""

from __future__ import annotations

import argparse
from pathlib import Path

from qcode.cli.arguments import add_json, add_project, non_negative_int
from qcode.cli.matrix_commands import add_filters, request_from
from qcode.cli.output import print_json
from qcode.cli.progress import ProgressLine
from qcode.core.report_content import DEFAULT_MAX_QUOTES


def register(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report",
        help="write a Word report: method, codebook, frequencies, matrices, quotations, sources",
        description="A .docx for a thesis: a title page, a table of contents and lists of "
        "tables and figures, a method paragraph from the facts, the codebook, code frequencies "
        "with a chart, matrices (by default codes × 5-year periods and × country when those "
        "attributes exist) with a heatmap, the synthesis table, one chapter per theme with "
        "its passages cited, and the reference list (APA 7 by default, any CSL style with "
        "--style). A4 with 4/3/3/3 cm margins unless told otherwise; named Word styles, so "
        "a template (--reference-doc) restyles it.",
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
    frame = report.add_argument_group("thesis frame")
    frame.add_argument("--title", default="", help="the title page's title")
    frame.add_argument("--author", default="", help="who wrote it (default: the coders)")
    frame.add_argument("--institution", default="", help="university, faculty, programme")
    frame.add_argument("--date", default="", help="the date shown (default: today)")
    frame.add_argument("--paper", choices=["a4", "letter"], help="paper size (default a4)")
    frame.add_argument(
        "--margins",
        type=_margins,
        metavar="L,T,R,B",
        help="margins in cm, left,top,right,bottom (default 4,3,3,3)",
    )
    frame.add_argument(
        "--reference-doc",
        metavar="FILE.docx",
        help="build on this Word file's styles, page setup, headers and footers",
    )
    frame.add_argument(
        "--style", default="apa", metavar="NAME|FILE.csl", help="CSL citation style (apa)"
    )
    frame.add_argument("--memos", action="store_true", help="print memos under their passages")
    frame.add_argument(
        "--max-quotes",
        type=non_negative_int,
        default=DEFAULT_MAX_QUOTES,
        metavar="N",
        help="quote at most N passages in all, spread over themes and sources "
        f"(default {DEFAULT_MAX_QUOTES:,}; 0 quotes every one)",
    )
    frame.add_argument(
        "--keep-empty", action="store_true", help="keep empty matrix rows and columns"
    )
    add_json(report)
    report.set_defaults(handler=run_report)


def _margins(text: str) -> tuple[float, float, float, float]:
    try:
        values = tuple(float(part) for part in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 4 or not all(0 <= v <= 10 for v in values):
        raise argparse.ArgumentTypeError(
            f"{text!r}: give four margins in cm, left,top,right,bottom, e.g. 4,3,3,3"
        )
    return values  # type: ignore[return-value]


def run_report(args: argparse.Namespace) -> int:
    from qcode.core.report_content import Frame
    from qcode.services.projects import open_project
    from qcode.services.report import make_report

    frame = Frame(
        title=args.title,
        author=args.author,
        institution=args.institution,
        date=args.date,
        paper=args.paper,
        margins=args.margins,
        reference_doc=args.reference_doc,
        style=args.style,
        memos=args.memos,
        keep_empty=args.keep_empty,
        max_quotes=args.max_quotes,
    )
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
                frame=frame,
            )
        finally:
            progress.finish()
    data = {
        "output": str(args.output),
        "sources": content.sources,
        "passages": content.coding.passages,
        "segments": content.segments,
        "codes": len(content.codebook.codes),
        "matrices": len(content.matrices),
        "coders": content.coders,
        "quoted": sum(len(theme.quotations()) for theme in content.themes),
        "quotable": sum(len(theme.passages) for theme in content.themes),
    }
    if args.json:
        print_json(data)
    else:
        capped = ""
        if data["quoted"] < data["quotable"]:
            capped = f" ({data['quoted']:,} of {data['quotable']:,} quoted; see --max-quotes)"
        print(
            f"wrote {args.output}: {content.sources} source(s), "
            f"{content.coding.passages} coded passage(s){capped}, "
            f"{len(content.matrices)} matri{'x' if len(content.matrices) == 1 else 'ces'}"
        )
    return 0
