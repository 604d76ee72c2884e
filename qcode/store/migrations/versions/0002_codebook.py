"""The codebook (one per project), its hierarchical codes, and coded segments.

Segments are created here because the codebook's rules depend on them (a code in use is
never deleted); coding itself builds on this table.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "codebooks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("authors", sa.JSON(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("licence", sa.Text(), nullable=False),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("updated", sa.String(40), nullable=False),
    )
    op.create_table(
        "codes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "codebook_id",
            sa.Integer(),
            sa.ForeignKey("codebooks.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("guid", sa.String(36), nullable=False, unique=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("parent_id", sa.Integer(), sa.ForeignKey("codes.id"), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("colour", sa.String(7), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("inclusion", sa.Text(), nullable=False),
        sa.Column("exclusion", sa.Text(), nullable=False),
        sa.Column("examples", sa.JSON(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("shortcut", sa.Integer(), nullable=True),
        sa.Column("codable", sa.Boolean(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "shortcut IS NULL OR (shortcut BETWEEN 1 AND 9)", name="ck_codes_shortcut"
        ),
    )
    op.create_index("ix_codes_codebook_id", "codes", ["codebook_id"])
    op.create_index("ix_codes_parent_id", "codes", ["parent_id"])
    op.create_table(
        "segments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer(),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("code_id", sa.Integer(), sa.ForeignKey("codes.id"), nullable=False),
        sa.Column("coder_id", sa.Integer(), sa.ForeignKey("coders.id"), nullable=False),
        sa.Column("start_offset", sa.Integer(), nullable=False),
        sa.Column("end_offset", sa.Integer(), nullable=False),
        sa.Column("memo", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "start_offset >= 0 AND end_offset > start_offset", name="ck_segments_span"
        ),
    )
    op.create_index("ix_segments_code_id", "segments", ["code_id"])
    op.create_index("ix_segments_coder_id", "segments", ["coder_id"])
    op.create_index(
        "ix_segments_document_span", "segments", ["document_id", "start_offset", "end_offset"]
    )


def downgrade() -> None:
    op.drop_table("segments")
    op.drop_table("codes")
    op.drop_table("codebooks")
