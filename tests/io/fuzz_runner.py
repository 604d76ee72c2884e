"""Runs ``qcode import`` / ``qcode codebook load`` on every file of a fuzz corpus, in one
child process, and writes what happened to each as JSON.

Usage: python -m tests.io.fuzz_runner MANIFEST.json RESULTS.json

One process for all files keeps the run short; each file gets its own time limit (an
alarm) and its own peak memory: the kernel's high-water mark of resident memory (VmHWM) is
reset before each file. ``ru_maxrss`` would not do: Linux keeps it across ``exec``, so it
reports the memory of whatever process started this one (pytest, after a long suite).
"""

from __future__ import annotations

import contextlib
import io
import json
import resource
import signal
import sqlite3
import sys
import time
from pathlib import Path

TABLES = (
    "documents",
    "document_attributes",
    "document_pages",
    "events",
    "codebooks",
    "codes",
    "segments",
)
SECONDS_PER_FILE = 10


class TookTooLong(BaseException):
    """Raised by the alarm; a BaseException, so that qcode's own handlers do not catch it."""


def _alarm(signum, frame):
    raise TookTooLong


def snapshot(project: Path) -> list:
    """Everything a reader could change: each table's rows, in full."""
    connection = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    try:
        return [
            connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() for table in TABLES
        ]
    finally:
        connection.close()


def reset_peak() -> None:
    """Start a new high-water mark of resident memory (Linux 4.0 and later)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def peak_mb() -> float:
    """Peak resident memory since the last reset, in MB; where /proc is missing, the
    process's lifetime peak (an overestimate, never an underestimate)."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(action: str, project: Path, path: Path) -> dict:
    from qcode.cli.main import main

    args = (
        ["import", str(project), str(path), "--allow-duplicates"]
        if action == "import"
        else ["codebook", "load", str(project), str(path)]
    )
    before = snapshot(project)
    reset_peak()
    err = io.StringIO()
    out = io.StringIO()
    started = time.perf_counter()
    signal.alarm(SECONDS_PER_FILE)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            code = main(args)
    except TookTooLong:
        code = "timeout"
    except BaseException as exc:  # an escape of any kind is a finding
        code = f"escaped {type(exc).__name__}: {exc}"
    finally:
        signal.alarm(0)
    seconds = time.perf_counter() - started
    after = snapshot(project)
    return {
        "file": str(path),
        "code": code,
        "stderr": err.getvalue(),
        "seconds": round(seconds, 3),
        "unchanged": before == after,
        "peak_mb": round(peak_mb(), 1),
    }


def main() -> None:
    manifest, results = Path(sys.argv[1]), Path(sys.argv[2])
    entries = json.loads(manifest.read_text())
    signal.signal(signal.SIGALRM, _alarm)
    from qcode.cli.main import main as qcode

    projects: dict[str, Path] = {}
    found = []
    for entry in entries:
        kind, action, path = entry["kind"], entry["action"], Path(entry["path"])
        if kind not in projects:
            projects[kind] = path.parent / f"{kind}.qcode"
            with contextlib.redirect_stdout(io.StringIO()):
                assert qcode(["init", str(projects[kind])]) == 0
        found.append({"kind": kind, **run_one(action, projects[kind], path)})
    results.write_text(json.dumps(found, indent=1))


if __name__ == "__main__":
    main()
