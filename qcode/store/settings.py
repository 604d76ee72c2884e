"""Project settings and who may see whose coding.

``blind`` on: every reading session opened for a coder (``Project.viewer``) sees only that
coder's segments and memos, and writes to another coder's are refused. Settings are read once
per session (``session.info``).
"""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from qcode.store.models import Coder, Setting, Suggestion, SuggestionDecision

DEFAULTS = {"blind": "off", "consensus_coder": "consensus", "description": ""}
_CACHE = "qcode.settings"
_ONLY = "qcode.only_coder"


def read_settings(session: Session) -> dict[str, str]:
    """Every setting, defaults filled in."""
    cached = session.info.get(_CACHE)
    if cached is None:
        stored = dict(session.execute(select(Setting.name, Setting.value)).all())
        cached = session.info[_CACHE] = DEFAULTS | stored
    return dict(cached)


def write_setting(session: Session, name: str, value: str) -> str | None:
    """Store one setting; returns its previous value (``None`` when it was the default)."""
    row = session.get(Setting, name)
    before = None if row is None else row.value
    if row is None:
        session.add(Setting(name=name, value=value))
    else:
        row.value = value
    session.flush()
    session.info.pop(_CACHE, None)
    session.info.pop(_ONLY, None)
    return before


def is_blind(session: Session) -> bool:
    return read_settings(session)["blind"] == "on"


def only_coder(session: Session) -> int | None:
    """The coder id whose work alone this session shows, or ``None`` when it shows everyone's.

    Blind and a viewer named: that viewer's id (0, matching nothing, before they code).
    """
    if _ONLY in session.info:
        return session.info[_ONLY]
    viewer = session.info.get("viewer")
    team = session.info.get("team")
    found = None
    if team is not None and (team.lead or team.owner):
        pass  # a team's leads (and its owner) see everyone's coding, blind or not
    elif viewer and is_blind(session):
        found = session.scalar(select(Coder.id).where(Coder.name == viewer)) or 0
    session.info[_ONLY] = found
    return found


def seen_status(session: Session):
    """A suggestion's status as the session's viewer sees it: its recorded status, or while
    blind coding is on, the viewer's own decision on it ("pending" when they have none)."""
    only = only_coder(session)
    if only is None:
        return Suggestion.status
    theirs = (
        select(SuggestionDecision.status)
        .where(SuggestionDecision.suggestion_id == Suggestion.id)
        .where(SuggestionDecision.coder_id == only)
        .scalar_subquery()
    )
    own = case((Suggestion.decided_by == only, Suggestion.status), else_=None)
    return func.coalesce(own, theirs, "pending")
