"""``qcode import``."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import TYPE_CHECKING

from qcode.cli.arguments import add_json, positive_number, split_project
from qcode.cli.output import print_json, warn
from qcode.cli.progress import ProgressLine
from qcode.io.source_files import DEFAULT_MAX_MB

if TYPE_CHECKING:
    from qcode.services.importing import ImportReport

DESCRIPTION = """Import sources into a project: .txt .md .docx .pdf, reference exports (.ris from
Zotero/EndNote/Mendeley/Scopus, Web of Science plain text, .bib) and .csv tables; folders are
searched recursively. Everything is imported in one transaction: if any file or record is bad,
nothing is imported (unless --skip-bad). Duplicates (same text, same DOI, or titles at least 95%
similar) are skipped and listed unless --allow-duplicates.

A REFI-QDA project (.qdpx from NVivo, ATLAS.ti, MAXQDA, QualCoder) is imported on its own,
into a new project or an existing one: documents, codebook, coded segments of each user, memos
and attributes, matched as 'qcode merge' matches them."""


def register(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "import", help="import files and folders of sources", description=DESCRIPTION
    )
    command.add_argument("items", nargs="+", metavar="PROJECT PATH", help="project, then paths")
    command.add_argument(
        "--skip-bad", action="store_true", help="import the good files and records, list the bad"
    )
    command.add_argument("--allow-duplicates", action="store_true", help="import duplicates too")
    command.add_argument(
        "--skip-title-only",
        action="store_true",
        help="skip references without an abstract (default: import with the title as text)",
    )
    command.add_argument(
        "--max-size",
        type=positive_number,
        default=DEFAULT_MAX_MB,
        metavar="MB",
        help=f"refuse files larger than this (default {DEFAULT_MAX_MB})",
    )
    command.add_argument(
        "--encoding",
        metavar="NAME",
        help="read text files in this encoding (e.g. cp1252) instead of detecting it",
    )
    command.add_argument(
        "--offsets",
        choices=["auto", "codepoints", "utf16"],
        default="auto",
        help=".qdpx: how selections count characters (auto: UTF-16 for NVivo, else code points)",
    )
    command.add_argument("--text-column", help="CSV column holding the text (default: detected)")
    command.add_argument("--title-column", help="CSV column holding the title (default: detected)")
    add_json(command)
    command.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from qcode.io.formats import ImportOptions
    from qcode.services.coders import current_coder
    from qcode.services.importing import import_paths
    from qcode.services.projects import open_project

    project_ref, paths = split_project(args.items, None)
    if any(p.lower().endswith(".qdpx") for p in paths):
        from qcode.cli.qdpx_output import run_qdpx_import

        return run_qdpx_import(args, project_ref, paths)
    options = ImportOptions(
        max_bytes=int(args.max_size * 1_000_000),
        skip_title_only=args.skip_title_only,
        text_column=args.text_column,
        encoding=args.encoding,
        title_column=args.title_column,
    )
    progress = ProgressLine("importing")
    with open_project(project_ref) as project:
        try:
            report = import_paths(
                project,
                paths,
                coder=current_coder(args.coder),
                options=options,
                skip_bad=args.skip_bad,
                allow_duplicates=args.allow_duplicates,
                progress=progress,
            )
        finally:
            progress.finish()
    if args.json:
        print_json(report_json(report))
    else:
        print_report(report)
    return 0


def report_json(report: ImportReport) -> dict[str, object]:
    return {
        "files": report.files,
        "imported": [asdict(d) for d in report.imported],
        "duplicates": [asdict(d) for d in report.duplicates],
        "skipped": report.skipped,
        "bad": report.bad,
        "warnings": report.warnings,
    }


def print_report(report: ImportReport) -> None:
    for message in report.warnings:
        warn(message)
    for line in report.bad:
        warn(f"not imported: {line}")
    for line in report.skipped:
        print(f"skipped: {line}")
    for dup in report.duplicates:
        score = f", {dup.score:.0f}% similar" if dup.reason == "title" else ""
        print(f"duplicate ({dup.reason}{score}) of {dup.duplicate_of}, skipped: {dup.label}")
    files = len(report.files)
    summary = f"Imported {len(report.imported)} document(s) from {files} file(s)"
    extras = []
    if report.duplicates:
        extras.append(f"{len(report.duplicates)} duplicate(s) skipped")
    if report.skipped:
        extras.append(f"{len(report.skipped)} record(s) skipped")
    if report.bad:
        extras.append(f"{len(report.bad)} bad file(s) or record(s) left out")
    if not report.imported and report.duplicates:
        extras.append("nothing new")
    print(summary + (f"; {'; '.join(extras)}" if extras else ""))
