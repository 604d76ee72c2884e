"""PostgreSQL tells open apps about every new event: a trigger on the event log sends a
notification (``qcode_events``, the event's id) when the transaction that wrote it commits,
so the app shows other coders' changes without polling the tables. SQLite files need
nothing: the app watches ``PRAGMA data_version``. And an index for ending redo histories.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every new action ends its coder's redo history (UPDATE … WHERE coder_id = ? AND
    # undoable AND undone): this index finds those few rows among all the coder's events.
    op.create_index(
        "ix_events_redoable",
        "events",
        ["coder_id"],
        sqlite_where=sa.text("undoable IS 1 AND undone IS 1"),
        postgresql_where=sa.text("undoable IS TRUE AND undone IS TRUE"),
    )
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE OR REPLACE FUNCTION qcode_notify_event() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM pg_notify('qcode_events', NEW.id::text); RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER events_notify AFTER INSERT ON events "
        "FOR EACH ROW EXECUTE FUNCTION qcode_notify_event()"
    )


def downgrade() -> None:
    op.drop_index("ix_events_redoable", table_name="events")
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS events_notify ON events")
    op.execute("DROP FUNCTION IF EXISTS qcode_notify_event()")
