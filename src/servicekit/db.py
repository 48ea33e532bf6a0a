"""Async SQLAlchemy engine and sessions, with one owner of the transaction per request."""

import asyncio
from collections.abc import AsyncGenerator
from functools import partial
from typing import Any

from sqlalchemy import MetaData, event, text
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry

from servicekit.sqlite import WRITE_GATE, use_explicit_transactions

# Deterministic constraint names, so Alembic autogenerate produces stable migrations.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_metadata() -> MetaData:
    """A MetaData with the shared naming convention; each service owns one."""
    return MetaData(naming_convention=NAMING_CONVENTION)


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _sqlite_pragmas(
    dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry, *, busy_timeout_ms: int
) -> None:
    # SQLite ships with foreign keys off; WAL lets readers run while one writer commits.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    cursor.close()


class Database:
    """Owns the engine and the session factory for one service.

    `pool_timeout` is how long a request waits for a pooled connection before it gets a 503
    (see `servicekit.problems`); `busy_timeout_ms` is how long SQLite waits for a lock.
    `explicit_transactions=True` turns on `servicekit.sqlite`'s BEGIN control and write gate.
    """

    def __init__(
        self,
        url: str,
        *,
        echo: bool = False,
        pool_timeout: float = 10.0,
        busy_timeout_ms: int = 5000,
        explicit_transactions: bool = False,
    ) -> None:
        options: dict[str, Any] = {"echo": echo}
        sqlite = is_sqlite(url)
        if not sqlite:
            # A server can drop idle connections; a local SQLite file cannot, so no ping there.
            options.update(
                pool_pre_ping=True,
                pool_size=10,
                max_overflow=10,
                pool_recycle=1800,
                pool_timeout=pool_timeout,
            )
        elif ":memory:" not in url and "mode=memory" not in url:
            options.update(pool_timeout=pool_timeout)
        self.url = url
        self.engine: AsyncEngine = create_async_engine(url, **options)
        info: dict[Any, Any] = {}
        if sqlite:
            pragmas = partial(_sqlite_pragmas, busy_timeout_ms=busy_timeout_ms)
            event.listen(self.engine.sync_engine, "connect", pragmas)
            if explicit_transactions:
                use_explicit_transactions(self.engine)
                info[WRITE_GATE] = asyncio.Lock()
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False, info=info)

    async def session(self) -> AsyncGenerator[AsyncSession, None]:
        """A request-scoped session. The service layer commits; anything uncommitted is undone.

        The commit is deliberately not done here, after the `yield`: FastAPI may already have
        built the response by then, and a failed commit must never follow a 2xx.
        """
        async with self.sessions() as session:
            try:
                yield session
            finally:
                if session.in_transaction():
                    await session.rollback()

    async def ping(self) -> bool:
        try:
            async with self.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception:
            return False
        return True

    async def dispose(self) -> None:
        await self.engine.dispose()
