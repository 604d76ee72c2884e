"""Matrices: segments indexed by (code, document), so a code × document count is read in
index order instead of sorted; it replaces the index on the code alone (its prefix).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_segments_code_document", "segments", ["code_id", "document_id"])
    op.drop_index("ix_segments_code_id", table_name="segments")


def downgrade() -> None:
    op.create_index("ix_segments_code_id", "segments", ["code_id"])
    op.drop_index("ix_segments_code_document", table_name="segments")
