"""``qcode init``."""

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


def run_init(args: argparse.Namespace) -> int:
    from qcode.services.projects import init_project

    with init_project(args.project) as project:
        where = project.location.display()
    if args.json:
        print_json({"project": where, "created": True})
    else:
        print(f"Created project {where}")
    return 0
