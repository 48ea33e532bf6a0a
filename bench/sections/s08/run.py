"""Section 8's measurements: search with and without its index, a page of questions loaded
lazily (N+1) or eagerly, and the chapter filter as the repository writes it (chapter ids first,
then `chapter_id IN (...)`) vs its earlier form (a correlated EXISTS), on SQLite and PostgreSQL.

    uv run python bench/sections/s08/run.py [--copies 50] [--repeat 30] [--sqlite-only]

The bank is NEETPrepGPT's own (bank/data, 400 questions) seeded through the service's bootstrap,
then copied `--copies` times (new external ids, same text) to make a bigger bank. Each scenario
runs `--repeat` times after one warm-up; the median and p90 are printed in milliseconds. Every
run is bounded; PostgreSQL runs in a scratch database that is dropped at the end. Loopback only.
"""

import argparse
import asyncio
import logging
import statistics
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import structlog
from sqlalchemy import or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import Session, joinedload, lazyload, selectinload

from neetprepgpt.bootstrap import bootstrap
from neetprepgpt.catalog.models import Chapter
from neetprepgpt.db import open_database
from neetprepgpt.questions import repository
from neetprepgpt.questions.models import Question
from neetprepgpt.questions.repository import QuestionFilter, QuestionSort
from neetprepgpt.questions.schemas import question_view
from servicekit.db import Database

SERVER = "postgresql+asyncpg://postgres@127.0.0.1:5432"
COLUMNS = (
    "subject_id, chapter_id, difficulty, format, stem, options, answer, explanation,"
    " accepted_options, dropped, key_note, source, content_hash, revision, created_at, updated_at"
)
Scenario = Callable[[AsyncSession], Awaitable[Any]]


async def grow(database: Database, copies: int) -> int:
    async with database.engine.begin() as connection:
        for k in range(1, copies):
            await connection.execute(
                text(
                    f"INSERT INTO questions (external_id, {COLUMNS})"
                    f" SELECT external_id || '-' || :k, {COLUMNS} FROM questions WHERE id <= 400"
                    " ORDER BY id"
                ),
                {"k": str(k)},
            )
        total = (await connection.execute(text("SELECT count(*) FROM questions"))).scalar_one()
        await connection.execute(text("ANALYZE"))
    return int(total)


async def timed(database: Database, scenario: Scenario, repeat: int) -> tuple[float, float, int]:
    samples: list[float] = []
    rows = 0
    for i in range(repeat + 1):
        async with database.sessions() as session:
            started = time.perf_counter()
            result = await scenario(session)
            elapsed = (time.perf_counter() - started) * 1000
        if i:  # the first run warms caches and is not counted
            samples.append(elapsed)
        rows = len(result)
    samples.sort()
    return statistics.median(samples), samples[int(0.9 * (len(samples) - 1))], rows


def fts_page(words: str) -> Scenario:
    async def run(session: AsyncSession) -> Any:
        filters = QuestionFilter(text=words)
        return await repository.page(session, filters, QuestionSort.EXTERNAL_ID, None, 21)

    return run


def like_page(word: str) -> Scenario:
    """What search looks like without a text index: a substring scan of every row."""

    async def run(session: AsyncSession) -> Any:
        pattern = f"%{word}%"
        query = (
            select(Question)
            .options(joinedload(Question.subject), joinedload(Question.chapter))
            .where(or_(Question.stem.ilike(pattern), Question.explanation.ilike(pattern)))
            .order_by(Question.external_id)
            .limit(21)
        )
        return (await session.scalars(query)).all()

    return run


def lazy_page(session: Session) -> list[Any]:
    query = (
        select(Question)
        .options(lazyload(Question.subject), lazyload(Question.chapter))
        .order_by(Question.id)
        .limit(50)
    )
    return [question_view(q, editorial=False) for q in session.scalars(query)]


async def n_plus_one(session: AsyncSession) -> Any:
    return await session.run_sync(lazy_page)


async def selectin(session: AsyncSession) -> Any:
    query = (
        select(Question)
        .options(selectinload(Question.subject), selectinload(Question.chapter))
        .order_by(Question.id)
        .limit(50)
    )
    return [question_view(q, editorial=False) for q in await session.scalars(query)]


