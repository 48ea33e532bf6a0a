"""The same NEETPrepGPT models and migration on PostgreSQL (asyncpg) instead of SQLite.

Creates a throwaway database on the local server, upgrades it with the service's own Alembic
revision, and checks that constraint names, loading behaviour and errors match the SQLite runs.
The database is dropped at the end, even when something fails.
"""

import asyncio
import uuid

from sqlalchemy import event, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.pool import AsyncAdaptedQueuePool

from neetprepgpt.bootstrap import migrate
from neetprepgpt.catalog.models import Chapter, Subject
from neetprepgpt.db import open_database

SERVER = "postgresql+asyncpg://postgres@127.0.0.1:5432"
statements: list[str] = []


def count(*args: object) -> None:
    statements.append(str(args[2]))


async def admin(sql: str) -> None:
    """CREATE/DROP DATABASE cannot run inside a transaction: use an AUTOCOMMIT engine."""
    engine = create_async_engine(f"{SERVER}/postgres", isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(sql))
    finally:
        await engine.dispose()


async def exercise(url: str) -> None:
    database = open_database(url)
    try:
        await migrate(database.engine)  # the real revision 0001, tsvector column and all
        pool = database.engine.pool
        assert isinstance(pool, AsyncAdaptedQueuePool)  # a real pool, sized by servicekit
        print("pool:", type(pool).__name__, "size", pool.size())

        async with database.engine.connect() as connection:
            names = await connection.scalars(
                text(
                    "SELECT conname FROM pg_constraint"
                    " WHERE conrelid = 'chapters'::regclass ORDER BY conname"
                )
            )
            print("chapters constraints:", ", ".join(names))

        async with database.sessions() as session:
            for position, key in enumerate(("physics", "chemistry", "botany", "zoology"), 1):
                chapters = [
                    Chapter(slug=f"{key}-{n}", name=f"{key} {n}", class_level=12, position=n)
                    for n in range(1, 6)
                ]
                session.add(
                    Subject(key=key, name=key.title(), position=position, chapters=chapters)
                )
            await session.commit()

        async with database.sessions() as session:
            session.add(Chapter(subject_id=1, slug="x", name="x", class_level=13, position=9))
            refused = ""
            try:
                await session.commit()
            except IntegrityError as error:
                refused = str(error.orig)
            assert "ck_chapters_class_level" in refused
            print("class_level=13 refused by ck_chapters_class_level")

        event.listen(database.engine.sync_engine, "before_cursor_execute", count)
        for option in (selectinload, joinedload):
            statements.clear()
            async with database.sessions() as session:
                query = select(Subject).options(option(Subject.chapters))
                subjects = (await session.scalars(query)).unique().all()
                assert sum(len(s.chapters) for s in subjects) == 20
            print(f"{option.__name__}: {len(statements)} statement(s)")
    finally:
        await database.dispose()


async def main() -> None:
    name = f"s07_models_{uuid.uuid4().hex[:8]}"
    await admin(f'CREATE DATABASE "{name}"')
    try:
        await exercise(f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}")
    finally:
        await admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


asyncio.run(main())
