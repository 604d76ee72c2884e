"""The coding screen: documents, the document being read, the code tree, its segments."""

from __future__ import annotations

import gc
from bisect import insort
from collections.abc import Callable, Iterable
from functools import partial
from typing import ClassVar

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static

from qcode.core.codebook import Codebook
from qcode.core.errors import QcodeError
from qcode.core.segmenter import Span, sentences
from qcode.services.codebooks import project_codebook
from qcode.services.coding import SegmentView, code_span, list_segments, uncode
from qcode.services.documents import document_rows, show_document
from qcode.services.segment_changes import segment_versions
from qcode.services.settings import project_settings
from qcode.services.undo import CODING_ACTIONS, Step, step
from qcode.store.project import Project
from qcode.tui.safely import notify_errors
from qcode.tui.screens.coding_live import LiveUpdates
from qcode.tui.screens.coding_moves import TextMoves
from qcode.tui.screens.coding_screens import OtherScreens
from qcode.tui.screens.coding_segments import SegmentPanel, span_order
from qcode.tui.widgets.code_tree import CodeTree
from qcode.tui.widgets.document_list import DocumentList
from qcode.tui.widgets.document_viewer import DocumentViewer

DIGITS = "123456789"
DOCUMENTS_LISTED = 1000
NARROW = 100


