"""Read PostgreSQL's plans for NEETPrepGPT's real question queries, with and without an index.

The schema is the service's own Alembic head (generated weighted tsvector + GIN index) in a
scratch database of its own, dropped at the end. Costs are hidden so the output is stable.
"""

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine

from neetprepgpt.bootstrap import migrate
from neetprepgpt.questions import repository
from neetprepgpt.questions.repository import QuestionFilter, QuestionSort

SERVER = "postgresql+asyncpg://postgres@127.0.0.1:5432"
WORDS = ["velocity", "enzyme", "equilibrium", "cell", "energy", "reaction", "blood", "lens"]
SEED = text(
    "INSERT INTO questions (external_id, subject_id, chapter_id, difficulty, format, stem,"
    " options, answer, explanation, dropped, source, content_hash, revision, created_at,"
    " updated_at)"
    " SELECT 'PHY-' || lpad(i::text, 5, '0'), 1, i % 20 + 1, 'easy', 'single',"
    "  'Question ' || i || ' on ' || (CAST(:words AS text[]))[i % 8 + 1]"
    "  || CASE WHEN i % 1000 = 0 THEN ' in mitochondria' ELSE '' END,"
    "  '{}', 'A', 'See chapter ' || (i % 20 + 1), false, 'listing', '', 1, now(), now()"
    " FROM generate_series(1, 20000) AS i"
)  # one question in 8 mentions each word; one in 1,000 mentions mitochondria
Query = Callable[[AsyncSession], Awaitable[Any]]


@asynccontextmanager
async def scratch_database() -> AsyncIterator[AsyncEngine]:
    name = f"s08_plans_{uuid.uuid4().hex[:8]}"
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


async def seed(engine: AsyncEngine) -> None:
    await migrate(engine)
    async with engine.begin() as connection:
        await connection.execute(text("INSERT INTO subjects VALUES (1, 'physics', 'Physics', 1)"))
        await connection.execute(
            text(
                "INSERT INTO chapters SELECT n, 1, 'chapter-' || n, 'Chapter ' || n, 11, n"
                " FROM generate_series(1, 20) AS n"
            )
        )
        await connection.execute(SEED, {"words": WORDS})
    async with engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.execute(text("VACUUM ANALYZE"))


async def plan(engine: AsyncEngine, run: Query) -> list[str]:
    """Run `run`, catch the SELECT it sends, and EXPLAIN that exact statement."""
    sent: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().startswith("SELECT questions."):
            sent.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", capture)
    try:
        async with AsyncSession(engine) as session:
            await run(session)
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", capture)
    statement, parameters = sent[0]
    async with engine.connect() as connection:
        result = await connection.exec_driver_sql(f"EXPLAIN (COSTS OFF) {statement}", parameters)
        return [row[0] for row in result]


def show(title: str, lines: list[str]) -> None:
    print(title)
    for line in lines:
        print("   ", line)


def search_page(words: str) -> Query:
    async def run(session: AsyncSession) -> Any:
        filters = QuestionFilter(text=words)
        return await repository.page(session, filters, QuestionSort.EXTERNAL_ID, None, 21)

    return run


async def chapter_page(session: AsyncSession) -> Any:
    filters = QuestionFilter(chapter="chapter-3")
    return await repository.page(session, filters, QuestionSort.CREATED, None, 21)


async def main() -> None:
    async with scratch_database() as engine:
        await seed(engine)
        common = await plan(engine, search_page("enzyme"))
        show("search 'enzyme' (1 row in 8 matches):", common)
        assert any("Index Scan using uq_questions_external_id" in s for s in common)

        rare = await plan(engine, search_page("mitochondria"))
        show("search 'mitochondria' (1 row in 1,000 matches):", rare)
        assert any("Bitmap Index Scan on ix_questions_search_vector" in s for s in rare)

        async with engine.begin() as connection:
            await connection.execute(text("DROP INDEX ix_questions_search_vector"))
        without = await plan(engine, search_page("mitochondria"))
        show("search 'mitochondria', after DROP INDEX ix_questions_search_vector:", without)
        assert any("Seq Scan on questions" in s for s in without)

        chapter = await plan(engine, chapter_page)
        show("chapter page, as the repository writes it (EXISTS):", chapter)
        assert any("Index Scan using pk_questions on questions" in s for s in chapter)


if __name__ == "__main__":
    asyncio.run(main())
