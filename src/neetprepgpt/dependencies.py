"""Request-scoped dependencies: the session, the clock and the candidate."""

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from contextlib import aclosing, nullcontext
from datetime import datetime, timedelta
from typing import Annotated, cast

from fastapi import Depends, Header, Path, Request
from sqlalchemy.ext.asyncio import AsyncSession

from neetprepgpt.attempts.schemas import CandidateId
from neetprepgpt.config import Settings
from neetprepgpt.db import begin_writing
from servicekit.db import Database

Clock = Callable[[], datetime]


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request; the service layer commits, anything left over is rolled back."""
    database = cast(Database, request.app.state.database)
    # aclosing: if the endpoint raises, the inner generator is closed now (rolling back and
    # returning its connection), not whenever the garbage collector gets to it.
    # (servicekit types the generator as an AsyncIterator; it is an async generator.)
    generator = cast(AsyncGenerator[AsyncSession, None], database.session())
    async with aclosing(generator) as sessions:
        async for session in sessions:
            yield session


async def get_write_session(request: Request) -> AsyncIterator[AsyncSession]:
    """A session for a request that writes. Reads use `get_session`.

    On SQLite (one writer at a time) this process's writers first queue on an asyncio lock, so
    they wait on the event loop rather than in SQLite's busy handler, which gives up after
    `busy_timeout`; then the transaction takes the database's write lock up front.
    """
    gate = cast(asyncio.Lock | None, request.app.state.write_gate)
    async with gate or nullcontext():
        async for session in get_session(request):
            await begin_writing(session)
            yield session


def get_now(request: Request) -> datetime:
    """The server's clock (tests swap `app.state.clock` to move time)."""
    clock = cast(Clock, request.app.state.clock)
    return clock()


def get_grace(request: Request) -> timedelta:
    settings = cast(Settings, request.app.state.settings)
    return timedelta(seconds=settings.autosave_grace_seconds)


def get_candidate(x_candidate_id: Annotated[CandidateId, Header()]) -> str:
    """Who is sitting the paper. Until accounts arrive, the client says so in a header."""
    return x_candidate_id


# scope="function": the session is closed (and any leftover transaction rolled back) as soon as
# the endpoint returns or raises, before the response goes out, not after it has been sent.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
WriteSessionDep = Annotated[AsyncSession, Depends(get_write_session, scope="function")]
NowDep = Annotated[datetime, Depends(get_now)]
GraceDep = Annotated[timedelta, Depends(get_grace)]
CandidateDep = Annotated[str, Depends(get_candidate)]

# Database integers are 32-bit on PostgreSQL: a larger id can only be a 404, never a crash.
MAX_ID = 2_147_483_647
IdPath = Annotated[int, Path(gt=0, le=MAX_ID)]
