"""Writing output files whole or not at all: no half-written file is ever left behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from qcode.core.errors import UsageError


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A temporary path (same folder, same extension) that becomes ``path`` on success."""
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(f"{path}: folder {folder} does not exist")
    if path.is_dir():
        raise UsageError(f"{path}: is a folder")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=folder)
    os.close(handle)
    scratch = Path(temporary)
    try:
        yield scratch
        # mkstemp makes the file private (0600); give it the mode a new file would have.
        umask = os.umask(0)
        os.umask(umask)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~umask
        os.chmod(scratch, mode)
        os.replace(scratch, path)
    except BaseException:
        scratch.unlink(missing_ok=True)
        raise
