"""Learned suggestions: train a model per code on the coding so far, then suggest with it.

Positive examples of a code are the passages coded with it or with one of its sub-codes (a
slow government response is an obstacle); negative ones are its rejected suggestions and
passages coded only with codes outside its branch. Codes with too few examples are named
in the report and left alone. Sentences the models find likely are stored as ``learned``
suggestions with the nearest coded passage as their reason; pending suggestions of trained
codes are scored again, so rejecting a suggestion lowers the ones like it at the next run.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from qcode.core.attributes import Condition
from qcode.core.learning import LEARNED_THRESHOLD, CodeModels, Examples
from qcode.core.matching import KeywordMatcher, codebook_keywords, weigh
from qcode.core.reasons import keyword_reason, learned_reason
from qcode.core.segmenter import sentences
from qcode.services.autocoding import SUGGESTION_COLUMNS
from qcode.store.bulk import insert_rows
from qcode.store.codebooks import read_codebook
from qcode.store.coded_spans import document_texts
from qcode.store.documents import document_ids
from qcode.store.events import coder_id, record_event
from qcode.store.models import CodeRow, Segment, Suggestion
from qcode.store.project import Project
from qcode.store.settings import only_coder, seen_status
from qcode.store.suggestions import SPAN_COLUMNS, suggestion_spans

Progress = Callable[[int, int, str], None]
_BATCH = 200  # documents read and scored at a time
_LONGEST_EXAMPLE = 2000  # characters of a long coded passage a model learns from


@dataclass(frozen=True)
class LearnedReport:
    trained: tuple[str, ...]  # code paths with a model
    too_few: dict[str, tuple[int, int]]  # code path → (passages coded, passages against)
    documents: int
    added: int
    rescored: int


def learn_and_suggest(
    project: Project,
    *,
    coder: str,
    where: Sequence[str] = (),
    threshold: float = LEARNED_THRESHOLD,
    progress: Progress | None = None,
) -> LearnedReport:
    """Train on the project's coding and decisions, then suggest and re-score (one write)."""
    conditions = [Condition.parse(w) for w in where]
    with project.writing() as session:
        codebook = read_codebook(session)
        paths = codebook.paths()
        ids_of = dict(session.execute(select(CodeRow.guid, CodeRow.id)).all())
        guid_of = {ident: guid for guid, ident in ids_of.items()}
        usable = [c.guid for c in codebook.codes if c.codable and not c.retired]  # tree order
        if progress is not None:
            progress(0, 0, "reading the coding so far")
        coded = _coded(session)
        coverage = _Coverage(coded)
        families = {
            guid: {ids_of[g] for g in {guid} | codebook.descendants(guid) if g in ids_of}
            for guid in usable
        }
        examples = _examples(session, coded, coverage, families, ids_of)
        models = CodeModels(examples.values())
        too_few = dict(sorted((paths.get(g, g), n) for g, n in models.too_few.items()))
        if not models:
            return LearnedReport((), too_few, 0, 0, 0)
        trained = {guid: position for position, guid in enumerate(models.codes)}
        ids = document_ids(session, conditions)
        known = set(suggestion_spans(session))
        now = dt.datetime.now(dt.UTC)
        added = 0
        for first in range(0, len(ids), _BATCH):
            texts = document_texts(session, ids[first : first + _BATCH])
            units = [
                (doc, span.start, span.end)
                for doc, text in texts.items()
                for span in sentences(text)
            ]
            proposals = models.propose([texts[d][s:e] for d, s, e in units], threshold)
            rows = []
            for (doc, start, end), found in zip(units, proposals, strict=True):
                for proposal in found:
                    code = ids_of[proposal.code]
                    if (doc, code, start, end) in known or coverage.overlaps(
                        doc, families[proposal.code], start, end
                    ):  # suggested before, or coded with the code or one of its sub-codes
                        continue
                    known.add((doc, code, start, end))
                    reason = learned_reason(proposal.similar, proposal.nearest)
                    score = round(proposal.probability * 100, 1)
                    rows.append((doc, code, start, end, score, "", "", reason))
            constants = {"status": "pending", "created_at": now, "source": "learned"}
            insert_rows(session, Suggestion.__table__, SUGGESTION_COLUMNS, rows, constants)
            added += len(rows)
            if progress is not None:
                done = min(first + _BATCH, len(ids))
                progress(done, len(ids), f"{added} learned suggestions")
        rescored = _rescore(session, models, trained, codebook.codes, guid_of)
        record_event(
            session,
            coder=coder_id(session, coder),
            action="autocode_learned",
            target_type="suggestions",
            after={"trained": len(models.codes), "added": added, "rescored": rescored},
        )
        names = tuple(paths.get(g, g) for g in models.codes)
        return LearnedReport(names, too_few, len(ids), added, rescored)


