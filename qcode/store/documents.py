"""Queries over documents and their attributes; filters run in SQL."""

from __future__ import annotations

import datetime as dt
import os
import uuid as uuid_module
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, exists, func, not_, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from qcode.core.attributes import AttributeValue, Condition, ValueType
from qcode.core.records import DocumentRecord
from qcode.core.text import sha256_of
from qcode.store.bulk import insert_rows, reserve_ids
from qcode.store.models import Document, DocumentAttribute, DocumentPage


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


ATTRIBUTE_COLUMNS = (
    "document_id",
    "name",
    "position",
    "value_type",
    "text_value",
    "number_value",
    "date_value",
)


def attribute_row(document_id: int, name: str, position: int, value: AttributeValue) -> tuple:
    """One attribute row (in the order of ``ATTRIBUTE_COLUMNS``), typed by the value's type."""
    if isinstance(value, bool):
        raise TypeError("attribute values are text, numbers or dates")
    if isinstance(value, int | float):
        return (document_id, name, position, ValueType.NUMBER.value, None, float(value), None)
    if isinstance(value, dt.date):
        return (document_id, name, position, ValueType.DATE.value, None, None, value)
    return (document_id, name, position, ValueType.TEXT.value, str(value), None, None)


def _value_of(attr: DocumentAttribute) -> AttributeValue:
    if attr.value_type == ValueType.NUMBER:
        assert attr.number_value is not None
        return attr.number_value
    if attr.value_type == ValueType.DATE:
        assert attr.date_value is not None
        return attr.date_value
    return attr.text_value or ""


_DOCUMENT_COLUMNS = (
    "id",
    "uuid",
    "title",
    "text",
    "char_count",
    "sha256",
    "source_path",
    "source_format",
    "language",
    "title_source",
)


def insert_documents(
    session: Session, records: Sequence[DocumentRecord], imported_at: dt.datetime
) -> list[int]:
    """Store ``records`` in bulk; return their new ids in the same order."""
    documents = Document.__table__
    ids = reserve_ids(session, documents, len(records))
    uuids = _new_uuids(len(records))
    rows = [
        (
            doc_id,
            r.uuid or uuids[n],
            r.title,
            r.text,
            len(r.text),
            sha256_of(r.text),
            r.source_path,
            r.source_format,
            r.language,
            "metadata" if r.title_from_metadata else "file",
        )
        for n, (doc_id, r) in enumerate(zip(ids, records, strict=True))
    ]
    insert_rows(session, documents, _DOCUMENT_COLUMNS, rows, {"imported_at": imported_at})
    attributes = [
        attribute_row(doc_id, name, position, value)
        for doc_id, record in zip(ids, records, strict=True)
        for name, position, value in _numbered(record.attributes)
    ]
    insert_rows(session, DocumentAttribute.__table__, ATTRIBUTE_COLUMNS, attributes)
    pages = [
        (doc_id, number, offset)
        for doc_id, record in zip(ids, records, strict=True)
        for number, offset in record.pages
    ]
    insert_rows(
        session, DocumentPage.__table__, ("document_id", "page_number", "start_offset"), pages
    )
    return ids


def _new_uuids(count: int) -> list[str]:
    """Random (version 4) UUIDs, drawing the randomness for all of them at once."""
    pool = os.urandom(16 * count)
    return [
        str(uuid_module.UUID(bytes=pool[i : i + 16], version=4)) for i in range(0, 16 * count, 16)
    ]


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
    # casefold() is registered on every SQLite connection; PostgreSQL has qcode_casefold()
    # (migration 0007), lower() with what casefold adds ("ß" → "ss").
    if session.get_bind().dialect.name == "sqlite":
        return func.casefold(column)
    return func.qcode_casefold(column)


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


def matching_ids(session: Session, conditions: Sequence[Condition]) -> Select:
    """A sub-query of the ids of the documents matching every condition."""
    return select(Document.id).where(and_(*(_matches(session, c) for c in conditions)))


