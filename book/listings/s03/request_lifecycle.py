"""The life of one request through FastAPI, with every stage writing its name in a log.

A NEETPrepGPT autosave: PUT /v1/attempts/{attempt_id}/answers/{question_no}. We record the
order of middleware, routing, dependencies, validation, the endpoint, serialization and the
bytes going out, then send an invalid body and see which stages never run.
"""

import asyncio
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Annotated, Any, Literal

import httpx
from fastapi import APIRouter, Depends, FastAPI, Header, Path, Request, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field, field_serializer, field_validator
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log: list[str] = []


class Recorder:
    """Pure ASGI middleware: sees the request first and every outgoing message last."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        log.append("1 middleware: request in")

        async def recording_send(message: Message) -> None:
            log.append(f"  send: {message['type']}")
            await send(message)

        await self.app(scope, receive, recording_send)
        log.append("8 middleware: response out")


class RecordingRoute(APIRoute):
    """A route class whose handler notes the moment routing has picked it."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def recorded(request: Request) -> Response:
            log.append(f"2 routing: matched {request.method} {self.path}")
            return await handler(request)

        return recorded


class AnswerSave(BaseModel):
    option: Literal["A", "B", "C", "D"] | None  # None clears the answer (scores 0)
    version: int = Field(ge=1)

    @field_validator("option")
    @classmethod
    def note(cls, value: str | None) -> str | None:
        log.append("5 validation: body parsed into AnswerSave")
        return value


class AnswerSaved(BaseModel):
    attempt_id: int
    question_no: int
    option: str | None
    version: int

    @field_serializer("option")
    def note(self, value: str | None) -> str | None:
        log.append("7 serialization: AnswerSaved -> JSON bytes")
        return value


async def get_session() -> AsyncIterator[str]:
    log.append("4 dependency: open session")
    try:
        yield "session"
    finally:
        log.append("  dependency exit: close session")


def get_candidate(x_candidate_id: Annotated[str, Header(min_length=3)]) -> str:
    log.append("3 dependency: candidate from header")
    return x_candidate_id


router = APIRouter(prefix="/v1/attempts", route_class=RecordingRoute)


@router.put("/{attempt_id}/answers/{question_no}")
async def save_answer(
    attempt_id: int,
    question_no: Annotated[int, Path(ge=1, le=180)],
    body: AnswerSave,
    candidate: Annotated[str, Depends(get_candidate)],
    session: Annotated[str, Depends(get_session)],
) -> AnswerSaved:
    log.append(f"6 endpoint: save Q{question_no} for {candidate}")
    return AnswerSaved(
        attempt_id=attempt_id, question_no=question_no, option=body.option, version=body.version
    )


app = FastAPI()
app.include_router(router)
app.add_middleware(Recorder)


async def run(client: httpx.AsyncClient, title: str, body: dict[str, object]) -> list[str]:
    log.clear()
    response = await client.put(
        "/v1/attempts/8812/answers/57", json=body, headers={"x-candidate-id": "NEET-0042"}
    )
    print(f"{title}: HTTP {response.status_code}")
    for line in log:
        print("  " + line)
    return list(log)


async def main() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://neet.test") as client:
        good = await run(client, "valid autosave", {"option": "B", "version": 3})
        print()
        bad = await run(client, "invalid option", {"option": "E", "version": 3})

    numbered = [line.split()[0] for line in good if line[0].isdigit()]
    assert numbered == sorted(numbered)  # the stages ran in the order of the diagram
    # Default-scope yield dependencies close after the response has gone out.
    assert good.index("  dependency exit: close session") > good.index("  send: http.response.body")

    # Invalid body: dependencies ran, validation failed, endpoint and serializer never ran.
    assert "4 dependency: open session" in bad
    assert not any(line.startswith(("6 ", "7 ")) for line in bad)
    # On an error the session closes first; the 422 is sent after.
    assert bad.index("  dependency exit: close session") < bad.index("  send: http.response.start")


if __name__ == "__main__":
    asyncio.run(main())
