"""Pure ASGI middleware shared by both services (no BaseHTTPMiddleware: it breaks streaming)."""

import json
import uuid

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from servicekit.problems import PROBLEM_MEDIA_TYPE, TYPE_BASE

REQUEST_ID_HEADER = b"x-request-id"

log = structlog.get_logger("servicekit.middleware")


async def send_problem(
    send: Send,
    scope: Scope,
    status: int,
    slug: str,
    title: str,
    detail: str,
    extra_headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    """Write a complete RFC 9457 response straight to the ASGI `send`."""
    body = json.dumps(
        {
            "type": TYPE_BASE + slug,
            "title": title,
            "status": status,
            "detail": detail,
            "instance": scope.get("path"),
        }
    ).encode()
    headers = [
        (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
        (b"content-length", str(len(body)).encode()),
        *(extra_headers or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class BodySizeLimit:
    """Refuse request bodies over `max_bytes` with 413, whether declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._reject(scope, send)
            return

        received = 0
        response_started = False
        rejected = False

        async def limited_receive() -> Message:
            nonlocal received, rejected
            if rejected:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Answer now and tell the app the client is gone, so it stops reading.
                    rejected = True
                    if not response_started:
                        await self._reject(scope, send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal response_started
            if rejected:
                return  # the 413 has been sent; whatever the app says now is dropped
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        await self.app(scope, limited_receive, guarded_send)

    async def _reject(self, scope: Scope, send: Send) -> None:
        detail = f"The request body is larger than {self.max_bytes} bytes."
        # The unread rest of the body makes the connection unusable for another request.
        close = [(b"connection", b"close")]
        await send_problem(
            send, scope, 413, "payload-too-large", "Content Too Large", detail, close
        )


class CrashBarrier:
    """Answer an unhandled exception with a logged 500 problem, inside `RequestId`.

    Starlette runs a handler registered for `Exception` in its outermost middleware, outside
    ours: that 500 would carry no request id, in its header or in its log line. This barrier
    sits inside `RequestId`, so the one response you most need to trace can be traced.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        response_started = False

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if response_started:
                raise  # too late for a clean 500; the server closes the connection
            log.exception("unhandled_error", path=scope.get("path"), error=type(exc).__name__)
            detail = "Something went wrong on our side; it has been logged."
            await send_problem(send, scope, 500, "internal", "Internal Server Error", detail)


class RequestId:
    """Give every request an id (the caller's, if sane), bind it to logs, echo it back."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(REQUEST_ID_HEADER, b"").decode("latin-1")
        request_id = incoming if 0 < len(incoming) <= 64 and incoming.isprintable() else ""
        request_id = request_id or uuid.uuid4().hex

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((REQUEST_ID_HEADER, request_id.encode("latin-1")))
                message["headers"] = headers
            await send(message)

        with structlog.contextvars.bound_contextvars(request_id=request_id):
            await self.app(scope, receive, send_with_id)
