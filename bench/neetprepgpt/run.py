"""Load-test NEETPrepGPT against two baselines in one run, on one machine, one uvicorn setup.

    uv run python bench/neetprepgpt/run.py [--concurrency 16] [--requests 2000] [--duration 20]

Starts three uvicorn servers on free loopback ports (one worker each, no access log):
the bare Starlette baseline, the bare FastAPI baseline, and the service on a freshly seeded
SQLite database in a temporary directory. A bounded async load generator (httpx, fixed
concurrency, stops after `--requests` requests or `--duration` seconds, whichever comes first)
drives each scenario and prints latency percentiles, throughput and the ratio to bare FastAPI.
The load generator shares the machine with the servers: read the ratios, not the absolutes.
"""

import argparse
import asyncio
import itertools
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))  # bench/loopback.py, shared by the benchmarks

from loopback import uvicorn_server  # noqa: E402

BASELINE = "bare FastAPI (same response model)"
SEARCH_TERMS = ["velocity", "enzyme", "equilibrium", "cell", "energy", "reaction", "blood", "plant"]

Call = Callable[[httpx.AsyncClient, int], Awaitable[httpx.Response]]


@dataclass
class Result:
    name: str
    latencies: list[float]  # seconds
    errors: int
    elapsed: float

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.elapsed


async def drive(
    name: str, base: str, call: Call, concurrency: int, requests: int, duration: float
) -> Result:
    """`concurrency` workers share a budget of `requests`; all stop at `duration` seconds."""
    counter = itertools.count()
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        for warm in range(min(20, requests)):
            await call(client, warm)
        stop_at = time.perf_counter() + duration

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < stop_at:
                index = next(counter)
                if index >= requests:
                    return
                started = time.perf_counter()
                response = await call(client, index)
                latencies.append(time.perf_counter() - started)
                if response.status_code >= 400:
                    errors += 1

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    return Result(name, latencies, errors, elapsed)


async def attempt_flow(
    base: str, concurrency: int, attempts: int, saves: int
) -> tuple[Result, Result]:
    """Each worker takes whole attempts: `saves` autosaves with the right version, then submit."""
    save_latencies: list[float] = []
    submit_latencies: list[float] = []
    errors = {"save": 0, "submit": 0}
    queue: asyncio.Queue[tuple[int, dict[str, str]]] = asyncio.Queue()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        for number in range(attempts):  # set-up, not measured
            headers = {"X-Candidate-Id": f"bench-{number % 50}"}
            response = await client.post("/v1/attempts", json={"paper_id": 1}, headers=headers)
            response.raise_for_status()
            queue.put_nowait((response.json()["id"], headers))

        async def worker() -> None:
            while not queue.empty():
                attempt_id, headers = queue.get_nowait()
                version = 1
                for step in range(saves):
                    answers = [
                        {
                            "position": 1 + (step * 7 + k) % 180,
                            "selected": "ABCD"[(step + k) % 4],
                            "time_spent_ms": 1000 * (step + 1),
                        }
                        for k in range(3)
                    ]
                    started = time.perf_counter()
                    response = await client.patch(
                        f"/v1/attempts/{attempt_id}/answers",
                        json={"version": version, "answers": answers},
                        headers=headers,
                    )
                    save_latencies.append(time.perf_counter() - started)
                    if response.status_code != 200:
                        errors["save"] += 1
                    else:
                        version = response.json()["version"]
                started = time.perf_counter()
                response = await client.post(
                    f"/v1/attempts/{attempt_id}/submission", headers=headers
                )
                submit_latencies.append(time.perf_counter() - started)
                if response.status_code != 200:
                    errors["submit"] += 1

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    return (
        Result("service: autosave (PATCH answers)", save_latencies, errors["save"], elapsed),
        Result(
            "service: submit (scores 180 questions)", submit_latencies, errors["submit"], elapsed
        ),
    )


def report(results: list[Result], baseline: Result, settings: dict[str, Any]) -> None:
    print(f"\nsettings: {settings}")
    header = (
        f"{'scenario':44} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} "
        f"{'p95 ms':>8} {'p99 ms':>8} {'p50 x':>6} {'req/s x':>7}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.name:44} {len(r.latencies):>8} {r.errors:>6} {r.rate:>8.0f} "
            f"{r.percentile(50):>8.2f} {r.percentile(95):>8.2f} {r.percentile(99):>8.2f} "
            f"{r.percentile(50) / baseline.percentile(50):>6.2f} {baseline.rate / r.rate:>7.2f}"
        )
    print(
        "\nx = ratio to the bare FastAPI endpoint (p50 latency; requests/s, inverted): "
        "what our layers (middleware, dependencies, session, SQL) cost."
    )
    mean = statistics.mean(baseline.latencies) * 1000
    print(f"bare FastAPI mean latency: {mean:.2f} ms")


def merge(parts: list[Result]) -> Result:
    return Result(
        parts[0].name,
        [latency for part in parts for latency in part.latencies],
        sum(part.errors for part in parts),
        sum(part.elapsed for part in parts),
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--requests", type=int, default=2000, help="per scenario and round")
    parser.add_argument("--duration", type=float, default=20.0, help="cap per scenario and round")
    parser.add_argument("--rounds", type=int, default=3, help="scenarios interleaved per round")
    parser.add_argument("--attempts", type=int, default=60, help="per round")
    parser.add_argument("--saves", type=int, default=5, help="autosaves per attempt")
    args = parser.parse_args()
    settings = vars(args) | {"server": "uvicorn, 1 worker, --no-access-log", "db": "SQLite (WAL)"}
    c, n, d = args.concurrency, args.requests, args.duration
    ids = [f"{prefix}-{n:03d}" for prefix in ("PHY", "CHE", "BOT", "ZOO") for n in range(1, 101)]
    parts: dict[str, list[Result]] = {}

    def keep(result: Result) -> None:
        parts.setdefault(result.name, []).append(result)

    with (
        tempfile.TemporaryDirectory() as data_dir,
        uvicorn_server("baselines:starlette_app", env={}, app_dir=HERE) as starlette_base,
        uvicorn_server("baselines:fastapi_app", env={}, app_dir=HERE) as fastapi_base,
        uvicorn_server(
            "neetprepgpt.main:app",
            env={"NEETPREPGPT_DATA_DIR": data_dir, "NEETPREPGPT_LOG_LEVEL": "WARNING"},
        ) as service,
    ):
        # Rounds interleave the scenarios, so a busy moment on the machine hits all of them.
        for _ in range(args.rounds):
            keep(
                await drive(
                    "bare Starlette JSON",
                    starlette_base,
                    lambda cl, i: cl.get("/question"),
                    c,
                    n,
                    d,
                )
            )
            keep(await drive(BASELINE, fastapi_base, lambda cl, i: cl.get("/question"), c, n, d))
            keep(
                await drive(
                    "service: question by id",
                    service,
                    lambda cl, i: cl.get(f"/v1/questions/{ids[i % len(ids)]}"),
                    c,
                    n,
                    d,
                )
            )
            keep(
                await drive(
                    "service: search page (FTS5, 20 items)",
                    service,
                    lambda cl, i: cl.get(
                        "/v1/questions",
                        params={"q": SEARCH_TERMS[i % len(SEARCH_TERMS)], "limit": 20},
                    ),
                    c,
                    n,
                    d,
                )
            )
            for result in await attempt_flow(service, c, args.attempts, args.saves):
                keep(result)
    results = [merge(group) for group in parts.values()]
    report(results, merge(parts[BASELINE]), settings)


if __name__ == "__main__":
    asyncio.run(main())
