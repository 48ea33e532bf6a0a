"""Load benchmark: the real triage endpoint against a bare FastAPI endpoint, same run.

Both servers are started the same way (uvicorn, one worker, loopback, access log off) and are
driven one after the other by the same bounded load generator: a fixed number of concurrent
clients, a fixed duration, then it stops. It prints p50/p95/p99 latency, requests/s and the
ratio of the two.

    uv run python bench/symptom2specialist/run.py [--concurrency 16] [--duration 10]
"""

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE.parent))  # bench/loopback.py, shared by the benchmarks

from loopback import uvicorn_server  # noqa: E402

PAYLOADS = [
    {"text": "itchy red rash on both arms since a week", "age": 29},
    {"text": "seene me dard aur pasina aa raha hai", "age": 55, "sex": "male"},
    {"text": "toothache at night and swollen gum", "age": 34, "duration": "1_to_7_days"},
    {"text": "mere bete ko 2 din se bukhar aur khansi hai", "age": 6},
    {"text": "burning while passing urine, going often", "age": 41, "sex": "female"},
    {"text": "I feel low for weeks and cannot sleep", "age": 23},
    {"text": "knee pain when climbing stairs, worse in the morning", "age": 62},
    {"text": "no chest pain, but acidity after spicy food", "age": 37},
]


@dataclass
class Result:
    name: str
    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float


async def drive(name: str, base: str, concurrency: int, duration: float, warmup: float) -> Result:
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def worker(index: int, stop_at: float, record: bool) -> None:
            nonlocal errors
            n = index
            while time.perf_counter() < stop_at:
                payload = PAYLOADS[n % len(PAYLOADS)]
                n += 1
                started = time.perf_counter()
                try:
                    response = await client.post("/v1/triage", json=payload)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                if record:
                    latencies.append(time.perf_counter() - started)
                    errors += not ok

        warm_until = time.perf_counter() + warmup
        await asyncio.gather(*(worker(i, warm_until, False) for i in range(concurrency)))
        began = time.perf_counter()
        stop_at = began + duration
        await asyncio.gather(*(worker(i, stop_at, True) for i in range(concurrency)))
        seconds = time.perf_counter() - began
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return Result(
        name=name,
        requests=len(latencies),
        errors=errors,
        seconds=round(seconds, 2),
        rps=round(len(latencies) / seconds, 1),
        p50_ms=round(cuts[49] * 1000, 2),
        p95_ms=round(cuts[94] * 1000, 2),
        p99_ms=round(cuts[98] * 1000, 2),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    results: list[Result] = []
    with tempfile.TemporaryDirectory() as data_dir:
        env = {"SYMPTOM2SPECIALIST_DATA_DIR": data_dir, "SYMPTOM2SPECIALIST_LOG_LEVEL": "WARNING"}
        targets = [
            ("symptom2specialist", "symptom2specialist.main:create_app", ROOT / "src"),
            ("bare FastAPI", "bare_app:create_bare_app", HERE),
        ]
        for name, target, app_dir in targets:
            with uvicorn_server(
                target, env=env, app_dir=app_dir, factory=True, ready_path="/healthz"
            ) as base:
                results.append(
                    asyncio.run(drive(name, base, args.concurrency, args.duration, args.warmup))
                )

    print(f"POST /v1/triage, {args.concurrency} concurrent clients, {args.duration:g} s each")
    columns = ("requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms")
    print(f"{'server':<20}" + "".join(f"{column:>10}" for column in columns))
    for r in results:
        values = (r.requests, r.errors, r.rps, r.p50_ms, r.p95_ms, r.p99_ms)
        print(f"{r.name:<20}" + "".join(f"{value:>10}" for value in values))
    service, bare = results
    print(
        f"ratio service/bare: throughput {service.rps / bare.rps:.3f}x, "
        f"p50 latency {service.p50_ms / bare.p50_ms:.1f}x, "
        f"p99 latency {service.p99_ms / bare.p99_ms:.1f}x"
    )
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n")
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
