"""``qcode autocode``, ``suggestions``, ``accept``, ``reject`` and ``search``."""

from __future__ import annotations

import argparse

from qcode.cli.arguments import add_json, add_project, finite_number
from qcode.cli.output import print_json, print_table, shorten
from qcode.cli.progress import ProgressLine


def register(commands: argparse._SubParsersAction) -> None:
    autocode = commands.add_parser(
        "autocode",
        help="suggest codes where the codebook's keywords occur",
        description="Find each code's keywords (every language) in the documents — robust to "
        "spacing ('kerja sama'/'kerjasama'), hyphens, Indonesian affixes, English inflection "
        "and small typos — and store a suggestion for the sentence (or phrase) with a score. "
        "Re-running adds only new suggestions; rejected ones are not proposed again. "
        "--learned instead trains a model per code on the coding so far (coded passages, "
        "rejected suggestions; 10 passages of a code at least) and suggests sentences like "
        "the coded ones, keyword or not, each with the nearest coded passage as its reason; "
        "pending suggestions are scored again, so rejecting one lowers those like it.",
    )
    add_project(autocode)
    autocode.add_argument(
        "--codes", nargs="+", metavar="CODE", help="only these codes (and sub-codes)"
    )
    autocode.add_argument(
        "--where", action="append", default=[], metavar="NAME=VALUE", help="only documents matching"
    )
    autocode.add_argument(
        "--threshold",
        type=finite_number,
        default=None,
        metavar="N",
        help="lowest score kept (default 80; with --learned, 70: a 70%% likelihood)",
    )
    autocode.add_argument("--unit", choices=["sentence", "phrase"], default="sentence")
    autocode.add_argument(
        "--learned", action="store_true", help="suggest from what the coding so far teaches"
    )
    add_json(autocode)
    autocode.set_defaults(handler=run_autocode)

    suggestions = commands.add_parser("suggestions", help="list auto-coding suggestions")
    add_project(suggestions)
    suggestions.add_argument(
        "--status", choices=["pending", "accepted", "rejected", "all"], default="pending"
    )
    suggestions.add_argument("--code", help="only this code and its sub-codes")
    suggestions.add_argument("--min-score", type=finite_number, metavar="N")
    add_json(suggestions)
    suggestions.set_defaults(handler=run_suggestions)

    accept = commands.add_parser(
        "accept", help="accept suggestions (they become coded segments; one undo step)"
    )
    add_project(accept)
    accept.add_argument("ids", nargs="*", type=int, metavar="ID")
    accept.add_argument(
        "--above", type=finite_number, metavar="SCORE", help="all pending at or above SCORE"
    )
    accept.set_defaults(handler=run_accept)

    reject = commands.add_parser("reject", help="reject suggestions (never proposed again)")
    add_project(reject)
    reject.add_argument("ids", nargs="+", type=int, metavar="ID")
    reject.set_defaults(handler=run_reject)

    search = commands.add_parser(
        "search",
        help="search documents and memos (keyword in context)",
        description="Search: words written together are a phrase (kerja sama finds the two "
        'words together); "quoted phrases" and prefix* are terms of their own, all of which '
        "must occur; OR separates alternatives (kerjasama OR \"kerja sama\"). --fuzzy "
        "matches like auto-coding does (variants, affixes, typos). --code CODE codes every "
        "document hit with CODE, or with --unit its sentence or paragraph (one undo step).",
    )
    add_project(search)
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--fuzzy", action="store_true")
    search.add_argument("--code", help="code every document hit with this code")
    search.add_argument(
        "--unit",
        choices=("hit", "sentence", "paragraph"),
        default="hit",
        help="with --code: code the hit itself (default), its sentence or its paragraph",
    )
    search.add_argument("--limit", type=int, default=200, help="hits to list (default 200)")
    add_json(search)
    search.set_defaults(handler=run_search)


def suggestion_json(view) -> dict:
    return {
        "id": view.id,
        "document_id": view.document_id,
        "code": view.code,
        "start": view.start,
        "end": view.end,
        "score": view.score,
        "keyword": view.keyword,
        "matched": view.matched,
        "status": view.status,
        "text": view.text,
        "source": view.source,
        "reason": view.reason,
    }


def run_autocode(args: argparse.Namespace) -> int:
    from qcode.core.matching import DEFAULT_THRESHOLD
    from qcode.services.autocoding import autocode
    from qcode.services.coders import current_coder
    from qcode.services.projects import open_project

    if args.learned:
        return run_learned(args)
    progress = ProgressLine("auto-coding")
    with open_project(args.project) as project:
        try:
            report = autocode(
                project,
                coder=current_coder(args.coder),
                codes=args.codes or (),
                where=args.where,
                threshold=args.threshold if args.threshold is not None else DEFAULT_THRESHOLD,
                unit=args.unit,
                progress=progress,
            )
        finally:
            progress.finish()
    data = {
        "documents": report.documents,
        "codes": report.codes,
        "keywords": report.keywords,
        "found": report.found,
        "added": report.added,
        "excluded": report.excluded,
        "denied": report.denied,
    }
    if args.json:
        print_json(data)
    else:
        print(
            f"Searched {report.documents} document(s) for {report.keywords} keywords of "
            f"{report.codes} codes: {report.found} match(es), {report.added} new suggestion(s); "
            f"{report.denied} left out as denied in their sentence ('tidak ada hambatan'), "
            f"{report.excluded} by exclusion keywords. Review them with 'qcode suggestions'."
        )
    return 0


