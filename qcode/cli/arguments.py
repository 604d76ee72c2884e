"""Arguments shared by several commands, and where PROJECT comes from."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from qcode.core.errors import UsageError

ENV_VAR = "QCODE_DB"  # the same name qcode.store.location reads

_SQLITE_MAGIC = b"SQLite format 3\x00"


def add_project(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "project",
        metavar="PROJECT",
        nargs="?",
        help=f"project file or PostgreSQL URL (default: ${ENV_VAR})",
    )


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON (documented shape)")


def is_project_reference(value: str) -> bool:
    """True when ``value`` names a project rather than an input: a database URL, a
    ``.qcode`` path, or an existing SQLite file."""
    if "://" in value or value.endswith(".qcode"):
        return True
    path = Path(value)
    try:
        with path.open("rb") as handle:
            return handle.read(16) == _SQLITE_MAGIC
    except OSError:
        return False


def split_project(items: list[str], rest: int | None) -> tuple[str | None, list[str]]:
    """Separate PROJECT from the other positional arguments.

    PROJECT may be left out when ``$QCODE_DB`` is set: with a fixed number ``rest`` of other
    arguments that is told by the count, otherwise by whether the first one names a project.
    """
    from_env = os.environ.get(ENV_VAR)
    if rest is not None:
        if len(items) == rest + 1:
            return items[0], items[1:]
        if len(items) == rest and from_env:
            return None, items
        raise UsageError(f"expected PROJECT and {rest} more argument(s), got {len(items)}")
    if from_env and items and not is_project_reference(items[0]):
        return None, items
    if len(items) < 2:
        raise UsageError("expected PROJECT and at least one PATH")
    return items[0], items[1:]


def finite_number(text: str) -> float:
    """An argparse type for a plain number: ``nan``, ``inf`` and ``1e400`` are refused."""
    import math

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def positive_number(text: str) -> float:
    """A finite number above zero (sizes, limits)."""
    value = finite_number(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be above zero")
    return value


def non_negative_int(text: str) -> int:
    """A whole number, zero or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be 0 or more")
    return value
