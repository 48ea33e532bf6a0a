"""CRUD on the real NEETPrepGPT question bank, through HTTP, on a throwaway SQLite file.

The app is the real one (`create_app`), bootstrapped as a fresh install is: migrated, seeded
with the 400-question bank, and given its default NEET mock. Writing to the bank needs the
editor credential (`editor_token` in the settings, sent as `X-Editor-Token`). Every exchange
goes through `httpx.ASGITransport`, in memory; no port is opened.
"""

import asyncio
import tempfile
from pathlib import Path
from typing import Any

import httpx
from pydantic import SecretStr

from neetprepgpt.config import Settings
from neetprepgpt.main import create_app

EDITOR = {"X-Editor-Token": "an-editor-credential-for-s09"}
NEW_QUESTION: dict[str, Any] = {
    "external_id": "PHY-901",
    "subject": "physics",
    "chapter": "motion-in-a-straight-line",
    "difficulty": "easy",
    "stem": "A cart starts from rest at 3 m/s² for 2 s. What is its speed then?",
    "options": {"A": "3 m/s", "B": "6 m/s", "C": "9 m/s", "D": "12 m/s"},
    "answer": "B",
    "explanation": "v = u + at = 0 + 3 × 2 = 6 m/s.",
}


def show(response: httpx.Response, *fields: str) -> None:
    """One line per exchange: method, path, status, and the fields worth seeing."""
    request = response.request
    body = response.json() if response.content else {}
    picked = ", ".join(f"{name}={body.get(name)!r}" for name in fields if name in body)
    line = f"{request.method:6} {request.url.path:34} -> {response.status_code} {picked}"
    print(line.rstrip())


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            data_dir=Path(folder),
            bootstrap_on_startup=True,
            log_level="ERROR",
            editor_token=SecretStr(EDITOR["X-Editor-Token"]),
        )
        app = create_app(settings)
        transport = httpx.ASGITransport(app=app)
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=transport, base_url="http://neet.test") as http,
        ):
            anonymous = await http.post("/v1/questions", json=NEW_QUESTION)
            show(anonymous, "title")
            assert anonymous.status_code == 401  # no credential, no write

            created = await http.post("/v1/questions", json=NEW_QUESTION, headers=EDITOR)
            show(created, "external_id", "revision")
            assert created.status_code == 201
            assert created.headers["location"] == "http://neet.test/v1/questions/PHY-901"
            print(f"       Location: {created.headers['location']}")

            again = await http.post("/v1/questions", json=NEW_QUESTION, headers=EDITOR)
            show(again, "title")
            assert again.status_code == 409
            assert again.headers["content-type"] == "application/problem+json"

            read = await http.get("/v1/questions/PHY-901")  # a student's view: no key
            show(read, "chapter_name", "revision", "answer")
            assert read.json()["stem"] == NEW_QUESTION["stem"]
            assert "answer" not in read.json()

            # PATCH sends only what changes. Sending the same value is not a change.
            path = "/v1/questions/PHY-901"
            same = await http.patch(path, json={"difficulty": "easy"}, headers=EDITOR)
            show(same, "difficulty", "revision")
            assert same.json()["revision"] == 1
            edited = await http.patch(path, json={"difficulty": "medium"}, headers=EDITOR)
            show(edited, "difficulty", "revision")
            assert edited.json()["revision"] == 2
            assert edited.json()["stem"] == NEW_QUESTION["stem"]  # untouched fields stay

            # A question inside a paper cannot go. A candidate sits the default mock and
            # submits; only then does the review name the bank's ids. Try to delete the first.
            who = {"X-Candidate-Id": "aspirant-42"}
            attempt = await http.post("/v1/attempts", json={"paper_id": 1}, headers=who)
            submitted = await http.post(f"{attempt.headers['location']}/submission", headers=who)
            assert submitted.status_code == 200
            questions = await http.get(f"{attempt.headers['location']}/questions", headers=who)
            in_paper = questions.json()[0]["external_id"]
            refused = await http.delete(f"/v1/questions/{in_paper}", headers=EDITOR)
            show(refused, "title")
            assert refused.status_code == 409

            gone = await http.delete(path, headers=EDITOR)
            show(gone)
            assert gone.status_code == 204
            missing = await http.get(path)
            show(missing, "title")
            assert missing.status_code == 404


if __name__ == "__main__":
    asyncio.run(main())
