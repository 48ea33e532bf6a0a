"""SQLite as the embedded default: the pragmas servicekit sets, and why writers BEGIN IMMEDIATE.

Uses NEETPrepGPT's open_database() (neetprepgpt/db.py) and the kit's begin_writing()
(servicekit/sqlite.py) on a WAL database file, and, for contrast, the kit's Database without
explicit transactions, as the bot builds it.
"""

import asyncio
import tempfile
import time
from pathlib import Path

from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError

from neetprepgpt.catalog.models import Chapter, Subject
from neetprepgpt.db import Base, open_database
from servicekit.db import Database
from servicekit.sqlite import begin_writing


async def pragmas(database: Database) -> None:
    async with database.engine.connect() as connection:
        for name in ("foreign_keys", "journal_mode", "busy_timeout"):
            value = (await connection.execute(text(f"PRAGMA {name}"))).scalar_one()
            print(f"PRAGMA {name} = {value}")
    async with database.sessions() as session:
        session.add(Chapter(subject_id=999, slug="orphan", name="x", class_level=11, position=1))
        try:
            await session.commit()
        except IntegrityError as error:
            print("orphan chapter refused:", str(error.orig))


async def deferred_upgrade(database: Database) -> None:
    """A reader that later writes, after someone else committed: no waiting, just an error."""
    async with database.sessions() as reader, database.sessions() as writer:
        await reader.scalar(select(Subject.name))  # BEGIN (deferred): a read snapshot
        await begin_writing(writer)
        await writer.execute(update(Subject).values(name="Physics (NCERT)"))
        await writer.commit()
        started = time.perf_counter()
        try:
            await reader.execute(update(Subject).values(name="Physics (stale)"))
        except OperationalError as error:
            waited = time.perf_counter() - started
            print(f"deferred reader upgrading to writer: {error.orig}")
            assert waited < 1, "it failed at once; busy_timeout=5000 did not help"


async def immediate_writers(database: Database) -> list[str]:
    """Both transactions take the write lock first: the second waits its turn, then succeeds."""
    events: list[str] = []

    async def write(name: str, hold: float) -> None:
        async with database.sessions() as session:
            await begin_writing(session)  # BEGIN IMMEDIATE
            events.append(f"{name} holds the write lock")
            await session.execute(update(Subject).values(position=Subject.position + 1))
            await asyncio.sleep(hold)
            await session.commit()
            events.append(f"{name} committed")

    first = asyncio.create_task(write("A", hold=0.3))
    await asyncio.sleep(0.05)  # A is inside its transaction before B asks
    await asyncio.gather(first, write("B", hold=0))
    return events


async def driver_default(folder: Path) -> None:
    """The kit's Database without explicit_transactions, as the bot builds it: the Python
    driver begins a transaction only at the first write, so a SELECT runs outside one."""
    database = Database(f"sqlite+aiosqlite:///{folder / 'legacy.db'}")
    async with database.engine.begin() as connection:
        await connection.execute(text("CREATE TABLE notes (body TEXT)"))
    async with database.sessions() as session:
        await session.execute(text("SELECT * FROM notes"))
        raw = await (await session.connection()).get_raw_connection()
        driver = raw.driver_connection._conn  # type: ignore[union-attr]  # aiosqlite's sqlite3
        after_select = driver.in_transaction
        await session.execute(text("INSERT INTO notes VALUES ('x')"))
        print(f"driver default: in a transaction after SELECT={after_select},", end=" ")
        print(f"after INSERT={driver.in_transaction}")
        assert (after_select, driver.in_transaction) == (False, True)
    await database.dispose()


async def main(folder: Path) -> None:
    database = open_database(f"sqlite+aiosqlite:///{folder / 'writers.db'}")
    async with database.engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    async with database.sessions() as session:
        session.add(Subject(key="physics", name="Physics", position=1))
        await session.commit()

    await pragmas(database)
    await deferred_upgrade(database)
    await driver_default(folder)
    events = await immediate_writers(database)
    print("immediate writers:", "; ".join(events))
    assert events == [
        "A holds the write lock",
        "A committed",
        "B holds the write lock",
        "B committed",
    ]
    async with database.sessions() as session:
        assert await session.scalar(select(Subject.position)) == 3  # both increments landed
    await database.dispose()


with tempfile.TemporaryDirectory() as tmp:
    asyncio.run(main(Path(tmp)))
