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
# they are never meaningful in prose, text widgets render or rewrite them, and PostgreSQL
# cannot store NUL at all (so they are dropped the same way whatever the database).
DROPPED_CONTROLS = (*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F)
_DROP = {c: None for c in DROPPED_CONTROLS}
TRANSLATION = {**_DROP, **{c: "\n" for c in (0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029)}}
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
# Bytes of a file name that were not valid in the file system's encoding arrive as lone
# surrogates (PEP 383); no database can store those.
_UNDECODABLE = re.compile("[\ud800-\udfff]")
TRAILING_SPACE = re.compile(r"[ \t]+\n")
MANY_BLANK_LINES = re.compile(r"\n{3,}")


def normalise(text: str) -> str:
    """Return ``text`` in the stored form: NFC, ``\\n`` line ends, no stray controls."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").translate(TRANSLATION)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if " \n" in text or "\t\n" in text:
        text = TRAILING_SPACE.sub("\n", text)
    if "\n\n\n" in text:
        text = MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip("\n ")


def collapse_spaces(value: str) -> str:
    """Single-line form of a metadata value (titles, names): runs of white space become one,
    control characters are dropped."""
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
    return " ".join(value.translate(_DROP).split())


def control_count(text: str) -> int:
    """How many characters :func:`normalise` drops from ``text`` as control characters."""
    return sum(1 for _ in _CONTROL.finditer(text))


def escape_undecodable(name: str) -> str:
    """``name`` (a file name as Python reads it) in a form any database can store.

    A byte that was not valid in the file system's encoding becomes ``\\xNN``; then (or when
    the name already holds such a sequence) backslashes are doubled, so that
    :func:`restore_undecodable` gives the name back byte for byte. Other names are returned
    unchanged.
    """
    if not _UNDECODABLE.search(name) and not _LOOKS_ESCAPED.search(name):
        return name
    return _UNDECODABLE.sub(_escape_one, name.replace("\\", "\\\\"))


def _escape_one(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


_ESCAPED = re.compile(r"\\(\\|x[89a-f][0-9a-f]|ud[89a-f][0-9a-f]{2})")
_LOOKS_ESCAPED = re.compile(r"\\(x[89a-f][0-9a-f]|ud[89a-f][0-9a-f]{2})")


def restore_undecodable(stored: str) -> str:
    """The file name :func:`escape_undecodable` was given (with lone surrogates, as
    ``os.fsencode`` expects), for a stored name that holds escapes."""
    if not _LOOKS_ESCAPED.search(stored):
        return stored
    return _ESCAPED.sub(_restore_one, stored)


def _restore_one(match: re.Match[str]) -> str:
    body = match.group(1)
    if body == "\\":
        return "\\"
    if body[0] == "x":
        return chr(0xDC00 + int(body[1:], 16))
    return chr(int(body[1:], 16))


def sha256_of(text: str) -> str:
    """Hex SHA-256 of the UTF-8 encoding of ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
