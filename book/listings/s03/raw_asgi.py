"""ASGI with no framework: one async callable, three arguments, messages in and out.

The app answers GET /healthz for a Symptom2Specialist-style service and 404s everything
else. First we drive it by hand with fake `receive`/`send` to see the raw messages, then
through httpx.ASGITransport, the same way the guide's tests call FastAPI apps.
"""

import asyncio
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import httpx

Scope = MutableMapping[str, Any]  # what the server tells the app about this connection
Message = MutableMapping[str, Any]  # one event in either direction
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    """The whole contract: read `scope`, await `receive()` for input, await `send()` for output."""
    if scope["type"] == "lifespan":  # the server's startup/shutdown conversation
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    assert scope["type"] == "http"

    # Drain the request body: it arrives as one or more http.request messages.
    body = b""
    more = True
    while more:
        message = await receive()
        body += message.get("body", b"")
        more = message.get("more_body", False)

    payload: dict[str, object]
    if scope["method"] == "GET" and scope["path"] == "/healthz":
        status, payload = 200, {"status": "ok", "service": "symptom2specialist"}
    else:
        status, payload = 404, {"title": "Not Found", "status": 404}
    data = json.dumps(payload).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", b"%d" % len(data)),
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})


async def by_hand() -> list[Message]:
    """Play the server's part: build a scope, feed one message in, collect what comes out."""
    scope: Scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "path": "/healthz",
        "query_string": b"",
        "headers": [(b"host", b"localhost")],
    }
    inbox: list[Message] = [{"type": "http.request", "body": b"", "more_body": False}]
    sent: list[Message] = []

    async def receive() -> Message:
        return inbox.pop(0)

    async def send(message: Message) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent


async def lifespan_by_hand() -> list[str]:
    inbox = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
    replies: list[str] = []

    async def receive() -> Message:
        return inbox.pop(0)

    async def send(message: Message) -> None:
        replies.append(message["type"])

    await app({"type": "lifespan", "asgi": {"version": "3.0"}}, receive, send)
    return replies


async def main() -> None:
    sent = await by_hand()
    for message in sent:
        shown = {k: v for k, v in message.items() if k != "headers"}
        print("app sent:", shown)
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"]
    assert sent[0]["status"] == 200

    replies = await lifespan_by_hand()
    print("lifespan replies:", replies)
    assert replies == ["lifespan.startup.complete", "lifespan.shutdown.complete"]

    # The same app, called through httpx with no network at all.
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://s2s.test") as client:
        ok = await client.get("/healthz")
        missing = await client.post("/triage", json={"text": "chest pain"})
    print("GET /healthz ->", ok.status_code, ok.json())
    print("POST /triage ->", missing.status_code, missing.json())
    assert ok.json()["status"] == "ok"
    assert missing.status_code == 404  # no framework: no routing, no validation, no docs


if __name__ == "__main__":
    asyncio.run(main())