def run_learned(args: argparse.Namespace) -> int:
    from qcode.core.errors import UsageError
    from qcode.core.learning import MIN_EXAMPLES
    from qcode.services.coders import current_coder
    from qcode.services.learned import learn_and_suggest
    from qcode.services.projects import open_project

    if args.codes or args.unit != "sentence":
        raise UsageError("--learned suggests whole sentences for every code it can learn")
    progress = ProgressLine("learning")
    threshold = (args.threshold if args.threshold is not None else 70) / 100
    with open_project(args.project) as project:
        try:
            report = learn_and_suggest(
                project,
                coder=current_coder(args.coder),
                where=args.where,
                threshold=threshold,
                progress=progress,
            )
        finally:
            progress.finish()
    data = {
        "trained": list(report.trained),
        "too_few": {
            path: {"coded": coded, "against": against}
            for path, (coded, against) in report.too_few.items()
        },
        "documents": report.documents,
        "added": report.added,
        "rescored": report.rescored,
    }
    if args.json:
        print_json(data)
        return 0
    if not report.trained:
        print(
            f"No code has enough examples yet: a model needs {MIN_EXAMPLES} coded passages of "
            "a code (its sub-codes count) and as many passages that are not it."
        )
        return 0
    print(
        f"Learned {len(report.trained)} code(s) from the coding so far: "
        f"{report.added} new suggestion(s) in {report.documents} document(s), "
        f"{report.rescored} pending suggestion(s) scored again. "
        "Review them with 'qcode suggestions'."
    )
    if report.too_few:
        few = ", ".join(f"{path} ({coded})" for path, (coded, _) in report.too_few.items())
        print(f"Too few examples to learn (passages coded): {few}")
    return 0


def run_suggestions(args: argparse.Namespace) -> int:
    from qcode.services.autocoding import list_suggestions
    from qcode.services.projects import open_project

    status = None if args.status == "all" else args.status
    with open_project(args.project) as project:
        views = list_suggestions(project, status=status, code=args.code, min_score=args.min_score)
    if args.json:
        print_json([suggestion_json(v) for v in views])
        return 0
    rows = [
        (
            v.id,
            v.document_id,
            f"{v.score:.0f}",
            shorten(v.code, 38),
            shorten(v.text, 50),
            shorten(v.reason or v.matched, 40),
        )
        for v in views
    ]
    print_table(("ID", "DOC", "SCORE", "CODE", "TEXT", "WHY"), rows)
    print(f"{len(views)} suggestion(s)")
    return 0


def run_accept(args: argparse.Namespace) -> int:
    from qcode.services.coders import current_coder
    from qcode.services.projects import open_project
    from qcode.services.suggestion_decisions import accept

    with open_project(args.project) as project:
        count = accept(project, args.ids or None, above=args.above, coder=current_coder(args.coder))
    print(f"accepted {count} suggestion(s)")
    return 0


def run_reject(args: argparse.Namespace) -> int:
    from qcode.services.coders import current_coder
    from qcode.services.projects import open_project
    from qcode.services.suggestion_decisions import reject

    with open_project(args.project) as project:
        count = reject(project, args.ids, coder=current_coder(args.coder))
    print(f"rejected {count} suggestion(s)")
    return 0


def run_search(args: argparse.Namespace) -> int:
    from qcode.services.coders import current_coder
    from qcode.services.projects import open_project
    from qcode.services.search import code_hits, search

    with open_project(args.project) as project:
        result = search(project, args.query, fuzzy=args.fuzzy, limit=args.limit)
        coded = None
        if args.code:
            coded = code_hits(
                project,
                args.query,
                args.code,
                coder=current_coder(args.coder),
                fuzzy=args.fuzzy,
                unit=args.unit,
            )
    if args.json:
        data = {
            "query": result.query,
            "fuzzy": result.fuzzy,
            "total": result.total,
            "hits": [
                {
                    "kind": h.kind,
                    "document_id": h.document_id,
                    "title": h.title,
                    "start": h.start,
                    "end": h.end,
                    "left": h.left,
                    "hit": h.hit,
                    "right": h.right,
                    "score": h.score,
                    "source": h.source,
                }
                for h in result.hits
            ],
        }
        if coded is not None:
            data["coded"] = coded
        print_json(data)
        return 0
    for h in result.hits:
        where = f"{h.document_id}:{h.start}" if h.kind == "document" else h.title
        print(f"{where:>10}  {h.left[-35:]:>35}[{h.hit}]{h.right[:35]}")
    shown = f" (showing {len(result.hits)})" if len(result.hits) < result.total else ""
    print(f"{result.total} hit(s){shown}")
    if coded is not None:
        print(f"coded {coded} hit(s) with {args.code}")
    return 0
