"""The coding screen's segments: which are drawn, the list beside the text, and bringing
them up to date after a change without drawing the others again."""

from __future__ import annotations

from bisect import bisect_left, insort

from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from qcode.core.colours import palette_colour
from qcode.core.spans import Coded
from qcode.services.coding import SegmentView
from qcode.services.documents import coded_counts
from qcode.services.segment_changes import changes_among, segment_changes
from qcode.tui.widgets.code_tree import CodeTree
from qcode.tui.widgets.document_viewer import DocumentViewer

SEGMENTS_LISTED = 40


class SegmentPanel:
    """Mixed into :class:`CodingScreen`: the open document's segments on screen."""

    def reload_segments(
        self, codebook_too: bool = True, touched: frozenset[int] | None = None
    ) -> None:
        """Show the open document's segments as they now are, reading only those that
        changed: the ``touched`` ones (an undone action names them), or else those whose
        last-change time differs from what the screen read."""
        if codebook_too:
            self.refresh_codebook()
        if self.document_id is None:
            return
        if touched is not None:
            changes = changes_among(self.project, self.document_id, touched)
            if self.versions is not None:
                self.versions.update(changes.versions)
                for gone in changes.removed:
                    self.versions.pop(gone, None)
        else:
            known = self.versions
            changes = segment_changes(self.project, self.document_id, known or {})
            self.versions = changes.versions
            if known is None:  # versions not read yet (just opened): draw them all again
                self._redraw_all(changes.changed, codebook_too)
                return
        gone = changes.removed | {s.id for s in changes.changed}
        if not gone and not changes.changed:
            return
        self._replace_segments(gone, changes.changed, counts=not codebook_too)

    def _redraw_all(self, segments: list[SegmentView], codebook_done: bool) -> None:
        if not codebook_done:
            self.refresh_codebook()
        self.segments = sorted(segments, key=span_order)
        self._count_coded()
        self.query_one(DocumentViewer).set_spans(self._coded(), self._palette())
        self._refresh_segment_list()

    def _replace_segments(self, gone: set[int], new: list[SegmentView], counts: bool) -> None:
        """Take the ``gone`` segments off the screen and put the ``new`` ones on it: the
        text view, the list, the counts; the other segments are not drawn again."""
        tree = self.query_one(CodeTree)
        viewer = self.query_one(DocumentViewer)
        palette = self._palette()
        kept, removed = [], []
        for segment in self.segments:
            if segment.id not in gone:
                kept.append(segment)
                continue
            removed.append(segment)
            if counts:
                tree.count(segment.code_guid, -1)
            if self._shown(segment):
                viewer.remove_span(self._drawn(segment))
        for segment in new:
            insort(kept, segment, key=span_order)
            if counts:
                tree.count(segment.code_guid, +1)
            if self._shown(segment):
                viewer.add_span(self._drawn(segment), palette)
        self.segments = kept
        self._count_coded()
        self._refresh_segment_list(changed=[*removed, *new])

    def _shown(self, segment: SegmentView) -> bool:
        return not self.mine_only or segment.coder == self.coder

    def refresh_counts(self) -> None:
        """Every document's count, after work that may have coded other documents."""
        self.doc_list.set_counts(coded_counts(self.project))

    def _visible(self) -> list[SegmentView]:
        if self.mine_only:
            return [s for s in self.segments if s.coder == self.coder]
        return self.segments

    def _coded(self) -> list[Coded]:
        """The spans to draw: the visible segments, keyed by code or by coder."""
        return [self._drawn(s) for s in self._visible()]

    def _drawn(self, segment: SegmentView) -> Coded:
        key = segment.coder if self.colour_by_coder else segment.code_guid
        return Coded(segment.start, segment.end, key)

    def _palette(self) -> dict[str, str]:
        if self.colour_by_coder:
            coders = sorted({s.coder for s in self.segments})
            return {name: palette_colour(i) for i, name in enumerate(coders)}
        return {c.guid: c.colour or "#888888" for c in self.codebook.codes}

    def _refresh_segment_list(self, changed: list[SegmentView] | None = None) -> None:
        """List the first segments (n / p walk through all of them in the text) and count
        the rest on a line of its own; when only segments past the listed ones ``changed``,
        only that line is drawn again (in the same frame as the text)."""
        listing = self.query_one("#segments", OptionList)
        visible = self._visible()
        more = max(len(visible) - SEGMENTS_LISTED, 0)
        self.query_one("#segments-more", Static).update(
            f"… {more} more (n / p walk through them)" if more else "", layout=False
        )
        if changed and listing.option_count >= SEGMENTS_LISTED:
            position = min(bisect_left(visible, span_order(c), key=span_order) for c in changed)
            if position >= SEGMENTS_LISTED:  # beyond the listed ones: only the count changes
                return
        listing.clear_options()
        listing.add_options(
            Option(
                f"{s.code} · {s.coder}: {' '.join(s.text.split())[:40]}"
                + (f"\n  ✎ {' '.join(s.memo.split())[:60]}" if s.memo else ""),
                id=str(s.id),
            )
            for s in visible[:SEGMENTS_LISTED]
        )

    def _count_coded(self) -> None:
        if self.document_id is not None:
            self.doc_list.set_coded(self.document_id, len(self.segments))


def span_order(segment: SegmentView) -> tuple[int, int, int]:
    return (segment.start, segment.end, segment.id)
