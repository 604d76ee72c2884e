"""Checks on zip-based files (DOCX, XLSX, QDPX) before any library parses them.

Every member is inflated in a stream and its bytes are counted as they come out: the sizes a
zip's headers claim are never trusted (a crafted header can understate a member a thousand
times). The file is refused when one member inflates far more than office files do, when all
members together pass :data:`MAX_UNPACKED_BYTES`, or when an XML part declares a DOCTYPE
(office files never do; it is how entity tricks start, and a parser that skips the entity
would silently lose the text after it).
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from qcode.core.errors import InputFileError

MAX_UNPACKED_BYTES = 1_000_000_000
MAX_KEPT_BYTES = 64_000_000  # XML parsed into memory: about 15 MB of plain text
MAX_RATIO = 200  # deflate rarely beats 20:1 on office XML; bombs reach 1000:1
_RATIO_FLOOR_BYTES = 10_000_000
_CHUNK = 1 << 20
_XML_SUFFIXES = (".xml", ".rels", ".qde", ".vml")
_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"))
_OVERLAP = 20


def is_xml_part(name: str) -> bool:
    return name.lower().endswith(_XML_SUFFIXES)


def check_zip(path: Path, kind: str, required_member: str) -> None:
    """Refuse a damaged archive, a zip bomb, or one that lacks ``required_member``."""
    unpack_checked(path, kind, required_member, keep=lambda name: False)


def unpack_checked(
    path: Path, kind: str, required_member: str, keep: Callable[[str], bool]
) -> dict[str, bytes]:
    """Inflate every member of the archive at ``path`` under the limits above and return the
    bytes of the members ``keep`` selects; the others are counted and come back empty (a
    Word document's pictures, which text import never needs in memory)."""
    kept: dict[str, bytes] = {}
    kept_bytes = 0
    try:
        packed = path.stat().st_size
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if required_member and required_member not in {m.filename for m in members}:
                raise InputFileError(str(path), f"not a {kind} (no {required_member} inside)")
            total = 0
            for member in members:
                if member.is_dir():
                    continue
                parts: list[bytes] | None = [] if keep(member.filename) else None
                total = _inflate(archive, member, path, total, parts)
                if total > _RATIO_FLOOR_BYTES and total > MAX_RATIO * packed:
                    raise InputFileError(
                        str(path),
                        f"refused: its parts unpack over {MAX_RATIO}× the file's size "
                        "(a zip bomb?)",
                    )
                kept[member.filename] = b""
                if parts is not None:
                    kept[member.filename] = b"".join(parts)
                    kept_bytes += len(kept[member.filename])
                    if kept_bytes > MAX_KEPT_BYTES:
                        raise InputFileError(
                            str(path),
                            f"refused: its text parts unpack to over {MAX_KEPT_BYTES // 10**6} "
                            "MB of XML (split the document)",
                        )
    except zipfile.BadZipFile as exc:
        raise InputFileError(str(path), f"damaged {kind} ({_reason(exc)})") from None
    except (zlib.error, EOFError, NotImplementedError) as exc:
        raise InputFileError(str(path), f"damaged {kind} ({exc})") from None
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read: {exc.strerror or exc}") from None
    return kept


def _inflate(
    archive: zipfile.ZipFile,
    member: zipfile.ZipInfo,
    path: Path,
    total: int,
    parts: list[bytes] | None,
) -> int:
    """Stream one member, counting its real size into ``total`` (returned)."""
    is_xml = is_xml_part(member.filename)
    inflated = 0
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            inflated += len(chunk)
            total += len(chunk)
            if total > MAX_UNPACKED_BYTES:
                raise InputFileError(
                    str(path),
                    f"refused: unpacks to over {MAX_UNPACKED_BYTES / 1e9:.0f} GB "
                    f"(the limit for a {archive_kind(path)})",
                )
            if inflated > _RATIO_FLOOR_BYTES and inflated > MAX_RATIO * max(
                member.compress_size, 1
            ):
                raise InputFileError(
                    str(path),
                    f"refused: {member.filename} unpacks over {MAX_RATIO}× its packed size "
                    "(a zip bomb?)",
                )
            if is_xml:
                window = tail + chunk
                if any(mark in window for mark in _DECLARATIONS):
                    raise InputFileError(
                        str(path),
                        f"refused: {member.filename} declares a DOCTYPE or entities, which "
                        "office files never do",
                    )
                tail = window[-_OVERLAP:]
            if parts is not None:
                parts.append(chunk)
    return total


def archive_kind(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    return f".{suffix} file" if suffix else "zip file"


def _reason(exc: zipfile.BadZipFile) -> str:
    text = str(exc)
    if text == "File is not a zip file":
        return "not a readable zip archive"
    if "Bad CRC" in text or "Bad magic" in text:
        return f"{text}; the archive's sizes or contents are not what its headers say"
    return text or "not a readable zip archive"
