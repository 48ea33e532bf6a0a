"""Alembic owns the schema: head matches the models, and the migration runs both ways."""

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from servicekit.db import Database
from symptom2specialist.db import VERSION_TABLE, Base, alembic_config, migrate

TABLES = {"conversations", "conversation_messages"}


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'm.db'}"
    url: str = request.getfixturevalue("postgres_database")
    return url


def differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return list(compare_metadata(context, Base.metadata))


def table_names(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_head_matches_the_models_and_downgrades(database_url: str) -> None:
    database = Database(database_url)
    try:
        await migrate(database)
        await migrate(database)  # idempotent
        async with database.engine.connect() as connection:
            assert TABLES | {VERSION_TABLE} <= await connection.run_sync(table_names)
            assert await connection.run_sync(differences) == []

        def downgrade(connection: Connection) -> None:
            command.downgrade(alembic_config(connection), "base")

        async with database.engine.begin() as connection:
            await connection.run_sync(downgrade)
        async with database.engine.connect() as connection:
            assert not TABLES & await connection.run_sync(table_names)
        await migrate(database)
    finally:
        async with database.engine.begin() as connection:
            await connection.run_sync(lambda sync: command.downgrade(alembic_config(sync), "base"))
        await database.dispose()
