"""The coding screen's ways out to the other screens and dialogs, and back again."""

from __future__ import annotations

from pathlib import Path

from qcode.core.document_list import split_filter
from qcode.services.documents import document_rows
from qcode.services.memos import set_memo
from qcode.tui.screens.dialogs import Choice
from qcode.tui.widgets.document_viewer import DocumentViewer


class OtherScreens:
    """Mixed into :class:`CodingScreen`: actions that push another screen, and what
    happens here when it closes (reload coding, jump to a passage, list new documents)."""

    def action_suggestions(self) -> None:
        from qcode.tui.screens.suggestions import SuggestionsScreen

        self.app.push_screen(SuggestionsScreen(self.project, self.coder), self._after_review)

    def _after_review(self, _: None) -> None:
        # Accepting suggestions codes every document they were in: every count changes.
        self.reload_segments()
        self.refresh_counts()

    def action_compare(self) -> None:
        """The Compare screen for two coders (asked which, when there are more)."""
        from qcode.core.errors import QcodeError
        from qcode.services.consensus import comparable_coders

        try:
            coders = comparable_coders(self.project)
        except QcodeError as exc:  # blind coding on: said, not raised
            self.notify(str(exc), severity="warning")
            return
        if len(coders) < 2:
            self.notify(
                "Comparing needs two coders; merge a colleague's project first ('qcode merge').",
                severity="warning",
            )
            return
        if self.coder in coders:  # the researcher's own coding first
            coders.remove(self.coder)
            coders.insert(0, self.coder)
        pairs = [(a, b) for i, a in enumerate(coders) for b in coders[i + 1 :]]
        if len(pairs) == 1:
            self._compare(pairs[0])
            return
        answers = [(str(n), f"{a}|{b}", f"{a} and {b}") for n, (a, b) in enumerate(pairs[:9], 1)]
        self.app.push_screen(
            Choice("Compare which coders?", answers),
            lambda value: value and self._compare(tuple(value.split("|"))),
        )

    def _compare(self, pair) -> None:
        from qcode.tui.screens.compare import CompareScreen

        screen = CompareScreen(self.project, self.coder, pair, "sentence")
        self.app.push_screen(screen, self._after_review)

    def action_codebook(self) -> None:
        from qcode.tui.screens.codebook_editor import CodebookEditor

        self.app.push_screen(CodebookEditor(self.project, self.coder), self._after_codebook)

    def _after_codebook(self, _: None) -> None:
        # Edits there may have recoloured, renamed or deleted codes shown here.
        self.reload_segments()
        if self.document_id is None:
            self.refresh_codebook()

    def action_import_files(self) -> None:
        from qcode.tui.screens.import_dialog import ImportDialog

        self.app.push_screen(ImportDialog(self.project, self.coder), self._after_import)

    def _after_import(self, report) -> None:
        if report is None or not report.imported:
            return
        listing = self.doc_list
        _, conditions = split_filter(listing.filter_text)
        total = listing.total + len(report.imported)
        listing.load(document_rows(self.project, conditions), total=total)
        if self.document_id is None and listing.documents:
            self.open_document(listing.documents[0].id)

    def action_export(self) -> None:
        from qcode.tui.screens.export_dialog import ExportDialog

        folder = self.project.location.path.parent if self.project.location.path else Path.cwd()
        self.app.push_screen(ExportDialog(self.project, folder))

    def action_matrix(self) -> None:
        from qcode.tui.screens.matrix import MatrixScreen

        self.app.push_screen(MatrixScreen(self.project), self._jump)

    def action_search(self) -> None:
        from qcode.tui.screens.search import SearchScreen

        screen = SearchScreen(self.project, self.coder, self.codebook, self.search_state)
        self.app.push_screen(screen, self._jump)

    def _jump(self, jump) -> None:
        self.reload_segments()
        self.refresh_counts()  # "code all hits" may have coded any document
        if jump is None:
            return
        if getattr(jump, "search", None) is not None:
            self.search_state = jump.search
        self._go_to(jump.document_id, jump.start, jump.end)
        if self.search_state is not None and getattr(jump, "search", None) is not None:
            self._status(f"{self.search_state.where()} · n / N next / previous · Esc ends it")

    def _go_to(self, document_id: int, start: int, end: int) -> None:
        if document_id != self.document_id:
            self.open_document(document_id)
        viewer = self.query_one(DocumentViewer)
        viewer.select_offsets(start, end)
        viewer.focus()

    def action_next_hit(self) -> None:
        self._step_hit(+1)

    def action_previous_hit(self) -> None:
        self._step_hit(-1)

    def _step_hit(self, direction: int) -> None:
        """n / N while a search is open in the text: the next or previous hit."""
        state = self.search_state
        hit = state.step(direction) if state is not None else None
        if hit is None or hit.document_id is None:
            self.notify("no search to step through: / searches", severity="warning")
            return
        self._go_to(hit.document_id, hit.start, hit.end)
        self._status(f"{state.where()} · n / N next / previous · Esc ends it")

    def action_memo(self) -> None:
        """Write the memo of the segment at the cursor; ask which when several overlap."""
        offset = self.query_one(DocumentViewer).cursor_offset()
        here = [s for s in self.segments if s.start <= offset < s.end]
        if not here:
            self.notify("no segment at the cursor: a memo belongs to a segment", severity="warning")
            return
        here.sort(key=lambda s: (s.coder != self.coder, s.end - s.start))
        if len(here) == 1:
            self._edit_memo(here[0])
            return
        answers = [
            (str(number), str(segment.id), f"{segment.code} · {segment.coder}")
            for number, segment in enumerate(here[:9], start=1)
        ]
        by_id = {str(s.id): s for s in here}
        self.app.push_screen(
            Choice("Several segments are at the cursor: the memo of which?", answers),
            lambda chosen: self._edit_memo(by_id[chosen]) if chosen else None,
        )

    def _edit_memo(self, segment) -> None:
        from qcode.tui.screens.memo_editor import MemoEditor

        def written(text: str | None) -> None:
            if text is None:
                return

            def act() -> str:
                set_memo(self.project, "segment", str(segment.id), text, coder=self.coder)
                self.reload_segments(codebook_too=False)
                return f"memo {'written' if text else 'cleared'} on {segment.code}"

            self._safely(act)

        self.app.push_screen(MemoEditor(segment), written)
