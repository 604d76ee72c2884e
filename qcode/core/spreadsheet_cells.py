"""Text for spreadsheet cells that a spreadsheet will not run as a formula.

OWASP's rule for CSV injection: a cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return may be taken as a formula by Excel, LibreOffice or Google Sheets (a code
named ``=HYPERLINK("http://…")`` would become a link that leaks data). Such text is written with
a leading apostrophe, which spreadsheets show as text; qcode's own readers take the apostrophe
off again, so a codebook survives the round trip. Numbers are numbers and are left alone.
"""

from __future__ import annotations

from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: Any) -> Any:
    """``value`` as it may go into a spreadsheet cell."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


def restored(value: str) -> str:
    """A cell read back: the apostrophe :func:`neutralised` added is taken off."""
    if value.startswith("'") and value[1:].startswith(TRIGGERS):
        return value[1:]
    return value
