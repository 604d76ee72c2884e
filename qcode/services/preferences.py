"""What the app remembers between runs for this researcher (the theme), beside the
configuration file; best effort: a missing or damaged file is as if nothing was chosen."""

from __future__ import annotations

import json
from pathlib import Path

from qcode.services.coders import config_path


def _file() -> Path:
    return config_path().with_name("preferences.json")


def preference(name: str) -> str | None:
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get(name) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def remember(name: str, value: str) -> None:
    """Keep ``name = value`` for the next run (never fails the caller)."""
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
        data = data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        data = {}
    data[name] = value
    try:
        _file().parent.mkdir(parents=True, exist_ok=True)
        _file().write_text(json.dumps(data, indent=1), encoding="utf-8")
    except OSError:
        pass
