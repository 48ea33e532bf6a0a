"""Request-scoped dependencies, shared by HTTP routes and the WebSocket."""

import contextlib
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import HTTPConnection

from symptom2specialist.conversations.service import ConversationService
from symptom2specialist.runtime import Runtime
from symptom2specialist.triage.service import TriageService


def get_runtime(connection: HTTPConnection) -> Runtime:
    runtime: Runtime = connection.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def get_session(runtime: RuntimeDep) -> AsyncIterator[AsyncSession]:
    # aclosing: the kit's generator is closed (and rolls back) as soon as the request ends.
    async with contextlib.aclosing(runtime.database.session()) as sessions:
        async for session in sessions:
            yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]


def get_triage(runtime: RuntimeDep) -> TriageService:
    return runtime.triage


def get_conversations(runtime: RuntimeDep, session: SessionDep) -> ConversationService:
    return runtime.conversations(session)


TriageDep = Annotated[TriageService, Depends(get_triage)]
ConversationsDep = Annotated[ConversationService, Depends(get_conversations)]
