"""Two tabs autosave the same attempt: a lost update under READ COMMITTED, and three fixes.

Runs against the local PostgreSQL in a database of its own, dropped at the end.
"""

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import Column, Integer, MetaData, Table, insert, select, text, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

SERVER = "postgresql+asyncpg://postgres@127.0.0.1:5432"

metadata = MetaData()
attempts = Table(
    "attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("answers", JSONB, nullable=False),
)
Answers = dict[str, str]


@asynccontextmanager
async def scratch_database() -> AsyncIterator[AsyncEngine]:
    """A fresh database for this run, dropped afterwards even if the body fails."""
    name = f"s08_lost_update_{uuid.uuid4().hex[:8]}"
    admin = create_async_engine(f"{SERVER}/postgres", isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = create_async_engine(f"{SERVER}/{name}")
    try:
        yield engine
    finally:
        await engine.dispose()
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        await admin.dispose()


async def reset(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await connection.run_sync(metadata.drop_all)
        await connection.run_sync(metadata.create_all)
        await connection.execute(insert(attempts).values(id=1, version=1, answers={}))


async def read(connection: AsyncConnection, *, for_update: bool = False) -> tuple[int, Answers]:
    query = select(attempts.c.version, attempts.c.answers).where(attempts.c.id == 1)
    if for_update:
        query = query.with_for_update()
    row = (await connection.execute(query)).one()
    return row.version, dict(row.answers)


async def write(connection: AsyncConnection, answers: Answers) -> None:
    statement = update(attempts).where(attempts.c.id == 1).values(answers=answers)
    await connection.execute(statement)


async def final(engine: AsyncEngine) -> Answers:
    async with engine.connect() as connection:
        return (await read(connection))[1]


async def lost_update(engine: AsyncEngine) -> Answers:
    """Phone and laptop both read, then both write back what they read plus their change."""
    await reset(engine)
    async with engine.connect() as phone, engine.connect() as laptop:
        _, phone_seen = await read(phone)
        _, laptop_seen = await read(laptop)
        await write(phone, {**phone_seen, "12": "B"})
        await phone.commit()
        await write(laptop, {**laptop_seen, "13": "C"})  # built from a stale read
        await laptop.commit()
    return await final(engine)


async def repeatable_read_with_retry(engine: AsyncEngine) -> tuple[str, Answers]:
    """Same interleaving; the database refuses the stale write, the loser retries."""
    await reset(engine)
    strict = engine.execution_options(isolation_level="REPEATABLE READ")
    async with strict.connect() as phone, strict.connect() as laptop:
        _, phone_seen = await read(phone)
        _, laptop_seen = await read(laptop)
        await write(phone, {**phone_seen, "12": "B"})
        await phone.commit()
        try:
            await write(laptop, {**laptop_seen, "13": "C"})
            raise AssertionError("REPEATABLE READ let a stale write through")
        except DBAPIError as error:
            code: Any = getattr(error.orig, "sqlstate", None)
            await laptop.rollback()
        _, laptop_seen = await read(laptop)  # the retry: a new transaction, a new snapshot
        await write(laptop, {**laptop_seen, "13": "C"})
        await laptop.commit()
    return str(code), await final(engine)


async def select_for_update(engine: AsyncEngine) -> tuple[bool, Answers]:
    """The laptop's locking read waits until the phone's transaction ends."""
    await reset(engine)
    async with engine.connect() as phone, engine.connect() as laptop:
        _, phone_seen = await read(phone, for_update=True)
        laptop_read = asyncio.create_task(read(laptop, for_update=True))
        await asyncio.sleep(0.3)
        waited = not laptop_read.done()
        await write(phone, {**phone_seen, "12": "B"})
        await phone.commit()
        _, laptop_seen = await laptop_read  # now sees the phone's answer
        await write(laptop, {**laptop_seen, "13": "C"})
        await laptop.commit()
    return waited, await final(engine)


async def conditional_save(connection: AsyncConnection, seen: int, answers: Answers) -> bool:
    """The NEETPrepGPT shape: write only if the version is still the one the client saw."""
    statement = (
        update(attempts)
        .where(attempts.c.id == 1, attempts.c.version == seen)
        .values(answers=answers, version=attempts.c.version + 1)
        .returning(attempts.c.id)
    )
    return (await connection.execute(statement)).first() is not None


async def version_check(engine: AsyncEngine) -> tuple[bool, bool, Answers]:
    """Both saves run at once; the second waits on the row lock, then matches nothing."""
    await reset(engine)
    async with engine.connect() as phone, engine.connect() as laptop:
        phone_version, phone_seen = await read(phone)
        laptop_version, laptop_seen = await read(laptop)
        phone_won = await conditional_save(phone, phone_version, {**phone_seen, "12": "B"})
        laptop_save = asyncio.create_task(
            conditional_save(laptop, laptop_version, {**laptop_seen, "13": "C"})
        )
        await asyncio.sleep(0.3)
        assert not laptop_save.done(), "the second UPDATE should wait for the row lock"
        await phone.commit()
        laptop_won = await laptop_save  # 0 rows: the service turns this into 409
        await laptop.rollback()
        version, fresh = await read(laptop)  # the client reloads and reapplies its change
        assert await conditional_save(laptop, version, {**fresh, "13": "C"})
        await laptop.commit()
    return phone_won, laptop_won, await final(engine)


async def main() -> None:
    both = {"12": "B", "13": "C"}
    async with scratch_database() as engine:
        answers = await lost_update(engine)
        assert answers == {"13": "C"}
        print(f"READ COMMITTED, read-modify-write: {answers}  <- Q12 lost")

        code, answers = await repeatable_read_with_retry(engine)
        assert code == "40001"
        assert answers == both
        print(f"REPEATABLE READ: stale write refused (SQLSTATE {code}); retry -> {answers}")

        waited, answers = await select_for_update(engine)
        assert waited
        assert answers == both
        print(f"SELECT ... FOR UPDATE: second reader waited={waited} -> {answers}")

        phone_won, laptop_won, answers = await version_check(engine)
        assert phone_won
        assert not laptop_won
        assert answers == both
        print(
            f"UPDATE ... WHERE version = :seen: first={phone_won}, second={laptop_won} (409);"
            f" reload and resave -> {answers}"
        )


if __name__ == "__main__":
    asyncio.run(main())
