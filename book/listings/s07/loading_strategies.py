"""How many SQL statements each loading strategy costs, counted by an engine event listener.

The models are NEETPrepGPT's own (Subject.chapters is declared lazy="raise"); each query
overrides that default with a loader option, loads the four subjects and reads every chapter.
"""

import asyncio
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import (
    Session,
    immediateload,
    joinedload,
    lazyload,
    raiseload,
    selectinload,
    subqueryload,
)

from neetprepgpt.catalog.models import Chapter, Subject
from neetprepgpt.db import Base, open_database

SUBJECTS = ("physics", "chemistry", "botany", "zoology")
statements: list[str] = []


def count(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
    if statement.lstrip().upper().startswith("SELECT"):
        statements.append(" ".join(statement.split()))


STRATEGIES: dict[str, Callable[..., Any]] = {
    "select (lazy)": lazyload,
    "immediate": immediateload,
    "selectin": selectinload,
    "joined": joinedload,
    "subquery": subqueryload,
    "raise": raiseload,
}


def measure(session: Session) -> dict[str, int | str]:
    """Runs inside AsyncSession.run_sync, where synchronous ORM code (lazy loads too) may do I/O."""
    results: dict[str, int | str] = {}
    for name, option in STRATEGIES.items():
        session.expunge_all()  # a cold identity map for every strategy
        statements.clear()
        try:
            subjects = session.scalars(
                select(Subject).options(option(Subject.chapters)).order_by(Subject.position)
            ).unique()
            chapters = sum(len(subject.chapters) for subject in subjects)
            assert chapters == 20
            results[name] = len(statements)
        except InvalidRequestError:
            results[name] = "raises"
    return results


async def main(folder: Path) -> None:
    database = open_database(f"sqlite+aiosqlite:///{folder / 'loading.db'}")
    async with database.engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    async with database.sessions() as session:
        for position, key in enumerate(SUBJECTS, start=1):
            chapters = [
                Chapter(slug=f"{key}-{n}", name=f"{key} {n}", class_level=11, position=n)
                for n in range(1, 6)
            ]
            session.add(Subject(key=key, name=key.title(), position=position, chapters=chapters))
        await session.commit()

    event.listen(database.engine.sync_engine, "before_cursor_execute", count)
    async with database.sessions() as session:
        results = await session.run_sync(measure)
    await database.dispose()

    print(f"{'strategy':<14} SELECTs for 4 subjects and their 20 chapters")
    for name, value in results.items():
        print(f"{name:<14} {value}")
    assert results == {
        "select (lazy)": 5,  # 1 + N: one per subject
        "immediate": 5,  # also 1 + N, just issued at load time
        "selectin": 2,  # parents, then children WHERE subject_id IN (...)
        "joined": 1,  # one LEFT OUTER JOIN; parents repeat once per child row
        "subquery": 2,  # children joined to a re-run of the parent query
        "raise": "raises",
    }


with tempfile.TemporaryDirectory() as tmp:
    asyncio.run(main(Path(tmp)))
