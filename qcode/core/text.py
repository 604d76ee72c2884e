"""Text normalisation: what is stored is what every offset counts in.

Stored text is NFC-normalised, uses only ``\\n`` line endings and keeps no characters that a
text widget would silently rewrite (form feeds, vertical tabs, Unicode line separators).
Offsets everywhere in qcode are Python ``str`` indices into this normalised text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Line breaks become "\n"; C0 controls other than tab and newline, and DEL, are dropped:
# they are never meaningful in prose and text widgets render or rewrite them.
_TRANSLATION = {c: None for c in (*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F)}
_TRANSLATION.update({c: "\n" for c in (0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029)})
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def normalise(text: str) -> str:
    """Return ``text`` in the stored form: NFC, ``\\n`` line ends, no stray controls."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").translate(_TRANSLATION)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if " \n" in text or "\t\n" in text:
        text = _TRAILING_SPACE.sub("\n", text)
    if "\n\n\n" in text:
        text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip("\n ")


def collapse_spaces(value: str) -> str:
    """Single-line form of a metadata value (titles, names): runs of white space become one."""
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
    return " ".join(value.split())


def sha256_of(text: str) -> str:
    """Hex SHA-256 of the UTF-8 encoding of ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
