"""Bulk writes, upserts and keyset paging on PostgreSQL, in a schema of our own.

Needs the local server (postgresql://postgres@127.0.0.1:5432/postgres, trust auth). The
schema gets a unique name and is dropped at the end, even when an assertion fails.
"""

import asyncio
import uuid
from typing import Any

from sqlalchemy import String, event, func, insert, literal_column, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from neetprepgpt.pagination import cursor_after, split_page

SERVER = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
PAGE = 25


class Base(DeclarativeBase):
    pass


class Question(Base):
    __tablename__ = "questions"
    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(16), unique=True)
    stem: Mapped[str]
    content_hash: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(default=1)


def bank(numbers: range, version: str = "v1") -> list[dict[str, Any]]:
    return [
        {"external_id": f"PHY-{n:03d}", "stem": f"stem {n} {version}", "content_hash": version}
        for n in numbers
    ]


def insert_calls(engine: AsyncEngine) -> list[str]:
    calls: list[str] = []

    def record(conn: Any, cursor: Any, sql: str, *args: Any) -> None:
        if sql.startswith("INSERT"):
            calls.append(sql)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    return calls


async def bulk_paths(engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession]) -> None:
    calls = insert_calls(engine)
    async with sessions() as session:
        objects = [Question(**row) for row in bank(range(1, 401))]
        session.add_all(objects)
        await session.commit()
    print(
        f"add_all of 400 objects: {len(calls)} INSERT statement(s), ids known: "
        f"{all(q.id is not None for q in objects)}"
    )
    assert len(calls) == 1  # batched INSERT ... RETURNING, ids matched back to objects

    too_many = [{"external_id": f"X-{n}", "stem": "s", "content_hash": "h"} for n in range(11_000)]
    async with engine.connect() as connection:
        try:
            await connection.execute(insert(Question).values(too_many))
        except DBAPIError as error:
            print(f"values() with 33,000 parameters: {error.orig}")
            await connection.rollback()
        calls.clear()
        await connection.execute(insert(Question), too_many)  # one executemany call
        written = await connection.scalar(select(func.count()).where(Question.stem == "s"))
        await connection.rollback()
    print(f"execute(insert, 11,000 dicts): {len(calls)} executemany call, {written} rows")
    assert written == len(too_many)
    assert len(calls) == 1


def upsert(rows: list[dict[str, Any]]) -> Any:
    statement = pg_insert(Question).values(rows)
    incoming = statement.excluded
    return statement.on_conflict_do_update(
        index_elements=[Question.external_id],
        set_={
            "stem": incoming.stem,
            "content_hash": incoming.content_hash,
            "revision": Question.revision + 1,
        },
        where=Question.content_hash != incoming.content_hash,
    ).returning(Question.external_id, literal_column("xmax = 0").label("inserted"))


async def upserts(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        runs = {
            "files 401-420 (new)": bank(range(401, 421)),
            "same files again": bank(range(401, 421)),
            "two questions edited": bank(range(419, 421), version="v2"),
        }
        for label, rows in runs.items():
            written = (await session.execute(upsert(rows))).all()
            inserted = sum(1 for row in written if row.inserted)
            print(f"upsert {label}: {inserted} inserted, {len(written) - inserted} updated")
        await session.commit()
        revision = await session.scalar(
            select(Question.revision).where(Question.external_id == "PHY-420")
        )
        assert revision == 2


async def keyset_under_inserts(sessions: async_sessionmaker[AsyncSession]) -> None:
    """A reader pages through by external id while a writer inserts between pages."""
    async with sessions() as session:
        before = set((await session.scalars(select(Question.external_id))).all())
    seen: list[str] = []
    cursor: str | None = None
    added = 0
    while True:
        async with sessions() as reader:
            after = cursor_after(cursor, "external_id", str)
            query = select(Question.external_id).order_by(Question.external_id).limit(PAGE + 1)
            if after is not None:
                query = query.where(Question.external_id > after)
            rows = (await reader.scalars(query)).all()
        page, cursor = split_page(rows, PAGE, "external_id", lambda key: key)
        seen += page
        if cursor is None:
            break
        async with sessions() as writer:  # new ids land before and after the reader's place
            writer.add_all(
                [
                    Question(external_id=f"PHY-{n:03d}A", stem="new", content_hash="n")
                    for n in (added + 1, 400 - added)
                ]
            )
            await writer.commit()
        added += 1
    print(
        f"keyset: {len(seen)} ids read, {len(seen) - len(set(seen))} repeated, "
        f"{len(before - set(seen))} of the original {len(before)} missed, "
        f"{added * 2} inserted meanwhile"
    )
    assert len(seen) == len(set(seen))
    assert before <= set(seen)


async def main() -> None:
    schema = f"s09_{uuid.uuid4().hex[:10]}"
    admin = create_async_engine(SERVER)
    async with admin.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_async_engine(SERVER, connect_args={"server_settings": {"search_path": schema}})
    try:
        async with engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all)
        sessions = async_sessionmaker(engine, expire_on_commit=False)
        await bulk_paths(engine, sessions)
        await upserts(sessions)
        await keyset_under_inserts(sessions)
        async with sessions() as session:
            total = await session.scalar(select(func.count()).select_from(Question))
        print(f"rows at the end: {total}")
    finally:
        await engine.dispose()
        async with admin.begin() as connection:
            await connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        await admin.dispose()


if __name__ == "__main__":
    asyncio.run(main())
