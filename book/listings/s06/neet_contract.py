"""The real NEETPrepGPT app, in memory, lifespan included: its 401, 422 and 413 bodies, the
answer key that no student-facing route sends, and what its OpenAPI document promises.

Runs on a throwaway SQLite file; the lifespan migrates, seeds the bank and builds the default
mock exactly as `fastapi dev` would.
"""

import asyncio
import json
import tempfile
from pathlib import Path
from typing import Any

import httpx
from pydantic import SecretStr

from neetprepgpt.config import Settings
from neetprepgpt.main import create_app

EDITOR = {"X-Editor-Token": "a-long-random-editor-credential"}  # >= 16 characters
BAD_QUESTION = {
    "external_id": "PHY-1",  # the pattern wants three or four digits
    "subject": "physics",
    "chapter": "gravitation",
    "difficulty": "easy",
    "stem": "g = ?",  # shorter than 10 characters
    "options": {"A": "9.8 m/s²", "B": "9.8  M/S²", "C": "10 m/s²", "D": "1.6 m/s²"},
    "answer": "E",
    "explanation": "Standard gravity at the surface of the Earth.",
    "verified": True,  # unknown: extra="forbid" refuses it
}


def show(label: str, response: httpx.Response) -> dict[str, Any]:
    body: dict[str, Any] = response.json()
    print(f"--- {label}: {response.status_code} {response.headers['content-type']}")
    print(json.dumps(body, indent=2, ensure_ascii=False))
    return body


async def main() -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        settings = Settings(
            data_dir=Path(data_dir),
            database_url="",
            log_level="WARNING",
            editor_token=SecretStr(EDITOR["X-Editor-Token"]),
        )
        app = create_app(settings)
        async with app.router.lifespan_context(app):  # what a server does at startup
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://neet.test") as c:
                await exchange(c)
    check_openapi(app.openapi())


async def exchange(client: httpx.AsyncClient) -> None:
    # 1. Writes to the bank need the editor credential, checked before the body is even read.
    response = await client.post("/v1/questions", json=BAD_QUESTION)
    body = show("POST /v1/questions (no credential)", response)
    print("WWW-Authenticate:", response.headers["www-authenticate"])
    assert response.status_code == 401
    assert "errors" not in body  # the invalid body never reached validation

    # With the credential, the same bad question: every field problem in one RFC 9457 body.
    response = await client.post("/v1/questions", json=BAD_QUESTION, headers=EDITOR)
    body = show("POST /v1/questions", response)
    located = [issue["location"] for issue in body["errors"]]
    # In the model's field order: QuestionBase's fields first, then QuestionCreate's.
    assert located == [
        "body.stem",
        "body.options",
        "body.external_id",
        "body.answer",
        "body.verified",
    ]

    # 2. The discriminated union at the HTTP edge.
    body = show("POST /v1/papers", await client.post("/v1/papers", json={"kind": "quiz"}))
    assert body["errors"][0]["type"] == "union_tag_invalid"
    assert "PaperKind" not in body["errors"][0]["message"]  # plain string tags, no enum reprs

    # 3. Too big: refused by the body-size middleware before any parsing (1,000,000 by default).
    big = b'{"kind": "mock", "title": "' + b"x" * 1_000_000 + b'"}'
    headers = {"content-type": "application/json"}
    response = await client.post("/v1/papers", content=big, headers=headers)
    body = show("POST /v1/papers (1 MB)", response)
    assert response.status_code == 413
    assert response.headers["connection"] == "close"

    # 4. A running attempt carries no key, and no bank id that could lead to one.
    who = {"X-Candidate-Id": "cand-42"}
    attempt = (await client.post("/v1/attempts", json={"paper_id": 1}, headers=who)).json()
    questions = f"/v1/attempts/{attempt['id']}/questions"
    during = (await client.get(questions, headers=who)).json()
    await client.post(f"/v1/attempts/{attempt['id']}/submission", headers=who)
    after = (await client.get(questions, headers=who)).json()
    hidden = ("external_id", "accepted_options", "dropped", "explanation")
    print("--- the paper has", len(during), "questions")
    print("during:", {k: during[0][k] for k in hidden})
    print("after: ", {k: after[0][k] is not None for k in hidden})
    assert all(q[k] is None for q in during for k in hidden)
    assert all(q["external_id"] and q["accepted_options"] for q in after)

    # 5. The bank: a student view for everyone, the editorial view for the credential only.
    url = f"/v1/questions/{after[0]['external_id']}"
    keys = {"answer", "answer_key", "explanation", "source"}
    student = (await client.get(url)).json()
    editor = (await client.get(url, headers=EDITOR)).json()
    forged = await client.get(url, headers={"X-Editor-Token": "guessing-0123456789"})
    page = (await client.get("/v1/questions", params={"limit": 100})).json()["items"]
    print("bank, no credential:  ", sorted(keys & student.keys()))
    print("bank, editor:         ", sorted(keys & editor.keys()))
    print("bank, wrong credential:", forged.status_code, forged.json()["title"])
    keyed = [item["external_id"] for item in page if keys & item.keys()]
    print("bank listing, no credential:", len(page), "questions, with a key:", len(keyed))
    assert not keys & student.keys()
    assert keys <= editor.keys()
    assert forged.status_code == 403
    assert not keyed


def check_openapi(schema: dict[str, Any]) -> None:
    print("--- documented responses")
    for path, method in (("/v1/papers", "post"), ("/v1/attempts/{attempt_id}/answers", "patch")):
        operation = schema["paths"][path][method]
        codes = {
            code: response["description"]
            for code, response in operation["responses"].items()
            if code != "200" and code != "201"
        }
        print(f"{operation['operationId']}: {codes}")
        problem = operation["responses"]["422"]["content"]
        assert "application/problem+json" in problem
        assert {"413", "415"} <= operation["responses"].keys()  # problem_responses(body=True)
    examples = schema["paths"]["/v1/papers"]["post"]["requestBody"]["content"]
    named = sorted(examples["application/json"]["examples"])
    print("create_paper examples:", named)
    assert named == ["mock", "practice"]


if __name__ == "__main__":
    asyncio.run(main())
