"""The coding screen follows other coders: their changes appear within a second, without
moving the researcher's cursor, selection or scroll, and the status line says who changed
what. A lost database connection is said ("reconnecting…") and the screen keeps its state."""

from __future__ import annotations

from qcode.core.errors import QcodeError
from qcode.io.error_log import log_unexpected
from qcode.services.codebooks import project_codebook
from qcode.services.documents import document_rows
from qcode.services.live import OutsideChanges, describe
from qcode.store.watch import ChangeWatcher, Poll
from qcode.tui.widgets.code_tree import CodeTree

WATCH_SECONDS = 0.5
# The poll's worker group: a background check, not a task to ask about before quitting.
WATCH_GROUP = "watch"


class LiveUpdates:
    """Mixed into :class:`CodingScreen`."""

    def start_watching(self) -> None:
        self._polling = False
        self._acted = False  # this screen changed something since the last poll
        self._connection = "ok"
        try:
            self._watcher: ChangeWatcher | None = ChangeWatcher(self.project)
        except Exception:  # no live updates (say, a read-only file): the screen still works
            self._watcher = None
            return
        self.set_interval(WATCH_SECONDS, self._watch)

    def stop_watching(self) -> None:
        if getattr(self, "_watcher", None) is not None:
            self._watcher.close()
            self._watcher = None

    def acted(self) -> None:
        """This screen wrote to the project: its own events are not news."""
        self._acted = True

    def _watch(self) -> None:
        if self._watcher is None or self._polling:
            return
        self._polling = True
        self.run_worker(self._poll, thread=True, group=WATCH_GROUP, exit_on_error=False)

    def _poll(self) -> None:
        watcher = self._watcher
        if watcher is None:
            return
        poll, changes = Poll(), OutsideChanges()
        try:
            poll = watcher.poll()
            events = poll.events
            if self._acted and events:
                events = [e for e in events if e.coder != self.coder]
                self._acted = False
            changes = describe(self.project, events)
        except QcodeError:  # the database went away between the poll and the read
            poll = Poll(state="reconnecting")
            watcher.lost()
        except Exception as exc:  # a bug must not stop the screen, nor its updates
            log_unexpected(exc, ["live updates"])
        finally:
            self.app.call_from_thread(self._show_outside, poll, changes)

    def _show_outside(self, poll: Poll, changes: OutsideChanges) -> None:
        self._polling = False
        if poll.state == "reconnecting":
            if self._connection != "reconnecting":
                self._connection = "reconnecting"
                self._status("reconnecting…")
            return
        if poll.state == "reconnected":
            self._connection = "ok"
            self._refresh_everything()
            self._status("reconnected")
            return
        if not changes.any:
            return
        if changes.document_list:
            self._reload_documents()
        if changes.codebook:
            self.reload_segments(codebook_too=True)
        elif self.document_id in changes.documents:
            self.reload_segments(codebook_too=False)
        if changes.documents:
            self.refresh_counts()
            _, usage = project_codebook(self.project)
            self.query_one(CodeTree).set_usage(usage)
        if changes.message:
            self._status(changes.message)

    def _refresh_everything(self) -> None:
        self._reload_documents()
        self.reload_segments(codebook_too=True)
        self.refresh_counts()

    def _reload_documents(self) -> None:
        rows = document_rows(self.project)
        self.doc_list.load(rows, total=len(rows))
        self.doc_list.highlight(self.document_id)
