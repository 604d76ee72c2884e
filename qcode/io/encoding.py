"""Decoding text files whose encoding nobody wrote down.

Order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); else strict UTF-8; else cp1252, the
Windows encoding most old exports use, with a warning because a guess was made. Files that
look binary (NUL bytes, many control characters) are refused instead of imported as noise.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from qcode.core.errors import InputFileError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF_BYTES = 64 * 1024
_CONTROL_BYTES = frozenset(range(0, 32)) - {9, 10, 12, 13}
_MAX_CONTROL_SHARE = 0.02


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


def decode_bytes(data: bytes, path: str) -> Decoded:
    """Text of ``data`` with the encoding that was used; raise if it is not text at all."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise InputFileError(
                    path,
                    f"starts with a {encoding} mark but is not valid {encoding} ({exc.reason})",
                ) from None
    _refuse_binary(data, path)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    if "\ufffd" in text:
        text = data.decode("latin-1")
        encoding = "latin-1"
    else:
        encoding = "cp1252"
    return Decoded(text, encoding, f"not UTF-8; read as {encoding} (check accented letters)")


def _refuse_binary(data: bytes, path: str) -> None:
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample:
        raise InputFileError(path, "binary data, not text (is it another format renamed?)")
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise InputFileError(path, "binary data, not text (is it another format renamed?)")
