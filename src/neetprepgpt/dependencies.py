"""Request-scoped dependencies: the session, the clock, the candidate and the editor.

Transactions that write are not opened here: a dependency runs before FastAPI validates the
body, so a malformed request would hold SQLite's one write lock. The service layer opens them
with `async with writing(session):` (see `servicekit.sqlite`), once the input is known good.
"""

import hmac
from collections.abc import AsyncIterator, Callable
from contextlib import aclosing
from datetime import datetime, timedelta
from typing import Annotated, ClassVar, cast

from fastapi import Depends, Header, Path, Request
from sqlalchemy.ext.asyncio import AsyncSession

from neetprepgpt.attempts.schemas import CandidateId
from neetprepgpt.config import Settings
from servicekit.db import Database
from servicekit.problems import ProblemError

Clock = Callable[[], datetime]
EDITOR_HEADER = "X-Editor-Token"


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request; the service layer commits, anything left over is rolled back."""
    database = cast(Database, request.app.state.database)
    # aclosing: if the endpoint raises, the inner generator is closed now (rolling back and
    # returning its connection), not whenever the garbage collector gets to it.
    async with aclosing(database.session()) as sessions:
        async for session in sessions:
            yield session


async def get_now(request: Request) -> datetime:
    """The server's clock (tests swap `app.state.clock` to move time)."""
    clock = cast(Clock, request.app.state.clock)
    return clock()


async def get_grace(request: Request) -> timedelta:
    settings = cast(Settings, request.app.state.settings)
    return timedelta(seconds=settings.autosave_grace_seconds)


async def get_candidate(x_candidate_id: Annotated[CandidateId, Header()]) -> str:
    """Who is sitting the paper. Until accounts arrive, the client says so in a header."""
    return x_candidate_id


class EditorTokenRequired(ProblemError):
    status = 401
    slug = "editor-token-required"
    title = "Editor Credential Required"
    headers: ClassVar[dict[str, str]] = {
        "WWW-Authenticate": f'EditorToken realm="question-bank", header="{EDITOR_HEADER}"'
    }


class EditorTokenRejected(ProblemError):
    status = 403
    slug = "editor-token-rejected"
    title = "Editor Credential Rejected"


async def get_editor(
    request: Request,
    x_editor_token: Annotated[str | None, Header(max_length=256)] = None,
) -> bool:
    """True for a caller holding the editor credential, False for one sending none.

    A wrong credential is refused outright (403), never quietly downgraded. With no token
    configured, editorial access is off: nobody's credential can be right.
    """
    if x_editor_token is None:
        return False
    settings = cast(Settings, request.app.state.settings)
    if settings.editor_token is None:
        raise EditorTokenRejected("Editorial access is disabled on this server.")
    expected = settings.editor_token.get_secret_value().encode()
    if not hmac.compare_digest(x_editor_token.encode(), expected):
        raise EditorTokenRejected(f"The {EDITOR_HEADER} header does not hold a valid credential.")
    return True


async def require_editor(request: Request, editor: Annotated[bool, Depends(get_editor)]) -> None:
    """For the bank's writes: no credential is 401, a wrong one 403 (and 403 for everyone when
    no token is configured: no credential could help, so none is asked for)."""
    if editor:
        return
    settings = cast(Settings, request.app.state.settings)
    if settings.editor_token is None:
        raise EditorTokenRejected("Editorial access is disabled on this server.")
    raise EditorTokenRequired(f"Editing the bank needs the {EDITOR_HEADER} header.")


# scope="function": the session is closed (and any leftover transaction rolled back) as soon as
# the endpoint returns or raises, before the response goes out, not after it has been sent.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
NowDep = Annotated[datetime, Depends(get_now)]
GraceDep = Annotated[timedelta, Depends(get_grace)]
CandidateDep = Annotated[str, Depends(get_candidate)]
EditorDep = Annotated[bool, Depends(get_editor)]

# Database integers are 32-bit on PostgreSQL: a larger id is refused by validation (422)
# before it reaches a query, never a crash.
MAX_ID = 2_147_483_647
IdPath = Annotated[int, Path(gt=0, le=MAX_ID)]
