"""``qcode matrix``, ``qcode excerpts`` and ``qcode synthesis``: coded tables for the thesis."""

from __future__ import annotations

import argparse
from pathlib import Path

from qcode.cli.arguments import add_json, add_project
from qcode.cli.output import print_json, print_table, shorten


def add_filters(parser: argparse.ArgumentParser) -> None:
    """Options that choose the segments counted: shared by matrix, excerpts, synthesis, report."""
    parser.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="only documents matching (repeat: all must hold), e.g. country=Indonesia, year>=2015",
    )
    parser.add_argument(
        "--coder",
        dest="coders",
        action="append",
        default=[],
        metavar="NAME",
        help="only this coder's segments (repeat for several)",
    )
    parser.add_argument(
        "--codes", nargs="+", default=[], metavar="CODE", help="only these codes and sub-codes"
    )
    parser.add_argument(
        "--manual-only", action="store_true", help="leave out accepted auto-coding suggestions"
    )


def register(commands: argparse._SubParsersAction) -> None:
    matrix = commands.add_parser(
        "matrix",
        help="count coding in a table: codes × documents, years, countries, coders or codes",
        description="Rows and columns: codes, documents, coders, attr:NAME or attr:NAME:WIDTH "
        "(numeric values in bins, e.g. attr:year:5 gives 2010–2014, 2015–2019). A parent code "
        "counts its sub-codes' coding. Codes × codes counts co-occurrence (--cooccurrence). "
        "Without -o the table is printed (--format); -o writes .csv .xlsx .md .json or .tex.",
    )
    add_project(matrix)
    matrix.add_argument("--rows", default="codes", metavar="AXIS")
    matrix.add_argument("--cols", default="documents", metavar="AXIS")
    matrix.add_argument(
        "--measure",
        default="segments",
        choices=["segments", "documents", "chars", "presence", "excerpts"],
    )
    add_filters(matrix)
    matrix.add_argument(
        "--cooccurrence",
        default="overlap",
        choices=["overlap", "near", "sentence", "paragraph", "document"],
        help="codes × codes: what counts as occurring together (default overlap)",
    )
    matrix.add_argument("--near", type=int, default=0, metavar="N", help="characters, for near")
    matrix.add_argument(
        "--normalise", action="store_true", help="codes × codes: the c-coefficient (0–1)"
    )
    matrix.add_argument("--hide-empty", action="store_true", help="leave out empty rows")
    matrix.add_argument("--sort", choices=["order", "label", "total"], default="order")
    matrix.add_argument(
        "--format",
        choices=["plain", "github", "tsv", "latex"],
        default="plain",
        help="the printed table: aligned text, a GitHub pipe table, TSV or LaTeX (booktabs)",
    )
    matrix.add_argument("-o", "--output", type=Path, metavar="OUT")
    add_json(matrix)
    matrix.set_defaults(handler=run_matrix)

    excerpts = commands.add_parser(
        "excerpts",
        help="write every coded segment as a row (.csv or .xlsx) with its document's attributes",
    )
    add_project(excerpts)
    add_filters(excerpts)
    excerpts.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")
    add_json(excerpts)
    excerpts.set_defaults(handler=run_excerpts)

    synthesis = commands.add_parser(
        "synthesis",
        help="the 'previous studies' table: one row per source, one column per code, excerpts",
    )
    add_project(synthesis)
    add_filters(synthesis)
    synthesis.add_argument(
        "--length", type=int, default=200, metavar="N", help="trim excerpts to N characters"
    )
    synthesis.add_argument("--lang", choices=["en", "id"], default="en", help="labels in .docx")
    synthesis.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")
    add_json(synthesis)
    synthesis.set_defaults(handler=run_synthesis)


def request_from(args: argparse.Namespace, **more):
    from qcode.services.matrices import MatrixRequest

    return MatrixRequest(
        where=args.where,
        coders=args.coders,
        codes=args.codes,
        manual_only=args.manual_only,
        **more,
    )


def run_matrix(args: argparse.Namespace) -> int:
    from qcode.io.matrix_files import cell_text
    from qcode.services.excerpts import export_matrix
    from qcode.services.matrices import build_matrix
    from qcode.services.projects import open_project

    request = request_from(
        args,
        rows=args.rows,
        cols=args.cols,
        measure=args.measure,
        cooccurrence=args.cooccurrence,
        near=args.near,
        normalise=args.normalise,
        hide_empty=args.hide_empty,
        sort=args.sort,
    )
    with open_project(args.project) as project:
        if args.output is not None:
            matrix = export_matrix(project, request, args.output)
        else:
            matrix = build_matrix(project, request)
    if args.json and args.output is None:
        print_json(matrix.to_json())
        return 0
    if args.output is not None:
        shape = {"output": str(args.output), "rows": len(matrix.rows), "cols": len(matrix.cols)}
        if args.json:
            print_json(shape)
        else:
            print(f"wrote {args.output}: {len(matrix.rows)} rows × {len(matrix.cols)} columns")
        return 0
    if args.format != "plain":
        from qcode.io.matrix_files import text_table

        print(text_table(matrix, args.format))
        return 0
    totals = bool(matrix.row_totals or matrix.col_totals) and not matrix.textual
    headers = ["", *[shorten(c.label, 18) for c in matrix.cols]] + (["Total"] if totals else [])
    rows = []
    for r in matrix.rows:
        label = "  " * r.depth + shorten(r.label, 40)
        cells = [
            shorten(cell_text(matrix, matrix.value(r.key, c.key), 40), 40) for c in matrix.cols
        ]
        rows.append([label, *cells] + ([matrix.row_totals.get(r.key, 0)] if totals else []))
    if totals and matrix.col_totals:
        rows.append(
            ["Total", *[matrix.col_totals.get(c.key, 0) for c in matrix.cols], matrix.total]
        )
    print_table(headers, rows)
    return 0


def run_excerpts(args: argparse.Namespace) -> int:
    from qcode.services.excerpts import export_excerpts
    from qcode.services.projects import open_project

    with open_project(args.project) as project:
        count = export_excerpts(project, args.output, request_from(args))
    if args.json:
        print_json({"output": str(args.output), "excerpts": count})
    else:
        print(f"wrote {args.output}: {count} excerpt(s)")
    return 0


def run_synthesis(args: argparse.Namespace) -> int:
    from qcode.services.projects import open_project
    from qcode.services.synthesis import export_synthesis

    with open_project(args.project) as project:
        matrix = export_synthesis(
            project, args.output, request_from(args), length=args.length, lang=args.lang
        )
    if args.json:
        print_json(
            {"output": str(args.output), "sources": len(matrix.rows), "codes": len(matrix.cols)}
        )
    else:
        print(f"wrote {args.output}: {len(matrix.rows)} source(s) × {len(matrix.cols)} code(s)")
    return 0
