"""Queries over documents and their attributes; filters run in SQL."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, exists, func, not_, or_, select
from sqlalchemy.orm import Session

from qcode.core.attributes import AttributeValue, Condition, ValueType
from qcode.core.records import DocumentRecord
from qcode.core.text import sha256_of
from qcode.store.models import Document, DocumentAttribute, DocumentPage

_BATCH = 1000


@dataclass(frozen=True, slots=True)
class KnownDocument:
    """What duplicate detection needs to know of a stored document."""

    id: int
    title: str
    sha256: str
    doi: str | None
    title_from_metadata: bool


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    id: int
    uuid: str
    title: str
    chars: int
    language: str
    source_format: str
    attributes: dict[str, list[AttributeValue]]


def attribute_row(document_id: int, name: str, position: int, value: AttributeValue) -> dict:
    """Column values of one attribute row for ``value`` (typed by its Python type)."""
    row: dict = {
        "document_id": document_id,
        "name": name,
        "position": position,
        "text_value": None,
        "number_value": None,
        "date_value": None,
    }
    if isinstance(value, bool):
        raise TypeError("attribute values are text, numbers or dates")
    if isinstance(value, int | float):
        row["value_type"] = ValueType.NUMBER.value
        row["number_value"] = float(value)
    elif isinstance(value, dt.date):
        row["value_type"] = ValueType.DATE.value
        row["date_value"] = value
    else:
        row["value_type"] = ValueType.TEXT.value
        row["text_value"] = str(value)
    return row


def _value_of(attr: DocumentAttribute) -> AttributeValue:
    if attr.value_type == ValueType.NUMBER:
        assert attr.number_value is not None
        return attr.number_value
    if attr.value_type == ValueType.DATE:
        assert attr.date_value is not None
        return attr.date_value
    return attr.text_value or ""


def insert_documents(
    session: Session, records: Sequence[DocumentRecord], imported_at: dt.datetime
) -> list[int]:
    """Store ``records`` in bulk; return their new ids in the same order."""
    ids: list[int] = []
    documents = Document.__table__
    statement = documents.insert().returning(documents.c.id, sort_by_parameter_order=True)
    for start in range(0, len(records), _BATCH):
        batch = records[start : start + _BATCH]
        rows = [
            {
                "uuid": str(uuid_module.uuid4()),
                "title": r.title,
                "text": r.text,
                "char_count": len(r.text),
                "sha256": sha256_of(r.text),
                "source_path": r.source_path,
                "source_format": r.source_format,
                "language": r.language,
                "title_source": "metadata" if r.title_from_metadata else "file",
                "imported_at": imported_at,
            }
            for r in batch
        ]
        batch_ids = list(session.execute(statement, rows).scalars())
        ids.extend(batch_ids)
        attributes = [
            attribute_row(doc_id, name, position, value)
            for doc_id, record in zip(batch_ids, batch, strict=True)
            for name, position, value in _numbered(record.attributes)
        ]
        if attributes:
            session.execute(DocumentAttribute.__table__.insert(), attributes)
        pages = [
            {"document_id": doc_id, "page_number": number, "start_offset": offset}
            for doc_id, record in zip(batch_ids, batch, strict=True)
            for number, offset in record.pages
        ]
        if pages:
            session.execute(DocumentPage.__table__.insert(), pages)
    return ids


def _numbered(
    attributes: Iterable[tuple[str, AttributeValue]],
) -> Iterator[tuple[str, int, AttributeValue]]:
    counts: dict[str, int] = defaultdict(int)
    for name, value in attributes:
        yield name, counts[name], value
        counts[name] += 1


def known_documents(session: Session) -> Iterator[KnownDocument]:
    """Every stored document's fingerprint, for duplicate detection."""
    doi = (
        select(DocumentAttribute.text_value)
        .where(DocumentAttribute.document_id == Document.id, DocumentAttribute.name == "doi")
        .limit(1)
        .scalar_subquery()
    )
    query = select(Document.id, Document.title, Document.sha256, doi, Document.title_source)
    for row in session.execute(query):
        yield KnownDocument(row[0], row[1], row[2], row[3], row[4] == "metadata")


def _fold(session: Session, column: ColumnElement) -> ColumnElement:
    # casefold() is registered on every SQLite connection; PostgreSQL's lower() is Unicode-aware.
    if session.get_bind().dialect.name == "sqlite":
        return func.casefold(column)
    return func.lower(column)


