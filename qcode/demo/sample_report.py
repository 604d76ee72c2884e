"""A sample Word report beside the demo project, so a new user sees what ``qcode report``
writes before coding anything.

The report is made from a scratch copy of the demo in which every auto-coding suggestion
is accepted; the demo project itself is left uncoded, for the user to code.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from qcode.services.autocoding import accept
from qcode.services.projects import open_project
from qcode.services.report import make_report

SAMPLE_NAME = "demo-sample-report.docx"


def write_sample_report(project_file: Path, coder: str, lang: str = "en") -> Path:
    out = project_file.with_name(SAMPLE_NAME)
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / project_file.name
        source = sqlite3.connect(project_file)
        target = sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        with open_project(str(copy)) as project:
            accept(project, above=0, coder=coder)
            make_report(project, out, lang=lang)
    return out
