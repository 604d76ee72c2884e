"""Running a user's action so that errors become notifications, never tracebacks."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.app import App
from textual.dom import DOMNode

from qcode.core.errors import ProjectBusy, QcodeError
from qcode.core.redaction import hide_passwords
from qcode.store.engine import lock_wait

T = TypeVar("T")


def error_message(exc: Exception) -> str:
    """What a user is told of an error: qcode's own message, or what went wrong where."""
    if isinstance(exc, QcodeError):
        return hide_passwords(str(exc))
    return hide_passwords(f"unexpected {type(exc).__name__}: {exc}")


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


QUICK_LOCK_MS = 50  # the longest a write waits for a lock on the app's own thread


def notify_errors(
    node: DOMNode,
    action: Callable[[], str | None],
    done: Callable[[str], None] | None = None,
) -> bool:
    """Run ``action``; notify its error, or pass its message to ``done`` (by default a
    notification too). True when it succeeded.

    Writes wait at most ``QUICK_LOCK_MS`` for another program's lock; past that the action
    waits in :class:`LockWait` (which says so, and lets the researcher give up) and runs
    again once the lock is free.
    """
    try:
        with lock_wait(QUICK_LOCK_MS):
            message = action()
    except ProjectBusy:
        _wait_then_retry(node, action, done)
        return False
    except Exception as exc:  # a bug must not take the researcher's screen down
        node.notify(error_message(exc), severity="error")
        return False
    if message:
        (done or node.notify)(message)
    return True


def _wait_then_retry(
    node: DOMNode, action: Callable[[], str | None], done: Callable[[str], None] | None
) -> None:
    from qcode.tui.screens.lock_wait import LockWait

    project = getattr(node.app, "project", None)
    if project is None:
        node.notify("the project is busy; nothing was changed, try again", severity="error")
        return

    def answered(free: bool | None) -> None:
        if free:
            notify_errors(node, action, done)
        else:
            node.notify("gave up waiting for the project; nothing was changed", severity="warning")

    node.app.push_screen(LockWait(project), answered)