class CodingScreen(LiveUpdates, OtherScreens, SegmentPanel, TextMoves, Screen):
    """Read a document, select text with the keyboard or mouse, apply codes by digit."""

    CSS_PATH = "coding.tcss"
    # Help and Quit come first so that a narrow terminal's footer, which drops what does not
    # fit from the right, keeps them.
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("question_mark,f1", "app.show_keys", "Help"),
        Binding("q,ctrl+q", "app.quit", "Quit"),
        *[Binding(d, f"apply_shortcut({d})", "", show=False) for d in DIGITS],
        Binding("u,ctrl+z", "undo", "Undo"),
        Binding("U,ctrl+y", "redo", "Redo", show=False),
        Binding("c", "pick_code", "Code…"),
        Binding("x", "remove_code", "Uncode"),
        Binding("M", "memo", "Memo", show=False),
        Binding("n", "next_segment", "Next segment (next hit after a search)", show=False),
        Binding("N", "previous_hit", "Previous search hit", show=False),
        Binding("p", "previous_segment", "Previous segment", show=False),
        Binding("right_square_bracket", "next_document", "Next document", show=False),
        Binding("left_square_bracket", "previous_document", "Previous document", show=False),
        Binding("m", "toggle_mine", "Only my coding / everyone's", show=False),
        Binding("k", "toggle_colour_by", "Colour by code / by coder", show=False),
        Binding("s", "select_sentence", "Select the sentence", show=False),
        Binding("S", "select_paragraph", "Select the paragraph", show=False),
        Binding("a", "suggestions", "Suggestions"),
        Binding("slash", "search", "Search"),
        Binding("b", "codebook", "Codebook"),
        Binding("i", "import_files", "Import", show=False),
        Binding("t", "matrix", "Matrix"),
        Binding("C", "compare", "Compare two coders", show=False),
        Binding("e", "export", "Export"),
        Binding("f", "filter_documents", "Filter the documents", show=False),
        Binding("o", "sort_documents", "Sort the documents", show=False),
        Binding("escape", "focus_viewer", "Back to the text (ends a search)", show=False),
    ]

    def __init__(self, project: Project, coder: str) -> None:
        super().__init__()
        self.project = project
        self.coder = coder
        self.codebook = Codebook()
        self.usage: dict[str, int] = {}
        self.document_id: int | None = None
        self.segments: list[SegmentView] = []
        self.versions: dict | None = None  # segment id -> when it last changed, as read
        self._at: int | None = None  # the segment n / p last went to
        self.units: dict[str, list[Span]] = {}  # sentences and paragraphs of the open document
        self.paths: dict[str, str] = {}  # code guid -> "Parent > Code"
        self.search_state = None  # the search whose hits n / N step through, if any
        self.mine_only = False  # show only the current coder's segments
        self.colour_by_coder = False  # colour spans by coder instead of by code

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield DocumentList(id="doc-pane")
            with Vertical(id="reading"):
                yield DocumentViewer(id="viewer")
                yield Static("", id="status")
            with Vertical(id="coding"):
                yield CodeTree(id="codes")
                yield OptionList(id="segments")
                yield Static("", id="segments-more")
        yield Footer()

    def on_resize(self, event) -> None:
        # Below 100 columns the document list steps aside for the text (] and [ still work).
        self.set_class(event.size.width < NARROW, "-narrow")

    @property
    def doc_list(self) -> DocumentList:
        return self.query_one(DocumentList)

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < NARROW, "-narrow")
        self.title = "qcode"
        location = self.project.location
        shown = location.path.name if location.path is not None else location.display()
        self.sub_title = f"{shown} · coder: {self.coder}"
        if self.project.read_only:
            self.sub_title += " · read-only"
        try:
            if project_settings(self.project)["blind"] == "on":
                self.sub_title += " · blind"
            rows = document_rows(self.project)
            self.doc_list.load(rows, total=len(rows))
            self.refresh_codebook()
        except QcodeError as exc:  # damaged or unreachable: one line and status 4, no trace
            self.app.fail(str(exc))
            return
        viewer = self.query_one(DocumentViewer)
        viewer.on_moved = self._moved
        viewer.focus()
        if self.doc_list.documents:
            # Opened before the first frame, so the screen is drawn once: the view wraps the
            # text again when it learns its width, which costs milliseconds.
            self.open_document(self.doc_list.documents[0].id)
        self.start_watching()

    def on_unmount(self) -> None:
        self.stop_watching()

    # Loading -----------------------------------------------------------------------------

    def refresh_codebook(self) -> None:
        self.codebook, self.usage = project_codebook(self.project)
        self.paths = self.codebook.paths()
        self.query_one(CodeTree).show(self.codebook, self.usage)

    def open_document(self, document_id: int) -> None:
        """Show a document; an error (a damaged page, say) is a notification."""
        self._safely(lambda: self._open(document_id))

    def _open(self, document_id: int) -> None:
        detail = show_document(self.project, str(document_id))
        self.document_id = document_id
        self.units = {}
        self.segments = list_segments(self.project, document=str(document_id))
        self.versions = None  # read once the document is drawn
        viewer = self.query_one(DocumentViewer)
        viewer.show(detail.text, self._coded(), self._palette())
        self.doc_list.highlight(document_id)
        self._refresh_segment_list()
        self._status(f"{detail.summary.title}")
        # A long report leaves tens of thousands of objects that live as long as it is open;
        # the collector's full passes over them cost 20-100 ms, felt as a late key. Freezing
        # them leaves them out of those passes (they are acyclic: still freed by reference
        # counting when the next document replaces them).
        gc.freeze()
        # Sentences and the segments' versions are read once the screen is drawn: the first
        # 's' then costs nothing, and opening a long report does not wait for them.
        self.set_timer(0.3, partial(self._after_open, document_id))

    def _after_open(self, document_id: int) -> None:
        if document_id != self.document_id:
            return
        if "sentence" not in self.units:
            self.units["sentence"] = sentences(self.query_one(DocumentViewer).text)
        if self.versions is None:  # the screen's segments are the project's at this moment
            self.versions = segment_versions(self.project, document_id)

    def _status(self, message: str) -> None:
        self.query_one("#status", Static).update(message, layout=False)  # a fixed-size line

    def _safely(self, action: Callable[[], str | None]) -> None:
        # Success is said in the status line: a notification per coded span would be noise
        # (and a toast costs a layout pass on every key); errors still pop up.
        self.acted()
        notify_errors(self, action, self._status)

    def key_sheet(self) -> list[tuple[str, str]]:
        """The key sheet: each digit with its code's name, then the screen's keys."""
        from qcode.tui.screens.key_sheet import declared_keys

        paths = self.codebook.paths()
        digits = [
            (str(c.shortcut), f"code: {paths[c.guid]}")
            for c in sorted(self.codebook.codes, key=lambda c: c.shortcut or 0)
            if c.shortcut and not c.retired
        ]
        reading = [
            ("shift+arrows", "select text (or drag with the mouse)"),
            ("PgUp  PgDn", "page through the text"),
            ("ctrl+home  ctrl+end", "start / end of the text"),
            ("ctrl+←  ctrl+→", "word left / right"),
            ("ctrl+c", "copy the selection"),
        ]
        return digits + declared_keys(self) + reading

    def palette_commands(self) -> Iterable[SystemCommand]:
        """ "Apply code: …" for every code that takes coding, for the command palette."""
        paths = self.codebook.paths()
        for code in self.codebook.codes:
            if code.codable and not code.retired:
                key = f"key: {code.shortcut}" if code.shortcut else "also: c, the code picker"
                yield SystemCommand(
                    f"Apply code: {paths[code.guid]}", key, partial(self.apply_code, code.guid)
                )

    # Events ------------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "segments" and event.option.id:
            segment = next(s for s in self.segments if s.id == int(event.option.id))
            viewer = self.query_one(DocumentViewer)
            viewer.select_offsets(segment.start, segment.end)
            viewer.focus()

    def _moved(self, start: int, end: int) -> None:
        """The status line lists every code at the cursor (the viewer calls this at once)."""
        keys = self.query_one(DocumentViewer).keys_at_cursor()
        if keys:
            paths = self.paths
            self._status("codes here: " + "; ".join(paths.get(k, k) for k in keys))

    # Actions -----------------------------------------------------------------------------

    def action_apply_shortcut(self, digit: str) -> None:
        code = next(
            (c for c in self.codebook.codes if c.shortcut == int(digit) and not c.retired), None
        )
        if code is None:
            self.notify(f"no code has shortcut {digit}", severity="warning")
            return
        self.apply_code(code.guid)

    def apply_code(self, guid: str) -> None:
        def act() -> str:
            if self.document_id is None:
                return "no document open"
            start, end = self.query_one(DocumentViewer).selected_offsets()
            if end <= start:
                raise QcodeError("select some text first (shift+arrows or the mouse)")
            segment = code_span(
                self.project, str(self.document_id), guid, start, end, coder=self.coder
            )
            self._add_shown(segment)
            return f"coded {segment.code}"

        self._safely(act)

    def _add_shown(self, segment: SegmentView) -> None:
        """Show a segment just coded without reloading the document's other segments."""
        insort(self.segments, segment, key=span_order)
        # Known to the screen, its stored time not read: the next diff reads it again (and
        # sees it gone after an undo).
        if self.versions is not None:
            self.versions[segment.id] = None
        self._count_coded()
        drawn = self._drawn(segment)  # one's own segment is always visible
        self.query_one(DocumentViewer).add_span(drawn, self._palette())
        self._refresh_segment_list(changed=[segment])
        self.query_one(CodeTree).count(segment.code_guid, +1)

    def action_remove_code(self) -> None:
        def act() -> str:
            offset = self.query_one(DocumentViewer).cursor_offset()
            mine = [s for s in self.segments if s.start <= offset < s.end and s.coder == self.coder]
            if not mine:
                raise QcodeError("none of your segments is at the cursor")
            segment = mine[-1]
            uncode(self.project, segment.id, coder=self.coder)
            self.reload_segments(codebook_too=False)
            return f"removed {segment.code}"

        self._safely(act)

    def action_undo(self) -> None:
        self._safely(lambda: self._after("undone", step(self.project, coder=self.coder,
                                                        undoing=True)))

    def action_redo(self) -> None:
        self._safely(lambda: self._after("redone", step(self.project, coder=self.coder,
                                                        undoing=False)))

    def _after(self, verb: str, done: Step) -> str:
        coding_only = done.action in CODING_ACTIONS
        self.reload_segments(
            codebook_too=not coding_only, touched=done.segments if coding_only else None
        )
        if done.action in ("accept", "code_hits"):  # may have coded other documents
            self.refresh_counts()
        return f"{verb}: {done.summary}"

    def action_next_document(self) -> None:
        self._move_document(+1)

    def action_previous_document(self) -> None:
        self._move_document(-1)

    def _move_document(self, step: int) -> None:
        target = self.doc_list.neighbour(step)
        if target is not None:
            self.open_document(target)

    def on_document_list_chosen(self, event: DocumentList.Chosen) -> None:
        self.open_document(event.document_id)
        self.action_focus_viewer()

    def action_filter_documents(self) -> None:
        # Narrow: the list takes the code tree's place while the researcher picks a document.
        self.set_class(self.has_class("-narrow"), "-browsing")
        self.doc_list.focus_filter()

    def on_document_list_filter_submitted(self, event: DocumentList.FilterSubmitted) -> None:
        def act() -> str | None:
            self.doc_list.load(document_rows(self.project, event.conditions), text=event.text)
            if self.doc_list.documents:
                self.doc_list.focus_list()
                return None
            return "no document matches the filter"

        self._safely(act)

    def action_focus_viewer(self) -> None:
        self.remove_class("-browsing")
        viewer = self.query_one(DocumentViewer)
        if viewer.has_focus and self.search_state is not None:
            self.search_state = None
            self._status("search ended: n / p walk through the segments again")
        viewer.focus()

    def action_sort_documents(self) -> None:
        self.doc_list.next_sort()

    def action_pick_code(self) -> None:
        from qcode.tui.screens.code_picker import CodePicker

        self.app.push_screen(CodePicker(self.codebook), self._picked)

    def _picked(self, choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        kind, value = choice
        if kind == "apply":
            self.apply_code(value)
            return

        def create() -> str:
            from qcode.services.codebook_edits import add_code

            guid = add_code(self.project, value, coder=self.coder)
            self.refresh_codebook()
            self.apply_code(guid)
            return f"new code {value!r}"

        self._safely(create)

    def action_toggle_mine(self) -> None:
        self.mine_only = not self.mine_only
        self._redraw()
        self._status(f"showing {'only your' if self.mine_only else 'every coder’s'} coding")

    def action_toggle_colour_by(self) -> None:
        self.colour_by_coder = not self.colour_by_coder
        self._redraw()
        self._status(f"colours by {'coder' if self.colour_by_coder else 'code'}")

    def _redraw(self) -> None:
        self.query_one(DocumentViewer).set_spans(self._coded(), self._palette())
        self._refresh_segment_list()
