"""`async def` vs `def` endpoints: who gets stalled by a blocking call, measured.

NEETPrepGPT renders a PDF scorecard with a synchronous vendor SDK (simulated by a 0.4 s
blocking call). While one student downloads it, another student's tiny request arrives.
The app runs on a real Uvicorn server on loopback, in its own thread with its own event
loop; the client times that second request against three versions of the same endpoint.
"""

import asyncio
import socket
import threading
import time

import anyio.to_thread
import httpx
import uvicorn
from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

BLOCK = 0.4  # seconds the SDK holds the thread


def render_scorecard_pdf(attempt_id: int) -> bytes:
    """A synchronous library call: it blocks its thread and never yields to the loop."""
    time.sleep(BLOCK)
    return b"%PDF scorecard " + str(attempt_id).encode()


app = FastAPI()


@app.get("/async-blocking/{attempt_id}")
async def scorecard_async_blocking(attempt_id: int) -> dict[str, int]:
    render_scorecard_pdf(attempt_id)  # the bug: runs on the event loop's own thread
    return {"bytes": attempt_id}


@app.get("/def/{attempt_id}")
def scorecard_def(attempt_id: int) -> dict[str, int]:
    render_scorecard_pdf(attempt_id)  # plain def: FastAPI runs it in the thread pool
    return {"bytes": attempt_id}


@app.get("/async-offloaded/{attempt_id}")
async def scorecard_async_offloaded(attempt_id: int) -> dict[str, int]:
    await run_in_threadpool(render_scorecard_pdf, attempt_id)  # async, but the wait is a thread's
    return {"bytes": attempt_id}


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


async def bystander_wait(client: httpx.AsyncClient, slow_path: str) -> float:
    """Start the slow request, then time a cheap one sent 50 ms later."""
    slow = asyncio.create_task(client.get(slow_path))
    await asyncio.sleep(0.05)
    start = time.perf_counter()
    quick = await client.get("/healthz")
    waited = time.perf_counter() - start
    assert quick.status_code == 200
    assert (await slow).status_code == 200
    return waited


def serve_on_loopback() -> tuple[uvicorn.Server, threading.Thread, int]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))  # port 0: the OS picks a free one
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    return server, thread, sock.getsockname()[1]


async def main() -> None:
    limiter = anyio.to_thread.current_default_thread_limiter()
    print("thread pool tokens for def endpoints and dependencies:", limiter.total_tokens)
    assert limiter.total_tokens == 40

    server, thread, port = serve_on_loopback()
    results = {}
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        await client.get("/healthz")  # warm up the connection pool
        for path in ("/async-blocking/1", "/def/1", "/async-offloaded/1"):
            waited = await bystander_wait(client, path)
            results[path] = waited
            verdict = "stalled" if waited > BLOCK / 2 else "not stalled"
            print(f"{path:<20} -> the other student's request {verdict}")
    server.should_exit = True
    thread.join()
    assert results["/async-blocking/1"] > BLOCK / 2  # it waited for the SDK to finish
    assert results["/def/1"] < BLOCK / 2  # the loop stayed free while a thread waited
    assert results["/async-offloaded/1"] < BLOCK / 2

    # The pool is finite. Shrink it to 2 and send 4 downloads at once: two rounds.
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://neet.test") as client:
        limiter.total_tokens = 2
        start = time.perf_counter()
        await asyncio.gather(*(client.get(f"/def/{n}") for n in range(4)))
        rounds = round((time.perf_counter() - start) / BLOCK)
        limiter.total_tokens = 40
        print(f"4 def downloads with 2 threads took {rounds} rounds of {BLOCK} s")
        assert rounds == 2


if __name__ == "__main__":
    asyncio.run(main())
