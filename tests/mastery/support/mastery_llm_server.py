"""A real chat-completions server on loopback for the generate tests (stdlib http.server)."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = Callable[[BaseHTTPRequestHandler], None]


def _chunk(content: str | None = None, finish: str | None = None) -> bytes:
    delta = {"content": content} if content is not None else {}
    body = {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(body)}\n\n".encode()


def _start_sse(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/event-stream")
    handler.send_header("Cache-Control", "no-cache")
    handler.send_header("Connection", "close")
    handler.end_headers()


def stream(
    text: str, *, finish: str = "stop", usage: bool = True, done: bool = True, size: int = 40
) -> Reply:
    """Stream `text` in pieces; optionally without usage, [DONE], or with another finish."""

    def reply(handler: BaseHTTPRequestHandler) -> None:
        _start_sse(handler)
        handler.wfile.write(b": keep-alive\n\n")
        handler.wfile.write(_chunk(""))
        for start in range(0, len(text), size):
            handler.wfile.write(_chunk(text[start : start + size]))
        handler.wfile.write(_chunk(None, finish))
        if usage:
            tally = {"prompt_tokens": 1234, "completion_tokens": 567, "total_tokens": 1801}
            handler.wfile.write(f"data: {json.dumps({'choices': [], 'usage': tally})}\n\n".encode())
        if done:
            handler.wfile.write(b"data: [DONE]\n\n")
        handler.wfile.flush()

    return reply


def status(code: int, message: str) -> Reply:
    def reply(handler: BaseHTTPRequestHandler) -> None:
        body = json.dumps({"error": {"message": message, "type": "invalid_request_error"}})
        handler.send_response(code)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body.encode())

    return reply


def whole(text: str, finish: str = "stop") -> Reply:
    """A server that ignores "stream": true and answers one chat.completion body."""

    def reply(handler: BaseHTTPRequestHandler) -> None:
        body = json.dumps(
            {
                "object": "chat.completion",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": text},
                        "finish_reason": finish,
                    }
                ],
                "usage": {"prompt_tokens": 10, "completion_tokens": 20, "total_tokens": 30},
            }
        ).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return reply


def garbage() -> Reply:
    def reply(handler: BaseHTTPRequestHandler) -> None:
        _start_sse(handler)
        handler.wfile.write(_chunk("# SECTION"))
        handler.wfile.write(b"data: {this is not json\n\n")
        handler.wfile.write(b"data: [DONE]\n\n")

    return reply


def stall(seconds: float) -> Reply:
    def reply(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        stream("late")(handler)

    return reply


@dataclass
class FakeLLM:
    """The server's script of replies, and every request body it received."""

    url: str
    replies: list[Reply] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)


@contextmanager
def serve_llm() -> Iterator[FakeLLM]:
    fake = FakeLLM(url="")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            fake.requests.append(json.loads(self.rfile.read(length)))
            fake.headers.append(dict(self.headers.items()))
            if self.path != "/v1/chat/completions":
                status(404, f"no route {self.path}")(self)
                return
            if not fake.replies:
                status(500, "the test script has no reply left")(self)
                return
            # the client may give up first (the timeout test): then there is nothing to answer
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                fake.replies.pop(0)(self)
            self.close_connection = True

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    """A loopback port with nothing listening on it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port
