"""Inter-coder agreement of a project: ``qcode agreement``.

The coded spans of the chosen coders are read in one query, cut into units, and turned into
reliability data per code (or one variable over listed codes, ``categories``); the measures
themselves are pure functions in ``qcode.core.agreement``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from qcode.core.agreement import LEVELS, Measures, measures
from qcode.core.agreement_intervals import DEFAULT_RESAMPLES, DEFAULT_SEED
from qcode.core.agreement_units import (
    UNITS,
    CodedSpans,
    UnitTable,
    binary_variables,
    category_variable,
    reliability,
    text_units,
)
from qcode.core.attributes import Condition
from qcode.core.codebook import Codebook
from qcode.core.errors import UsageError
from qcode.io.processes import can_fork, process_pool, worker_count
from qcode.services.coding import resolve_code
from qcode.store.codebooks import read_codebook
from qcode.store.coded_spans import code_ids, coded_spans, document_lengths, document_texts
from qcode.store.documents import matching_ids
from qcode.store.models import Coder, Segment
from qcode.store.project import Project
from qcode.store.settings import only_coder, read_settings


@dataclass(frozen=True, slots=True)
class AgreementRequest:
    coders: Sequence[str] = ()  # default: everyone who coded, but the consensus coder
    unit: str = "sentence"
    codes: Sequence[str] = ()  # default: every code of the codebook
    categories: bool = False  # the listed codes are the values of one variable
    level: str = "nominal"
    where: Sequence[str] = ()
    confidence: float = 0.95
    resamples: int = DEFAULT_RESAMPLES
    seed: int = DEFAULT_SEED


@dataclass(frozen=True, slots=True)
class AgreementRow:
    variable: str  # the code's path, or "categories"
    measures: Measures
    document: int | None = None  # character units: the row of one document
    weighted_kappa: float | None = None  # character units, pooled: NVivo's average κ


@dataclass
class Agreement:
    unit: str
    level: str
    coders: list[str]
    rows: list[AgreementRow] = field(default_factory=list)
    left_out: int = 0  # --categories: units a coder gave two of the codes
    documents: int = 0  # documents at least one of the coders coded

    def as_json(self) -> dict:
        return {
            "unit": self.unit,
            "level": self.level,
            "coders": self.coders,
            "documents": self.documents,
            "left_out": self.left_out,
            "rows": [row_json(r) for r in self.rows],
        }


def row_json(row: AgreementRow) -> dict:
    m = row.measures
    found = {
        "variable": row.variable,
        "units": m.units,
        "pairable": m.pairable,
        "percent_agreement": m.percent_agreement,
        "cohen_kappa": m.cohen_kappa,
        "fleiss_kappa": m.fleiss_kappa,
        "brennan_prediger": m.brennan_prediger,
        "gwet_ac1": m.gwet_ac1,
        "krippendorff_alpha": m.krippendorff_alpha,
        "alpha_ci": None if m.alpha_ci is None else list(m.alpha_ci),
        "kappa_ci": None if m.kappa_ci is None else list(m.kappa_ci),
        "ac1_ci": None if m.ac1_ci is None else list(m.ac1_ci),
        "note": m.note,
    }
    if row.document is not None:
        found["document"] = row.document
    if row.weighted_kappa is not None:
        found["weighted_kappa"] = row.weighted_kappa
    return found


def chosen_coders(session: Session, names: Sequence[str], at_least: int = 2) -> dict[str, int]:
    """The coders named (all who coded, but the consensus coder, when none are), by name."""
    coded = dict(
        session.execute(
            select(Coder.name, Coder.id).where(Coder.id.in_(select(Segment.coder_id).distinct()))
        ).all()
    )
    known = dict(session.execute(select(Coder.name, Coder.id)).all())
    if names:
        missing = [n for n in names if n not in known]
        if missing:
            listed = ", ".join(sorted(coded)) or "none yet"
            raise UsageError(f"no coder named {', '.join(missing)} (coders: {listed})")
        if len(set(names)) != len(names):
            raise UsageError("a coder is named twice")
        chosen = {n: known[n] for n in names}
    else:
        consensus = read_settings(session)["consensus_coder"]
        chosen = {n: i for n, i in sorted(coded.items()) if n != consensus}
    if len(chosen) < at_least:
        raise UsageError(
            f"agreement needs at least {at_least} coders; this project has "
            f"{', '.join(chosen) or 'none'} (give them with --coders A,B)"
        )
    return chosen


def refuse_blind(session: Session) -> None:
    if only_coder(session) is not None:
        raise UsageError(
            "blind coding is on, so coders cannot be compared; turn it off first "
            "('qcode config PROJECT blind=off')"
        )


def _variables(session: Session, codebook: Codebook, request: AgreementRequest) -> list[str]:
    if not codebook.codes:
        raise UsageError("the project has no codebook yet; load one with 'qcode codebook load'")
    if not request.codes:
        if request.categories:
            raise UsageError("--categories needs the codes that are its values: --codes A,B,…")
        return [c.guid for c in codebook.codes]
    guids = [resolve_code(session, ref, codebook).guid for ref in request.codes]
    if len(set(guids)) != len(guids):
        raise UsageError("a code is listed twice in --codes")
    if request.categories and len(guids) < 2:
        raise UsageError("--categories needs at least two codes")
    return guids


def chains(codebook: Codebook) -> dict[str, tuple[str, ...]]:
    """A code's GUID → itself and its ancestors' GUIDs (a segment counts for each)."""
    by_guid = codebook.by_guid()
    found: dict[str, tuple[str, ...]] = {}
    for code in codebook.codes:
        chain, guid = [], code.guid
        while guid is not None and guid in by_guid:
            chain.append(guid)
            guid = by_guid[guid].parent
        found[code.guid] = tuple(chain)
    return found


def rolls_into(codebook: Codebook, ids: dict[str, int]) -> dict[int, tuple[int, ...]]:
    """The same by code id."""
    return {ids[g]: tuple(ids[a] for a in chain) for g, chain in chains(codebook).items()}


def agreement(project: Project, request: AgreementRequest | None = None) -> Agreement:
    """Every measure for every code (or the one categories variable) of the chosen coders."""
    request = request or AgreementRequest()
    if request.unit not in UNITS:
        raise UsageError(f"--unit must be one of {', '.join(UNITS)}")
    if request.level not in LEVELS:
        raise UsageError(f"--level must be one of {', '.join(LEVELS)}")
    if not 0 < request.confidence < 1:
        raise UsageError("--ci must be between 0 and 1, such as 0.95")
    with project.reading() as session:
        refuse_blind(session)
        coders = chosen_coders(session, request.coders)
        codebook = read_codebook(session)
        variables = _variables(session, codebook, request)
        conditions = [Condition.parse(w) for w in request.where]
        documents = matching_ids(session, conditions) if conditions else None
        spans = _spans(coded_spans(session, list(coders.values()), documents), coders)
        table = _unit_table(session, request.unit, spans, len(coders))
        ids = code_ids(session)
    result = Agreement(request.unit, request.level, list(coders), documents=len(table.documents))
    paths = {ids[guid]: path for guid, path in codebook.paths().items()}
    roll = rolls_into(codebook, ids)
    variables = [ids[guid] for guid in variables]
    options = {
        "level": request.level,
        "confidence": request.confidence,
        "resamples": request.resamples,
        "seed": request.seed,
    }
    if request.categories:
        matrix, left_out = category_variable(table, spans, variables, roll)
        kept = _without(len(table.spans), left_out)
        data = reliability(table, matrix, len(variables), kept)
        found = measures(data, **options)
        if len(left_out):
            note = f"{len(left_out)} unit(s) left out: a coder gave them two of the codes"
            found = _noted(found, note)
        result.left_out = len(left_out)
        result.rows.append(AgreementRow("categories", found))
        return result
    for code, matrix in binary_variables(table, spans, variables, roll).items():
        pooled = measures(reliability(table, matrix, 2), **options)
        if request.unit != "character":
            result.rows.append(AgreementRow(paths[code], pooled))
            continue
        per_document = [
            AgreementRow(
                paths[code],
                measures(reliability(table, matrix, 2, table.document_rows(d)), **options),
                document=d,
            )
            for d in table.documents
        ]
        result.rows.append(AgreementRow(paths[code], pooled, weighted_kappa=_nvivo(per_document)))
        result.rows += per_document
    return result


def _spans(rows, coders: dict[str, int]) -> CodedSpans:
    """The rows' coder ids as columns, in the order the coders were chosen."""
    spans = CodedSpans.from_rows(rows)
    column = np.zeros(max(coders.values()) + 1, dtype=np.int64)
    column[list(coders.values())] = np.arange(len(coders))
    return CodedSpans(spans.document, spans.code, column[spans.coder], spans.start, spans.end)


