"""The real NEETPrepGPT question bank, driven through its HTTP contract.

Boots `create_app()` on a throwaway SQLite file (the lifespan migrates and seeds the bank)
with an editor credential configured, then exercises every method on /v1/questions as a
student (no credential) and as an editor (`X-Editor-Token`), checking status, headers and body.
"""

import asyncio
import tempfile
from pathlib import Path
from typing import Any

import httpx
from pydantic import SecretStr

from neetprepgpt.config import Settings
from neetprepgpt.main import create_app

PROBLEM = "application/problem+json"
TOKEN = "editor-token-for-this-listing-01"  # a real one comes from NEETPREPGPT_EDITOR_TOKEN
EDITOR = {"X-Editor-Token": TOKEN}
KEY_FIELDS = {"answer", "answer_key", "explanation", "source"}
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


async def tour(client: httpx.AsyncClient, editor: httpx.AsyncClient) -> None:
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

    # Writes are editorial: no credential is 401 (with a hint), a wrong one 403.
    anonymous = await client.post("/v1/questions", json=NEW_QUESTION)
    assert anonymous.status_code == 401
    assert anonymous.headers["www-authenticate"].startswith("EditorToken")
    show(anonymous, anonymous.json()["title"])
    forged = await client.post(
        "/v1/questions", json=NEW_QUESTION, headers={"X-Editor-Token": "guess"}
    )
    assert forged.status_code == 403
    show(forged, forged.json()["title"])

    # POST to the collection creates a member: 201, a Location, the new representation.
    created = await editor.post("/v1/questions", json=NEW_QUESTION)
    location = created.headers["location"]
    assert created.status_code == 201
    assert location.endswith("/v1/questions/PHY-901")
    assert created.json()["revision"] == 1
    show(created, f"Location: {httpx.URL(location).path}")
    again = await editor.post("/v1/questions", json=NEW_QUESTION)
    assert again.status_code == 409
    assert again.headers["content-type"] == PROBLEM
    show(again, again.json()["title"])

    # One resource, two representations: the student's has no key, the editor's has it.
    as_student = await client.get(location)
    as_editor = await editor.get(location)
    assert as_student.status_code == as_editor.status_code == 200
    assert not KEY_FIELDS & set(as_student.json())
    assert set(as_editor.json()) >= KEY_FIELDS
    show(as_student, f"student: no key; editor: answer {as_editor.json()['answer']}")

    # PATCH: change only what is sent; an identical PATCH changes nothing more.
    edit = {"difficulty": "medium"}
    patched = await editor.patch(location, json=edit)
    assert patched.status_code == 200
    assert patched.json()["difficulty"] == "medium"
    repeat = await editor.patch(location, json=edit)
    assert repeat.json()["revision"] == patched.json()["revision"]
    show(patched, f"revision {patched.json()['revision']}, repeated: {repeat.json()['revision']}")

    # PUT replaces the whole answer-key resource; sending it twice leaves the same state.
    key = {"accepted_options": ["C", "D"], "dropped": False, "note": "Both readings accepted."}
    put_once = await editor.put(f"{location}/answer-key", json=key)
    put_twice = await editor.put(f"{location}/answer-key", json=key)
    assert put_once.status_code == put_twice.status_code == 200
    assert put_once.json()["answer_key"] == put_twice.json()["answer_key"]
    show(put_twice, f"{put_twice.json()['answer_key']['accepted_options']} both times")

    # DELETE: 204 with no body; the second DELETE finds nothing (same state, different code).
    deleted = await editor.delete(location)
    assert deleted.status_code == 204
    assert deleted.content == b""
    show(deleted)
    gone = await editor.delete(location)
    assert gone.status_code == 404
    assert gone.headers["content-type"] == PROBLEM
    show(gone, gone.json()["title"])

    # The edges: a method the path lacks, a bad filter, a forged cursor.
    wrong = await client.put("/v1/questions")
    assert wrong.status_code == 405
    assert wrong.headers["allow"] == "GET, POST"
    show(wrong, f"Allow: {wrong.headers['allow']}")
    bad = await client.get("/v1/questions", params={"difficulty": "brutal"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["location"] == "query.difficulty"
    show(bad, bad.json()["errors"][0]["location"])
    mangled = await client.get("/v1/questions", params={"cursor": "not-a-cursor"})
    assert mangled.status_code == 400
    assert mangled.json()["title"] == "Invalid Cursor"
    show(mangled, mangled.json()["title"])


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(data_dir=Path(folder), log_level="ERROR", editor_token=SecretStr(TOKEN))
        app = create_app(settings)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            base = "http://neet.test"
            async with (
                httpx.AsyncClient(transport=transport, base_url=base) as student,
                httpx.AsyncClient(transport=transport, base_url=base, headers=EDITOR) as editor,
            ):
                await tour(student, editor)


if __name__ == "__main__":
    asyncio.run(main())
