"""OFFSET pages drift when rows arrive; keyset pages do not. Proved on SQLite.

A candidate scrolls their attempts newest first, 10 at a time, while new attempts are being
created (a classmate shares the device, or a second tab starts a paper). Between each page
three new rows arrive. OFFSET counts from the top, which has moved; a keyset cursor remembers
the last row seen. The cursor helpers are the real ones from neetprepgpt.pagination.
"""

import asyncio
from collections.abc import Sequence

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from neetprepgpt.pagination import cursor_after, split_page

PAGE = 10


class Base(DeclarativeBase):
    pass


class Attempt(Base):
    __tablename__ = "attempts"
    id: Mapped[int] = mapped_column(primary_key=True)


async def add_attempts(session: AsyncSession, count: int) -> None:
    await session.execute(insert(Attempt), [{} for _ in range(count)])
    await session.commit()


async def offset_page(session: AsyncSession, page: int) -> list[int]:
    query = select(Attempt.id).order_by(Attempt.id.desc()).offset(page * PAGE).limit(PAGE)
    return list((await session.scalars(query)).all())


async def keyset_page(session: AsyncSession, cursor: str | None) -> tuple[list[int], str | None]:
    after = cursor_after(cursor, "-id", int)
    query = select(Attempt.id).order_by(Attempt.id.desc()).limit(PAGE + 1)
    if after is not None:
        query = query.where(Attempt.id < after)
    rows: Sequence[int] = (await session.scalars(query)).all()
    return split_page(rows, PAGE, "-id", lambda attempt_id: attempt_id)


async def main() -> None:
    engine = create_async_engine("sqlite+aiosqlite:///:memory:")
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    sessions = async_sessionmaker(engine)

    async with sessions() as session:
        await add_attempts(session, 30)  # ids 1..30 exist when the candidate starts reading
        seen_offset: list[int] = []
        for page in range(3):
            ids = await offset_page(session, page)
            print(f"OFFSET {page * PAGE:2}: {ids}")
            seen_offset += ids
            await add_attempts(session, 3)

    async with engine.begin() as connection:  # same start again for the keyset reader
        await connection.run_sync(Base.metadata.drop_all)
        await connection.run_sync(Base.metadata.create_all)
    async with sessions() as session:
        await add_attempts(session, 30)
        seen_keyset: list[int] = []
        cursor: str | None = None
        for _ in range(3):
            ids, cursor = await keyset_page(session, cursor)
            print(f"cursor {'(start)' if not seen_keyset else '(next) '}: {ids}")
            seen_keyset += ids
            await add_attempts(session, 3)

    repeated = sorted({i for i in seen_offset if seen_offset.count(i) > 1})
    missed = sorted(set(range(1, 31)) - set(seen_offset))
    print(f"OFFSET: {len(seen_offset)} rows shown, repeated {repeated}, not yet shown {missed}")
    print(f"keyset: {len(seen_keyset)} rows shown, each of 1..30 exactly once")
    assert repeated
    assert missed
    assert sorted(seen_keyset) == list(range(1, 31))
    await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
