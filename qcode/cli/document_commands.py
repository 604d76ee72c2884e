"""``qcode docs``, ``qcode show`` and ``qcode attr``."""

from __future__ import annotations

import argparse

from qcode.cli.arguments import add_json, add_project, split_project
from qcode.cli.output import print_json, print_table, shorten
from qcode.core.attributes import format_value

WHERE_HELP = (
    "keep documents whose attribute matches, e.g. year=2021, country=Thailand, year>=2015, "
    "title~trafficking (contains), language!=en; repeat to combine"
)


def register(commands: argparse._SubParsersAction) -> None:
    docs = commands.add_parser(
        "docs", help="list documents", description="List the documents of a project."
    )
    add_project(docs)
    docs.add_argument("--where", action="append", default=[], metavar="NAME=VALUE", help=WHERE_HELP)
    add_json(docs)
    docs.set_defaults(handler=run_docs)

    show = commands.add_parser(
        "show",
        help="show one document with its attributes and text",
        description="Show a document. DOC is its id, its uuid, or (part of) its title.",
    )
    show.add_argument("items", nargs="+", metavar="PROJECT DOC")
    show.add_argument("--no-text", action="store_true", help="attributes only")
    add_json(show)
    show.set_defaults(handler=run_show)

    attr = commands.add_parser(
        "attr",
        help="set or remove a document attribute",
        description="Set a document attribute: NAME=VALUE replaces its values (several "
        "separated by ';'), NAME= removes it. Numbers and YYYY-MM-DD dates are typed.",
    )
    attr.add_argument("items", nargs="+", metavar="PROJECT DOC NAME=VALUE")
    add_json(attr)
    attr.set_defaults(handler=run_attr)


def _brief_attributes(attributes: dict[str, list]) -> str:
    parts = []
    for name in ("author", "year", "country", "journal"):
        if name in attributes:
            values = attributes[name]
            shown = format_value(values[0]) + (
                " et al." if name == "author" and len(values) > 1 else ""
            )
            parts.append(shown)
    return ", ".join(parts)


def run_docs(args: argparse.Namespace) -> int:
    from qcode.services.documents import list_documents, summary_json
    from qcode.services.projects import open_project

    with open_project(args.project) as project:
        docs = list_documents(project, args.where)
    if args.json:
        print_json([summary_json(d) for d in docs])
        return 0
    rows = [
        (
            d.id,
            d.language,
            d.chars,
            shorten(d.title, 60),
            shorten(_brief_attributes(d.attributes), 50),
        )
        for d in docs
    ]
    print_table(("ID", "LANG", "CHARS", "TITLE", "SOURCE"), rows)
    print(f"{len(docs)} document(s)")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from qcode.services.documents import attributes_json, show_document, summary_json
    from qcode.services.projects import open_project

    project_ref, (reference,) = split_project(args.items, 1)
    with open_project(project_ref) as project:
        detail = show_document(project, reference)
    if args.json:
        data = summary_json(detail.summary)
        data.update(
            source_path=detail.source_path,
            format=detail.summary.source_format,
            sha256=detail.sha256,
            imported_at=detail.imported_at,
            pages=[{"page": n, "start": s} for n, s in detail.pages],
        )
        if not args.no_text:
            data["text"] = detail.text
        print_json(data)
        return 0
    s = detail.summary
    print(f"# {s.title}")
    print(f"id {s.id} · uuid {s.uuid} · {s.language} · {s.chars} characters · {s.source_format}")
    print(f"source {detail.source_path}")
    for name, value in attributes_json(s.attributes).items():
        shown = "; ".join(str(v) for v in value) if isinstance(value, list) else value
        print(f"  {name}: {shown}")
    if detail.pages:
        print(f"  pages: {len(detail.pages)}")
    if not args.no_text:
        print()
        print(detail.text)
    return 0


def run_attr(args: argparse.Namespace) -> int:
    from qcode.services.coders import current_coder
    from qcode.services.documents import attributes_json, set_attribute, summary_json
    from qcode.services.projects import open_project

    project_ref, (reference, expression) = split_project(args.items, 2)
    with open_project(project_ref) as project:
        summary = set_attribute(project, reference, expression, coder=current_coder(args.coder))
    if args.json:
        print_json(summary_json(summary))
    else:
        name = expression.partition("=")[0].strip().lower()
        value = attributes_json(summary.attributes).get(" ".join(name.split()))
        print(
            f"{summary.id}: {name} = {value}"
            if value is not None
            else f"{summary.id}: {name} removed"
        )
    return 0
