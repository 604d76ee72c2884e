"""Reviewing suggestions one at a time: the queue counted and read a page at a time.

The review screen shows one suggestion with its source ("Author (Year) — title") and the
text around it; it asks for the next page only when the researcher reaches it, so opening a
queue of 20,000 suggestions costs one count and one page.
"""

from __future__ import annotations

from dataclasses import dataclass

from qcode.core.citations import citation
from qcode.store.codebooks import read_codebook
from qcode.store.documents import citation_facts
from qcode.store.project import Project
from qcode.store.suggestions import pending_count, pending_window

PAGE = 200


@dataclass(frozen=True, slots=True)
class SuggestionCard:
    """A pending suggestion as the reviewer sees it."""

    id: int
    document_id: int
    source: str  # "Author (Year) — title"
    code_guid: str
    code: str
    start: int
    end: int
    score: float
    keyword: str
    matched: str
    kind: str  # keyword or learned
    reason: str  # why it was suggested
    before: str  # text just before the passage (up to a few lines)
    passage: str
    after: str


def pending_total(project: Project, min_score: float | None = None) -> int:
    """The number of pending suggestions (at or above ``min_score``)."""
    with project.reading() as session:
        return pending_count(session, min_score)


def pending_cards(project: Project, offset: int, limit: int = PAGE) -> list[SuggestionCard]:
    """Pending suggestions ``offset .. offset + limit`` in document and text order."""
    with project.reading() as session:
        rows = pending_window(session, offset, limit)
        paths = read_codebook(session).paths() if rows else {}
        wanted = sorted({row[1] for row in rows})
        sources = {
            ident: f"{citation(facts, title)} — {title}"
            for ident, title, facts in citation_facts(session, ids=wanted)
        } if rows else {}
    cards = []
    for row in rows:
        ident, document, title, guid, start, end, score, keyword, matched = row[:9]
        kind, reason, begin, text = row[9:]
        cut, stop = start - begin, end - begin
        cards.append(
            SuggestionCard(
                ident, document, sources.get(document, title), guid, paths.get(guid, guid),
                start, end, score, keyword, matched, kind, reason,
                text[:cut], text[cut:stop], text[stop:],
            )
        )
    return cards
