"""Running a user's action so that errors become notifications, never tracebacks."""

from __future__ import annotations

from collections.abc import Callable

from textual.dom import DOMNode

from qcode.core.errors import QcodeError


def notify_errors(
    node: DOMNode,
    action: Callable[[], str | None],
    done: Callable[[str], None] | None = None,
) -> bool:
    """Run ``action``; notify its error, or pass its message to ``done`` (by default a
    notification too). True when it succeeded."""
    try:
        message = action()
    except QcodeError as exc:
        node.notify(str(exc), severity="error")
        return False
    except Exception as exc:  # a bug must not take the researcher's screen down
        node.notify(f"unexpected {type(exc).__name__}: {exc}", severity="error")
        return False
    if message:
        (done or node.notify)(message)
    return True