async def joined(session: AsyncSession) -> Any:
    rows = await repository.page(session, QuestionFilter(), QuestionSort.CREATED, None, 50)
    return [question_view(q, editorial=False) for q in rows]


def chapter_as_written(slug: str) -> Scenario:
    """The repository: the slug resolved to chapter ids, then `chapter_id IN (...)`."""

    async def run(session: AsyncSession) -> Any:
        filters = QuestionFilter(chapter=slug)
        return await repository.page(session, filters, QuestionSort.CREATED, None, 21)

    return run


def chapter_exists(slug: str) -> Scenario:
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


async def last_chapter(database: Database) -> str:
    async with database.sessions() as session:
        query = select(Chapter.slug).join(Question).order_by(Question.id.desc()).limit(1)
        return str(await session.scalar(query.where(Question.id <= 400)))


async def measure(label: str, database: Database, copies: int, repeat: int) -> None:
    await bootstrap(database)
    total = await grow(database, copies)
    slug = await last_chapter(database)
    print(f"\n== {label}: {total} questions (the bank x {copies}); median / p90 of {repeat} runs")
    scenarios: list[tuple[str, Scenario]] = [
        ("search 'enzyme', full-text index", fts_page("enzyme")),
        ("search 'enzyme', ILIKE scan (no index)", like_page("enzyme")),
        ("search 'centripetal' (1 bank question), full-text index", fts_page("centripetal")),
        ("search 'centripetal', ILIKE scan", like_page("centripetal")),
        ("search 'graphene' (no match), full-text index", fts_page("graphene")),
        ("search 'graphene', ILIKE scan", like_page("graphene")),
        ("page of 50, lazy loads (N+1)", n_plus_one),
        ("page of 50, selectinload", selectin),
        ("page of 50, joinedload (repository)", joined),
        (f"chapter '{slug}', repository (ids, then IN)", chapter_as_written(slug)),
        (f"chapter '{slug}', earlier form (EXISTS)", chapter_exists(slug)),
    ]
    for name, scenario in scenarios:
        median, p90, rows = await timed(database, scenario, repeat)
        print(f"{name:<72} {median:8.2f} ms {p90:8.2f} ms  ({rows} rows)")


async def explain_search(database: Database) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of the real search statement, with and without the GIN."""
    query = (
        "SELECT questions.id FROM questions WHERE questions.search_vector @@"
        " plainto_tsquery('english', 'centripetal') ORDER BY questions.external_id LIMIT 21"
    )
    for title in ("with ix_questions_search_vector", "after DROP INDEX"):
        async with database.engine.connect() as connection:
            plan = await connection.exec_driver_sql(f"EXPLAIN (ANALYZE, BUFFERS) {query}")
            print(f"\n-- EXPLAIN (ANALYZE, BUFFERS), {title}")
            for row in plan:
                print(row[0])
        async with database.engine.begin() as connection:
            await connection.execute(text("DROP INDEX IF EXISTS ix_questions_search_vector"))


@asynccontextmanager
async def postgres_database() -> AsyncIterator[Database]:
    name = f"s08_bench_{uuid.uuid4().hex[:8]}"
    admin = create_async_engine(f"{SERVER}/postgres", isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    database = open_database(f"{SERVER}/{name}")
    try:
        yield database
    finally:
        await database.dispose()
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        await admin.dispose()


async def main(copies: int, repeat: int, sqlite_only: bool) -> None:
    with tempfile.TemporaryDirectory() as directory:
        database = open_database(f"sqlite+aiosqlite:///{Path(directory) / 'bench.db'}")
        try:
            await measure("SQLite (FTS5)", database, copies, repeat)
        finally:
            await database.dispose()
    if sqlite_only:
        return
    async with postgres_database() as database:
        await measure("PostgreSQL (tsvector + GIN)", database, copies, repeat)
        await explain_search(database)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    # The seed logs one info line per bank load; keep the report to the measurements.
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    if not 1 <= args.copies <= 200 or not 1 <= args.repeat <= 500:
        parser.error("--copies must be 1..200 and --repeat 1..500")
    asyncio.run(main(args.copies, args.repeat, args.sqlite_only))
