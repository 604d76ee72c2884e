"""Progress of a long task running in a worker thread, shown in a ProgressBar."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.app import App
from textual.widgets import Label, ProgressBar
from textual.worker import get_current_worker

from qcode.core.errors import Cancelled

_REDRAW_EVERY = 0.05  # seconds between two updates of the bar; cancelling is checked every call


def thread_progress(
    app: App, bar: ProgressBar, label: Label | None = None
) -> Callable[[int, int, str], None]:
    """A ``progress(done, total, what)`` callback for a service running in a thread worker.

    It updates ``bar`` (and ``label``) on the app's thread at most twenty times a second
    (a service may report thousands of times), and raises :class:`Cancelled`
    once the worker is cancelled, so the service's transaction rolls back.
    """
    worker = get_current_worker()
    shown = [0.0]

    def progress(done: int, total: int, what: str) -> None:
        if worker.is_cancelled:
            raise Cancelled("stopped before the end; the project is as it was")
        now = time.monotonic()
        if now - shown[0] < _REDRAW_EVERY and done < total:
            return  # the screen is not redrawn hundreds of times a second
        shown[0] = now
        app.call_from_thread(bar.update, total=total or None, progress=done)
        if label is not None:
            app.call_from_thread(label.update, what)

    return progress
