"""Keeping passwords out of what qcode prints and writes: messages, logs, recent lists."""

from __future__ import annotations

import re

# scheme://user:password@host — the password is whatever stands between the first ":" after
# the user name and the last "@" before the host.
_URL_PASSWORD = re.compile(r"(?P<head>\b[a-z][a-z0-9+.\-]*://[^:/@\s]*:)(?P<secret>\S*)@")
# libpq's "password=..." and SQL's "PASSWORD '...'" (ALTER ROLE, in a logged statement).
_KEYWORD_PASSWORD = re.compile(r"(?P<head>\bpassword\s*=\s*)(?P<secret>'(?:[^']|'')*'|\S+)", re.I)
_SQL_PASSWORD = re.compile(r"(?P<head>\bPASSWORD\s+)(?P<secret>'(?:[^']|'')*')", re.I)


def hide_passwords(text: str) -> str:
    """``text`` with every password in a database URL or ``password=`` setting masked."""
    text = _URL_PASSWORD.sub(lambda m: f"{m['head']}***@", text)
    text = _KEYWORD_PASSWORD.sub(lambda m: f"{m['head']}***", text)
    return _SQL_PASSWORD.sub(lambda m: f"{m['head']}***", text)
