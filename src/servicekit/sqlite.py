"""Explicit transactions on SQLite, one writer at a time, and 'busy' answered as 503.

SQLite (WAL) lets readers run beside one writer. Concurrent writers go wrong two ways: a
transaction that starts as a reader (BEGIN DEFERRED) and then writes fails at once if another
writer committed meanwhile (its snapshot is stale; busy_timeout does not apply), and a writer
that waits longer than busy_timeout fails too. So every transaction starts with an explicit
BEGIN (the driver's implicit one is switched off), writers use BEGIN IMMEDIATE, and within one
process they first queue on an asyncio lock, the write gate, so they wait on the event loop
rather than in SQLite's busy handler.

A service opts in with `Database(url, explicit_transactions=True)` and wraps each unit of work
that writes in `async with writing(session):`, inside the service layer, after FastAPI has
validated the request: a malformed request never holds the one write lock.
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, nullcontext
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

IMMEDIATE = "sqlite_immediate"
WRITE_GATE = "servicekit.write_gate"
_WRITING = "servicekit.writing"


def _driver_autocommit(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None


def _begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(IMMEDIATE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def use_explicit_transactions(engine: AsyncEngine) -> None:
    """Emit BEGIN (or BEGIN IMMEDIATE for writers) ourselves instead of the driver."""
    event.listen(engine.sync_engine, "connect", _driver_autocommit)
    event.listen(engine.sync_engine, "begin", _begin)


async def begin_writing(session: AsyncSession) -> None:
    """Start the session's transaction as a writer (a plain BEGIN outside SQLite)."""
    await session.connection(execution_options={IMMEDIATE: True})


@asynccontextmanager
async def writing(session: AsyncSession) -> AsyncIterator[AsyncSession]:
    """One unit of work that writes: queue on the write gate, BEGIN IMMEDIATE, and on the way
    out roll back whatever the body did not commit, before the next writer is let in.

    Nested use (a writing service calling another) joins the outer unit of work.
    """
    if session.info.get(_WRITING):
        yield session
        return
    if session.in_transaction():
        raise RuntimeError("writing() must start the session's transaction; it has one already")
    gate: asyncio.Lock | None = session.info.get(WRITE_GATE)
    async with gate if gate is not None else nullcontext():
        session.info[_WRITING] = True
        try:
            await begin_writing(session)
            yield session
        finally:
            session.info.pop(_WRITING, None)
            if session.in_transaction():
                await session.rollback()
