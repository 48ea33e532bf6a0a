"""NEETPrepGPT's SQLite full-text search: the FTS5 external-content table and its triggers
(from the first Alembic revision), the repository's quoting of user text, and bm25 ranking.
"""

import asyncio
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from neetprepgpt.bootstrap import migrate
from neetprepgpt.db import open_database
from neetprepgpt.questions import repository
from neetprepgpt.questions.repository import QuestionFilter, QuestionSort

QUESTIONS = [
    ("BIO-001", "Which enzymes digest proteins in the stomach?", "Pepsin acts in acid."),
    ("BIO-002", "Where is bile stored?", "The gall bladder; bile has no enzyme."),
    ("BIO-003", "What does the cell wall of fungi contain?", "Chitin, not cellulose."),
    *[(f"PHY-00{n}", f"A ball is thrown at {n}0 m/s; find its range.", "Use R = u²sin2θ/g.")
      for n in range(1, 7)],
]  # fmt: skip
INSERT = text(
    "INSERT INTO questions (external_id, subject_id, chapter_id, difficulty, format, stem,"
    " options, answer, explanation, dropped, source, content_hash, revision, created_at,"
    " updated_at) VALUES (:id, 1, 1, 'easy', 'single', :stem, '{}', 'A', :why, 0, 'listing',"
    " '', 1, '2026-01-01', '2026-01-01')"
)


async def search(engine: AsyncEngine, words: str) -> list[str]:
    async with engine.connect() as connection, AsyncSession(bind=connection) as session:
        rows = await repository.page(
            session, QuestionFilter(text=words), QuestionSort.EXTERNAL_ID, None, 10
        )
        return [q.external_id for q in rows]


async def raw_match(engine: AsyncEngine, expression: str) -> Any:
    async with engine.connect() as connection:
        query = text("SELECT rowid FROM question_search WHERE question_search MATCH :q")
        return (await connection.execute(query, {"q": expression})).all()


async def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        database = open_database(f"sqlite+aiosqlite:///{Path(directory) / 'fts.db'}")
        engine = database.engine
        try:
            await migrate(engine)
            async with engine.begin() as connection:
                await connection.execute(text("INSERT INTO subjects VALUES (1, 'b', 'B', 1)"))
                await connection.execute(
                    text("INSERT INTO chapters VALUES (1, 1, 'c', 'C', 11, 1)")
                )
                for external_id, stem, why in QUESTIONS:
                    await connection.execute(INSERT, {"id": external_id, "stem": stem, "why": why})

            found = await search(engine, "enzyme")
            print("'enzyme' (porter stems 'enzymes' too):", found)
            assert found == ["BIO-001", "BIO-002"]

            async with engine.begin() as connection:  # the UPDATE trigger re-indexes the row
                await connection.execute(
                    text("UPDATE questions SET stem = 'Where is bile made?' WHERE id = 2")
                )
            stored, made = await search(engine, "stored"), await search(engine, "made")
            print(f"after editing BIO-002: 'stored' -> {stored}, 'made' -> {made}")
            assert stored == []
            assert made == ["BIO-002"]

            hostile = 'cell" wall'
            try:
                await raw_match(engine, hostile)
                raise AssertionError("raw user text should not parse as FTS5 syntax")
            except OperationalError as error:
                print(f"raw MATCH {hostile!r}: {error.orig}")
            safe = await search(engine, hostile)
            print(f"repository, same text: {safe}")
            assert safe == ["BIO-003"]
            print("the terms it sent:", repository.search_terms(hostile))

            async with engine.connect() as connection:
                ranked = await connection.execute(
                    text(
                        "SELECT q.external_id, round(bm25(question_search, 10.0, 1.0), 2)"
                        " FROM question_search JOIN questions AS q ON q.id = question_search.rowid"
                        " WHERE question_search MATCH '\"enzyme\"' ORDER BY 2"
                    )
                )
                rows = [tuple(row) for row in ranked]
            print("bm25, stem weighted 10x the explanation:", rows)
            assert rows[0][0] == "BIO-001"
        finally:
            await database.dispose()


if __name__ == "__main__":
    asyncio.run(main())
