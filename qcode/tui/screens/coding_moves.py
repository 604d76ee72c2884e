"""Moving through the text on the coding screen: segment by segment, and selecting the
sentence or paragraph at the cursor (found once per document, looked up by bisect)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable

from qcode.core.segmenter import Span, paragraphs, sentences, unit_from
from qcode.tui.widgets.document_viewer import DocumentViewer


class TextMoves:
    """Mixed into :class:`CodingScreen`: n / p, s / S."""

    def action_next_segment(self) -> None:
        if self.search_state is not None:  # after a search, n follows its hits
            self.action_next_hit()
            return
        self._move_segment(+1)

    def action_previous_segment(self) -> None:
        self._move_segment(-1)

    def _move_segment(self, step: int) -> None:
        if not self.segments:
            self.notify("no segments in this document", severity="warning")
            return
        viewer = self.query_one(DocumentViewer)
        visible = self._visible() or self.segments
        # Segments are kept in (start, end, id) order: the next one starts after the cursor,
        # the previous one before it; both wrap around. The cursor lands on the segment's
        # first character, inside it, so the memo and uncode keys find it.
        selected = viewer.selected_offsets()
        offset = viewer.cursor_offset()
        current = next(
            (i for i, s in enumerate(visible) if (s.start, s.end) == selected and s.id == self._at),
            None,
        )
        if current is not None:  # segments sharing a start are visited one by one
            segment = visible[(current + step) % len(visible)]
        elif step > 0:
            segment = visible[bisect_right(visible, offset, key=lambda s: s.start) % len(visible)]
        else:
            segment = visible[bisect_left(visible, offset, key=lambda s: s.start) - 1]
        self._at = segment.id
        viewer.select_offsets(segment.start, segment.end)
        self._status(f"{segment.code} · {segment.coder}")

    def action_select_sentence(self) -> None:
        self._select_unit("sentence", sentences)

    def action_select_paragraph(self) -> None:
        self._select_unit("paragraph", paragraphs)

    def _select_unit(self, name: str, units: Callable[[str], list[Span]]) -> None:
        """Select the unit at the cursor, or the next one when the cursor is between two.

        The units are found once per document and looked up by bisect afterwards.
        """
        viewer = self.query_one(DocumentViewer)
        if name not in self.units:
            self.units[name] = units(viewer.text)
        span = unit_from(self.units[name], viewer.cursor_offset())
        if span is None:
            self._status(f"no {name} after the cursor")
            return
        viewer.select_offsets(span.start, span.end)

