"""``qcode cite``: citations and reference-list entries to paste into a thesis."""

from __future__ import annotations

import argparse

from qcode.cli.arguments import add_json, add_project
from qcode.cli.output import print_json


def register(commands: argparse._SubParsersAction) -> None:
    cite = commands.add_parser(
        "cite",
        help="print in-text citations and reference-list entries (APA 7 or any CSL style)",
        description="Citations and references of the documents named (id, uuid or part of "
        "the title), built from their metadata with the CSL style named by --style (a "
        "name from the CSL repository such as apa, chicago-author-date, "
        "harvard-cite-them-right, ieee, or a .csl file) and the locale of --lang.",
    )
    add_project(cite)
    cite.add_argument("documents", nargs="+", metavar="DOC")
    cite.add_argument("--style", default="apa", metavar="NAME|FILE.csl", help="default apa")
    cite.add_argument("--lang", choices=["en", "id"], default="en", help="locale terms")
    cite.add_argument("--locale", metavar="LL-CC", help="a CSL locale, e.g. en-GB")
    cite.add_argument("--page", metavar="N", help="cite a page: (Pratiwi, 2021, p. 4)")
    add_json(cite)
    cite.set_defaults(handler=run_cite)


def run_cite(args: argparse.Namespace) -> int:
    from qcode.io.csl_render import plain
    from qcode.services.citations import cite_documents
    from qcode.services.projects import open_project

    with open_project(args.project) as project:
        result = cite_documents(
            project, args.documents, args.style, args.lang, args.locale, args.page
        )
    if args.json:
        print_json(result.to_json())
        return 0
    for cited in result.cited:
        print(f"{cited.citation}  {cited.title}")
    print()
    for entry in result.references:
        print(plain(entry))
    return 0
