"""Idempotency-Key on the real POST /v1/attempts: a retried start never starts a second clock.

Boots NEETPrepGPT on a throwaway SQLite file with a clock the listing moves by hand, then
replays, misuses, races and expires keys, counting the candidate's attempts after each step.
"""

import asyncio
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from neetprepgpt.config import Settings
from neetprepgpt.main import create_app

ME = {"X-Candidate-Id": "cand-42"}
PRACTICE = {"kind": "practice", "subject": "physics", "chapter": "gravitation", "size": 3}


@dataclass
class Clock:
    now: datetime = field(default_factory=lambda: datetime(2026, 5, 3, 8, 30, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now


def show(label: str, response: httpx.Response, note: str) -> None:
    print(f"{label:<34} -> {response.status_code} {note}")


async def attempts(client: httpx.AsyncClient) -> int:
    listing = await client.get("/v1/attempts", headers=ME)
    return len(listing.json()["items"])


async def retries(client: httpx.AsyncClient, clock: Clock) -> None:
    paper_id = (await client.post("/v1/papers", json=PRACTICE)).json()["id"]
    start = {"paper_id": paper_id}
    keyed = ME | {"Idempotency-Key": '"7c1e9a52-start-mock"'}

    first = await client.post("/v1/attempts", json=start, headers=keyed)
    assert first.status_code == 201
    assert first.headers["idempotent-replayed"] == "false"
    show("start, with a key", first, f"attempt {first.json()['id']}, replayed: false")

    # The response was lost; the app retries 40 seconds later with the same key and body.
    clock.now += timedelta(seconds=40)
    spaced = '{ "paper_id" : ' + str(paper_id) + " }"  # same request, other whitespace
    retry = await client.post(
        "/v1/attempts", content=spaced, headers=keyed | {"Content-Type": "application/json"}
    )
    assert retry.status_code == 201
    assert retry.content == first.content  # byte for byte, seconds_left included
    assert retry.headers["location"] == first.headers["location"]
    assert retry.headers["idempotent-replayed"] == "true"
    assert await attempts(client) == 1
    show("retry 40 s later, same key", retry, "same body, same Location, replayed: true")
    live = await client.get(retry.headers["location"], headers=ME)
    left = (retry.json()["seconds_left"], live.json()["seconds_left"])
    assert left[0] - left[1] == 40
    show("GET the Location", live, f"seconds_left {left[1]} (the replay said {left[0]})")

    other_paper = (await client.post("/v1/papers", json=PRACTICE)).json()["id"]
    misuse = await client.post("/v1/attempts", json={"paper_id": other_paper}, headers=keyed)
    assert misuse.status_code == 422
    assert misuse.json()["type"].endswith("/idempotency-key-reused")
    assert await attempts(client) == 1
    show("same key, another paper", misuse, misuse.json()["title"])

    theirs = {"X-Candidate-Id": "cand-77", "Idempotency-Key": keyed["Idempotency-Key"]}
    other = await client.post("/v1/attempts", json=start, headers=theirs)
    assert other.status_code == 201
    assert other.headers["idempotent-replayed"] == "false"
    show("same key, another candidate", other, "a new attempt: keys are per candidate")

    # A double tap: four identical requests in flight at once.
    tap = ME | {"Idempotency-Key": "4be0d5aa-double-tap"}
    racing = await asyncio.gather(
        *(client.post("/v1/attempts", json=start, headers=tap) for _ in range(4))
    )
    assert {response.status_code for response in racing} == {201}
    assert len({response.json()["id"] for response in racing}) == 1
    replayed = sorted(response.headers["idempotent-replayed"] for response in racing)
    assert replayed == ["false", "true", "true", "true"]
    assert await attempts(client) == 2
    print(f"{'4 at once, one key':<34} -> 201 x4, one attempt, 3 replays")

    bad = await client.post("/v1/attempts", json=start, headers=ME | {"Idempotency-Key": "a b"})
    assert bad.status_code == 422
    show("a key with a space", bad, bad.json()["errors"][0]["location"])

    clock.now += timedelta(hours=25)  # keys are kept for 24 hours
    later = await client.post("/v1/attempts", json=start, headers=keyed)
    assert later.headers["idempotent-replayed"] == "false"
    assert later.json()["id"] != first.json()["id"]
    show("the first key, 25 hours later", later, "expired: a new attempt")

    for _ in range(2):
        plain = await client.post("/v1/attempts", json=start, headers=ME)
        assert plain.status_code == 201
        assert "idempotent-replayed" not in plain.headers
    show("twice without a key", plain, f"two more attempts; {await attempts(client)} in all")


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(Settings(data_dir=Path(folder), log_level="ERROR"))
        clock = Clock()
        app.state.clock = clock
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://neet.test") as c:
                await retries(c, clock)


if __name__ == "__main__":
    asyncio.run(main())
