"""Alembic migrations: they own the schema, from the first revision on."""
