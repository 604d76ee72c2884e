"""Noticing other programs' changes: PostgreSQL's notifications and SQLite's data_version,
and a connection the server drops while the app is open."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import text

from qcode.services.coding import code_span
from qcode.store.project import Project
from qcode.store.watch import ChangeWatcher
from tests.coding_factories import coded_project

CODE = "Obstacles > Slow government response"


def _poll_until(watcher: ChangeWatcher, seconds: float = 2.0):
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        poll = watcher.poll()
        if poll.events or poll.state != "ok":
            return poll
        time.sleep(0.05)
    return poll


def test_another_programs_coding_is_noticed_and_nothing_else(project, tmp_path):
    coded_project(project, tmp_path)
    watcher = ChangeWatcher(project)
    try:
        assert watcher.poll().events == []  # nothing new: nothing read
        other = Project.open(project.location)
        code_span(other, "1", CODE, 0, 10, coder="budi")
        other.close()
        poll = _poll_until(watcher)
        assert [(e.coder, e.action) for e in poll.events] == [("budi", "code")]
        assert watcher.poll().events == []  # told once
    finally:
        watcher.close()


def test_a_dropped_server_connection_is_reported_then_recovered(project, tmp_path):
    if project.location.is_sqlite:
        pytest.skip("a SQLite file has no server to lose")
    coded_project(project, tmp_path)
    watcher = ChangeWatcher(project)
    try:
        pid = watcher._listener.info.backend_pid
        with project.engine.connect() as connection:  # as a server restart would
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        code_span(project, "1", CODE, 0, 10, coder="budi")
        assert _poll_until(watcher).state == "reconnecting"
        recovered = watcher.poll()
        assert recovered.state == "reconnected"
        # What happened while it was away is not lost.
        assert [(e.coder, e.action) for e in recovered.events] == [("budi", "code")]
    finally:
        watcher.close()


def test_closing_while_another_thread_polls_is_safe_and_final(project, tmp_path):
    # The coding screen closes its watcher when it goes away, maybe while its worker polls:
    # a SQLite connection closed under a running statement crashes the whole process.
    import threading

    coded_project(project, tmp_path)
    watcher = ChangeWatcher(project)
    failures: list[BaseException] = []
    started = threading.Event()

    def keep_polling() -> None:
        started.set()
        try:
            for _ in range(3000):
                watcher.poll()
        except BaseException as exc:  # reported by the assertion below
            failures.append(exc)

    poller = threading.Thread(target=keep_polling)
    poller.start()
    started.wait()
    time.sleep(0.01)
    watcher.close()
    poller.join()
    assert failures == []
    other = Project.open(project.location)
    code_span(other, "1", CODE, 0, 10, coder="budi")
    other.close()
    assert watcher.poll().events == []  # closed for good: nothing more is read
