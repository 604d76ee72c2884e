"""A second coder for the demo: a blank clone coded by "budi" (some of demo's coding kept,
some widened, some left out, one new), merged back."""

from __future__ import annotations

from pathlib import Path

from qcode.services.cloning import clone_project
from qcode.services.coding import code_span, list_segments
from qcode.services.merging import merge_projects
from qcode.services.projects import open_project
from qcode.store.project import Project


def budi_clone(project: Project, tmp_path: Path) -> Path:
    """The blank clone, coded by budi; ``project`` itself is not changed."""
    path = tmp_path / "budi.qcode"
    clone_project(project, path, blank=True, coder="budi")
    first = list_segments(project, coder="demo")
    with open_project(path, viewer="budi") as clone:
        for number, segment in enumerate(first):
            if number % 5 == 1:
                continue  # budi missed it
            start = max(0, segment.start - 25) if number % 7 == 3 else segment.start
            code_span(
                clone, str(segment.document_id), segment.code_guid, start, segment.end, coder="budi"
            )
        code_span(clone, str(first[0].document_id), "Legitimacy", 0, 60, coder="budi")
    return path


def with_budi(project: Project, tmp_path: Path) -> Path:
    path = budi_clone(project, tmp_path)
    merge_projects(project, [path], coder="demo")
    return path
