"""Project settings: ``qcode config PROJECT [NAME=VALUE …]``."""

from __future__ import annotations

from collections.abc import Sequence

from qcode.core.errors import UsageError
from qcode.store.events import coder_id, record_event
from qcode.store.project import Project
from qcode.store.settings import DEFAULTS, read_settings, write_setting
from qcode.store.team import require_lead

SWITCHES = {"on": "on", "off": "off", "true": "on", "false": "off", "yes": "on", "no": "off"}
DESCRIPTIONS = {
    "blind": "on: each coder sees and changes only their own segments and memos",
    "consensus_coder": "the coder that consensus decisions are recorded as",
    "description": "what the project is about (travels in REFI-QDA exports)",
}


def project_settings(project: Project) -> dict[str, str]:
    with project.reading() as session:
        return read_settings(session)


def _checked(name: str, value: str) -> str:
    if name not in DEFAULTS:
        raise UsageError(f"no setting {name!r}; settings: {', '.join(sorted(DEFAULTS))}")
    value = " ".join(value.split())
    if name == "blind":
        if value.casefold() not in SWITCHES:
            raise UsageError(f"blind must be on or off, got {value!r}")
        return SWITCHES[value.casefold()]
    if not value:
        raise UsageError(f"{name} needs a value")
    return value


def configure(project: Project, assignments: Sequence[str], *, coder: str) -> dict[str, str]:
    """Apply ``NAME=VALUE`` assignments in one transaction; returns every setting after."""
    parsed = []
    for assignment in assignments:
        name, sep, value = assignment.partition("=")
        if not sep:
            raise UsageError(f"expected NAME=VALUE, got {assignment!r}")
        parsed.append((name.strip(), _checked(name.strip(), value)))
    with project.writing() as session:
        require_lead(session, "changing the project's settings")
        who = coder_id(session, coder)
        for name, value in parsed:
            before = write_setting(session, name, value)
            record_event(
                session,
                coder=who,
                action="configure",
                target_type="setting",
                target_id=name,
                before=before,
                after=value,
            )
        return read_settings(session)
