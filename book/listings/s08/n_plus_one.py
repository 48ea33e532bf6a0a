"""Count the SQL behind one page of questions: lazy loading, lazy="raise", selectin, joined.

Uses NEETPrepGPT's real models and its real repository query, on a throwaway SQLite file.
"""

import asyncio
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session, lazyload, selectinload

from neetprepgpt.db import open_database
from neetprepgpt.models import Base, Chapter, Difficulty, Question, QuestionFormat, Subject
from neetprepgpt.questions import repository
from neetprepgpt.questions.repository import QuestionFilter, QuestionSort
from neetprepgpt.questions.schemas import question_view

PAGE = 50
OPTIONS = {"A": "one", "B": "two", "C": "three", "D": "four"}


class QueryCounter:
    """Counts the queries the engine sends while it listens (not BEGIN, which db.py issues)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, _connection: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if not statement.startswith("BEGIN"):
            self.count += 1


@contextmanager
def counting(engine: AsyncEngine) -> Iterator[QueryCounter]:
    counter = QueryCounter()
    event.listen(engine.sync_engine, "before_cursor_execute", counter)
    try:
        yield counter
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", counter)


async def seed(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        for s in range(4):
            subject = Subject(key=f"subject-{s}", name=f"Subject {s}", position=s)
            for c in range(10):
                chapter = Chapter(
                    subject=subject, slug=f"ch-{s}-{c}", name=f"Chapter {c}", class_level=11,
                    position=c,
                )  # fmt: skip
                for q in range(10):
                    session.add(
                        Question(
                            external_id=f"Q-{s}{c:02}{q:02}", subject=subject, chapter=chapter,
                            difficulty=Difficulty.EASY, format=QuestionFormat.SINGLE,
                            stem=f"Question {q} of chapter {c}?", options=OPTIONS,
                            answer="A", explanation="Option A is the one that fits.",
                            source="listing", content_hash="0" * 64,
                        )
                    )  # fmt: skip
        await session.commit()


def page_with_lazy_loads(session: Session) -> int:
    """Sync code run inside the async session: each lazy load is one more round trip."""
    query = (
        select(Question)
        .options(lazyload(Question.subject), lazyload(Question.chapter))
        .order_by(Question.external_id)
        .limit(PAGE)
    )
    return len([question_view(q, editorial=False) for q in session.scalars(query)])


async def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        database = open_database(f"sqlite+aiosqlite:///{Path(directory) / 'n1.db'}")
        engine = database.engine
        try:
            async with engine.begin() as connection:
                await connection.run_sync(Base.metadata.create_all)
            await seed(database.sessions)

            async with database.sessions() as session:
                questions = (await session.scalars(select(Question).limit(PAGE))).all()
                try:
                    question_view(questions[0], editorial=False)
                    raise AssertionError("lazy='raise' should have refused")
                except InvalidRequestError as error:
                    print("lazy='raise':", str(error).split(";")[0])

            with counting(engine) as counter:
                async with database.sessions() as session:
                    await session.run_sync(page_with_lazy_loads)
            print(f"lazy loading:   {counter.count:>2} queries for {PAGE} questions")
            lazy_count = counter.count

            query = (
                select(Question)
                .options(selectinload(Question.subject), selectinload(Question.chapter))
                .order_by(Question.external_id)
                .limit(PAGE)
            )
            with counting(engine) as counter:
                async with database.sessions() as session:
                    page = [question_view(q, editorial=False) for q in await session.scalars(query)]
            print(f"selectinload:   {counter.count:>2} queries for {len(page)} questions")
            assert counter.count == 3

            with counting(engine) as counter:
                async with database.sessions() as session:
                    rows = await repository.page(
                        session, QuestionFilter(), QuestionSort.EXTERNAL_ID, None, PAGE
                    )
                    page = [question_view(q, editorial=False) for q in rows]
            print(f"joinedload:     {counter.count:>2} query  for {len(page)} questions")
            assert counter.count == 1
            assert lazy_count == 1 + 1 + 5  # the page, 1 subject, 5 chapters (identity map)
        finally:
            await database.dispose()


if __name__ == "__main__":
    asyncio.run(main())
