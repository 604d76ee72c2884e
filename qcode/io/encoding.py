"""Decoding text files whose encoding nobody wrote down.

Order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); else strict UTF-8; else cp1252, the
Windows encoding most old exports use (latin-1 when the file has bytes cp1252 leaves
undefined), with a warning because a guess was made — but only when the file holds no valid
multi-byte UTF-8 sequence at all. A UTF-8 file with one bad byte (two files pasted together, a
damaged copy) is refused with the line and byte of the first invalid sequence: reading it all
as cp1252 would garble every accented letter, and stored text never changes afterwards. Files
that look binary (NUL bytes, many control characters) are refused instead of imported as noise.

Detection reads the file in chunks and keeps nothing, so a large reference export can then be
read line by line without ever being held in memory whole.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from qcode.core.errors import InputFileError, UsageError
from qcode.core.text import DROPPED_CONTROLS, control_count

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
_SNIFF_BYTES = 64 * 1024
_CHUNK = 1 << 20
_CONTROL_BYTES = frozenset(range(0, 32)) - {9, 10, 12, 13}
_MAX_CONTROL_SHARE = 0.02
_CP1252_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
# Every byte but the control characters normalisation drops, for counting those quickly.
_ALL_BUT_DROPPED = bytes(sorted(set(range(256)) - set(DROPPED_CONTROLS)))
# A well-formed multi-byte UTF-8 sequence (RFC 3629): text written in cp1252 almost never
# holds one, text written in UTF-8 with any accent always does.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


@dataclass(frozen=True, slots=True)
class Encoding:
    """How to read a file: ``codec`` for Python (BOM-aware), ``name`` for people."""

    name: str
    codec: str
    warning: str | None = None
    controls: int = 0  # control characters in the file, dropped when its text is stored


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


def _guessed(name: str) -> str:
    return f"not UTF-8; read as {name} (check accented letters)"


def detect_encoding(path: Path, forced: str | None = None) -> Encoding:
    """The encoding of the file at ``path``; raise if it is binary rather than text.

    With ``forced`` (``--encoding``) nothing is guessed: the whole file must decode in it.
    """
    if forced:
        return _forced(path, forced)
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
            for bom, name, codec in _BOMS:
                if head.startswith(bom):
                    return Encoding(name, codec)
            _refuse_binary(head, str(path))
            decoder = codecs.getincrementaldecoder("utf-8")()
            utf8 = True
            undefined = multibyte = False
            invalid: tuple[int, int] | None = None  # (line, byte) of the first bad sequence
            chunk, start, lines, controls = head, 0, 0, 0
            while chunk:
                controls += len(chunk.translate(None, _ALL_BUT_DROPPED))
                if utf8:
                    pending = len(decoder.getstate()[0])
                    try:
                        decoder.decode(chunk)
                    except UnicodeDecodeError as exc:
                        utf8 = False
                        at = max(0, exc.start - pending)
                        invalid = (lines + chunk.count(b"\n", 0, at) + 1, start + at)
                undefined = undefined or any(byte in chunk for byte in _CP1252_UNDEFINED)
                multibyte = multibyte or _UTF8_MULTIBYTE.search(chunk) is not None
                start += len(chunk)
                lines += chunk.count(b"\n")
                chunk = handle.read(_CHUNK)
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if utf8:
        try:
            decoder.decode(b"", final=True)
            return Encoding("utf-8", "utf-8", controls=controls)
        except UnicodeDecodeError:
            invalid = (lines + 1, start)  # cut short in the middle of a character
    if multibyte and invalid is not None:
        raise _mixed(str(path), *invalid)
    name = "latin-1" if undefined else "cp1252"
    return Encoding(name, name, _guessed(name), controls)


def _forced(path: Path, name: str) -> Encoding:
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise UsageError(
            f"--encoding {name}: no such encoding (try utf-8, cp1252, latin-1)"
        ) from None
    decoder = codecs.getincrementaldecoder(codec)()
    start = lines = controls = 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                pending = len(decoder.getstate()[0])
                try:
                    text = decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    at = max(0, exc.start - pending)
                    line = lines + chunk.count(b"\n", 0, at) + 1
                    raise InputFileError(
                        str(path), f"not valid {name} at line {line:,}, byte {start + at:,}"
                    ) from None
                controls += control_count(text)
                start += len(chunk)
                lines += chunk.count(b"\n")
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise InputFileError(str(path), f"not valid {name}: cut short at the end") from None
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read: {exc.strerror or exc}") from None
    return Encoding(name, codec, controls=controls)


def dropped_controls(count: int) -> str:
    """The import warning for ``count`` control characters left out of the stored text."""
    return f"{count:,} control character(s) (NUL and the like) left out of the text"


def read_text(path: Path, encoding: Encoding) -> str:
    """The whole text of the file."""
    try:
        return path.read_text(encoding=encoding.codec)
    except UnicodeDecodeError as exc:
        raise _bad_bom(path, encoding, exc) from None


def iter_lines(path: Path, encoding: Encoding) -> Iterator[str]:
    """The file's lines, one at a time, without their line endings."""
    try:
        with path.open(encoding=encoding.codec, newline="") as handle:
            for line in handle:
                yield line.rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise _bad_bom(path, encoding, exc) from None


def head_text(path: Path, encoding: Encoding, chars: int = 4096) -> str:
    try:
        with path.open(encoding=encoding.codec) as handle:
            return handle.read(chars)
    except UnicodeDecodeError as exc:
        raise _bad_bom(path, encoding, exc) from None


def _bad_bom(path: Path, encoding: Encoding, exc: UnicodeDecodeError) -> InputFileError:
    return InputFileError(
        str(path),
        f"starts with a {encoding.name} mark but is not valid {encoding.name} ({exc.reason})",
    )


def decode_bytes(data: bytes, path: str) -> Decoded:
    """Text of ``data`` (already in memory) with the encoding that was used."""
    for bom, name, _codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(name), name)
            except UnicodeDecodeError as exc:
                raise InputFileError(
                    path, f"starts with a {name} mark but is not valid {name} ({exc.reason})"
                ) from None
    _refuse_binary(data, path)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(data):
            raise _mixed(path, data.count(b"\n", 0, exc.start) + 1, exc.start) from None
    name = "latin-1" if any(byte in data for byte in _CP1252_UNDEFINED) else "cp1252"
    return Decoded(data.decode(name), name, _guessed(name))


def _mixed(path: str, line: int, byte: int) -> InputFileError:
    return InputFileError(
        path,
        f"not valid UTF-8 at line {line:,}, byte {byte:,}, though the rest is UTF-8; nothing "
        "was imported (read as cp1252 every accented letter would be garbled): repair or "
        "re-save it as UTF-8, or use --encoding cp1252 if it really is cp1252",
    )


def _refuse_binary(data: bytes, path: str) -> None:
    sample = data[:_SNIFF_BYTES]
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if b"\x00" in sample or controls > _MAX_CONTROL_SHARE * len(sample):
        raise InputFileError(path, "binary data, not text (is it another format renamed?)")
