"""``qcode code``, ``uncode``, ``segments``, ``memo``, ``undo`` and ``redo``."""

from __future__ import annotations

import argparse

from qcode.cli.arguments import add_json, add_project, split_project
from qcode.cli.output import print_json, print_table, shorten


def register(commands: argparse._SubParsersAction) -> None:
    code = commands.add_parser(
        "code",
        help="apply a code to a span of a document",
        description="Apply CODE (its path 'Parent > Child', name or GUID) to [START, END) of "
        "DOC: offsets count characters (code points) of the stored text, END exclusive; "
        "'qcode show DOC' prints that text.",
    )
    code.add_argument("items", nargs="+", metavar="PROJECT DOC CODE START END")
    code.add_argument("--memo", default="", help="a memo for the new segment")
    add_json(code)
    code.set_defaults(handler=run_code)

    uncode = commands.add_parser("uncode", help="remove a coded segment")
    uncode.add_argument("items", nargs="+", metavar="PROJECT SEGMENT_ID")
    add_json(uncode)
    uncode.set_defaults(handler=run_uncode)

    segments = commands.add_parser("segments", help="list coded segments")
    add_project(segments)
    segments.add_argument("--doc", help="only this document (id, uuid or title)")
    segments.add_argument("--code", help="only this code and its sub-codes")
    segments.add_argument("--coder", dest="only_coder", metavar="NAME", help="only this coder's")
    add_json(segments)
    segments.set_defaults(handler=run_segments)

    memo = commands.add_parser(
        "memo",
        help="write a memo on the project, a document, a code or a segment",
        description="Write (replace) a memo; an empty TEXT removes it. Memos are searchable.",
    )
    memo.add_argument("items", nargs="+", metavar="PROJECT TEXT")
    target = memo.add_mutually_exclusive_group(required=True)
    target.add_argument("--project-memo", action="store_true", help="the project's own memo")
    target.add_argument("--doc", help="a document (id, uuid or title)")
    target.add_argument("--code", help="a code (path, name or GUID)")
    target.add_argument("--segment", help="a segment id")
    memo.set_defaults(handler=run_memo)

    for name, verb in (("undo", "undo your last action"), ("redo", "redo what you undid last")):
        command = commands.add_parser(
            name,
            help=verb,
            description=f"{verb[0].upper()}{verb[1:]}: coding, uncoding, memos, decisions on "
            "suggestions, coding search hits. Per coder, kept in the project across restarts.",
        )
        add_project(command)
        command.set_defaults(handler=run_undo if name == "undo" else run_redo)


def segment_json(view) -> dict:
    return {
        "id": view.id,
        "document_id": view.document_id,
        "code": view.code,
        "coder": view.coder,
        "start": view.start,
        "end": view.end,
        "text": view.text,
        "memo": view.memo,
        "origin": view.origin,
    }


def _offset(value: str, name: str) -> int:
    from qcode.core.errors import UsageError

    try:
        return int(value)
    except ValueError:
        raise UsageError(f"{name} must be a whole number, got {value!r}") from None


def run_code(args: argparse.Namespace) -> int:
    from qcode.services.coders import current_coder
    from qcode.services.coding import code_span
    from qcode.services.projects import open_project

    project_ref, (doc, code, start, end) = split_project(args.items, 4)
    with open_project(project_ref) as project:
        view = code_span(
            project,
            doc,
            code,
            _offset(start, "START"),
            _offset(end, "END"),
            coder=current_coder(args.coder),
            memo=args.memo,
        )
    if args.json:
        print_json(segment_json(view))
    else:
        print(
            f"segment {view.id}: {view.code} on document {view.document_id} "
            f"[{view.start}, {view.end}) “{shorten(view.text, 60)}”"
        )
    return 0


def run_uncode(args: argparse.Namespace) -> int:
    from qcode.services.coders import current_coder
    from qcode.services.coding import uncode
    from qcode.services.projects import open_project

    project_ref, (segment,) = split_project(args.items, 1)
    with open_project(project_ref) as project:
        view = uncode(project, int(_offset(segment, "SEGMENT_ID")), coder=current_coder(args.coder))
    if args.json:
        print_json(segment_json(view))
    else:
        print(f"removed segment {view.id}: {view.code} on document {view.document_id}")
    return 0


def run_segments(args: argparse.Namespace) -> int:
    from qcode.services.coding import list_segments
    from qcode.services.projects import open_project

    with open_project(args.project) as project:
        views = list_segments(project, document=args.doc, code=args.code, coder=args.only_coder)
    if args.json:
        print_json([segment_json(v) for v in views])
        return 0
    rows = [
        (
            v.id,
            v.document_id,
            f"{v.start}-{v.end}",
            shorten(v.code, 40),
            v.coder,
            shorten(v.text, 50),
        )
        for v in views
    ]
    print_table(("ID", "DOC", "SPAN", "CODE", "CODER", "TEXT"), rows)
    print(f"{len(views)} segment(s)")
    return 0


def run_memo(args: argparse.Namespace) -> int:
    from qcode.services.coders import current_coder
    from qcode.services.memos import set_memo
    from qcode.services.projects import open_project

    project_ref, (text,) = split_project(args.items, 1)
    if args.project_memo:
        target, reference = "project", None
    elif args.doc:
        target, reference = "document", args.doc
    elif args.code:
        target, reference = "code", args.code
    else:
        target, reference = "segment", args.segment
    with open_project(project_ref) as project:
        label = set_memo(project, target, reference, text, coder=current_coder(args.coder))
    print(f"memo {'removed from' if not text else 'written on'} {label}")
    return 0


def run_undo(args: argparse.Namespace) -> int:
    from qcode.services.coders import current_coder
    from qcode.services.projects import open_project
    from qcode.services.undo import undo

    with open_project(args.project) as project:
        print(f"undone: {undo(project, coder=current_coder(args.coder))}")
    return 0


def run_redo(args: argparse.Namespace) -> int:
    from qcode.services.coders import current_coder
    from qcode.services.projects import open_project
    from qcode.services.undo import redo

    with open_project(args.project) as project:
        print(f"redone: {redo(project, coder=current_coder(args.coder))}")
    return 0
