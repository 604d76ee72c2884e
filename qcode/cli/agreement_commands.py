"""``qcode agreement``, ``disagreements`` and ``adopt``."""

from __future__ import annotations

import argparse
from pathlib import Path

from qcode.cli.arguments import add_json, add_project, finite_number
from qcode.cli.output import print_json, print_table, shorten

UNITS = ("document", "paragraph", "sentence", "character")
LEVELS = ("nominal", "ordinal", "interval", "ratio")

AGREEMENT_HELP = """\
Inter-coder agreement. By default every code is a yes/no variable per unit (a theme includes
its sub-codes): a coder says yes when one of their segments of the code overlaps the unit. A
coder who coded nothing in a document is missing there, not "no". With --categories the codes
listed in --codes are the values of one variable (the k-th is k at ordinal, interval or ratio
level). Measures: percent agreement, Cohen's κ (two coders), Fleiss' κ, Brennan–Prediger,
Gwet's AC1 (with Gwet's standard errors) and Krippendorff's α at --level (bootstrap interval,
seeded). Undefined measures are empty with the reason in the note.

examples:
  qcode agreement review.qcode --coders ayu,budi --unit sentence
  qcode agreement review.qcode --codes v1,v2,v3 --categories --level ordinal --json
  qcode agreement review.qcode --unit character agreement.xlsx"""


def _names(value: str) -> list[str]:
    return [" ".join(v.split()) for v in value.split(",") if v.strip()]


def register(commands: argparse._SubParsersAction) -> None:
    agreement = commands.add_parser(
        "agreement",
        help="inter-coder agreement per code (κ, AC1, α with intervals)",
        description=AGREEMENT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    agreement.add_argument("items", nargs="*", metavar="[PROJECT] [OUT]")
    agreement.add_argument("--coders", type=_names, default=[], help="A,B,… (default: all)")
    agreement.add_argument("--unit", choices=UNITS, default="sentence")
    agreement.add_argument("--codes", type=_names, default=[], help="C,… (default: every code)")
    agreement.add_argument("--categories", action="store_true", help="--codes are one variable")
    agreement.add_argument("--level", choices=LEVELS, default="nominal", help="for α")
    agreement.add_argument("--where", action="append", default=[], metavar="NAME=VALUE")
    agreement.add_argument("--ci", type=finite_number, default=0.95, help="confidence level (0.95)")
    agreement.add_argument("--resamples", type=int, default=1000, help="α bootstrap (1000)")
    agreement.add_argument("--seed", type=int, default=None, help="α bootstrap seed")
    add_json(agreement)
    agreement.set_defaults(handler=run_agreement)

    differ = commands.add_parser(
        "disagreements",
        help="the units where two coders differ",
        description="List each unit both coders reached and coded differently: document, "
        "citation, unit text, each coder's codes (with --code, whether each gave that code).",
    )
    add_project(differ)
    differ.add_argument("--coders", type=_names, required=True, help="A,B")
    differ.add_argument("--unit", choices=UNITS, default="sentence")
    differ.add_argument("--code", help="only this code (and its sub-codes)")
    add_json(differ)
    differ.set_defaults(handler=run_disagreements)

    adopt = commands.add_parser(
        "adopt",
        help="copy segments into the consensus coder",
        description="Copy the segments (ids from 'qcode segments' or 'qcode disagreements "
        "--json') to the consensus coder, one undo step.",
    )
    adopt.add_argument("items", nargs="+", metavar="PROJECT SEGMENT_ID")
    adopt.add_argument("--as", dest="as_coder", help="the coder to copy to (default: setting)")
    adopt.set_defaults(handler=run_adopt)


def run_agreement(args: argparse.Namespace) -> int:
    from qcode.core.agreement_intervals import DEFAULT_SEED
    from qcode.io.agreement_files import FORMATS, short_rows, write_agreement
    from qcode.services.agreement import AgreementRequest, agreement
    from qcode.services.projects import open_project

    items = list(args.items)
    out = None
    if items and Path(items[-1]).suffix.lower() in FORMATS:
        out = Path(items.pop())
    if len(items) > 1:
        from qcode.core.errors import UsageError

        raise UsageError(f"unexpected arguments: {' '.join(items[1:])}")
    request = AgreementRequest(
        coders=args.coders,
        unit=args.unit,
        codes=args.codes,
        categories=args.categories,
        level=args.level,
        where=args.where,
        confidence=args.ci,
        resamples=args.resamples,
        seed=DEFAULT_SEED if args.seed is None else args.seed,
    )
    with open_project(items[0] if items else None) as project:
        result = agreement(project, request).as_json()
    if out is not None:
        write_agreement(result, out)
    if args.json:
        print_json(result)
        return 0
    if out is not None:
        print(f"Wrote {out}: {len(result['rows'])} row(s)")
        return 0
    print(
        f"{', '.join(result['coders'])} · unit: {result['unit']} · α level: {result['level']} "
        f"· {result['documents']} document(s)"
    )
    rows = [[shorten(cell, 44) for cell in row] for row in short_rows(result)]
    print_table(("CODE", "UNITS", "AGREE", "KAPPA [CI]", "AC1 [CI]", "ALPHA [CI]", "NOTE"), rows)
    return 0


def run_disagreements(args: argparse.Namespace) -> int:
    from qcode.services.consensus import disagreements
    from qcode.services.projects import open_project

    with open_project(args.project) as project:
        found = disagreements(project, args.coders, unit=args.unit, code=args.code)
    first, second = args.coders
    if args.json:
        print_json(
            [
                {
                    "document": d.document,
                    "citation": d.citation,
                    "start": d.start,
                    "end": d.end,
                    "text": d.text,
                    first: list(d.first),
                    second: list(d.second),
                    "segments": {first: list(d.first_segments), second: list(d.second_segments)},
                }
                for d in found
            ]
        )
        return 0
    for d in found:
        print(f"document {d.document} · {d.citation} · [{d.start}, {d.end})")
        print(f"  “{shorten(' '.join(d.text.split()), 110)}”")
        print(f"  {first}: {'; '.join(d.first) or '—'}")
        print(f"  {second}: {'; '.join(d.second) or '—'}")
    print(f"{len(found)} unit(s) where {first} and {second} differ")
    return 0


def run_adopt(args: argparse.Namespace) -> int:
    import os

    from qcode.core.errors import UsageError
    from qcode.services.coders import current_coder
    from qcode.services.consensus import adopt, consensus_coder
    from qcode.services.projects import open_project

    items = list(args.items)
    from_env = os.environ.get("QCODE_DB") and items and items[0].isdigit()
    project_ref, ids = (None, items) if from_env else (items[0], items[1:])
    if not ids:
        raise UsageError("expected PROJECT and at least one SEGMENT_ID")
    try:
        numbers = [int(i) for i in ids]
    except ValueError:
        raise UsageError(f"segment ids are whole numbers, got {' '.join(ids)}") from None
    with open_project(project_ref) as project:
        target = args.as_coder or consensus_coder(project)
        added = adopt(project, numbers, as_coder=target, coder=current_coder(args.coder))
    print(f"adopted {added} segment(s) as {target}")
    return 0
