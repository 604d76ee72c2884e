"""Writing output files whole or not at all: no half-written file is ever left behind.

The file is written under a hidden scratch name beside the target, ``.NAME.PID-XXXX.tmp.EXT``,
and renamed over the target only when complete. A failed write removes its scratch file; a
killed process cannot, so every later write to the same target first removes the scratch
files of processes that are no longer running. A write that the file system refuses
(read-only folder, disk full, missing folder) ends in one line naming the file.
"""

from __future__ import annotations

import errno
import gc
import os
import re
import shutil
import sys
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from qcode.core.errors import OutputFileError, UsageError


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A temporary path (same folder, same extension) that becomes ``path`` on success."""
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(f"{path}: folder {folder} does not exist")
    if path.is_dir():
        raise UsageError(f"{path}: is a folder")
    remove_stale_scratch(path)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}-", suffix=f".tmp{path.suffix}", dir=folder
        )
    except OSError as exc:
        raise write_error(path, exc) from None
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
    except Exception as exc:
        scratch.unlink(missing_ok=True)
        refused = _refused_write(exc)
        if refused is None:
            raise
        error = write_error(path, refused)
        _release(exc)
        raise error from None
    except BaseException:
        scratch.unlink(missing_ok=True)
        raise
    finally:
        _remove(Path(f"{scratch}.d"))


@contextmanager
def spill_folder(scratch: Path) -> Iterator[None]:
    """Keep the temporary files a library spills while writing ``scratch`` (openpyxl's
    write-only sheets) in a folder beside it, removed with it, instead of the system's
    temporary folder where a killed export would leave them for good."""
    folder = Path(f"{scratch}.d")
    folder.mkdir(exist_ok=True)
    before = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = before
        _remove(folder)


def _refused_write(exc: Exception) -> OSError | None:
    """The file system's refusal behind ``exc``, if that is what it is. lxml reports a full
    disk as its own SerialisationError("IO_ENOSPC")."""
    if isinstance(exc, OSError):
        return exc
    text = str(exc)
    if type(exc).__name__ == "SerialisationError" and text.startswith("IO_E"):
        code = getattr(errno, text[3:], None)
        return OSError(code, os.strerror(code) if code else text)
    return None


def _release(exc: BaseException) -> None:
    """Drop what the failed writer still holds (an open zip file), quietly: its own clean-up
    would fail on the same full disk and print a traceback as it is collected."""
    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        traceback.clear_frames(exc.__traceback__)
        gc.collect()
    finally:
        sys.unraisablehook = hook


def write_error(path: Path, exc: OSError) -> OutputFileError:
    """One line for a write the file system refused."""
    return OutputFileError(str(path), f"cannot write it: {exc.strerror or exc}")


_SCRATCH = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)-[^.]+\.tmp")


def remove_stale_scratch(path: Path) -> list[Path]:
    """Remove scratch files of earlier writes to ``path`` whose process has died."""
    removed: list[Path] = []
    try:
        candidates = list(path.parent.glob(f".{glob_escape(path.name)}.*.tmp*"))
    except OSError:
        return removed
    for candidate in candidates:
        found = _SCRATCH.match(candidate.name)
        if not found or found["name"] != path.name or _running(int(found["pid"])):
            continue
        _remove(candidate)
        removed.append(candidate)
    return removed


def glob_escape(name: str) -> str:
    return re.sub(r"([\[\]*?])", r"[\1]", name)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # alive under another user (or not a pid): leave it
    return True


def _remove(path: Path) -> None:
    with suppress(OSError):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