Coded = dict[int, list[tuple[int, int, int]]]  # document → (code id, start, end)


def _coded(session: Session) -> Coded:
    query = select(Segment.document_id, Segment.code_id, Segment.start_offset, Segment.end_offset)
    only = only_coder(session)
    if only is not None:  # blind coding: learn from one's own coding only
        query = query.where(Segment.coder_id == only)
    found: Coded = defaultdict(list)
    for doc, code, start, end in session.execute(query):
        found[doc].append((code, start, end))
    return found


def _examples(
    session: Session,
    coded: Coded,
    coverage: _Coverage,
    families: dict[str, set[int]],
    ids_of: dict[str, int],
) -> dict[str, Examples]:
    """Each code's examples; ``families`` gives the ids of each code and its sub-codes."""
    texts = document_texts(session, list(coded))
    examples = {guid: Examples(guid) for guid in families}
    for doc, spans in coded.items():
        text = texts[doc]
        codes_at: dict[tuple[int, int], set[int]] = defaultdict(set)
        for code, start, end in spans:
            codes_at[start, end].add(code)
        for (start, end), codes in codes_at.items():
            passage = text[start:end][:_LONGEST_EXAMPLE]
            for guid, found in examples.items():
                family = families[guid]
                if codes & family:
                    found.positive.append(passage)
                elif not coverage.overlaps(doc, family, start, end):
                    found.negative.append(passage)
    rejected = suggestion_spans(session, seen_status(session) == "rejected")
    wanted = document_texts(session, [row[0] for row in rejected])
    guid_of = {ident: guid for guid, ident in ids_of.items()}
    for doc, code, start, end in rejected:
        guid = guid_of.get(code)
        if guid in examples:
            examples[guid].rejected.append(wanted[doc][start:end][:_LONGEST_EXAMPLE])
    return examples


class _Coverage:
    """Where each code was applied in each document, to ask in log time whether a span
    overlaps a passage coded with any of a family of codes (a long report may carry
    thousands of segments, asked about once per passage and code)."""

    def __init__(self, coded: Coded) -> None:
        spans: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
        for doc, found in coded.items():
            for code, start, end in found:
                spans[doc, code].append((start, end))
        self._index: dict[tuple[int, int], tuple[list[int], list[int]]] = {}
        for key, found in spans.items():
            found.sort()
            furthest = list(accumulate((end for _, end in found), max))
            self._index[key] = ([start for start, _ in found], furthest)

    def overlaps(self, doc: int, codes: Iterable[int], start: int, end: int) -> bool:
        for code in codes:
            found = self._index.get((doc, code))
            if found is None:
                continue
            starts, furthest = found
            before = bisect_left(starts, end)  # spans that begin before this one ends
            if before and furthest[before - 1] > start:
                return True
        return False


def _rescore(session, models: CodeModels, trained, codes, guid_of) -> int:
    """Score pending suggestions of trained codes again: a keyword one by its keyword score
    and the model's probability together, a learned one by the model alone."""
    status = seen_status(session)
    pending = session.execute(
        select(
            Suggestion.id,
            *SPAN_COLUMNS,
            Suggestion.source,
            Suggestion.reason,
        ).where(status == "pending")
    ).all()
    pending = [row for row in pending if guid_of.get(row[2]) in trained]
    if not pending:
        return 0
    texts = document_texts(session, [row[1] for row in pending])
    chances = models.probabilities([texts[r[1]][r[3] : r[4]] for r in pending])
    matcher = KeywordMatcher(codebook_keywords(codes))
    changes = []
    for row, chance in zip(pending, chances, strict=True):
        ident, doc, code, start, end, source, reason = row
        probability = float(chance[trained[guid_of[code]]])
        if source == "learned":
            score, why = round(probability * 100, 1), reason
        else:
            hit = weigh(matcher.find(texts[doc], start, end))[0].get(guid_of[code])
            if hit is None:
                continue
            score = round((hit.score + probability * 100) / 2, 1)
            why = keyword_reason(hit, texts[doc][hit.start : hit.end])
            why += f"; the model of your coding gives {probability:.0%}"
        changes.append({"id": ident, "score": score, "reason": why})
    if changes:
        session.execute(update(Suggestion), changes)  # by primary key, in one executemany
    return len(changes)
