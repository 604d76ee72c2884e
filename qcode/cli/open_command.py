"""``qcode open PROJECT`` (also ``qcode PROJECT``): the full-screen coding app."""

from __future__ import annotations

import argparse

from qcode.cli.arguments import add_project
from qcode.core.errors import ProjectError


def register(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "open",
        help="open a project in the full-screen coding app",
        description="Open PROJECT in the terminal app: read documents, select text with "
        "shift+arrows or the mouse, press a code's digit to apply it, u to undo, U to redo, "
        "x to remove your code at the cursor, n/p for segments, ]/[ for documents, q to quit. "
        "'qcode PROJECT' does the same.",
    )
    add_project(command)
    command.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from qcode.services.coders import current_coder
    from qcode.services.projects import open_project
    from qcode.services.recent import remember_project
    from qcode.tui.app import QcodeApp

    with open_project(args.project) as project:
        remember_project(project.location.display())
        app = QcodeApp(project, current_coder(args.coder))
        app.run()
    if app.failure:
        raise ProjectError(app.failure)
    return 0
