"""``qcode export PROJECT OUT.qdpx``: the whole project for NVivo, ATLAS.ti, MAXQDA, QualCoder.

Documents travel as text sources with their stored text, segments as selections with one
coding each, memos as notes linked to what they are about, attributes as typed variables
held by one case per document, coders as users, and the codebook with its GUIDs. Every GUID
qcode has no row for (users, selections, notes, cases, variables) is derived from what it
names, so exporting twice gives the same file. ``where`` and ``coders`` narrow it as they
narrow a matrix; blind coding shows each coder their own.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qcode.core.attributes import Condition, format_value
from qcode.core.codebook import Codebook
from qcode.core.exchange import Coding, Exchange, Note, Source
from qcode.io.qdpx_write import derived_guid, write_qdpx
from qcode.services.matrices import MatrixRequest, resolve_scope
from qcode.store.codebooks import read_codebook
from qcode.store.documents import summaries
from qcode.store.excerpts import segment_rows
from qcode.store.models import Coder, CodeRow, Document, Memo
from qcode.store.project import Project
from qcode.store.settings import only_coder, read_settings


@dataclass(frozen=True)
class ExportSummary:
    path: str
    sources: int
    codes: int
    selections: int
    notes: int
    users: int
    variables: int

    def as_json(self) -> dict:
        return dict(self.__dict__)


def export_qdpx(
    project: Project, out: Path, *, where: Sequence[str] = (), coders: Sequence[str] = ()
) -> ExportSummary:
    """Write the project (narrowed by ``where`` and ``coders``) as a ``.qdpx`` file."""
    with project.reading() as session:
        exchange = project_exchange(session, project.location.path, where, coders)
    write_qdpx(exchange, out)
    return ExportSummary(
        str(out),
        len(exchange.sources),
        len(exchange.codebook.codes),
        sum(len(s.codings) for s in exchange.sources),
        len(exchange.notes),
        len(exchange.users),
        len(exchange.variable_types),
    )


def project_exchange(
    session: Session, path: Path | None, where: Sequence[str], coders: Sequence[str]
) -> Exchange:
    codebook = read_codebook(session)
    name = path.stem if path is not None else (codebook.title or "qcode project")
    exchange = Exchange(name=name, description=read_settings(session)["description"])
    exchange.codebook = codebook
    if codebook.codes:
        scope = resolve_scope(session, MatrixRequest(where=where, coders=coders))
        conditions, segments = scope.conditions, list(segment_rows(session, scope.where))
    else:
        conditions, segments = [Condition.parse(w) for w in where], []
    documents = summaries(session, conditions)
    by_document = defaultdict(list)
    for segment in segments:
        by_document[segment.document_id].append(segment)
    wanted = _coders(session, coders)
    exchange.users = {derived_guid("user", name): name for name in wanted.values()}
    user = {name: guid for guid, name in exchange.users.items()}
    chosen = {summary.id: summary for summary in documents}
    texts = select(Document.id, Document.text).order_by(Document.id)  # streamed, in one query
    for ident, text in session.execute(texts.execution_options(yield_per=200)):
        summary = chosen.get(ident)
        if summary is None:  # left out by --where
            continue
        source = Source(summary.uuid, summary.title, text)
        for seg in by_document.get(summary.id, ()):
            selection = derived_guid(
                "selection", summary.uuid, seg.code_guid, seg.coder, seg.start, seg.end
            )
            source.codings.append(
                Coding(selection, seg.code_guid, seg.start, seg.end, user[seg.coder], seg.memo)
            )
            if seg.memo:
                label = f"Memo: {_short(text, seg)}"
                guid = derived_guid("note", selection)
                exchange.notes.append(Note(guid, label, seg.memo, user[seg.coder], selection))
        source.attributes = [(n, v) for n, values in summary.attributes.items() for v in values]
        exchange.sources.append(source)
    exchange.variable_types = _variable_types(exchange.sources)
    exchange.notes += _memos(session, codebook, documents, wanted, user)
    return exchange


def _coders(session: Session, chosen: Sequence[str]) -> dict[int, str]:
    """The coders whose work is exported: those chosen, else all (blind: the viewer)."""
    names = dict(session.execute(select(Coder.id, Coder.name).order_by(Coder.name)).all())
    only = only_coder(session)
    if only is not None:
        return {only: names[only]} if only in names else {}
    if chosen:
        return {ident: name for ident, name in names.items() if name in set(chosen)}
    return names


def _memos(session, codebook: Codebook, documents, wanted: dict[int, str], user) -> list[Note]:
    """Project, document and code memos of the exported coders, as notes."""
    uuids = {d.id: (d.uuid, d.title) for d in documents}
    codes = dict(session.execute(select(CodeRow.id, CodeRow.guid)).all())
    names = codebook.by_guid()
    notes = []
    query = select(Memo).order_by(Memo.target_type, Memo.target_id)
    for memo in session.scalars(query):
        if memo.coder_id not in wanted or not memo.text.strip():
            continue
        who = user[wanted[memo.coder_id]]
        if memo.target_type == "document" and memo.target_id in uuids:
            target, about = uuids[memo.target_id]
        elif memo.target_type == "code" and codes.get(memo.target_id) in names:
            target = codes[memo.target_id]
            about = names[target].name
        elif memo.target_type == "project":
            target, about = "", "the project"
        else:
            continue  # a document left out by --where
        guid = derived_guid("note", memo.target_type, target)
        notes.append(Note(guid, f"Memo on {about}", memo.text, who, target))
    return notes


def _variable_types(sources: list[Source]) -> dict[str, str]:
    """Each attribute's REFI-QDA type: integer, float, date, or text when values mix."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for source in sources:
        for name, value in source.attributes:
            if isinstance(value, float):
                kinds[name].add("integer" if value.is_integer() else "float")
            elif isinstance(value, dt.date):
                kinds[name].add("date")
            else:
                kinds[name].add("text")
    types = {}
    for name, found in kinds.items():
        if found <= {"integer"}:
            types[name] = "integer"
        elif found <= {"integer", "float"}:
            types[name] = "float"
        elif found == {"date"}:
            types[name] = "date"
        else:
            types[name] = "text"
    for source in sources:  # values of a mixed attribute become their text
        source.attributes = [
            (n, format_value(v) if types[n] == "text" else v) for n, v in source.attributes
        ]
    return types


def _short(text: str, segment) -> str:
    words = " ".join(text[segment.start : segment.end].split())
    return words if len(words) <= 40 else words[:39].rstrip() + "…"
