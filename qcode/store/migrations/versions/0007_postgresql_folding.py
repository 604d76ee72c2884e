"""PostgreSQL compares and searches text the way SQLite does.

SQLite's full-text index removes diacritics and qcode folds case there with Python's
``casefold``; PostgreSQL's ``simple`` configuration kept accents ("cafe" did not find "café",
and a query typed as "café" is folded to "cafe" before it is sent) and ``lower`` keeps "ß"
("Straße" did not equal itself once folded). Two immutable SQL functions fold the same way:
``qcode_fold`` (accents, for the search index) and ``qcode_casefold`` (case, for attribute
conditions), and the documents' search index is rebuilt over ``qcode_fold``.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from alembic import op

from qcode.core.search_query import ACCENTED, UNACCENTED

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# What Python's str.casefold() does beyond lower(), for the letters researchers meet.
CASEFOLD_EXTRA = {"ß": "ss", "ς": "σ", "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl"}


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE OR REPLACE FUNCTION qcode_fold(value text) RETURNS text "
        "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS "
        f"$$ SELECT translate(value, {_literal(ACCENTED)}, {_literal(UNACCENTED)}) $$"
    )
    folded = "lower(value)"
    for letter, replacement in CASEFOLD_EXTRA.items():
        folded = f"replace({folded}, {_literal(letter)}, {_literal(replacement)})"
    op.execute(
        "CREATE OR REPLACE FUNCTION qcode_casefold(value text) RETURNS text "
        f"LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT {folded} $$"
    )
    op.execute("DROP INDEX IF EXISTS ix_documents_search")
    op.execute(
        "CREATE INDEX ix_documents_search ON documents "
        "USING gin (to_tsvector('simple', qcode_fold(title || ' ' || text)))"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_documents_search")
    op.execute(
        "CREATE INDEX ix_documents_search ON documents "
        "USING gin (to_tsvector('simple', title || ' ' || text))"
    )
    op.execute("DROP FUNCTION IF EXISTS qcode_casefold(text)")
    op.execute("DROP FUNCTION IF EXISTS qcode_fold(text)")
