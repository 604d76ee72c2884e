"""Full-text candidates from the database's own index: FTS5 on SQLite, tsvector on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from qcode.core.search_query import Alternatives, fts5_match, tsquery
from qcode.store.models import Document


def matching_documents(session: Session, terms: Alternatives) -> list[int]:
    """Ids of documents whose title or text matches the query, in id order."""
    if session.get_bind().dialect.name == "sqlite":
        rows = session.execute(
            text("SELECT rowid FROM documents_fts WHERE documents_fts MATCH :q ORDER BY rowid"),
            {"q": fts5_match(terms)},
        )
        return [row[0] for row in rows]
    # The expression of the ix_documents_search index (migration 0007), accents folded.
    vector = func.to_tsvector("simple", func.qcode_fold(Document.title + " " + Document.text))
    query = func.to_tsquery("simple", tsquery(terms))
    return list(
        session.scalars(select(Document.id).where(vector.op("@@")(query)).order_by(Document.id))
    )
