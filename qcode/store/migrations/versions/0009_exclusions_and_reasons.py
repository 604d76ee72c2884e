"""Exclusion keywords per code, and why each suggestion was made.

``codes.exclude`` holds a code's exclusion keywords by language (a sentence holding one is not
suggested for the code). ``suggestions.source`` says what proposed a suggestion (``keyword``
or ``learned``) and ``suggestions.reason`` explains it in one line: the keyword matched, what
lowered its score, or the nearest coded passage of a learned suggestion.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("codes", sa.Column("exclude", sa.JSON(), nullable=True))
    op.add_column(
        "suggestions",
        sa.Column("source", sa.String(10), nullable=False, server_default="keyword"),
    )
    op.add_column("suggestions", sa.Column("reason", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    op.drop_column("suggestions", "reason")
    op.drop_column("suggestions", "source")
    op.drop_column("codes", "exclude")
