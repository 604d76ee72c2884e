"""The tables of a project. Migrations in ``migrations/versions`` create them; keep both in step."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Document(Base):
    """An imported source. Its ``text`` never changes after import: offsets point into it."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    char_count: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    source_path: Mapped[str] = mapped_column(Text)
    source_format: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(16))
    title_source: Mapped[str] = mapped_column(String(16))  # "metadata" or "file"
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    attributes: Mapped[list[DocumentAttribute]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        order_by="(DocumentAttribute.name, DocumentAttribute.position)",
    )
    pages: Mapped[list[DocumentPage]] = relationship(
        cascade="all, delete-orphan", order_by="DocumentPage.page_number"
    )


class DocumentAttribute(Base):
    """One typed value of a named attribute; a name may hold several values (authors)."""

    __tablename__ = "document_attributes"
    __table_args__ = (
        Index("ix_document_attributes_name_text", "name", "text_value"),
        Index("ix_document_attributes_name_number", "name", "number_value"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer, default=0)
    value_type: Mapped[str] = mapped_column(String(8))  # "text", "number" or "date"
    text_value: Mapped[str | None] = mapped_column(Text)
    number_value: Mapped[float | None] = mapped_column(Float)
    date_value: Mapped[dt.date | None] = mapped_column(Date)

    document: Mapped[Document] = relationship(back_populates="attributes")


class DocumentPage(Base):
    """Where a page of a paged source (PDF) starts in the document's text."""

    __tablename__ = "document_pages"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    page_number: Mapped[int] = mapped_column(Integer, primary_key=True)
    start_offset: Mapped[int] = mapped_column(Integer)


class Coder(Base):
    """A named person who codes; recorded on everything written."""

    __tablename__ = "coders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class Event(Base):
    """Append-only log of every change: who did what, when, with the data before and after."""

    __tablename__ = "events"
    __table_args__ = (
        Index(
            "ix_events_redoable",
            "coder_id",
            sqlite_where=text("undoable IS 1 AND undone IS 1"),
            postgresql_where=text("undoable IS TRUE AND undone IS TRUE"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    coder_id: Mapped[int | None] = mapped_column(ForeignKey("coders.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    target_type: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[str | None] = mapped_column(String(64))
    before: Mapped[Any | None] = mapped_column(JSON)
    after: Mapped[Any | None] = mapped_column(JSON)
    # Undo: an undoable event holds the row changes it made (see qcode.store.changes);
    # "undone" marks one that was undone and may be redone.
    undoable: Mapped[bool] = mapped_column(Boolean, default=False)
    undone: Mapped[bool] = mapped_column(Boolean, default=False)


class CodebookRow(Base):
    """The project's codebook: its title and metadata (one row; codes hang from it)."""

    __tablename__ = "codebooks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    version: Mapped[str] = mapped_column(String(40))
    authors: Mapped[list[str]] = mapped_column(JSON)
    languages: Mapped[list[str]] = mapped_column(JSON)
    licence: Mapped[str] = mapped_column(Text)
    created: Mapped[str] = mapped_column(String(40))
    updated: Mapped[str] = mapped_column(String(40))


class CodeRow(Base):
    """A code of the codebook. ``position`` orders siblings; ``guid`` is its stable identity."""

    __tablename__ = "codes"
    __table_args__ = (
        CheckConstraint("shortcut IS NULL OR (shortcut BETWEEN 1 AND 9)", name="ck_codes_shortcut"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    codebook_id: Mapped[int] = mapped_column(
        ForeignKey("codebooks.id", ondelete="CASCADE"), index=True
    )
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(Text)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("codes.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    colour: Mapped[str | None] = mapped_column(String(7))
    description: Mapped[str] = mapped_column(Text)
    inclusion: Mapped[str] = mapped_column(Text)
    exclusion: Mapped[str] = mapped_column(Text)
    examples: Mapped[list[str]] = mapped_column(JSON)
    keywords: Mapped[dict[str, list[str]]] = mapped_column(JSON)
    exclude: Mapped[dict[str, list[str]] | None] = mapped_column(JSON)  # exclusion keywords
    shortcut: Mapped[int | None] = mapped_column(Integer)
    codable: Mapped[bool] = mapped_column(Boolean)
    retired: Mapped[bool] = mapped_column(Boolean)


class Segment(Base):
    """A coded span: ``[start, end)`` in code points of the document's stored text."""

    __tablename__ = "segments"
    __table_args__ = (
        CheckConstraint("start_offset >= 0 AND end_offset > start_offset", name="ck_segments_span"),
        Index("ix_segments_document_span", "document_id", "start_offset", "end_offset"),
        Index("ix_segments_code_document", "code_id", "document_id"),
        # One segment per coder, code and span (migration 0006).
        Index(
            "ux_segments_coder_span",
            "document_id",
            "code_id",
            "coder_id",
            "start_offset",
            "end_offset",
            unique=True,
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    code_id: Mapped[int] = mapped_column(ForeignKey("codes.id"))
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id"), index=True)
    start_offset: Mapped[int] = mapped_column(Integer)
    end_offset: Mapped[int] = mapped_column(Integer)
    memo: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(16))  # manual, suggestion, search, imported
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class Memo(Base):
    """A researcher's note on the project, a document or a code (segments keep theirs inline)."""

    __tablename__ = "memos"
    __table_args__ = (Index("ix_memos_target", "target_type", "target_id", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    target_type: Mapped[str] = mapped_column(String(16))  # project, document, code
    target_id: Mapped[int] = mapped_column(Integer)  # 0 for the project
    text: Mapped[str] = mapped_column(Text)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class Suggestion(Base):
    """An auto-coding proposal: a span that may deserve a code, waiting for a decision."""

    __tablename__ = "suggestions"
    __table_args__ = (
        Index(
            "ix_suggestions_span",
            "document_id",
            "code_id",
            "start_offset",
            "end_offset",
            unique=True,
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    code_id: Mapped[int] = mapped_column(ForeignKey("codes.id", ondelete="CASCADE"), index=True)
    start_offset: Mapped[int] = mapped_column(Integer)
    end_offset: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    keyword: Mapped[str] = mapped_column(Text)
    matched: Mapped[str] = mapped_column(Text)  # the text that matched the keyword
    source: Mapped[str] = mapped_column(String(10), default="keyword", server_default="keyword")
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")  # why, in a line
    status: Mapped[str] = mapped_column(String(10), index=True)  # pending, accepted, rejected
    segment_id: Mapped[int | None] = mapped_column(
        ForeignKey("segments.id", ondelete="SET NULL"), index=True
    )
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("coders.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class Setting(Base):
    """A project setting (``blind``, ``consensus_coder``); absent means its default."""

    __tablename__ = "settings"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SuggestionDecision(Base):
    """Another coder's decision on a suggestion the first decision is already recorded on:
    made while blind coding was on, where each coder reviews the suggestions for themselves."""

    __tablename__ = "suggestion_decisions"
    __table_args__ = (
        Index("ix_suggestion_decisions_coder", "suggestion_id", "coder_id", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    suggestion_id: Mapped[int] = mapped_column(ForeignKey("suggestions.id", ondelete="CASCADE"))
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id"))
    status: Mapped[str] = mapped_column(String(10))  # accepted or rejected
    segment_id: Mapped[int | None] = mapped_column(ForeignKey("segments.id", ondelete="SET NULL"))
