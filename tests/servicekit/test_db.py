from pathlib import Path

from sqlalchemy import text

from servicekit.db import Database
from servicekit.settings import ServiceSettings


async def test_sqlite_default_enforces_foreign_keys(tmp_path: Path) -> None:
    settings = ServiceSettings(data_dir=tmp_path)
    database = Database(settings.resolved_database_url("demo"))
    try:
        assert await database.ping()
        async with database.engine.connect() as connection:
            result = await connection.execute(text("PRAGMA foreign_keys"))
            assert result.scalar_one() == 1
        assert (tmp_path / "demo.db").exists()
    finally:
        await database.dispose()


async def test_uncommitted_work_is_rolled_back(tmp_path: Path) -> None:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    try:
        async with database.engine.begin() as connection:
            await connection.execute(text("CREATE TABLE t (v INTEGER)"))
        sessions = database.session()
        session = await anext(sessions)
        await session.execute(text("INSERT INTO t VALUES (1)"))
        await sessions.aclose()  # the handler never committed
        async with database.engine.connect() as connection:
            count = await connection.execute(text("SELECT count(*) FROM t"))
            assert count.scalar_one() == 0
    finally:
        await database.dispose()


async def test_postgres_ping(postgres_database: str) -> None:
    database = Database(postgres_database)
    try:
        assert await database.ping()
    finally:
        await database.dispose()