def citation_facts(
    session: Session, conditions: Sequence[Condition] = (), ids: Sequence[int] | None = None
) -> list[tuple[int, str, dict[str, list[AttributeValue]]]]:
    """(id, title, {author, year, date values}) of the matching documents (of ``ids`` only,
    when given), in import order: what a citation needs, without the other attributes."""
    query = select(Document.id, Document.title).order_by(Document.id)
    if conditions:
        query = query.where(and_(*(_matches(session, c) for c in conditions)))
    if ids is not None and len(ids) <= MAX_LISTED_IDS:
        query = query.where(Document.id.in_(list(ids)))
    rows = session.execute(query).all()
    if ids is not None and len(ids) > MAX_LISTED_IDS:  # past SQLite's bound-parameter limit
        chosen = set(ids)
        rows = [row for row in rows if row[0] in chosen]
    wanted = {row[0] for row in rows}
    facts: dict[int, dict[str, list[AttributeValue]]] = defaultdict(dict)
    attr = DocumentAttribute
    attr_query = (
        select(
            attr.document_id,
            attr.name,
            attr.value_type,
            attr.text_value,
            attr.number_value,
            attr.date_value,
        )
        .where(attr.name.in_(("author", "year", "date")))
        .order_by(attr.document_id, attr.position)
    )
    if ids is not None:
        attr_query = attr_query.where(attr.document_id.in_(list(ids)))
    for document, name, kind, text, number, date in session.execute(attr_query):
        if document in wanted:
            value = number if kind == ValueType.NUMBER else date if kind == ValueType.DATE else text
            facts[document].setdefault(name, []).append(value if value is not None else "")
    return [(r[0], r[1], facts.get(r[0], {})) for r in rows]


def document_ids(session: Session, conditions: Sequence[Condition] = ()) -> list[int]:
    """Ids of the documents matching every condition, in import order."""
    query = select(Document.id).order_by(Document.id)
    if conditions:
        query = query.where(and_(*(_matches(session, c) for c in conditions)))
    return list(session.scalars(query))


MAX_LISTED_IDS = 20_000  # ids named in one IN (...): SQLite allows 32,766 parameters


def summaries(
    session: Session, conditions: Sequence[Condition] = (), ids: Sequence[int] | None = None
) -> list[DocumentSummary]:
    """Documents matching every condition (of ``ids`` only, when given), with their
    attributes, without their text."""
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
    if ids is not None and len(ids) <= MAX_LISTED_IDS:
        query = query.where(Document.id.in_(list(ids)))
    rows = session.execute(query).all()
    if ids is not None and len(ids) > MAX_LISTED_IDS:  # past SQLite's bound-parameter limit
        chosen = set(ids)
        rows = [row for row in rows if row[0] in chosen]
    wanted = {row[0] for row in rows}
    attributes: dict[int, dict[str, list[AttributeValue]]] = defaultdict(dict)
    attr = DocumentAttribute
    attr_query = select(
        attr.document_id, attr.name, attr.value_type, attr.text_value, attr.number_value,
        attr.date_value,
    ).order_by(attr.document_id, attr.name, attr.position)  # fmt: skip
    if ids is not None and len(ids) <= MAX_LISTED_IDS:
        attr_query = attr_query.where(attr.document_id.in_(list(ids)))
    elif conditions:
        attr_query = attr_query.where(attr.document_id.in_(query.with_only_columns(Document.id)))
    for document, name, kind, text, number, date in session.execute(attr_query):
        if document in wanted:
            value = number if kind == ValueType.NUMBER else date if kind == ValueType.DATE else text
            attributes[document].setdefault(name, []).append(value if value is not None else "")
    return [
        DocumentSummary(r[0], r[1], r[2], r[3], r[4], r[5], attributes.get(r[0], {})) for r in rows
    ]


def attribute_values(document: Document) -> dict[str, list[AttributeValue]]:
    values: dict[str, list[AttributeValue]] = {}
    for attr in document.attributes:
        values.setdefault(attr.name, []).append(_value_of(attr))
    return values


def summary_of(document: Document) -> DocumentSummary:
    return DocumentSummary(
        document.id,
        document.uuid,
        document.title,
        document.char_count,
        document.language,
        document.source_format,
        attribute_values(document),
    )


def find_document(session: Session, reference: str) -> list[Document]:
    """Documents a user may mean by ``reference``: an id, a uuid (or its start), or a title.

    An exact match wins; otherwise every title containing the reference is returned, so the
    caller can say which ones were meant.
    """
    ref = reference.strip()
    if ref.isdigit():
        found = session.get(Document, int(ref))
        if found is not None or len(ref) < 8:
            return [found] if found else []
        # Eight digits or more and no such id: the start of a uuid can be all digits too.
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
    insert_rows(session, DocumentAttribute.__table__, ATTRIBUTE_COLUMNS, rows)
    session.expire_all()