def _unit_table(session: Session, unit: str, spans: CodedSpans, coders: int) -> UnitTable:
    documents = sorted(set(spans.document.tolist()))
    if unit == "character":
        return UnitTable.of_characters(document_lengths(session, documents), spans, coders)
    present = spans.present()
    if unit == "document":
        lengths = document_lengths(session, documents)
        units = {d: [(0, n)] for d, n in lengths.items() if n}
    else:
        units = units_of(document_texts(session, documents), unit)
    return UnitTable(units, present, coders)


PARALLEL_FROM = 2000  # documents: past this, sentences are cut by several processes


def units_of(texts: dict[int, str], unit: str) -> dict[int, list[tuple[int, int]]]:
    """The units of every text; shared out among forked workers for a large corpus (cutting
    sentences is pure Python, half the time of agreement on ten thousand abstracts)."""
    workers = worker_count()
    if len(texts) < PARALLEL_FROM or workers < 2 or not can_fork():
        return {d: text_units(t, unit) for d, t in texts.items()}
    ids = list(texts)
    parts = [ids[w::workers] for w in range(workers)]
    with process_pool(workers) as pool:
        futures = [pool.submit(_cut, [texts[d] for d in part], unit) for part in parts]
        found = {}
        for part, future in zip(parts, futures, strict=True):
            found.update(zip(part, future.result(), strict=True))
    return {d: found[d] for d in ids}


def _cut(texts: list[str], unit: str) -> list[list[tuple[int, int]]]:
    return [text_units(t, unit) for t in texts]


def _without(total: int, left_out: np.ndarray) -> np.ndarray:
    keep = np.ones(total, dtype=bool)
    keep[left_out] = False
    return keep


def _noted(found: Measures, note: str) -> Measures:
    return replace(found, note="; ".join(n for n in (found.note, note) if n))


def _nvivo(rows: list[AgreementRow]) -> float | None:
    """NVivo's average κ over documents, each weighted by its length in characters."""
    kappas = [
        (r.measures.units, r.measures.cohen_kappa)
        for r in rows
        if r.measures.cohen_kappa is not None
    ]
    total = sum(weight for weight, _ in kappas)
    return sum(w * k for w, k in kappas) / total if total else None
