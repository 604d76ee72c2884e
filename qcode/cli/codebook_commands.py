"""``qcode codebook load|export|show|validate|diff|merge|new``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from qcode.cli.arguments import add_json, split_project
from qcode.cli.codebook_output import (
    code_json,
    diff_json,
    load_json,
    print_diff,
    print_load,
    print_tree,
)
from qcode.cli.output import print_json, warn

if TYPE_CHECKING:
    from qcode.core.codebook import Codebook

FORMATS = ".yaml .qdc .csv .xlsx"


def register(commands: argparse._SubParsersAction) -> None:
    group = commands.add_parser(
        "codebook",
        help="write, share, load and compare codebooks",
        description="Codebooks: YAML (native), REFI-QDA .qdc, CSV and XLSX; Word for reading.",
    )
    sub = group.add_subparsers(dest="codebook_command", metavar="ACTION", required=True)

    load = sub.add_parser(
        "load",
        help="load a codebook file into a project",
        description=f"Load a codebook ({FORMATS}) into a project. Codes are matched to the "
        "project's by GUID, then path, then name; renames and moves keep their coding. Codes "
        "missing from the file are retired (kept, hidden from new coding); with --prune those "
        "with no coded segments are deleted. Nothing in use is ever deleted.",
    )
    load.add_argument("items", nargs="+", metavar="PROJECT FILE")
    load.add_argument(
        "--dry-run", action="store_true", help="report what would change; write nothing"
    )
    load.add_argument(
        "--prune", action="store_true", help="delete missing codes that have no segments"
    )
    load.add_argument(
        "--split-on", metavar="SEP", help="nest flat names on SEP, e.g. '.' (for .qdc)"
    )
    add_json(load)
    load.set_defaults(handler=run_load)

    export = sub.add_parser(
        "export",
        help="write the project's codebook to a file",
        description="Write the project's codebook; the format follows OUT's extension: "
        ".yaml .qdc .csv .xlsx .docx (a Word document to read and print).",
    )
    export.add_argument("items", nargs="+", metavar="PROJECT OUT")
    export.add_argument("--lang", choices=["en", "id"], default="en", help="labels in the .docx")
    export.set_defaults(handler=run_export)

    show = sub.add_parser("show", help="print the project's code tree")
    show.add_argument("project", nargs="?", metavar="PROJECT")
    add_json(show)
    show.set_defaults(handler=run_show)

    validate = sub.add_parser(
        "validate", help="check a codebook file", description=f"Check a codebook file ({FORMATS})."
    )
    validate.add_argument("file", type=Path, metavar="FILE")
    validate.add_argument("--split-on", metavar="SEP", help="nest flat names on SEP (for .qdc)")
    add_json(validate)
    validate.set_defaults(handler=run_validate)

    diff = sub.add_parser(
        "diff",
        help="compare two codebooks (files or projects)",
        description="Show what changed from A to B: codes added, removed, renamed, moved, "
        "definitions (word by word) and keywords; and codes that look like duplicates.",
    )
    diff.add_argument("first", metavar="A")
    diff.add_argument("second", metavar="B")
    add_json(diff)
    diff.set_defaults(handler=run_diff)

    merge = sub.add_parser(
        "merge",
        help="merge two codebooks, marking conflicts",
        description="Merge B into A and write OUT. Clear changes are applied; conflicts (both "
        "changed a field differently, or two codes look like the same) are written into OUT "
        "(.yaml) as marked choices. Give --base, the codebook both started from, to tell who "
        "changed what.",
    )
    merge.add_argument("first", metavar="A")
    merge.add_argument("second", metavar="B")
    merge.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")
    merge.add_argument("--base", metavar="BASE", help="the common ancestor of A and B")
    add_json(merge)
    merge.set_defaults(handler=run_merge)

    new = sub.add_parser("new", help="write a starter codebook file to fill in")
    new.add_argument("file", type=Path, metavar="FILE")
    new.set_defaults(handler=run_new)


def run_load(args: argparse.Namespace) -> int:
    from qcode.services.codebooks import load_codebook
    from qcode.services.coders import current_coder
    from qcode.services.projects import open_project

    project_ref, (file,) = split_project(args.items, 1)
    with open_project(project_ref) as project:
        report = load_codebook(
            project,
            Path(file),
            coder=current_coder(args.coder),
            dry_run=args.dry_run,
            prune=args.prune,
            split_on=args.split_on,
        )
    if args.json:
        print_json(load_json(report))
        return 0
    for message in report.warnings:
        warn(message)
    print_load(report)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from qcode.services.codebooks import export_codebook
    from qcode.services.projects import open_project

    project_ref, (out,) = split_project(args.items, 1)
    with open_project(project_ref) as project:
        codebook = export_codebook(project, Path(out), args.lang)
    print(f"Wrote {len(codebook.codes)} codes to {out}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from qcode.services.codebooks import project_codebook
    from qcode.services.projects import open_project

    with open_project(args.project) as project:
        codebook, usage = project_codebook(project)
    if args.json:
        print_json(_codebook_json(codebook, usage))
    elif not codebook.codes:
        print("The project has no codebook yet; load one with 'qcode codebook load'.")
    else:
        print_tree(codebook, usage)
    return 0


def _codebook_json(codebook: Codebook, usage: dict[str, int]) -> dict[str, object]:
    return {
        "title": codebook.title,
        "version": codebook.version,
        "authors": list(codebook.authors),
        "languages": list(codebook.languages),
        "licence": codebook.licence,
        "codes": [code_json(codebook, code, usage) for _, code in codebook.walk()],
    }


def run_validate(args: argparse.Namespace) -> int:
    from qcode.services.codebooks import check_file

    checked = check_file(args.file, args.split_on)
    valid = not checked.errors
    if args.json:
        print_json(
            {
                "file": str(args.file),
                "valid": valid,
                "codes": len(checked.codebook.codes),
                "problems": [
                    {"line": p.line, "message": p.message, "error": p.error}
                    for p in checked.problems
                ],
            }
        )
    else:
        for message in checked.messages():
            print(message)
        if valid:
            print(f"{args.file}: valid, {len(checked.codebook.codes)} codes")
        else:
            print(f"{args.file}: {len(checked.errors)} error(s)")
    return 0 if valid else 1


def run_diff(args: argparse.Namespace) -> int:
    from qcode.services.codebooks import diff

    result = diff(args.first, args.second)
    if args.json:
        print_json(diff_json(result))
    else:
        print_diff(result, args.first, args.second)
    return 0


def run_merge(args: argparse.Namespace) -> int:
    from qcode.services.codebooks import merge

    result = merge(args.first, args.second, args.output, args.base)
    paths = result.codebook.paths()
    conflicts = [
        {
            "code": paths.get(c.guid, "(codebook)"),
            "field": c.field,
            "ours": c.ours,
            "theirs": c.theirs,
            "note": c.note,
        }
        for c in result.conflicts
    ]
    if args.json:
        print_json({"output": str(args.output), "applied": result.applied, "conflicts": conflicts})
        return 0
    for line in result.applied:
        print(f"applied: {line}")
    for conflict in conflicts:
        print(f"CONFLICT: {conflict['code']}: {conflict['field']}")
    print(
        f"Wrote {args.output}: {len(result.applied)} change(s) applied, "
        f"{len(conflicts)} conflict(s) to resolve"
        + (" (marked under 'conflicts:' in the file)" if conflicts else "")
    )
    return 0


def run_new(args: argparse.Namespace) -> int:
    from qcode.services.codebooks import new_codebook_file

    new_codebook_file(args.file)
    print(f"Wrote a starter codebook to {args.file}")
    print(f"Edit it, then check it with: qcode codebook validate {args.file}")
    return 0
