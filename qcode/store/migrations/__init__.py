"""Alembic migration scripts of the project schema."""
