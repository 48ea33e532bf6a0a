"""The real NEETPrepGPT question bank, driven through its HTTP contract.

Boots `create_app()` on a throwaway SQLite file (the lifespan migrates and seeds the bank),
then exercises every method on /v1/questions and checks the status, headers and body shape.
"""

import asyncio
import tempfile
from pathlib import Path
from typing import Any

import httpx

from neetprepgpt.config import Settings
from neetprepgpt.main import create_app

PROBLEM = "application/problem+json"
NEW_QUESTION: dict[str, Any] = {
    "external_id": "PHY-901",
    "subject": "physics",
    "chapter": "motion-in-a-straight-line",
    "difficulty": "easy",
    "stem": "A cart starts from rest at 3 m/s² for 2 s. What is its speed then?",
    "options": {"A": "3 m/s", "B": "5 m/s", "C": "6 m/s", "D": "9 m/s"},
    "answer": "C",
    "explanation": "v = u + at = 0 + 3 × 2 = 6 m/s.",
}


def show(response: httpx.Response, note: str = "") -> None:
    request = response.request
    target = request.url.path + (
        "?" + "&".join(sorted(request.url.params)) if request.url.params else ""
    )
    print(f"{request.method:<6} {target:<52} -> {response.status_code} {note}".rstrip())


async def tour(client: httpx.AsyncClient) -> None:
    # GET: safe and idempotent. Filters, a sort and a page size are query parameters.
    query: dict[str, str | int] = {
        "subject": "physics",
        "difficulty": "hard",
        "sort": "-external_id",
        "limit": 3,
    }
    first = await client.get("/v1/questions", params=query)
    page = first.json()
    ids = [item["external_id"] for item in page["items"]]
    assert first.status_code == 200
    assert len(ids) == 3
    assert ids == sorted(ids, reverse=True)
    show(first, f"{len(ids)} items, newest id first")
    # The next page: the same query plus the opaque cursor the server handed out.
    second = await client.get("/v1/questions", params=query | {"cursor": page["next_cursor"]})
    more = [item["external_id"] for item in second.json()["items"]]
    assert second.status_code == 200
    assert not set(ids) & set(more)
    assert more[0] < ids[-1]
    show(second, "the next 3, none repeated")

    # POST to the collection creates a member: 201, a Location, the new representation.
    created = await client.post("/v1/questions", json=NEW_QUESTION)
    location = created.headers["location"]
    assert created.status_code == 201
    assert location.endswith("/v1/questions/PHY-901")
    assert created.json()["revision"] == 1
    show(created, f"Location: {httpx.URL(location).path}")
    again = await client.post("/v1/questions", json=NEW_QUESTION)
    assert again.status_code == 409
    assert again.headers["content-type"] == PROBLEM
    show(again, again.json()["title"])

    # PATCH: change only what is sent; an identical PATCH changes nothing more.
    edit = {"difficulty": "medium"}
    patched = await client.patch(location, json=edit)
    assert patched.status_code == 200
    assert patched.json()["difficulty"] == "medium"
    repeat = await client.patch(location, json=edit)
    assert repeat.json()["revision"] == patched.json()["revision"]
    show(patched, f"revision {patched.json()['revision']}, repeated: {repeat.json()['revision']}")

    # PUT replaces the whole answer-key resource; sending it twice leaves the same state.
    key = {"accepted_options": ["C", "D"], "dropped": False, "note": "Both readings accepted."}
    put_once = await client.put(f"{location}/answer-key", json=key)
    put_twice = await client.put(f"{location}/answer-key", json=key)
    assert put_once.status_code == put_twice.status_code == 200
    assert put_once.json()["answer_key"] == put_twice.json()["answer_key"]
    show(put_twice, f"{put_twice.json()['answer_key']['accepted_options']} both times")

    # DELETE: 204 with no body; the second DELETE finds nothing (same state, different code).
    deleted = await client.delete(location)
    assert deleted.status_code == 204
    assert deleted.content == b""
    show(deleted)
    gone = await client.delete(location)
    assert gone.status_code == 404
    assert gone.headers["content-type"] == PROBLEM
    show(gone, gone.json()["title"])

    # The edges: a method the path lacks, a bad filter, a forged cursor.
    wrong = await client.put("/v1/questions")
    assert wrong.status_code == 405
    assert "GET" in wrong.headers["allow"]
    show(wrong, "with an Allow header")
    bad = await client.get("/v1/questions", params={"difficulty": "brutal"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["location"] == "query.difficulty"
    show(bad, bad.json()["errors"][0]["location"])
    forged = await client.get("/v1/questions", params={"cursor": "not-a-cursor"})
    assert forged.status_code == 400
    assert forged.json()["title"] == "Invalid Cursor"
    show(forged, forged.json()["title"])


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(Settings(data_dir=Path(folder), log_level="ERROR"))
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://neet.test") as c:
                await tour(c)


if __name__ == "__main__":
    asyncio.run(main())
