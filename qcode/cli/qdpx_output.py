"""``qcode import PROJECT FILE.qdpx``: a REFI-QDA project into a new or existing project."""

from __future__ import annotations

import argparse
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from qcode.cli.output import print_json, warn
from qcode.cli.progress import ProgressLine
from qcode.core.errors import UsageError

if TYPE_CHECKING:
    from qcode.services.merging import MergeReport
    from qcode.services.qdpx_import import QdpxImport


def run_qdpx_import(args: argparse.Namespace, project_ref: str | None, paths: list[str]) -> int:
    from qcode.services.coders import current_coder
    from qcode.services.projects import init_project, open_project
    from qcode.services.qdpx_import import import_qdpx

    if len(paths) != 1 or not paths[0].lower().endswith(".qdpx"):
        raise UsageError("import a .qdpx project on its own: one file, no other paths")
    source = Path(paths[0])
    if not source.is_file():
        raise UsageError(f"{source}: no such file")
    created = None
    if project_ref and "://" not in project_ref and not Path(project_ref).exists():
        created = Path(project_ref)  # a new project, made for this import
        project = init_project(project_ref)
    else:
        project = open_project(project_ref)
    progress = ProgressLine("reading")
    try:
        with project:
            result = import_qdpx(
                project,
                source,
                coder=current_coder(args.coder),
                offsets=args.offsets,
                skip_bad=args.skip_bad,
                progress=progress,
            )
    except BaseException:
        if created is not None:  # nothing imported: no empty project left behind either
            for leftover in (created, *created.parent.glob(f"{created.name}-*")):
                with suppress(OSError):
                    leftover.unlink()
        raise
    finally:
        progress.finish()
    if args.json:
        print_json(result.as_json())
    else:
        print_qdpx(result, "imported")
    return 0


def print_qdpx(result: QdpxImport, verb: str) -> None:
    for line in result.warnings:
        warn(f"{result.merge.source}: {line}")
    for line in result.problems:
        warn(f"not imported: {line}")
    for line in result.skipped:
        print(f"skipped: {line}")
    origin = f" (written by {result.origin})" if result.origin else ""
    print(f"{result.merge.source}{origin}: {result.sources_read} text source(s) read")
    print_merge(result.merge, verb, each_code=verb != "imported")


def print_merge(report: MergeReport, verb: str, *, each_code: bool = True) -> None:
    print(
        f"{report.source}: {verb} {report.documents_added} document(s) "
        f"({report.documents_matched} matched), {report.segments_added} segment(s) "
        f"({report.segments_present} already here), {report.memos_added} memo(s), "
        f"{report.decisions_added} decision(s), {report.attributes_added} attribute value(s)"
    )
    if report.codebook_differences and not each_code:
        count = len(report.codebook_differences)
        print(f"{report.source}: codebook brought in ({count} code(s) added or changed)")
    for line in report.codebook_differences if each_code else ():
        applied = "applied" if report.codebook_applied else "not applied; --codebook applies"
        warn(f"{report.source}: codebook {line} ({applied})")
    for line in report.conflicts:
        warn(f"{report.source}: {line}")
