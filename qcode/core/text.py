"""Text normalisation: what is stored is what every offset counts in.

Stored text is NFC-normalised, uses only ``\\n`` line endings and keeps no characters that a
text widget would silently rewrite (form feeds, vertical tabs, Unicode line separators).
Offsets everywhere in qcode are Python ``str`` indices into this normalised text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85|\x0b|\x0c")
# C0 controls other than tab and newline, plus DEL: never meaningful in prose.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def normalise(text: str) -> str:
    """Return ``text`` in the stored form: NFC, ``\\n`` line ends, no stray controls."""
    text = text.lstrip("\ufeff")
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACE.sub("\n", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip("\n ")


def collapse_spaces(value: str) -> str:
    """Single-line form of a metadata value (titles, names): runs of white space become one."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def sha256_of(text: str) -> str:
    """Hex SHA-256 of the UTF-8 encoding of ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
