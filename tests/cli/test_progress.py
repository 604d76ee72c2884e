"""The progress line: on stderr when it is a terminal, absent otherwise."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys

from qcode.cli.progress import ProgressLine
from tests.factories import ABSTRACT_EN, ris_record, write_ris


def test_progress_line_redraws_in_place_and_clears():
    stream = io.StringIO()
    progress = ProgressLine("importing", stream=stream, force=True)
    progress(0, 2, "a.ris")
    progress(2, 2, "done")
    progress.finish()
    assert stream.getvalue().startswith("\rimporting 0/2 a.ris")
    assert "\rimporting 2/2 done" in stream.getvalue()
    assert stream.getvalue().endswith("\r")


def test_import_shows_progress_on_a_terminal(tmp_path):
    project = tmp_path / "p.qcode"
    subprocess.run([sys.executable, "-m", "qcode", "init", str(project)], check=True)
    source = write_ris(tmp_path / "refs.ris", [ris_record("A study", ABSTRACT_EN)])
    leader, follower = pty.openpty()
    try:
        process = subprocess.run(
            [sys.executable, "-m", "qcode", "import", str(project), str(source)],
            stderr=follower,
            stdout=subprocess.PIPE,
            text=True,
            timeout=60,
        )
        os.close(follower)
        follower = -1
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        if follower != -1:
            os.close(follower)
        os.close(leader)
    assert process.returncode == 0
    assert b"importing 0/1 refs.ris" in shown
    assert "Imported 1 document(s)" in process.stdout
