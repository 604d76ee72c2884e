"""``qcode demo``: build the demo project and show what is in it."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from qcode.cli.arguments import add_json
from qcode.cli.output import print_json
from qcode.cli.progress import ProgressLine

if TYPE_CHECKING:
    from qcode.services.overview import Overview


def register(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser(
        "demo",
        help="(re)build the demo project and summarise it",
        description="Build projects/demo.qcode from the invented demo corpus shipped with "
        "qcode (16 abstracts in Indonesian and English, one longer Word report), load the "
        "shipped codebook, run auto-coding, print a summary, and open the project in the "
        "coding app when run in a terminal. Any earlier demo project at that path is replaced.",
    )
    demo.add_argument(
        "--path", type=Path, help="where to build it (default: projects/demo.qcode in this folder)"
    )
    demo.add_argument(
        "--no-open", action="store_true", help="only build and summarise; do not open the app"
    )
    add_json(demo)
    demo.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from qcode.demo.build import DEMO_CODER, build_demo
    from qcode.demo.worked_example import review_first_documents, write_sample_report
    from qcode.services.overview import overview

    progress = ProgressLine("building demo")
    try:
        project, _report = build_demo(args.path, progress)
    finally:
        progress.finish()
    with project:
        accepted = review_first_documents(project, DEMO_CODER)
        sample = write_sample_report(project, project.location.path.parent)
        summary = overview(project)
        if args.json:
            print_json(asdict(summary) | {"sample_report": str(sample)})
            return 0
        print_overview(summary, accepted, sample)
        if not args.no_open and sys.stdin.isatty() and sys.stdout.isatty():
            from qcode.services.coders import current_coder
            from qcode.tui.app import QcodeApp

            QcodeApp(project, current_coder(args.coder)).run()
    return 0


def print_overview(o: Overview, accepted: int, sample: Path) -> None:
    print(f"Demo project: {o.project}")
    print(f"  {o.documents} documents, {o.characters:,} characters")
    print("  languages: " + ", ".join(f"{k} {v}" for k, v in o.languages.items()))
    print("  formats:   " + ", ".join(f"{k} {v}" for k, v in o.formats.items()))
    if o.years:
        print(f"  years:     {o.years[0]}–{o.years[1]}")
    if o.countries:
        print("  countries: " + ", ".join(f"{k} {v}" for k, v in o.countries.items()))
    print("  attributes: " + ", ".join(f"{k} ({v})" for k, v in o.attributes.items()))
    if o.codes:
        print(f"  codebook:  {o.codebook} ({o.codes} codes)")
    if accepted:
        print(f"  coded:     {o.segments} segments (coder 'demo' accepted the suggestions of")
        print("             the first abstracts)")
    if o.suggestions:
        print(f"  auto-coding: {o.suggestions} suggestions to review")
    print(f"  report:    {sample}")
    print()
    print(f"Try: qcode docs {o.project} --where country=Indonesia")
    print(f"     qcode codebook show {o.project}")
    print(f"     qcode matrix {o.project} --cols attr:year:5")
    print(f"     qcode suggestions {o.project}")
    print(f"     qcode report {o.project} -o chapter.docx --lang id")
