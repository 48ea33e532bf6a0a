"""`Idempotency-Key` on POST /v1/attempts: a retried start must not start a second clock."""

import asyncio
from typing import Any, Protocol

import httpx
import pytest


class FakeClock(Protocol):  # the `clock` fixture (conftest.py)
    def advance(self, **delta: float) -> None: ...


pytestmark = [pytest.mark.usefixtures("seeded"), pytest.mark.postgres]
ME = {"X-Candidate-Id": "cand-1"}
PRACTICE = {"kind": "practice", "subject": "physics", "chapter": "gravitation", "size": 4}


async def new_paper(client: httpx.AsyncClient) -> int:
    paper = await client.post("/v1/papers", json=PRACTICE)
    assert paper.status_code == 201
    paper_id: int = paper.json()["id"]
    return paper_id


async def attempts_of(client: httpx.AsyncClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = (await client.get("/v1/attempts", headers=headers)).json()[
        "items"
    ]
    return items


async def test_a_retry_replays_the_first_answer(
    client: httpx.AsyncClient, clock: FakeClock
) -> None:
    paper_id = await new_paper(client)
    headers = ME | {"Idempotency-Key": '"start-7f3a"'}
    first = await client.post("/v1/attempts", json={"paper_id": paper_id}, headers=headers)
    clock.advance(seconds=40)  # the retry comes later: still the first clock, the first body
    again = await client.post("/v1/attempts", json={"paper_id": paper_id}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["location"] == first.headers["location"]
    assert again.content == first.content
    assert (first.headers["idempotent-replayed"], again.headers["idempotent-replayed"]) == (
        "false",
        "true",
    )
    assert len(await attempts_of(client, ME)) == 1


async def test_the_same_key_with_another_body_is_422(client: httpx.AsyncClient) -> None:
    one, other = await new_paper(client), await new_paper(client)
    headers = ME | {"Idempotency-Key": "start-1"}
    assert (
        await client.post("/v1/attempts", json={"paper_id": one}, headers=headers)
    ).status_code == 201
    reused = await client.post("/v1/attempts", json={"paper_id": other}, headers=headers)
    assert reused.status_code == 422
    assert reused.json()["type"].endswith("/idempotency-key-reused")
    assert len(await attempts_of(client, ME)) == 1


async def test_keys_are_per_candidate(client: httpx.AsyncClient) -> None:
    paper_id = await new_paper(client)
    key = {"Idempotency-Key": "same-key"}
    mine = await client.post("/v1/attempts", json={"paper_id": paper_id}, headers=ME | key)
    theirs = await client.post(
        "/v1/attempts", json={"paper_id": paper_id}, headers={"X-Candidate-Id": "cand-2"} | key
    )
    assert mine.status_code == theirs.status_code == 201
    assert mine.json()["id"] != theirs.json()["id"]


async def test_without_a_key_every_post_starts_an_attempt(client: httpx.AsyncClient) -> None:
    paper_id = await new_paper(client)
    for _ in range(2):
        response = await client.post("/v1/attempts", json={"paper_id": paper_id}, headers=ME)
        assert response.status_code == 201
        assert "idempotent-replayed" not in response.headers
    assert len(await attempts_of(client, ME)) == 2


async def test_keys_expire_after_24_hours(client: httpx.AsyncClient, clock: FakeClock) -> None:
    paper_id = await new_paper(client)
    headers = ME | {"Idempotency-Key": "daily"}
    first = await client.post("/v1/attempts", json={"paper_id": paper_id}, headers=headers)
    clock.advance(hours=23)
    assert (await client.post("/v1/attempts", json={"paper_id": paper_id}, headers=headers)).json()[
        "id"
    ] == first.json()["id"]
    clock.advance(hours=2)
    later = await client.post("/v1/attempts", json={"paper_id": paper_id}, headers=headers)
    assert later.status_code == 201
    assert later.json()["id"] != first.json()["id"]


async def test_concurrent_retries_start_one_attempt(client: httpx.AsyncClient) -> None:
    paper_id = await new_paper(client)
    headers = ME | {"Idempotency-Key": "racing"}
    responses = await asyncio.gather(
        *(
            client.post("/v1/attempts", json={"paper_id": paper_id}, headers=headers)
            for _ in range(4)
        )
    )
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["id"] for r in responses}) == 1
    assert len(await attempts_of(client, ME)) == 1


@pytest.mark.parametrize("key", ["", "has space", "x" * 200, "naïve"])
async def test_malformed_keys_are_422(client: httpx.AsyncClient, key: str) -> None:
    paper_id = await new_paper(client)
    response = await client.post(
        "/v1/attempts",
        json={"paper_id": paper_id},
        headers=[(b"X-Candidate-Id", b"cand-1"), (b"Idempotency-Key", key.encode())],
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "header.Idempotency-Key"
