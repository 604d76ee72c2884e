"""Running a user's action so that errors become notifications, never tracebacks."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.app import App
from textual.dom import DOMNode

from qcode.core.errors import QcodeError

T = TypeVar("T")


def error_message(exc: Exception) -> str:
    """What a user is told of an error: qcode's own message, or what went wrong where."""
    if isinstance(exc, QcodeError):
        return str(exc)
    return f"unexpected {type(exc).__name__}: {exc}"


def in_worker(
    app: App, task: Callable[[], T], done: Callable[[T], None], failed: Callable[[str], None]
) -> None:
    """Run ``task`` in a thread worker; hand its result, or its error's message, to the app's
    thread (``done`` or ``failed``). No error escapes to the screen."""
    try:
        result = task()
    except Exception as exc:  # a bug must not take the researcher's screen down
        app.call_from_thread(failed, error_message(exc))
        return
    app.call_from_thread(done, result)


def notify_errors(
    node: DOMNode,
    action: Callable[[], str | None],
    done: Callable[[str], None] | None = None,
) -> bool:
    """Run ``action``; notify its error, or pass its message to ``done`` (by default a
    notification too). True when it succeeded."""
    try:
        message = action()
    except Exception as exc:  # a bug must not take the researcher's screen down
        node.notify(error_message(exc), severity="error")
        return False
    if message:
        (done or node.notify)(message)
    return True