def _matches(session: Session, condition: Condition) -> ColumnElement[bool]:
    attr = DocumentAttribute
    value_type, value = condition.typed_value
    op = condition.operator
    if op == "~":
        needle = condition.raw_value.casefold()
        test = _fold(session, attr.text_value).contains(needle, autoescape=True)
    elif op in {"=", "!="}:
        same_text = _fold(session, attr.text_value) == condition.raw_value.casefold()
        if value_type is ValueType.NUMBER:
            test = or_(attr.number_value == value, same_text)
        elif value_type is ValueType.DATE:
            test = or_(attr.date_value == value, same_text)
        else:
            test = same_text
    else:
        column = attr.number_value if value_type is ValueType.NUMBER else attr.date_value
        test = {
            "<": column < value,
            "<=": column <= value,
            ">": column > value,
            ">=": column >= value,
        }[op]
    found = exists().where(attr.document_id == Document.id, attr.name == condition.name, test)
    return not_(found) if op == "!=" else found


def document_ids(session: Session, conditions: Sequence[Condition] = ()) -> list[int]:
    """Ids of the documents matching every condition, in import order."""
    query = select(Document.id).order_by(Document.id)
    if conditions:
        query = query.where(and_(*(_matches(session, c) for c in conditions)))
    return list(session.scalars(query))


def summaries(session: Session, conditions: Sequence[Condition] = ()) -> list[DocumentSummary]:
    """Documents matching every condition, with their attributes, without their text."""
    query = select(
        Document.id,
        Document.uuid,
        Document.title,
        Document.char_count,
        Document.language,
        Document.source_format,
    ).order_by(Document.id)
    if conditions:
        query = query.where(and_(*(_matches(session, c) for c in conditions)))
    rows = session.execute(query).all()
    wanted = {row[0] for row in rows}
    attributes: dict[int, dict[str, list[AttributeValue]]] = defaultdict(dict)
    attr_query = select(DocumentAttribute).order_by(
        DocumentAttribute.document_id, DocumentAttribute.name, DocumentAttribute.position
    )
    if conditions:
        attr_query = attr_query.where(
            DocumentAttribute.document_id.in_(query.with_only_columns(Document.id))
        )
    for attr in session.scalars(attr_query):
        if attr.document_id in wanted:
            attributes[attr.document_id].setdefault(attr.name, []).append(_value_of(attr))
    return [
        DocumentSummary(r[0], r[1], r[2], r[3], r[4], r[5], attributes.get(r[0], {})) for r in rows
    ]


def attribute_values(document: Document) -> dict[str, list[AttributeValue]]:
    values: dict[str, list[AttributeValue]] = {}
    for attr in document.attributes:
        values.setdefault(attr.name, []).append(_value_of(attr))
    return values


def find_document(session: Session, reference: str) -> list[Document]:
    """Documents a user may mean by ``reference``: an id, a uuid (or its start), or a title.

    An exact match wins; otherwise every title containing the reference is returned, so the
    caller can say which ones were meant.
    """
    ref = reference.strip()
    if ref.isdigit():
        found = session.get(Document, int(ref))
        return [found] if found else []
    by_uuid = list(session.scalars(select(Document).where(Document.uuid.startswith(ref.lower()))))
    if by_uuid and len(ref) >= 8:
        return by_uuid
    folded = ref.casefold()
    exact = list(session.scalars(select(Document).where(_fold(session, Document.title) == folded)))
    if exact:
        return exact
    return list(
        session.scalars(
            select(Document)
            .where(_fold(session, Document.title).contains(folded, autoescape=True))
            .order_by(Document.id)
            .limit(20)
        )
    )


def replace_attribute(
    session: Session, document_id: int, name: str, values: Sequence[AttributeValue]
) -> None:
    """Make ``values`` the only values of attribute ``name`` on the document."""
    session.execute(
        DocumentAttribute.__table__.delete().where(
            DocumentAttribute.document_id == document_id, DocumentAttribute.name == name
        )
    )
    rows = [attribute_row(document_id, name, i, v) for i, v in enumerate(values)]
    if rows:
        session.execute(DocumentAttribute.__table__.insert(), rows)
    session.expire_all()


def count_documents(session: Session) -> int:
    return session.scalar(select(func.count(Document.id))) or 0
