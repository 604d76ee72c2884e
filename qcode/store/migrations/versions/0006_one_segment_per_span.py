"""One segment per coder, code and span: fold existing duplicates together, then let the
database refuse new ones (a check in Python alone raced under concurrent writers).

Of each group of identical segments (same document, code, coder, start and end) the oldest is
kept; the others' memos are joined onto it (each distinct memo once), suggestions and blind
decisions that pointed at them point at it, and one event records what was folded.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SPAN = ("document_id", "code_id", "coder_id", "start_offset", "end_offset")


def _fold_duplicates(connection: sa.Connection) -> list[dict]:
    groups = connection.execute(
        sa.text(
            f"SELECT {', '.join(SPAN)} FROM segments GROUP BY {', '.join(SPAN)} HAVING COUNT(*) > 1"
        )
    ).all()
    folded = []
    for group in groups:
        where = " AND ".join(f"{column} = :{column}" for column in SPAN)
        rows = connection.execute(
            sa.text(f"SELECT id, memo FROM segments WHERE {where} ORDER BY created_at, id"),
            dict(zip(SPAN, group, strict=True)),
        ).all()
        kept, removed = rows[0].id, [row.id for row in rows[1:]]
        memos: list[str] = []
        for row in rows:
            if row.memo and row.memo.strip() and row.memo not in memos:
                memos.append(row.memo)
        parameters = {"kept": kept, "removed": removed}
        expanding = [sa.bindparam("removed", expanding=True)]
        for table in ("suggestions", "suggestion_decisions"):
            connection.execute(
                sa.text(
                    f"UPDATE {table} SET segment_id = :kept WHERE segment_id IN :removed"
                ).bindparams(*expanding),
                parameters,
            )
        connection.execute(
            sa.text("DELETE FROM segments WHERE id IN :removed").bindparams(*expanding),
            parameters,
        )
        connection.execute(
            sa.text("UPDATE segments SET memo = :memo WHERE id = :kept"),
            {"memo": "\n\n".join(memos), "kept": kept},
        )
        folded.append({"kept": kept, "removed": removed})
    return folded


def upgrade() -> None:
    connection = op.get_bind()
    folded = _fold_duplicates(connection)
    if folded:
        events = sa.table(
            "events",
            sa.column("at", sa.DateTime(timezone=True)),
            sa.column("coder_id", sa.Integer),
            sa.column("action", sa.String),
            sa.column("target_type", sa.String),
            sa.column("target_id", sa.String),
            sa.column("before", sa.JSON),
            sa.column("after", sa.JSON),
            sa.column("undoable", sa.Boolean),
            sa.column("undone", sa.Boolean),
        )
        connection.execute(
            events.insert().values(
                at=dt.datetime.now(dt.UTC),
                coder_id=None,
                action="fold duplicates",
                target_type="segment",
                target_id=None,
                before=None,
                after={"folded": folded},
                undoable=False,
                undone=False,
            )
        )
    op.create_index("ux_segments_coder_span", "segments", list(SPAN), unique=True)


def downgrade() -> None:
    op.drop_index("ux_segments_coder_span", table_name="segments")
