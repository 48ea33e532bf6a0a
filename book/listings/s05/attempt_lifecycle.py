"""An attempt's life in the real NEETPrepGPT app: create, autosave, retry, conflict, submit.

Shows PATCH with an optimistic `version`, a harmless retry, a stale write refused with 409,
an action modelled as a resource (`POST .../submission`), and privacy by 404.
"""

import asyncio
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import httpx

from neetprepgpt.config import Settings
from neetprepgpt.main import create_app

ME = {"X-Candidate-Id": "cand-42"}
SOMEONE_ELSE = {"X-Candidate-Id": "cand-77"}
EXAM_MORNING = datetime(2026, 5, 3, 8, 30, tzinfo=UTC)


def show(label: str, response: httpx.Response, note: str = "") -> None:
    print(f"{label:<44} -> {response.status_code} {note}".rstrip())


async def sit_a_paper(client: httpx.AsyncClient) -> None:
    practice = {"kind": "practice", "subject": "physics", "chapter": "gravitation", "size": 3}
    paper = await client.post("/v1/papers", json=practice)
    assert paper.status_code == 201
    assert paper.headers["location"].endswith(f"/v1/papers/{paper.json()['id']}")
    show("POST /v1/papers", paper, f"{paper.json()['question_count']} questions")

    started = await client.post("/v1/attempts", json={"paper_id": paper.json()["id"]}, headers=ME)
    attempt = started.json()
    url = httpx.URL(started.headers["location"]).path
    assert started.status_code == 201
    assert attempt["version"] == 1
    assert attempt["seconds_left"] == paper.json()["duration_minutes"] * 60
    show("POST /v1/attempts", started, f"version 1, Location: {url}")

    # Autosave: send the version you last saw and only what changed.
    save = {"version": 1, "answers": [{"position": 1, "selected": "A", "time_spent_ms": 40000}]}
    saved = await client.patch(f"{url}/answers", json=save, headers=ME)
    assert saved.status_code == 200
    assert saved.json()["version"] == 2
    show("PATCH .../answers (version 1)", saved, "saved, now version 2")

    # The response was lost and the client retries the very same save: nothing new happens.
    retry = await client.patch(f"{url}/answers", json=save, headers=ME)
    assert retry.status_code == 200
    assert retry.json()["version"] == 2
    show("PATCH .../answers (same save, retried)", retry, "already stored, still version 2")

    # A second tab still holding version 1 tries a different answer: refused, not merged.
    other_tab = {"version": 1, "answers": [{"position": 1, "selected": "D"}]}
    stale = await client.patch(f"{url}/answers", json=other_tab, headers=ME)
    assert stale.status_code == 409
    assert stale.headers["content-type"] == "application/problem+json"
    assert stale.json()["current_version"] == 2
    show("PATCH .../answers (stale version 1)", stale, f"{stale.json()['title']}, current 2")

    # Someone else cannot even see that the attempt exists.
    peek = await client.get(url, headers=SOMEONE_ELSE)
    assert peek.status_code == 404
    show("GET attempt as another candidate", peek, peek.json()["title"])

    # Submission is an action, so it is a resource the client creates, once.
    submitted = await client.post(f"{url}/submission", headers=ME)
    result = submitted.json()["result"]
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "submitted"
    assert result["correct"] + result["wrong"] + result["unanswered"] == 3
    assert result["score"] == 4 * result["correct"] - result["wrong"]
    assert result["unanswered"] == 2
    show("POST .../submission", submitted, "scored: +4 / -1 / 0 over 3 questions")
    twice = await client.post(f"{url}/submission", headers=ME)
    assert twice.status_code == 409
    show("POST .../submission (again)", twice, twice.json()["title"])
    late = await client.patch(f"{url}/answers", json={**save, "version": 3}, headers=ME)
    assert late.status_code == 409
    show("PATCH .../answers after submission", late, late.json()["title"])


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(Settings(data_dir=Path(folder), log_level="ERROR"))
        app.state.clock = lambda: EXAM_MORNING  # a fixed clock keeps the run reproducible
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://neet.test") as c:
                await sit_a_paper(c)


if __name__ == "__main__":
    asyncio.run(main())
