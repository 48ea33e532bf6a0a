"""SQLite has one writer at a time. A transaction that reads first and writes later fails at
once when another writer committed in between; one that begins IMMEDIATE waits its turn.

Uses NEETPrepGPT's own `open_database` (src/neetprepgpt/db.py) and the kit's `begin_writing`
(src/servicekit/sqlite.py), which `writing()` calls to open every unit of work that writes.
"""

import asyncio
import tempfile
import time
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from neetprepgpt.db import open_database
from servicekit.sqlite import begin_writing

BUMP = text("UPDATE attempts SET version = version + 1 WHERE id = 1")
READ = text("SELECT version FROM attempts WHERE id = 1")
Sessions = async_sessionmaker[AsyncSession]


async def reader_then_writer(sessions: Sessions) -> str:
    """Session A starts as a reader (plain BEGIN); B writes and commits; A tries to write."""
    async with sessions() as a, sessions() as b:
        await a.execute(READ)  # BEGIN (deferred) + a snapshot
        await begin_writing(b)
        await b.execute(BUMP)
        await b.commit()
        started = time.perf_counter()
        try:
            await a.execute(BUMP)
            return "A wrote"
        except OperationalError as error:
            waited = time.perf_counter() - started
            assert waited < 1, "busy_timeout (5 s) was not even consulted"
            return f"A failed at once: {error.orig}"


async def immediate_writers(sessions: Sessions) -> str:
    """Both begin IMMEDIATE: B queues on the write lock until A commits, then succeeds."""
    async with sessions() as a, sessions() as b:
        await begin_writing(a)
        await a.execute(READ)
        b_done = asyncio.Event()

        async def second_writer() -> None:
            await begin_writing(b)  # waits here, up to busy_timeout, for A's lock
            await b.execute(BUMP)
            await b.commit()
            b_done.set()

        task = asyncio.create_task(second_writer())
        await asyncio.sleep(0.3)
        queued = not b_done.is_set()
        await a.execute(BUMP)
        await a.commit()
        await task
        version = (await a.execute(READ)).scalar_one()
        await a.rollback()
        return f"B queued behind A: {queued}; both writes landed, version {version}"


async def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        database = open_database(f"sqlite+aiosqlite:///{Path(directory) / 'locks.db'}")
        try:
            async with database.engine.begin() as connection:
                await connection.execute(
                    text("CREATE TABLE attempts (id INTEGER PRIMARY KEY, version INTEGER)")
                )
                await connection.execute(text("INSERT INTO attempts VALUES (1, 1)"))
            sessions = database.sessions
            first = await reader_then_writer(sessions)
            print("deferred:", first)
            assert first == "A failed at once: database is locked"
            second = await immediate_writers(sessions)
            print("immediate:", second)
            assert second.endswith("version 4")
        finally:
            await database.dispose()


if __name__ == "__main__":
    asyncio.run(main())
