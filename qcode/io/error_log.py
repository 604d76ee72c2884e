"""The log of unexpected errors, kept in the user's state folder for bug reports.

Bad input is reported in one line and never logged; an error qcode did not expect (a bug)
is still reported in one line, and its traceback is appended here so that it can be sent
with a bug report without running the command again.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from pathlib import Path

from qcode.core.redaction import hide_passwords

MAX_LOG_BYTES = 1_000_000  # the older half is dropped past this


def state_folder() -> Path:
    """``$XDG_STATE_HOME/qcode`` (``~/.local/state/qcode`` by default)."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "qcode"


def log_path() -> Path:
    return state_folder() / "errors.log"


def log_unexpected(exc: BaseException, argv: list[str]) -> Path | None:
    """Append ``exc``'s traceback to the error log; the log's path, or None if it cannot be
    written (a read-only home must not turn one error into two)."""
    path = log_path()
    when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    entry = hide_passwords(
        f"--- {when} qcode {' '.join(argv)}\n"
        f"python {sys.version.split()[0]} on {sys.platform}\n"
        + "".join(traceback.format_exception(exc))
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            kept = path.read_bytes()[-MAX_LOG_BYTES // 2 :]
            path.write_bytes(kept[kept.find(b"\n--- ") + 1 :] if b"\n--- " in kept else b"")
        with path.open("a", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(entry)
    except OSError:
        return None
    return path
