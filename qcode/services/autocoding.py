"""Auto-coding: suggest where the codebook's keywords occur; the researcher decides.

Suggestions are stored with a status (pending, accepted, rejected). Accepting one creates a
segment with origin ``suggestion`` by the accepting coder; a rejected suggestion is never
proposed again for the same span and code; re-running adds only new suggestions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from qcode.core.attributes import Condition
from qcode.core.codebook import Codebook
from qcode.core.errors import UsageError
from qcode.core.matching import DEFAULT_THRESHOLD, KeywordMatcher, codebook_keywords, weigh
from qcode.core.reasons import keyword_reason
from qcode.core.segmenter import sentences
from qcode.services.coding import resolve_code
from qcode.store.bulk import insert_rows
from qcode.store.codebooks import read_codebook
from qcode.store.coded_spans import document_texts
from qcode.store.documents import document_ids
from qcode.store.events import coder_id, record_event
from qcode.store.models import CodeRow, Document, Segment, Suggestion
from qcode.store.project import Project
from qcode.store.settings import seen_status
from qcode.store.suggestions import suggestion_spans

UNITS = ("sentence", "phrase")
STATUSES = ("pending", "accepted", "rejected")
_BATCH = 200
_CHECK_EVERY = 100  # sentences between two progress reports (and cancellation checks)

Progress = Callable[[int, int, str], None]
# The columns of a new suggestion that differ row by row (status, time and source do not).
SUGGESTION_COLUMNS = (
    "document_id",
    "code_id",
    "start_offset",
    "end_offset",
    "score",
    "keyword",
    "matched",
    "reason",
)


@dataclass(frozen=True, slots=True)
class SuggestionView:
    id: int
    document_id: int
    code_guid: str
    code: str
    start: int
    end: int
    score: float
    keyword: str
    matched: str
    status: str
    text: str
    source: str = "keyword"  # keyword or learned
    reason: str = ""  # why it was suggested, in one line


@dataclass(frozen=True, slots=True)
class AutocodeReport:
    documents: int
    codes: int
    keywords: int
    found: int
    added: int
    excluded: int = 0  # matches an exclusion keyword ruled out
    denied: int = 0  # matches their clause denied ("tidak ada hambatan")


def _selected_codes(session: Session, codebook: Codebook, references: Sequence[str]) -> set[str]:
    usable = {c.guid for c in codebook.codes if c.codable and not c.retired}
    if not references:
        return usable
    chosen: set[str] = set()
    for reference in references:
        root = resolve_code(session, reference, codebook)
        chosen |= {root.guid} | codebook.descendants(root.guid)
    return chosen & usable


def autocode(
    project: Project,
    *,
    coder: str,
    codes: Sequence[str] = (),
    where: Sequence[str] = (),
    threshold: float = DEFAULT_THRESHOLD,
    unit: str = "sentence",
    progress: Progress | None = None,
) -> AutocodeReport:
    """Suggest codes for the sentences (or phrases) where their keywords occur."""
    if unit not in UNITS:
        raise UsageError(f"unit must be one of {', '.join(UNITS)}")
    if not 0 < threshold <= 100:
        raise UsageError("threshold is a score from 1 to 100")
    conditions = [Condition.parse(w) for w in where]
    with project.writing() as session:
        codebook = read_codebook(session)
        if not codebook.codes:
            raise UsageError("the project has no codebook yet; load one with 'qcode codebook load'")
        chosen = _selected_codes(session, codebook, codes)
        every = codebook_keywords(codebook.codes, chosen)
        keywords = [keyword for keyword in every if not keyword.excluding]
        if not keywords:
            raise UsageError("the chosen codes have no keywords to look for")
        matcher = KeywordMatcher(every)
        code_ids = dict(session.execute(select(CodeRow.guid, CodeRow.id)).all())
        known = _known_spans(session)
        ids = document_ids(session, conditions)
        found = added = excluded = denied = 0
        reasons: dict[tuple[str, str, float, str], str] = {}
        now = dt.datetime.now(dt.UTC)
        for first in range(0, len(ids), _BATCH):
            batch = ids[first : first + _BATCH]
            rows = []
            for done, (doc_id, text) in enumerate(
                session.execute(select(Document.id, Document.text).where(Document.id.in_(batch))),
                start=first,
            ):
                plain = text.lower() if text.isascii() else None  # folded once, not per word
                for number, span in enumerate(sentences(text)):
                    if progress is not None and number % _CHECK_EVERY == 0:
                        # Often enough that stopping a long report takes well under a second.
                        progress(done, len(ids), f"{added + len(rows)} suggestions")
                    best, ruled_out = weigh(matcher.find(text, span.start, span.end, plain=plain))
                    excluded += len(ruled_out)
                    for hit in best.values():
                        if hit.score < threshold:
                            denied += bool(hit.denied_by)
                            continue
                        found += 1
                        start, end = (
                            (span.start, span.end) if unit == "sentence" else (hit.start, hit.end)
                        )
                        key = (doc_id, code_ids[hit.code], start, end)
                        if key in known:
                            continue
                        known.add(key)
                        matched = text[hit.start : hit.end]
                        why = (hit.keyword, matched, hit.score, hit.denied_by)
                        reason = reasons.get(why)
                        if reason is None:  # the same few reasons recur thousands of times
                            reason = reasons[why] = keyword_reason(hit, matched)
                        rows.append(
                            (
                                doc_id,
                                code_ids[hit.code],
                                start,
                                end,
                                round(hit.score, 1),
                                hit.keyword,
                                matched,
                                reason,
                            )
                        )
            insert_rows(
                session,
                Suggestion.__table__,
                SUGGESTION_COLUMNS,
                rows,
                {"status": "pending", "created_at": now, "source": "keyword"},
            )
            added += len(rows)
            if progress is not None:
                progress(min(first + _BATCH, len(ids)), len(ids), f"{added} suggestions")
        report = AutocodeReport(
            len(ids), len(chosen), len(keywords), found, added, excluded, denied
        )
        record_event(
            session,
            coder=coder_id(session, coder),
            action="autocode",
            target_type="suggestions",
            after={
                "threshold": threshold,
                "unit": unit,
                "codes": len(chosen),
                "documents": len(ids),
                "found": found,
                "added": added,
                "excluded": excluded,
                "denied": denied,
            },
        )
        return report


def _known_spans(session: Session) -> set[tuple[int, int, int, int]]:
    """Spans already suggested (whatever their status) or already coded with that code."""
    known = set(suggestion_spans(session))
    known |= {
        tuple(row)
        for row in session.execute(
            select(Segment.document_id, Segment.code_id, Segment.start_offset, Segment.end_offset)
        )
    }
    return known  # type: ignore[return-value]


def list_suggestions(
    project: Project,
    *,
    status: str | None = "pending",
    code: str | None = None,
    min_score: float | None = None,
    ids: Sequence[int] | None = None,
) -> list[SuggestionView]:
    if status is not None and status not in STATUSES:
        raise UsageError(f"status must be one of {', '.join(STATUSES)}")
    with project.reading() as session:
        return _views(session, status=status, code=code, min_score=min_score, ids=ids)


def _views(session: Session, **filters) -> list[SuggestionView]:
    """Suggestions in document and text order, each with its passage.

    The rows are chosen and sorted without any text; each document's text is then read once.
    Sorting rows that each carried their document's whole text made 80,000 suggestions on an
    8 MB report spill hundreds of gigabytes to SQLite's temporary files.
    """
    codebook = read_codebook(session)
    paths = codebook.paths()
    status = seen_status(session)
    query = (
        select(Suggestion, CodeRow.guid, status)
        .join(CodeRow, CodeRow.id == Suggestion.code_id)
        .order_by(Suggestion.document_id, Suggestion.start_offset, Suggestion.id)
    )
    conditions = []
    if filters.get("status"):
        conditions.append(status == filters["status"])
    if filters.get("min_score") is not None:
        conditions.append(Suggestion.score >= filters["min_score"])
    if filters.get("ids") is not None:
        conditions.append(Suggestion.id.in_(list(filters["ids"])))
    if filters.get("code"):
        root = resolve_code(session, filters["code"], codebook)
        guids = {root.guid} | codebook.descendants(root.guid)
        conditions.append(CodeRow.guid.in_(guids))
    if conditions:
        query = query.where(and_(*conditions))
    rows = session.execute(query).all()
    texts = document_texts(session, {s.document_id for s, _, _ in rows})
    return [
        SuggestionView(
            s.id,
            s.document_id,
            guid,
            paths.get(guid, guid),
            s.start_offset,
            s.end_offset,
            s.score,
            s.keyword,
            s.matched,
            seen,
            texts[s.document_id][s.start_offset : s.end_offset],
            s.source,
            s.reason,
        )
        for s, guid, seen in rows
    ]
