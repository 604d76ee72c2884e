"""Reading a source file safely: it exists, it is a file, it is not empty and not too large."""

from __future__ import annotations

from pathlib import Path

from qcode.core.errors import InputFileError

DEFAULT_MAX_MB = 200


def check_source(path: Path, max_bytes: int) -> int:
    """Size in bytes of the file at ``path``, or raise naming the problem."""
    if not path.exists():
        raise InputFileError(str(path), "no such file or folder")
    if not path.is_file():
        raise InputFileError(str(path), "not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise InputFileError(str(path), "file is empty")
    if size > max_bytes:
        raise InputFileError(
            str(path),
            f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit "
            "(raise it with --max-size MB)",
        )
    return size
