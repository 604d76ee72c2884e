"""Persistence: SQLAlchemy models, engines, migrations and the queries that run in SQL."""
