"""Who commits? The real NEETPrepGPT session dependency and the kit's writing(), in a small app.

SessionDep comes from neetprepgpt/dependencies.py and writing() from servicekit/sqlite.py. The
routes play the service layer: one commits, one forgets to, one fails after flushing. Then a
dependency that commits after `yield` (the pattern the services refuse) lets a failed commit
follow a 201.
"""

import asyncio
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated

import httpx
from fastapi import Depends, FastAPI, HTTPException, Request
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from neetprepgpt.catalog.models import Subject
from neetprepgpt.db import Base, open_database
from neetprepgpt.dependencies import SessionDep
from servicekit.db import Database
from servicekit.sqlite import WRITE_GATE, writing

app = FastAPI()


@app.post("/commits", status_code=201)
async def commits(session: SessionDep) -> dict[str, int]:
    async with writing(session):  # the unit of work: write gate, BEGIN IMMEDIATE
        subject = Subject(key="physics", name="Physics", position=1)
        session.add(subject)
        await session.commit()  # the service ends it, before the response exists
    return {"id": subject.id}  # readable after commit: expire_on_commit=False


@app.post("/forgets", status_code=201)
async def forgets(session: SessionDep) -> dict[str, str]:
    async with writing(session):
        session.add(Subject(key="chemistry", name="Chemistry", position=2))
        await session.flush()  # the INSERT ran, inside a transaction nobody commits
    return {"status": "looks fine"}  # writing() has already rolled it back


@app.post("/fails", status_code=201)
async def fails(session: SessionDep) -> None:
    async with writing(session):
        session.add(Subject(key="botany", name="Botany", position=3))
        await session.flush()
        raise HTTPException(409, "a rule was broken after the flush")


@app.get("/subjects")
async def subjects(session: SessionDep) -> list[str]:
    return list((await session.scalars(select(Subject.key).order_by(Subject.id))).all())


# The anti-pattern: commit in the dependency, after yield, once the response is on its way.
async def committing_session(request: Request) -> AsyncIterator[AsyncSession]:
    database: Database = request.app.state.database
    async with database.sessions() as session:
        yield session
        await session.commit()


LateCommitDep = Annotated[AsyncSession, Depends(committing_session, scope="request")]


@app.post("/late", status_code=201)
async def late(session: LateCommitDep) -> dict[str, str]:
    session.add(Subject(key="physics", name="Duplicate key", position=9))  # unique violation
    return {"status": "created"}  # nothing has touched the database yet


async def main(folder: Path) -> None:
    database = open_database(f"sqlite+aiosqlite:///{folder / 'lifetime.db'}")
    async with database.engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    app.state.database = database
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        for path in ("/commits", "/forgets", "/fails", "/late"):
            response = await client.post(path)
            print(f"POST {path:<9} -> {response.status_code} {response.text}")
        stored = (await client.get("/subjects")).json()
        print("stored subjects:", stored)
    assert stored == ["physics"]

    async with database.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Subject)) == 1
        gate: asyncio.Lock = session.info[WRITE_GATE]  # one per Database, SQLite only
        assert not gate.locked()  # every writer let the next one in, the failed ones too
    # Every request gave its connection back, including the ones that failed.
    assert "Current Checked out connections: 0" in database.engine.pool.status()
    await database.dispose()


with tempfile.TemporaryDirectory() as tmp:
    asyncio.run(main(Path(tmp)))
