"""What a connection pool does at its limit, and what pool_pre_ping buys after a server restart.

Small numbers on purpose (pool_size=2, max_overflow=1, pool_timeout=0.5 s); the services use
10 + 10 (src/servicekit/db.py). Runs against the local PostgreSQL; creates nothing.
"""

import asyncio
from contextlib import AsyncExitStack

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
WAIT = 0.5  # pool_timeout: how long a request waits for a free connection


async def exhaust() -> str:
    engine = create_async_engine(URL, pool_size=2, max_overflow=1, pool_timeout=WAIT)
    try:
        async with AsyncExitStack() as held:
            for _ in range(3):  # 2 pooled + 1 overflow: every connection the pool may open
                await held.enter_async_context(engine.connect())
            print(f"holding 3 connections: {engine.pool.status()}")
            try:
                async with engine.connect():
                    return "a fourth connection was handed out"
            except PoolTimeout as error:
                return f"the fourth waited {WAIT} s, then: {str(error).split(',')[0]}"
    finally:
        await engine.dispose()


async def kill_server_side(engine: AsyncEngine) -> None:
    """Simulate a restart or an idle-timeout: the server ends our pooled session."""
    async with engine.connect() as connection:
        pid = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()
    admin = create_async_engine(URL)
    async with admin.begin() as connection:
        await connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    await admin.dispose()
    await asyncio.sleep(0.2)


async def first_query(engine: AsyncEngine) -> str:
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
            return "ok"
    except DBAPIError as error:
        return f"failed ({type(error.orig).__name__})"


async def stale_connection(pre_ping: bool) -> str:
    engine = create_async_engine(URL, pool_size=1, max_overflow=0, pool_pre_ping=pre_ping)
    try:
        await kill_server_side(engine)
        return await first_query(engine)
    finally:
        await engine.dispose()


async def main() -> None:
    outcome = await exhaust()
    print(outcome)
    assert "QueuePool limit of size 2 overflow 1 reached" in outcome

    without = await stale_connection(pre_ping=False)
    with_ping = await stale_connection(pre_ping=True)
    print(f"after the server closed the pooled connection: pre_ping off -> {without}")
    print(f"after the server closed the pooled connection: pre_ping on  -> {with_ping}")
    assert without.startswith("failed")
    assert with_ping == "ok"


if __name__ == "__main__":
    asyncio.run(main())
