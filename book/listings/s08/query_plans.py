"""Read SQLite's plans for NEETPrepGPT's real question queries: what the repository sends,
captured on its way to the driver, then handed to EXPLAIN QUERY PLAN with the same parameters.
The chapter page is planned twice: as the repository writes it now (the slug resolved to ids
first) and in its earlier form (a correlated EXISTS), which could not use the chapter index.
"""

import asyncio
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import joinedload

from neetprepgpt.bootstrap import migrate
from neetprepgpt.catalog.models import Chapter
from neetprepgpt.db import open_database
from neetprepgpt.questions import repository
from neetprepgpt.questions.models import Question
from neetprepgpt.questions.repository import QuestionFilter, QuestionSort

WORDS = ["velocity", "enzyme", "equilibrium", "cell", "energy", "reaction", "blood", "lens"]
INSERT = text(
    "INSERT INTO questions (id, external_id, subject_id, chapter_id, difficulty, format, stem,"
    " options, answer, explanation, dropped, source, content_hash, revision, created_at,"
    " updated_at) VALUES (:id, :external_id, 1, :chapter_id, 'easy', 'single', :stem, '{}',"
    " 'A', 'See the chapter.', 0, 'listing', '', 1, '2026-01-01', '2026-01-01')"
)
Query = Callable[[AsyncSession], Awaitable[Any]]


async def seed(engine: AsyncEngine) -> None:
    """The real schema (Alembic head, FTS5 triggers included), 20 chapters, 2,000 questions."""
    await migrate(engine)
    async with engine.begin() as connection:
        await connection.execute(text("INSERT INTO subjects VALUES (1, 'physics', 'Physics', 1)"))
        for n in range(1, 21):
            await connection.execute(
                text("INSERT INTO chapters VALUES (:n, 1, :slug, :slug, 11, :n)"),
                {"n": n, "slug": f"chapter-{n}"},
            )
        rows = [
            {
                "id": i,
                "external_id": f"PHY-{i:04}",
                "chapter_id": i % 20 + 1,
                "stem": f"Question {i} on {WORDS[i % 8]} and {WORDS[i * 3 % 8]}.",
            }
            for i in range(1, 2001)
        ]
        await connection.execute(INSERT, rows)
        await connection.execute(text("ANALYZE"))


async def plan(engine: AsyncEngine, run: Query) -> list[str]:
    """Run `run`, catch the page's SELECT, and return SQLite's plan for that statement."""
    sent: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.startswith("SELECT questions."):  # not the chapter lookup before it
            sent.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", capture)
    try:
        async with AsyncSession(engine) as session:
            await run(session)
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", capture)
    statement, parameters = sent[0]
    async with engine.connect() as connection:
        rows = await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        return [row.detail for row in rows]


def show(title: str, details: list[str]) -> None:
    print(title)
    for detail in details:
        print("   ", detail)


async def real_chapter_page(session: AsyncSession) -> Any:
    """The repository: look up the chapter ids for the slug, then `chapter_id IN (...)`."""
    filters = QuestionFilter(chapter="chapter-3")
    return await repository.page(session, filters, QuestionSort.CREATED, None, 21)


async def earlier_chapter_page(session: AsyncSession) -> Any:
    """The same page as the repository wrote it before: `Question.chapter.has(...)`."""
    query = (
        select(Question)
        .options(joinedload(Question.subject), joinedload(Question.chapter))
        .where(Question.chapter.has(Chapter.slug == "chapter-3"))
        .order_by(Question.id)
        .limit(21)
    )
    return (await session.scalars(query)).all()


async def real_search_page(session: AsyncSession) -> Any:
    filters = QuestionFilter(text="enzyme cell")
    return await repository.page(session, filters, QuestionSort.EXTERNAL_ID, None, 21)


async def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        database = open_database(f"sqlite+aiosqlite:///{Path(directory) / 'plans.db'}")
        engine = database.engine
        try:
            await seed(engine)
            earlier = await plan(engine, earlier_chapter_page)
            show("chapter page, earlier form (correlated EXISTS):", earlier)
            assert earlier[0] == "SCAN questions"

            now = await plan(engine, real_chapter_page)
            show("chapter page, as the repository writes it (ids, then IN):", now)
            assert now[0].startswith("SEARCH questions USING INDEX ix_questions_chapter_id_id")

            async with engine.begin() as connection:
                await connection.execute(text("DROP INDEX ix_questions_chapter_id_id"))
            await engine.dispose()  # pooled connections may keep plans prepared before the DROP
            without = await plan(engine, real_chapter_page)
            show("the same, after DROP INDEX ix_questions_chapter_id_id:", without)
            assert not any("ix_questions_chapter_id_id" in d for d in without)

            search = await plan(engine, real_search_page)
            show("search page (FTS5):", search)
            assert any("VIRTUAL TABLE INDEX" in d for d in search)
        finally:
            await database.dispose()


if __name__ == "__main__":
    asyncio.run(main())
