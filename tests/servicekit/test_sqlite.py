"""The kit's SQLite machinery: explicit BEGIN, writers behind one gate, and UTC timestamps."""

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, insert, select, text
from sqlalchemy.exc import OperationalError, StatementError
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.db import Database
from servicekit.sqlite import WRITE_GATE, writing
from servicekit.types import UTCDateTime

metadata = MetaData()
events = Table(
    "events", metadata, Column("id", Integer, primary_key=True), Column("at", UTCDateTime())
)


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'kit.db'}", explicit_transactions=True)
    async with db.engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
    yield db
    await db.dispose()


async def test_writing_takes_the_write_lock_up_front(database: Database) -> None:
    # Another connection cannot start a writer while this one holds the lock.
    async with (
        database.sessions() as session,
        writing(session),
        database.engine.connect() as other,
    ):
        await other.exec_driver_sql("PRAGMA busy_timeout=0")
        with pytest.raises(OperationalError, match="database is locked"):
            await other.exec_driver_sql("BEGIN IMMEDIATE")


async def test_writing_rolls_back_what_was_not_committed(database: Database) -> None:
    async def fail_midway(session: AsyncSession) -> None:
        async with writing(session):
            await session.execute(insert(events).values(at=datetime.now(UTC)))
            raise RuntimeError("boom")

    async with database.sessions() as session:
        with pytest.raises(RuntimeError, match="boom"):
            await fail_midway(session)
        assert not session.in_transaction()
        assert (await session.scalar(select(text("count(*)")).select_from(events))) == 0


async def test_writers_queue_on_the_gate_and_nested_units_join(database: Database) -> None:
    order: list[str] = []

    async def writer(name: str) -> None:
        # The inner writing() is a service calling another: it joins the outer unit of work.
        async with database.sessions() as session, writing(session), writing(session):
            order.append(f"{name} in")
            await asyncio.sleep(0.01)
            await session.execute(insert(events).values(at=datetime.now(UTC)))
            await session.commit()
            order.append(f"{name} out")

    await asyncio.gather(writer("a"), writer("b"))
    assert order in (["a in", "a out", "b in", "b out"], ["b in", "b out", "a in", "a out"])
    async with database.sessions() as session:
        assert session.info[WRITE_GATE] is not None


async def test_writing_must_start_the_transaction(database: Database) -> None:
    async with database.sessions() as session:
        await session.execute(select(events))
        with pytest.raises(RuntimeError, match="must start"):
            async with writing(session):
                pass


async def test_utc_datetime_round_trip(database: Database) -> None:
    ist = timezone(timedelta(hours=5, minutes=30))
    async with database.sessions() as session, writing(session):
        await session.execute(
            insert(events).values(id=1, at=datetime(2026, 5, 3, 14, 0, tzinfo=ist))
        )
        await session.commit()
    async with database.sessions() as session:
        stored = await session.scalar(select(events.c.at))
    assert stored == datetime(2026, 5, 3, 8, 30, tzinfo=UTC)
    assert stored is not None
    assert stored.tzinfo is UTC


async def test_utc_datetime_refuses_naive_values(database: Database) -> None:
    async with database.sessions() as session, writing(session):
        with pytest.raises(StatementError, match="naive"):
            await session.execute(insert(events).values(at=datetime(2026, 5, 3, 8, 30)))
