"""Who is working: the coder recorded on every change."""

from __future__ import annotations

import getpass
import os

ENV_VAR = "QCODE_CODER"


def current_coder(explicit: str | None = None) -> str:
    """The coder's name: ``--coder``, else ``$QCODE_CODER``, else the login name."""
    for candidate in (explicit, os.environ.get(ENV_VAR)):
        if candidate and candidate.strip():
            return " ".join(candidate.split())
    try:
        return getpass.getuser() or "researcher"
    except (KeyError, OSError):
        return "researcher"
