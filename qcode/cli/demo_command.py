"""``qcode demo``: build the demo project and show what is in it."""

from __future__ import annotations

import argparse
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
        "qcode (16 abstracts in Indonesian and English, one longer Word report) and "
        "print a summary. Any earlier demo project at that path is replaced.",
    )
    demo.add_argument(
        "--path", type=Path, help="where to build it (default: projects/demo.qcode in this folder)"
    )
    add_json(demo)
    demo.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from qcode.demo.build import build_demo
    from qcode.services.overview import overview

    progress = ProgressLine("building demo")
    try:
        project, _report = build_demo(args.path, progress)
    finally:
        progress.finish()
    with project:
        summary = overview(project)
    if args.json:
        print_json(asdict(summary))
    else:
        print_overview(summary)
    return 0


def print_overview(o: Overview) -> None:
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
    if o.suggestions:
        print(f"  auto-coding: {o.suggestions} suggestions to review")
    print()
    print(f"Try: qcode docs {o.project} --where country=Indonesia")
    print(f"     qcode codebook show {o.project}")
    print(f"     qcode suggestions {o.project}")
