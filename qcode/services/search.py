"""Searching documents and memos, with keyword-in-context results, and coding every hit."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from qcode.core.citations import citation
from qcode.core.errors import UsageError
from qcode.core.matching import DEFAULT_THRESHOLD, Keyword, KeywordMatcher
from qcode.core.search_query import Alternatives, fold_text, parse_query, term_pattern
from qcode.core.segmenter import paragraphs, sentences, unit_at
from qcode.services.coding import NewSegment, add_segments, resolve_code
from qcode.store.changes import ChangeSet
from qcode.store.codebooks import read_codebook
from qcode.store.documents import citation_facts
from qcode.store.events import coder_id
from qcode.store.models import Document, Memo, Segment
from qcode.store.project import Project
from qcode.store.search import matching_documents
from qcode.store.settings import only_coder
from qcode.store.undo_log import record_undoable

CONTEXT = 40
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # "document", "segment memo", or a memo target ("document memo", …)
    document_id: int | None
    title: str
    start: int
    end: int
    left: str
    hit: str
    right: str
    score: float = 100.0
    source: str = ""  # "Author (Year) — title" for a document hit


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    fuzzy: bool
    hits: list[SearchHit]
    total: int  # all hits, even when fewer are listed


def _kwic(
    kind: str, doc_id: int | None, title: str, text: str, start: int, end: int, score: float
) -> SearchHit:
    # Line breaks and runs of spaces become one space; the spaces next to the hit stay as
    # they are (none before a comma), so hit and context read as the text does.
    left = _SPACES.sub(" ", text[max(0, start - CONTEXT) : start])
    right = _SPACES.sub(" ", text[end : end + CONTEXT])
    return SearchHit(kind, doc_id, title, start, end, left, text[start:end], right, score)


def _spans(text: str, alternatives: Alternatives) -> list[tuple[int, int]]:
    """Where the query matches ``text``: the terms of every alternative whose terms all
    occur, each place once."""
    folded = fold_text(text)
    found: set[tuple[int, int]] = set()
    for terms in alternatives:
        spans: list[tuple[int, int]] = []
        for term in terms:
            places = [(m.start(), m.end()) for m in term_pattern(term).finditer(folded)]
            if not places:
                break
            spans += places
        else:
            found.update(spans)
    return sorted(found)


def _fuzzy_spans(matcher: KeywordMatcher, text: str) -> list[tuple[int, int, float]]:
    return [(h.start, h.end, h.score) for h in matcher.find(text) if h.score >= DEFAULT_THRESHOLD]


def search(
    project: Project, query: str, *, fuzzy: bool = False, limit: int | None = 200
) -> SearchResult:
    """Documents and memos matching ``query``: words, "phrases", prefix*; or fuzzily."""
    with project.reading() as session:
        hits = _with_sources(session, _document_hits(session, query, fuzzy))
        hits += _memo_hits(session, query, fuzzy)
    total = len(hits)
    return SearchResult(query, fuzzy, hits if limit is None else hits[:limit], total)


def _document_hits(session: Session, query: str, fuzzy: bool) -> list[SearchHit]:
    hits: list[SearchHit] = []
    if fuzzy:
        matcher = KeywordMatcher([Keyword("query", query, "any")], deny=False)
        for doc_id, title, text in session.execute(
            select(Document.id, Document.title, Document.text).order_by(Document.id)
        ):
            for start, end, score in _fuzzy_spans(matcher, text):
                hits.append(_kwic("document", doc_id, title, text, start, end, score))
        return hits
    terms = parse_query(query)
    ids = matching_documents(session, terms)
    for first in range(0, len(ids), 500):
        rows = session.execute(
            select(Document.id, Document.title, Document.text)
            .where(Document.id.in_(ids[first : first + 500]))
            .order_by(Document.id)
        )
        for doc_id, title, text in rows:
            for start, end in _spans(text, terms):
                hits.append(_kwic("document", doc_id, title, text, start, end, 100.0))
    return hits


def _with_sources(session: Session, hits: list[SearchHit]) -> list[SearchHit]:
    """Each document hit labelled "Author (Year) — title"."""
    wanted = sorted({h.document_id for h in hits if h.document_id is not None})
    sources = (
        {
            ident: f"{citation(facts, title)} — {title}"
            for ident, title, facts in citation_facts(session, ids=wanted)
        }
        if wanted
        else {}
    )
    return [replace(h, source=sources.get(h.document_id, h.title)) for h in hits]


def _memo_hits(session: Session, query: str, fuzzy: bool) -> list[SearchHit]:
    only = only_coder(session)
    memo_rows = select(Memo.target_type, Memo.target_id, Memo.text)
    segment_rows = select(Segment.id, Segment.document_id, Segment.memo).where(Segment.memo != "")
    if only is not None:  # blind coding: the viewer's own memos alone
        memo_rows = memo_rows.where(Memo.coder_id == only)
        segment_rows = segment_rows.where(Segment.coder_id == only)
    memos: list[tuple[str, int | None, str, str]] = [
        (
            f"{target} memo",
            target_id if target == "document" else None,
            f"{target} {target_id}",
            text,
        )
        for target, target_id, text in session.execute(memo_rows)
    ]
    memos += [
        ("segment memo", doc_id, f"segment {seg_id}", memo)
        for seg_id, doc_id, memo in session.execute(segment_rows)
    ]
    hits: list[SearchHit] = []
    matcher = KeywordMatcher([Keyword("query", query, "any")], deny=False) if fuzzy else None
    terms = None if fuzzy else parse_query(query)
    for kind, doc_id, label, text in memos:
        spans = (
            _fuzzy_spans(matcher, text)
            if matcher
            else [(s, e, 100.0) for s, e in _spans(text, terms)]
        )
        hits += [_kwic(kind, doc_id, label, text, s, e, score) for s, e, score in spans]
    return hits


UNITS = ("hit", "sentence", "paragraph")
_NOUNS = {"hit": "hit(s)", "sentence": "sentence(s)", "paragraph": "paragraph(s)"}


def _unit_spans(
    hits: list[SearchHit], texts: dict[int, str], unit: str
) -> list[tuple[int, int, int]]:
    """``(document, start, end)`` to code: each hit, or the sentence or paragraph holding it
    (a unit holding several hits is coded once)."""
    if unit not in UNITS:
        raise UsageError(f"unit must be one of {', '.join(UNITS)}")
    found: dict[tuple[int, int, int], None] = {}
    units: dict[int, list] = {}
    for hit in hits:
        doc = hit.document_id
        if unit == "hit":
            found[(doc, hit.start, hit.end)] = None
            continue
        if doc not in units:
            units[doc] = (sentences if unit == "sentence" else paragraphs)(texts[doc])
        span = unit_at(units[doc], hit.start)
        found[(doc, span.start, span.end) if span else (doc, hit.start, hit.end)] = None
    return list(found)


def code_hits(
    project: Project,
    query: str,
    code_ref: str,
    *,
    coder: str,
    fuzzy: bool = False,
    unit: str = "hit",
) -> int:
    """Apply a code to every document hit of ``query`` — the hit itself, or the sentence or
    paragraph around it (``unit``) — with origin "search": one undo step."""

    def work(session: Session):
        codebook = read_codebook(session)
        code = resolve_code(session, code_ref, codebook)
        who = coder_id(session, coder)
        changes = ChangeSet(session)
        hits = [h for h in _document_hits(session, query, fuzzy)]
        documents = {
            d.id: d
            for d in session.scalars(
                select(Document).where(Document.id.in_({h.document_id for h in hits}))
            )
        }
        path = codebook.path(code.guid)
        texts = {ident: d.text for ident, d in documents.items()}
        new_ids = add_segments(
            session,
            changes,
            who,
            [
                NewSegment(documents[doc], code, start, end, "", "search", path)
                for doc, start, end in _unit_spans(hits, texts, unit)
            ],
        )
        added = sum(1 for new_id in new_ids if new_id is not None)
        if not hits:
            raise UsageError(f"no hits for {query!r}; nothing coded")
        if added:
            record_undoable(
                session,
                changes,
                coder=who,
                action="code_hits",
                target_type="segments",
                target_id=None,
                summary=f"code {added} {_NOUNS[unit]} of {query!r} as {path!r}",
            )
        return added

    return project.write(work)
