"""Asking before an export replaces a file that is already there."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.screen import Screen

from qcode.tui.screens.dialogs import Choice


def free_name(path: Path) -> Path:
    """``report (2).docx``, ``report (3).docx``…: the first name beside ``path`` not taken."""
    number = 2
    while True:
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
        if not candidate.exists():
            return candidate
        number += 1


def write_asking(screen: Screen, path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(path)``; when ``path`` exists, first ask: overwrite it, write under a
    new name beside it, or cancel (nothing written)."""
    if not path.exists():
        write(path)
        return
    other = free_name(path)

    def answered(choice: str | None) -> None:
        if choice == "overwrite":
            write(path)
        elif choice == "rename":
            write(other)
        else:
            screen.notify(f"nothing written; {path.name} is as it was")

    screen.app.push_screen(
        Choice(
            f"{path} already exists.",
            [
                ("o", "overwrite", f"overwrite {path.name}"),
                ("n", "rename", f"write {other.name} beside it"),
            ],
        ),
        answered,
    )
