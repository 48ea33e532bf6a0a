"""Alembic migrations: they own the schema, from the first revision on."""

from typing import Any

# Full-text search lives outside the ORM models (FTS5 tables on SQLite, a generated tsvector on
# PostgreSQL); autogenerate must not propose to drop it.
SEARCH_OBJECTS = {"search_vector", "ix_questions_search_vector"}


def include_name(name: str | None, type_: str, _parents: Any) -> bool:
    if name is None:
        return True
    return not (name.startswith("question_search") or name in SEARCH_OBJECTS)
