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


async def test_sqlite_skips_pre_ping_and_takes_the_timeouts(tmp_path: Path) -> None:
    database = Database(
        f"sqlite+aiosqlite:///{tmp_path / 'x.db'}", pool_timeout=0.5, busy_timeout_ms=1234
    )
    try:
        pool = database.engine.pool
        assert getattr(pool, "_pre_ping", False) is False  # a local file cannot go stale
        assert getattr(pool, "_timeout", None) == 0.5
        async with database.engine.connect() as connection:
            busy = await connection.execute(text("PRAGMA busy_timeout"))
            assert busy.scalar_one() == 1234
    finally:
        await database.dispose()


def test_pool_timeout_defaults_to_ten_seconds() -> None:
    settings = ServiceSettings()
    assert settings.db_pool_timeout_seconds == 10
    assert settings.db_busy_timeout_ms == 5000


async def test_postgres_pings_its_pool(postgres_database: str) -> None:
    database = Database(postgres_database, pool_timeout=3)
    try:
        assert getattr(database.engine.pool, "_pre_ping", False) is True
        assert getattr(database.engine.pool, "_timeout", None) == 3
    finally:
        await database.dispose()
