"""Checks on zip-based files (DOCX, XLSX, QDPX) before any library unpacks them."""

from __future__ import annotations

import zipfile
from pathlib import Path

from qcode.core.errors import InputFileError

MAX_UNPACKED_BYTES = 1_000_000_000
_MAX_RATIO = 200  # deflate rarely beats 20:1 on office XML; bombs reach 1000:1
_RATIO_FLOOR_BYTES = 10_000_000


def check_zip(path: Path, kind: str, required_member: str) -> None:
    """Refuse a damaged archive, a zip bomb, or one that lacks ``required_member``."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise InputFileError(str(path), f"damaged {kind} (not a readable zip archive)") from None
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read: {exc.strerror or exc}") from None
    total = 0
    names = set()
    for member in members:
        names.add(member.filename)
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_FLOOR_BYTES and ratio > _MAX_RATIO:
            raise InputFileError(
                str(path), f"refused: {member.filename} unpacks {ratio:.0f}× (a zip bomb?)"
            )
    if total > MAX_UNPACKED_BYTES:
        raise InputFileError(
            str(path), f"refused: unpacks to {total / 1e9:.1f} GB, over the 1 GB limit"
        )
    if required_member not in names:
        raise InputFileError(str(path), f"not a {kind} (no {required_member} inside)")
