"""The projects a researcher opened lately, remembered in the user's configuration folder."""

from __future__ import annotations

import json
from pathlib import Path

from qcode.core.redaction import hide_passwords
from qcode.services.coders import config_path

MAX_RECENT = 10


def _file() -> Path:
    return config_path().with_name("recent.json")


def recent_projects() -> list[str]:
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [p for p in data if isinstance(p, str)] if isinstance(data, list) else []


def without_password(reference: str) -> str:
    """A project reference as the recent list keeps it: a URL loses its password."""
    if "://" not in reference:
        return reference
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(reference)
    except ArgumentError:
        return hide_passwords(reference)
    return url._replace(password=None).render_as_string(hide_password=False)


def remember_project(reference: str) -> None:
    """Put ``reference`` first in the recent list (best effort: never fails the caller);
    a URL's password is not kept (it comes from ~/.pgpass, PGPASSWORD or a prompt)."""
    reference = without_password(reference)
    entries = [reference, *(p for p in recent_projects() if p != reference)][:MAX_RECENT]
    try:
        _file().parent.mkdir(parents=True, exist_ok=True)
        _file().write_text(json.dumps(entries, indent=1), encoding="utf-8")
    except OSError:
        pass


def project_files(folder: Path) -> list[Path]:
    """The ``.qcode`` files in ``folder`` (not below it), newest first."""
    try:
        found = [p for p in folder.glob("*.qcode") if p.is_file()]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)
