"""``qcode export``: the whole project as a REFI-QDA file for other tools."""

from __future__ import annotations

import argparse
from pathlib import Path

from qcode.cli.arguments import add_json, split_project
from qcode.cli.output import print_json
from qcode.core.errors import UsageError

DESCRIPTION = """Write the project as a REFI-QDA project (.qdpx) that NVivo, ATLAS.ti, MAXQDA and
QualCoder open: documents with their text, the codebook (same GUIDs every time), coded segments,
memos as notes, attributes as variables, coders as users. The file is checked against the
REFI-QDA schema before it is written, and exporting twice gives the same bytes. Tables go
out with 'qcode excerpts' and 'qcode matrix', codebooks alone with 'qcode codebook export'."""


def register(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "export", help="write the whole project as REFI-QDA (.qdpx)", description=DESCRIPTION
    )
    command.add_argument("items", nargs="+", metavar="PROJECT OUT.qdpx")
    command.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="only documents matching (repeat: all must hold), e.g. country=Indonesia",
    )
    command.add_argument(
        "--coder",
        dest="coders",
        action="append",
        default=[],
        metavar="NAME",
        help="only this coder's segments and memos (repeat for several)",
    )
    add_json(command)
    command.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from qcode.services.projects import open_project
    from qcode.services.qdpx_export import export_qdpx

    project_ref, (out,) = split_project(args.items, 1)
    path = Path(out)
    if path.suffix.lower() != ".qdpx":
        raise UsageError(
            f"{out}: qcode export writes REFI-QDA projects (.qdpx); tables go out with "
            "'qcode excerpts' or 'qcode matrix', codebooks with 'qcode codebook export'"
        )
    with open_project(project_ref) as project:
        summary = export_qdpx(project, path, where=args.where, coders=args.coders)
    if args.json:
        print_json(summary.as_json())
    else:
        print(
            f"Wrote {summary.path}: {summary.sources} document(s), {summary.codes} code(s), "
            f"{summary.selections} coded segment(s), {summary.notes} memo(s), "
            f"{summary.users} coder(s), {summary.variables} attribute(s)"
        )
    return 0
