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
    match = _GUID.match(raw.strip())
    if not match:
        raise ValueError(f"{raw!r} is not a GUID")
    return match.group(1).lower()


def is_guid(raw: str) -> bool:
    return bool(_GUID.match(raw.strip()))


def new_guid() -> str:
    return str(uuid.uuid4())
