"""``qcode init``, ``config``, ``clone`` and ``merge``."""

from __future__ import annotations

import argparse

from qcode.cli.arguments import add_json, add_project
from qcode.cli.output import print_json


def register(commands: argparse._SubParsersAction) -> None:
    init = commands.add_parser(
        "init",
        help="create a new, empty project",
        description="Create a new project: a SQLite file (refused if it exists) or an empty "
        "PostgreSQL database given as postgresql+psycopg://user@host/db.",
    )
    add_project(init)
    add_json(init)
    init.set_defaults(handler=run_init)
    register_team(commands)


def run_init(args: argparse.Namespace) -> int:
    from qcode.services.projects import init_project

    with init_project(args.project) as project:
        where = project.location.display()
    if args.json:
        print_json({"project": where, "created": True})
    else:
        print(f"Created project {where}")
    return 0


def register_team(commands: argparse._SubParsersAction) -> None:
    config = commands.add_parser(
        "config",
        help="show or change the project's settings (blind coding, consensus coder, description)",
        description="With no NAME=VALUE, list the settings. blind=on|off: while on, each "
        "coder sees and changes only their own segments and memos (on a SQLite file anyone "
        "with the file can turn it off again). consensus_coder=NAME: who consensus decisions "
        "are recorded as (default 'consensus').",
    )
    config.add_argument("items", nargs="*", metavar="[PROJECT] NAME=VALUE")
    add_json(config)
    config.set_defaults(handler=run_config)

    clone = commands.add_parser(
        "clone",
        help="copy a project, or start a second coder on a blank copy",
        description="Write NEW (refused if it exists) from PROJECT. --blank keeps the "
        "documents, attributes, codebook (same GUIDs) and settings, with no coding, memos, "
        "decisions or history, for a colleague to code independently; merge it back with "
        "'qcode merge'.",
    )
    clone.add_argument("items", nargs="+", metavar="PROJECT NEW")
    clone.add_argument("--blank", action="store_true", help="no coding, memos or history")
    add_json(clone)
    clone.set_defaults(handler=run_clone)

    merge = commands.add_parser(
        "merge",
        help="bring other coders' projects into this one",
        description="Merge each SOURCE into TARGET in one transaction and one undo step: "
        "documents matched by uuid then text, codes by GUID then path, coders by name. "
        "Segments, memos, decisions on suggestions and missing attribute values come in; "
        "differences are reported and this project's values kept. Merging again adds nothing. "
        "A SOURCE may be a REFI-QDA project (.qdpx) from another tool.",
    )
    merge.add_argument("items", nargs="+", metavar="TARGET SOURCE")
    merge.add_argument("--dry-run", action="store_true", help="report only; change nothing")
    merge.add_argument(
        "--codebook", action="store_true", help="also merge the sources' codebook differences"
    )
    merge.add_argument(
        "--offsets",
        choices=["auto", "codepoints", "utf16"],
        default="auto",
        help=".qdpx sources: how selections count characters (auto: UTF-16 for NVivo)",
    )
    merge.add_argument(
        "--skip-bad", action="store_true", help=".qdpx sources: leave out what cannot be placed"
    )
    add_json(merge)
    merge.set_defaults(handler=run_merge)


def run_config(args: argparse.Namespace) -> int:
    from qcode.services.coders import current_coder
    from qcode.services.projects import open_project
    from qcode.services.settings import DESCRIPTIONS, configure, project_settings

    items = list(args.items)
    project_ref = items.pop(0) if items and "=" not in items[0] else None
    with open_project(project_ref) as project:
        if items:
            settings = configure(project, items, coder=current_coder(args.coder))
        else:
            settings = project_settings(project)
    if args.json:
        print_json(settings)
    else:
        for name, value in sorted(settings.items()):
            print(f"{name} = {value}    # {DESCRIPTIONS.get(name, '')}")
    return 0


def run_clone(args: argparse.Namespace) -> int:
    from qcode.cli.arguments import split_project
    from qcode.services.cloning import clone_project
    from qcode.services.coders import current_coder
    from qcode.services.projects import open_project

    project_ref, (new,) = split_project(args.items, 1)
    with open_project(project_ref) as project:
        report = clone_project(project, new, blank=args.blank, coder=current_coder(args.coder))
    if args.json:
        print_json({"project": report.target, "blank": report.blank, "rows": report.copied})
    else:
        copied = report.copied
        kind = "blank copy" if report.blank else "copy"
        print(
            f"Wrote {kind} {report.target}: {copied.get('documents', 0)} document(s), "
            f"{copied.get('codes', 0)} code(s), {copied.get('segments', 0)} segment(s)"
        )
    return 0


def run_merge(args: argparse.Namespace) -> int:
    from qcode.cli.qdpx_output import print_merge, print_qdpx
    from qcode.services.coders import current_coder
    from qcode.services.merging import merge_projects
    from qcode.services.projects import open_project
    from qcode.services.qdpx_import import QdpxImport, is_qdpx, merge_with_qdpx

    if len(args.items) < 2:
        from qcode.core.errors import UsageError

        raise UsageError("expected TARGET and at least one SOURCE project")
    target_ref, sources = args.items[0], args.items[1:]
    with open_project(target_ref) as project:
        coder = current_coder(args.coder)
        if any(is_qdpx(s) for s in sources):
            reports = merge_with_qdpx(
                project, sources, coder=coder, offsets=args.offsets, skip_bad=args.skip_bad,
                codebook=args.codebook, dry_run=args.dry_run,
            )  # fmt: skip
        else:
            reports = merge_projects(
                project, sources, coder=coder, dry_run=args.dry_run, codebook=args.codebook
            )
    if args.json:
        print_json({"dry_run": args.dry_run, "sources": [r.as_json() for r in reports]})
        return 0
    verb = "would bring" if args.dry_run else "brought"
    for r in reports:
        if isinstance(r, QdpxImport):
            print_qdpx(r, verb)
        else:
            print_merge(r, verb)
    if args.dry_run:
        print("dry run: nothing was changed")
    return 0
