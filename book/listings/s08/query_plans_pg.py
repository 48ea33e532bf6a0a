"""Read PostgreSQL's plans for NEETPrepGPT's real question queries, with and without an index,
and the chapter page as the repository writes it (ids first) against its earlier EXISTS form.

The schema is the service's own Alembic head (generated weighted tsvector + GIN index) in a
scratch database of its own, dropped at the end. Costs are hidden so the output is stable.
"""

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine
from sqlalchemy.orm import joinedload

from neetprepgpt.bootstrap import migrate
from neetprepgpt.catalog.models import Chapter
from neetprepgpt.questions import repository
from neetprepgpt.questions.models import Question
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
LATE = text(
    "INSERT INTO questions (external_id, subject_id, chapter_id, difficulty, format, stem,"
    " options, answer, explanation, dropped, source, content_hash, revision, created_at,"
    " updated_at)"
    " SELECT 'ZOO-' || lpad(i::text, 5, '0'), 1, 21, 'easy', 'single', 'Late question ' || i,"
    "  '{}', 'A', 'See chapter 21', false, 'listing', '', 1, now(), now()"
    " FROM generate_series(1, 40) AS i"
)  # a chapter added last: 40 questions, all at the end of the table
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
                " FROM generate_series(1, 21) AS n"
            )
        )
        await connection.execute(SEED, {"words": WORDS})
        await connection.execute(LATE)
    async with engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.execute(text("VACUUM ANALYZE"))


async def plan(engine: AsyncEngine, run: Query, options: str = "COSTS OFF") -> list[str]:
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
        result = await connection.exec_driver_sql(f"EXPLAIN ({options}) {statement}", parameters)
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


def chapter_page(slug: str) -> Query:
    """The repository: the slug resolved to chapter ids first, then `chapter_id IN (...)`."""

    async def run(session: AsyncSession) -> Any:
        filters = QuestionFilter(chapter=slug)
        return await repository.page(session, filters, QuestionSort.CREATED, None, 21)

    return run


def earlier_chapter_page(slug: str) -> Query:
    """The repository's earlier form: `Question.chapter.has(...)`, a correlated EXISTS."""

    async def run(session: AsyncSession) -> Any:
        query = (
            select(Question)
            .options(joinedload(Question.subject), joinedload(Question.chapter))
            .where(Question.chapter.has(Chapter.slug == slug))
            .order_by(Question.id)
            .limit(21)
        )
        return (await session.scalars(query)).all()

    return run


ROWS = "ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF"  # runs it: real row counts, no timings


def questions_access(lines: list[str]) -> list[str]:
    """Only how the plan reaches `questions`: the scan node and the conditions under it."""
    at = next(i for i, line in enumerate(lines) if " on questions" in line)
    details = [line.strip() for line in lines[at + 1 :]]
    conditions = details[: next((i for i, d in enumerate(details) if "->" in d), len(details))]
    return [lines[at].strip(), *(f"  {condition}" for condition in conditions)]


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

        spread = questions_access(await plan(engine, chapter_page("chapter-3"), ROWS))
        show("chapter-3 (1 row in 20, spread evenly), repository (ids, then IN):", spread)
        assert spread[0].startswith("->  Index Scan using pk_questions on questions")

        late = questions_access(await plan(engine, chapter_page("chapter-21"), ROWS))
        show("chapter-21 (40 rows, all at the end), repository (ids, then IN):", late)
        assert late[0].startswith("->  Index Scan using ix_questions_chapter_id_id on questions")

        earlier = questions_access(await plan(engine, earlier_chapter_page("chapter-21"), ROWS))
        show("chapter-21, the earlier form (correlated EXISTS):", earlier)
        assert earlier[0].startswith("->  Index Scan using pk_questions on questions")
        assert "actual rows=20021" in earlier[0], "it walked past all 20,000 other questions"


if __name__ == "__main__":
    asyncio.run(main())
