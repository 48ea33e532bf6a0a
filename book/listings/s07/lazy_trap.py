"""The async lazy-load trap, on the real NEETPrepGPT models and the real Database.

Three ways an attribute access can fail under asyncio, and the fix for each:
1. a relationship declared lazy="raise" fails loudly and says why (the services' choice);
2. the same relationship loaded the classic lazy way fails with MissingGreenlet;
3. an object expired by commit() fails the same way unless expire_on_commit=False.
"""

import asyncio
import tempfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import InvalidRequestError, MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import joinedload, lazyload, selectinload

from neetprepgpt.catalog.models import Chapter, Subject
from neetprepgpt.db import Base, open_database
from servicekit.db import Database


def first_line(error: Exception) -> str:
    return f"{type(error).__name__}: {str(error).splitlines()[0][:60]}"


def greenlet_error(error: Exception) -> MissingGreenlet:
    """SQLAlchemy may raise MissingGreenlet itself or wrap it in a StatementError."""
    cause = error.orig if isinstance(error, StatementError) else error
    assert isinstance(cause, MissingGreenlet), error
    return cause


async def seed(session: AsyncSession) -> None:
    physics = Subject(key="physics", name="Physics", position=1)
    physics.chapters = [
        Chapter(slug="units", name="Units and Measurement", class_level=11, position=1),
        Chapter(slug="kinematics", name="Motion in a Straight Line", class_level=11, position=2),
    ]
    session.add(physics)
    await session.commit()


async def main(folder: Path) -> None:
    database = open_database(f"sqlite+aiosqlite:///{folder / 'trap.db'}")
    async with database.engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    async with database.sessions() as session:
        await seed(session)

    units = select(Chapter).where(Chapter.slug == "units")

    # 1. The model says lazy="raise": touching an unloaded relationship is a bug, named as one.
    async with database.sessions() as session:
        chapter = await session.scalar(units)
        assert chapter is not None
        try:
            print(chapter.subject.name)
        except InvalidRequestError as error:
            print("1.", first_line(error))

    # 2. Ask for the classic lazy load instead: the hidden SELECT cannot run outside a greenlet.
    async with database.sessions() as session:
        chapter = await session.scalar(units.options(lazyload(Chapter.subject)))
        assert chapter is not None
        try:
            print(chapter.subject.name)
        except (MissingGreenlet, StatementError) as error:
            print("2.", first_line(greenlet_error(error)))

    # The fix: say what the code needs, in the query that fetches it.
    async with database.sessions() as session:
        chapter = await session.scalar(units.options(joinedload(Chapter.subject)))
        assert chapter is not None
        print("   joinedload  ->", chapter.subject.name)
        subject = await session.scalar(
            select(Subject).where(Subject.key == "physics").options(selectinload(Subject.chapters))
        )
        assert subject is not None
        print("   selectinload ->", [c.slug for c in subject.chapters])

    # 3. expire_on_commit=True (the sync default) expires every attribute at commit ...
    # (on the kit's plain Database: NEETPrepGPT's own BEGIN listener would fail noisily too)
    plain = Database(database.url)
    expiring = async_sessionmaker(plain.engine, expire_on_commit=True)
    async with expiring() as session:
        biology = Subject(key="biology", name="Biology", position=3)
        session.add(biology)
        await session.commit()
        try:
            print(biology.name)
        except (MissingGreenlet, StatementError) as error:
            print("3.", first_line(greenlet_error(error)))
    await plain.dispose()

    # ... while the services' factory (servicekit/db.py) keeps them readable after commit.
    async with database.sessions() as session:
        chemistry = Subject(key="chemistry", name="Chemistry", position=2)
        session.add(chemistry)
        await session.commit()
        print("   expire_on_commit=False ->", chemistry.id, chemistry.name)
    await database.dispose()


with tempfile.TemporaryDirectory() as tmp:
    asyncio.run(main(Path(tmp)))
