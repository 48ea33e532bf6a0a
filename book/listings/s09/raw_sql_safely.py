"""Raw SQL done wrong and right, on an in-memory SQLite database.

1. An f-string lets a crafted conversation id read every patient's conversation.
2. text() with a bound parameter treats the same input as a value: nothing leaks.
3. Identifiers (a sort column) cannot be bound: they come from a whitelist.
4. A bound value can still be syntax to a second parser (FTS5 MATCH); the real
   repository's search_terms() turns user text into plain quoted words first.
"""

import asyncio

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from neetprepgpt.questions.repository import search_terms

ATTACK = "nope' OR '1'='1"
SORTS = {"newest": "created_at DESC", "oldest": "created_at ASC"}  # the only ORDER BYs allowed


async def setup(connection: AsyncConnection) -> None:
    await connection.execute(
        text("CREATE TABLE conversations (id TEXT PRIMARY KEY, first_message TEXT, created_at INT)")
    )
    await connection.execute(
        text("INSERT INTO conversations VALUES (:id, :message, :at)"),
        [
            {"id": "a1f3", "message": "chest pain since morning", "at": 1},
            {"id": "b7c2", "message": "rash after new soap", "at": 2},
        ],
    )
    await connection.execute(text("CREATE VIRTUAL TABLE search USING fts5(stem)"))
    await connection.execute(
        text("INSERT INTO search (stem) VALUES (:stem)"),
        [{"stem": "Range of a projectile on level ground"}, {"stem": "Moles of oxygen"}],
    )


async def main() -> None:
    engine = create_async_engine("sqlite+aiosqlite:///:memory:")
    async with engine.begin() as connection:
        await setup(connection)

        # 1. Never: the input becomes part of the SQL text.
        unsafe = f"SELECT id, first_message FROM conversations WHERE id = '{ATTACK}'"
        leaked = (await connection.execute(text(unsafe))).all()
        print(f"f-string with {ATTACK!r}: {len(leaked)} rows -> {[row.id for row in leaked]}")
        assert len(leaked) == 2

        # 2. Always: the SQL text is fixed; the input travels separately as a parameter.
        safe = text("SELECT id, first_message FROM conversations WHERE id = :id")
        found = (await connection.execute(safe, {"id": ATTACK})).all()
        print(f"bound parameter with the same input: {len(found)} rows")
        assert found == []

        # 3. A column name is not a value: pick it from a fixed mapping, never from the user.
        wanted = "newest"
        order = SORTS[wanted]  # validation upstream (an enum) rejects any other key with a 422
        ids = (
            await connection.scalars(text(f"SELECT id FROM conversations ORDER BY {order}"))
        ).all()
        print(f"ORDER BY from the whitelist ({wanted}): {list(ids)}")
        assert list(ids) == ["b7c2", "a1f3"]

        # 4. Bound, yet still parsed: FTS5 reads the value as its own query language.
        match = text("SELECT stem FROM search WHERE search MATCH :query")
        raw = 'projectile"'
        try:
            await connection.execute(match, {"query": raw})
        except OperationalError as error:
            print(f"MATCH {raw!r} as typed: {error.orig}")
        quoted = " ".join(f'"{term}"' for term in search_terms(raw))
        hits = (await connection.scalars(match, {"query": quoted})).all()
        print(f"MATCH {quoted!r} after search_terms(): {list(hits)}")
        assert hits == ["Range of a projectile on level ground"]
    await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
