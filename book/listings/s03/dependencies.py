"""Dependency injection in FastAPI 0.165: Annotated aliases, sub-dependencies, the per-request
cache, when `yield` exit code runs, and dependency_overrides for tests.

The domain is NEETPrepGPT's autosave: an answer may be saved only by the candidate who owns
the attempt, and only before the server-side deadline of the 180-minute paper.
"""

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Annotated

import httpx
from fastapi import Depends, FastAPI, Header, HTTPException, Path
from pydantic import BaseModel
from starlette.types import ASGIApp, Message, Receive, Scope, Send

calls: Counter[str] = Counter()
timeline: list[str] = []
START = datetime(2026, 5, 3, 14, 0, tzinfo=UTC)  # the paper starts at 14:00
ATTEMPTS = {8812: {"candidate": "NEET-0042", "deadline": START + timedelta(minutes=180)}}


class Db:
    """Stands in for an AsyncSession: opened per request, closed after it."""

    def get(self, attempt_id: int) -> dict[str, object] | None:
        return ATTEMPTS.get(attempt_id)


async def get_db() -> AsyncIterator[Db]:
    calls["get_db"] += 1
    try:
        yield Db()
    finally:
        timeline.append("exit get_db (scope=request, the default)")


async def hold_answer_lock() -> AsyncIterator[None]:
    calls["hold_answer_lock"] += 1
    yield
    timeline.append("exit hold_answer_lock (scope=function)")


def get_clock() -> Callable[[], datetime]:
    return lambda: datetime.now(UTC)


def get_candidate(x_candidate_id: Annotated[str, Header(min_length=3, max_length=32)]) -> str:
    calls["get_candidate"] += 1
    return x_candidate_id


DbDep = Annotated[Db, Depends(get_db)]
ClockDep = Annotated[Callable[[], datetime], Depends(get_clock)]
CandidateDep = Annotated[str, Depends(get_candidate)]
LockDep = Annotated[None, Depends(hold_answer_lock, scope="function")]


def get_open_attempt(
    attempt_id: Annotated[int, Path(gt=0)], db: DbDep, candidate: CandidateDep, clock: ClockDep
) -> int:
    """A sub-dependency: it needs three other dependencies, and FastAPI wires all of them."""
    attempt = db.get(attempt_id)
    if attempt is None or attempt["candidate"] != candidate:
        raise HTTPException(404, "No such attempt for this candidate.")  # never reveal others'
    deadline = attempt["deadline"]
    assert isinstance(deadline, datetime)
    if clock() > deadline:
        raise HTTPException(409, "Time is up: answers can no longer change.")
    return attempt_id


OpenAttemptDep = Annotated[int, Depends(get_open_attempt)]


class Saved(BaseModel):
    attempt_id: int
    question_no: int
    saved_by: str


app = FastAPI()


@app.put("/v1/attempts/{attempt_id}/answers/{question_no}")
async def save_answer(
    attempt_id: OpenAttemptDep,
    question_no: Annotated[int, Path(ge=1, le=180)],
    db: DbDep,  # also used inside get_open_attempt: same object, opened once
    candidate: CandidateDep,  # also used inside get_open_attempt: read once
    _lock: LockDep,
) -> Saved:
    assert db.get(attempt_id) is not None
    return Saved(attempt_id=attempt_id, question_no=question_no, saved_by=candidate)


class SendRecorder:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def recording_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                timeline.append("response start sent")
            await send(message)

        await self.app(scope, receive, recording_send)


app.add_middleware(SendRecorder)


async def main() -> None:
    transport = httpx.ASGITransport(app=app)
    headers = {"x-candidate-id": "NEET-0042"}
    async with httpx.AsyncClient(transport=transport, base_url="http://neet.test") as client:
        # In a test, freeze time at 15:30: inside the window.
        app.dependency_overrides[get_clock] = lambda: lambda: START + timedelta(minutes=90)
        ok = await client.put("/v1/attempts/8812/answers/57", headers=headers)
        assert ok.status_code == 200, ok.text
        print("15:30 save ->", ok.status_code, ok.json())
        print("calls in one request:", dict(sorted(calls.items())))
        assert calls == {"get_db": 1, "get_candidate": 1, "hold_answer_lock": 1}
        for event in timeline:
            print("  " + event)
        assert timeline == [
            "exit hold_answer_lock (scope=function)",
            "response start sent",
            "exit get_db (scope=request, the default)",
        ]

        # A second request gets fresh values: the cache lives for one request only.
        await client.put("/v1/attempts/8812/answers/58", headers=headers)
        assert calls["get_db"] == 2

        # Move the clock past the 17:00 deadline without touching the endpoint's code.
        app.dependency_overrides[get_clock] = lambda: lambda: START + timedelta(minutes=181)
        late = await client.put("/v1/attempts/8812/answers/59", headers=headers)
        print("17:01 save ->", late.status_code, late.json()["detail"])
        assert late.status_code == 409

        # Someone else's attempt looks exactly like a missing one.
        other = await client.put(
            "/v1/attempts/8812/answers/59", headers={"x-candidate-id": "NEET-0099"}
        )
        assert other.status_code == 404
        app.dependency_overrides.clear()


if __name__ == "__main__":
    asyncio.run(main())
