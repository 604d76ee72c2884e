"""GUIDs of codes: stable identities that survive renames, moves and round trips."""

from __future__ import annotations

import re
import uuid

_GUID = re.compile(
    r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$"
)


def normalise_guid(raw: str) -> str:
    """Lower-case GUID without braces; other tools write them upper-case or in ``{}``.

    Raises ValueError for a string that is not a GUID.
    """
    found = guid_or_none(raw)
    if found is None:
        raise ValueError(f"{raw!r} is not a GUID")
    return found


def guid_or_none(raw: str | None) -> str | None:
    """:func:`normalise_guid` of ``raw``, or ``None`` when it is missing or not a GUID."""
    match = _GUID.match((raw or "").strip())
    return match.group(1).lower() if match else None


def is_guid(raw: str) -> bool:
    return bool(_GUID.match(raw.strip()))


def new_guid() -> str:
    return str(uuid.uuid4())
