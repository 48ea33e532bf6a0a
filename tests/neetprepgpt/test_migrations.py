"""Alembic owns the schema: up from empty, identical to the models, down and up again."""

from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from neetprepgpt.bootstrap import downgrade, migrate
from neetprepgpt.migrations import include_name
from neetprepgpt.models import Base

TABLES = {
    "alembic_version",
    "attempt_answers",
    "attempts",
    "chapters",
    "idempotency_keys",
    "paper_questions",
    "papers",
    "questions",
    "subjects",
}


def differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "include_name": include_name}
    )
    return list(compare_metadata(context, Base.metadata))


def table_names(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def check_round_trip(url: str) -> None:
    engine = create_async_engine(url)
    try:
        await migrate(engine)
        async with engine.connect() as connection:
            assert await connection.run_sync(differences) == []
            names = await connection.run_sync(table_names)
            assert names >= TABLES
            if engine.dialect.name == "sqlite":
                assert "question_search" in names  # the FTS5 index
            else:
                columns = await connection.run_sync(
                    lambda c: {col["name"] for col in inspect(c).get_columns("questions")}
                )
                assert "search_vector" in columns
        await downgrade(engine, "base")
        async with engine.connect() as connection:
            assert await connection.run_sync(table_names) <= {"alembic_version"}
        await migrate(engine)  # and up again, cleanly
        async with engine.connect() as connection:
            assert await connection.run_sync(table_names) >= TABLES
    finally:
        await engine.dispose()


async def test_sqlite_from_empty(tmp_path: Path) -> None:
    await check_round_trip(f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}")


@pytest.mark.postgres
async def test_postgres_from_empty(postgres_database: str) -> None:
    try:
        await check_round_trip(postgres_database)
    finally:  # leave the shared database as empty as we found it
        engine = create_async_engine(postgres_database)
        await downgrade(engine, "base")
        await engine.dispose()
