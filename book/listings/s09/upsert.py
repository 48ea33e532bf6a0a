"""Upsert by natural key with INSERT ... ON CONFLICT DO UPDATE, on SQLite, in one statement.

The rule is the bank seed's: a question is identified by its external id; content changes bump
the revision; an unchanged row is left alone; answer-key corrections are never overwritten.
The same statement is then compiled for PostgreSQL to show that only the import changes.
"""

import asyncio
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import JSON, String, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Question(Base):
    __tablename__ = "questions"
    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(16), unique=True)
    stem: Mapped[str]
    content_hash: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(default=1)
    accepted_options: Mapped[list[str] | None] = mapped_column(JSON, default=None)


def upsert(insert: Callable[..., Any], rows: Sequence[dict[str, Any]]) -> Any:
    """One statement for both databases: `insert` is sqlite.insert or postgresql.insert."""
    statement = insert(Question).values(list(rows))
    incoming = statement.excluded  # the row that was refused, as a pseudo-table
    return statement.on_conflict_do_update(
        index_elements=[Question.external_id],
        set_={
            "stem": incoming.stem,
            "content_hash": incoming.content_hash,
            "revision": Question.revision + 1,
        },
        where=Question.content_hash != incoming.content_hash,  # unchanged rows: no write
    ).returning(Question.external_id, Question.revision)


def bank(edited: bool = False) -> list[dict[str, Any]]:
    stem = "Which pair has the same dimensions?" + (" (reworded)" if edited else "")
    return [
        {"external_id": "PHY-001", "stem": stem, "content_hash": f"h1{'-v2' if edited else ''}"},
        {"external_id": "PHY-002", "stem": "Maximum percentage error in X?", "content_hash": "h2"},
        {"external_id": "CHE-001", "stem": "Moles of O2 in 16 g?", "content_hash": "h3"},
    ]


async def run(connection: AsyncConnection, rows: list[dict[str, Any]]) -> list[tuple[str, int]]:
    result = await connection.execute(upsert(sqlite.insert, rows))
    return sorted((row.external_id, row.revision) for row in result)


async def main() -> None:
    engine = create_async_engine("sqlite+aiosqlite:///:memory:")
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
        first = await run(connection, bank())
        print("first seed, written:", first)
        assert first == [("CHE-001", 1), ("PHY-001", 1), ("PHY-002", 1)]

        # An examiner corrects PHY-002's key through the API; the seed must never undo it.
        await connection.execute(
            update(Question)
            .where(Question.external_id == "PHY-002")
            .values(accepted_options=["B", "C"])
        )
        second = await run(connection, bank())
        print("same files again, written:", second)
        assert second == []

        third = await run(connection, bank(edited=True))
        print("PHY-001 edited in the file, written:", third)
        assert third == [("PHY-001", 2)]

        key = await connection.scalar(
            select(Question.accepted_options).where(Question.external_id == "PHY-002")
        )
        print("PHY-002 key after three seeds:", key)
        assert key == ["B", "C"]
    await engine.dispose()

    one_row = bank()[:1]
    for name, insert, dialect in (
        ("SQLite", sqlite.insert, sqlite.dialect()),
        ("PostgreSQL", postgresql.insert, postgresql.dialect()),  # type: ignore[no-untyped-call]
    ):
        print(f"\n-- {name}")
        print(upsert(insert, one_row).compile(dialect=dialect))


if __name__ == "__main__":
    asyncio.run(main())
