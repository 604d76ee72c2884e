"""Project settings: named values a team shares (blind coding, the consensus coder's name);
and the decisions on suggestions of a second coder who reviewed them blind.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "suggestion_decisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "suggestion_id",
            sa.Integer(),
            sa.ForeignKey("suggestions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("coder_id", sa.Integer(), sa.ForeignKey("coders.id"), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column(
            "segment_id",
            sa.Integer(),
            sa.ForeignKey("segments.id", ondelete="SET NULL"),
            nullable=True,
        ),
    )
    op.create_index(
        "ix_suggestion_decisions_coder",
        "suggestion_decisions",
        ["suggestion_id", "coder_id"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index("ix_suggestion_decisions_coder", table_name="suggestion_decisions")
    op.drop_table("suggestion_decisions")
    op.drop_table("settings")
