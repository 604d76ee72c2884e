"""Who is working: the coder recorded on every change."""

from __future__ import annotations

import getpass
import os
import tomllib
from contextvars import ContextVar
from pathlib import Path

from qcode.store.events import DefaultName

ENV_VAR = "QCODE_CODER"
# The command line's ``--coder``, given once before the command: the default for this run.
chosen_coder: ContextVar[str | None] = ContextVar("chosen_coder", default=None)
CONFIG_NAME = "config.toml"


def config_path() -> Path:
    """The user's qcode configuration file (``coder = "Name"``), per platform."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("qcode", appauthor=False)) / CONFIG_NAME


def _configured_coder() -> str | None:
    path = config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
    coder = data.get("coder")
    return coder if isinstance(coder, str) else None


def current_coder(explicit: str | None = None) -> str:
    """The coder's name: ``--coder``, else ``$QCODE_CODER``, else the config file's ``coder``,
    else the login name. The last two are defaults: on a team project the database login
    replaces them (see :class:`qcode.store.events.DefaultName`)."""
    for candidate in (explicit, chosen_coder.get(), os.environ.get(ENV_VAR)):
        if candidate and candidate.strip():
            return " ".join(candidate.split())
    configured = _configured_coder()
    if configured and configured.strip():
        return DefaultName(" ".join(configured.split()))
    try:
        return DefaultName(getpass.getuser() or "researcher")
    except (KeyError, OSError):
        return DefaultName("researcher")
