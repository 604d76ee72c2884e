"""Coding: memos, auto-coding suggestions, undoable events, and full-text search indexes.

On SQLite the search indexes are FTS5 tables kept in step by triggers; on PostgreSQL they
are GIN indexes over to_tsvector('simple', …).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SQLITE_SEARCH = [
    "CREATE VIRTUAL TABLE documents_fts USING fts5("
    "title, text, content='documents', content_rowid='id', "
    'tokenize="unicode61 remove_diacritics 2")',
    "INSERT INTO documents_fts(rowid, title, text) SELECT id, title, text FROM documents",
    "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
]


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(
            sa.Column("undoable", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column("undone", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "memos",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("target_type", sa.String(16), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("coder_id", sa.Integer(), sa.ForeignKey("coders.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_memos_target", "memos", ["target_type", "target_id"], unique=True)
    op.create_table(
        "suggestions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer(),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "code_id", sa.Integer(), sa.ForeignKey("codes.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("start_offset", sa.Integer(), nullable=False),
        sa.Column("end_offset", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("keyword", sa.Text(), nullable=False),
        sa.Column("matched", sa.Text(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column(
            "segment_id",
            sa.Integer(),
            sa.ForeignKey("segments.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("decided_by", sa.Integer(), sa.ForeignKey("coders.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_suggestions_code_id", "suggestions", ["code_id"])
    # Deleting a segment sets its suggestion's segment_id to NULL: without this index every
    # deleted segment would scan all suggestions.
    op.create_index("ix_suggestions_segment_id", "suggestions", ["segment_id"])
    op.create_index("ix_suggestions_status", "suggestions", ["status"])
    op.create_index(
        "ix_suggestions_span",
        "suggestions",
        ["document_id", "code_id", "start_offset", "end_offset"],
        unique=True,
    )
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_SEARCH:
            op.execute(statement)
    else:
        op.execute(
            "CREATE INDEX ix_documents_search ON documents "
            "USING gin (to_tsvector('simple', title || ' ' || text))"
        )
        op.execute("CREATE INDEX ix_memos_search ON memos USING gin (to_tsvector('simple', text))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("documents_fts_insert", "documents_fts_delete", "documents_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_memos_search")
        op.execute("DROP INDEX IF EXISTS ix_documents_search")
    op.drop_table("suggestions")
    op.drop_table("memos")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("undone")
        batch.drop_column("undoable")
