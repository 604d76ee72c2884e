"""``qcode team``: the coders of a PostgreSQL project, as database logins."""

from __future__ import annotations

import argparse
import getpass
import sys

from qcode.cli.arguments import add_json
from qcode.cli.output import print_json
from qcode.core.errors import UsageError

ACTIONS = ("add", "remove", "list")


def register(commands: argparse._SubParsersAction) -> None:
    team = commands.add_parser(
        "team",
        help="add, remove and list the coders of a PostgreSQL project",
        description="Each coder of a team project is a PostgreSQL login: the database decides "
        "who is working and what they may change. 'add NAME' creates the login (a password is "
        "generated and shown once, or asked for with --ask-password), 'add NAME --lead' lets "
        "them edit the codebook, import, merge, change settings and decide consensus; 'remove "
        "NAME' ends their access (their coding stays); 'list' shows the team. Run by the "
        "project's owner.",
    )
    team.add_argument("items", nargs="+", metavar="[PROJECT] add|remove|list [NAME]")
    team.add_argument("--lead", action="store_true", help="add NAME as a lead")
    team.add_argument("--ask-password", action="store_true", help="ask for NAME's password instead")
    add_json(team)
    team.set_defaults(handler=run_team)


def _parse(items: list[str]) -> tuple[str | None, str, str | None]:
    project = items.pop(0) if items and items[0] not in ACTIONS else None
    if not items or items[0] not in ACTIONS:
        raise UsageError("say what to do: qcode team PROJECT add|remove|list [NAME]")
    action = items.pop(0)
    name = items.pop(0) if items else None
    if (action == "list") != (name is None) or items:
        raise UsageError(
            "qcode team PROJECT add NAME [--lead] | remove NAME | list: "
            f"{'list takes no NAME' if action == 'list' else f'{action} needs one NAME'}"
        )
    return project, action, name


def _ask_password(name: str) -> str:
    if not sys.stdin.isatty():
        raise UsageError("--ask-password needs a terminal; leave it out to generate one")
    first = getpass.getpass(f"Password for {name}: ")
    if len(first) < 8:
        raise UsageError("a password of at least 8 characters, please")
    if getpass.getpass("Again: ") != first:
        raise UsageError("the two passwords differ; nothing was changed")
    return first


def run_team(args: argparse.Namespace) -> int:
    from qcode.services.projects import open_project
    from qcode.services.team import add_member, list_members, remove_member

    project_ref, action, name = _parse(list(args.items))
    with open_project(project_ref) as project:
        if action == "list":
            team = list_members(project)
            if args.json:
                print_json(
                    [{"name": m.name, "lead": m.lead, "can_login": m.can_login} for m in team]
                )
            else:
                for m in team:
                    role = "lead" if m.lead else "coder"
                    print(f"{m.name}\t{role}{'' if m.can_login else '  (cannot log in)'}")
            return 0
        assert name is not None
        if action == "remove":
            remove_member(project, name)
            if args.json:
                print_json({"removed": name})
            else:
                print(f"{name} can no longer open the project; their coding stays")
            return 0
        password = _ask_password(name) if args.ask_password else None
        added = add_member(project, name, lead=args.lead, password=password)
    role = "lead" if added.lead else "coder"
    if args.json:
        print_json({"added": added.name, "lead": added.lead, "password": added.password})
    else:
        print(f"{added.name} is a {role} of this project.")
        if added.password:
            print(f"Password (shown once; give it to {added.name} privately): {added.password}")
    return 0
