"""Five ways to write 400 rows with SQLAlchemy 2.x, and how many statements each sends.

A listener counts what reaches the driver: one `execute` per statement, and one per
`executemany` call however many rows it carries. In-memory SQLite, so counts are exact.
"""

import asyncio
from typing import Any

from sqlalchemy import String, event, func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ROWS = 400


class Base(DeclarativeBase):
    pass


class Question(Base):
    __tablename__ = "questions"
    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(16), unique=True)
    stem: Mapped[str]


def rows(prefix: str) -> list[dict[str, Any]]:
    return [{"external_id": f"{prefix}-{n:03d}", "stem": f"stem {n}"} for n in range(1, ROWS + 1)]


class Counter:
    def __init__(self, engine: AsyncEngine) -> None:
        self.calls: list[tuple[bool, str]] = []
        event.listen(engine.sync_engine, "before_cursor_execute", self.record)

    def record(self, conn: Any, cursor: Any, sql: str, params: Any, ctx: Any, many: bool) -> None:
        if sql.lstrip().upper().startswith("INSERT"):
            self.calls.append((many, sql))

    def summary(self) -> str:
        many = sum(1 for is_many, _ in self.calls if is_many)
        returning = any("RETURNING" in sql for _, sql in self.calls)
        return f"{len(self.calls):3} INSERT calls ({many} executemany), RETURNING={returning}"


async def main() -> None:
    engine = create_async_engine("sqlite+aiosqlite:///:memory:")
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    results: dict[str, str] = {}

    # 1. The naive loop: flush after every add. One round trip per row.
    counter = Counter(engine)
    async with sessions() as session:
        for data in rows("LOOP"):
            session.add(Question(**data))
            await session.flush()
        await session.commit()
    results["add + flush per row"] = counter.summary()
    assert len(counter.calls) == ROWS

    # 2. The unit of work, as the bank seed uses it: add all, flush once. Every object must
    #    learn its primary key, so the flush uses INSERT ... RETURNING id. Batching that needs
    #    the database to return ids in row order; SQLAlchemy 2.1 cannot rely on it for SQLite
    #    (it can for PostgreSQL), so on SQLite it sends one statement per row.
    counter = Counter(engine)
    async with sessions() as session:
        objects = [Question(**data) for data in rows("UOW")]
        session.add_all(objects)
        await session.commit()
    results["add_all + one flush"] = counter.summary()
    assert all(question.id is not None for question in objects)
    assert len(counter.calls) == ROWS

    # 3. ORM bulk INSERT: session.execute(insert(Entity), list_of_dicts). No objects built.
    counter = Counter(engine)
    async with sessions() as session:
        await session.execute(insert(Question), rows("ORMBULK"))
        await session.commit()
    results["session.execute(insert(M), dicts)"] = counter.summary()

    # 4. Core executemany on a connection: the same shape, no session at all.
    counter = Counter(engine)
    async with engine.begin() as connection:
        await connection.execute(insert(Question), rows("CORE"))
    results["connection.execute(insert(M), dicts)"] = counter.summary()

    # 5. One statement with every row inlined: insert().values([...]). One round trip, but
    #    one bind parameter per value: 800 here, and databases cap that number.
    counter = Counter(engine)
    async with engine.begin() as connection:
        await connection.execute(insert(Question).values(rows("VALUES")))
    results["insert().values([...])"] = counter.summary()
    assert len(counter.calls) == 1

    for name, summary in results.items():
        print(f"{name:38} {summary}")
    async with sessions() as session:
        total = await session.scalar(select(func.count()).select_from(Question))
    print(f"rows in the table: {total}")
    assert total == 5 * ROWS
    await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
