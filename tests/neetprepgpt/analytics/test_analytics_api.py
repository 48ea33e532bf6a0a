"""Analytics of a submitted attempt: breakdowns, weakest chapters, percentile among peers."""

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

PaperKeys = Callable[[int], Awaitable[dict[int, str]]]  # the `paper_keys` fixture (conftest.py)

pytestmark = [pytest.mark.usefixtures("seeded"), pytest.mark.postgres]


async def sit(
    client: httpx.AsyncClient,
    paper_keys: PaperKeys,
    paper_id: int,
    candidate: str,
    right: set[int],
    wrong: set[int],
) -> dict[str, Any]:
    """Answer positions in `right` correctly and those in `wrong` wrongly, 20 s each; submit."""
    headers = {"X-Candidate-Id": candidate}
    attempt = (
        await client.post("/v1/attempts", json={"paper_id": paper_id}, headers=headers)
    ).json()
    url = f"/v1/attempts/{attempt['id']}"
    questions = (await client.get(f"{url}/questions", headers=headers)).json()
    keys = await paper_keys(paper_id)
    answers = []
    for q in questions:
        if q["position"] in right | wrong:
            key = keys[q["position"]]
            chosen = key if q["position"] in right else {"A": "B"}.get(key, "A")
            answers.append({"position": q["position"], "selected": chosen, "time_spent_ms": 20_000})
    if answers:
        saved = await client.patch(
            f"{url}/answers", json={"version": 1, "answers": answers}, headers=headers
        )
        assert saved.status_code == 200
    assert (await client.post(f"{url}/submission", headers=headers)).status_code == 200
    report = await client.get(f"{url}/analytics", headers=headers)
    assert report.status_code == 200, report.text
    analytics: dict[str, Any] = report.json()
    return analytics


async def test_breakdown_by_subject_and_chapter(
    client: httpx.AsyncClient, paper_keys: PaperKeys
) -> None:
    paper = (await client.post("/v1/papers", json={"kind": "mock", "seed": 3})).json()
    right = set(range(1, 31)) | set(range(46, 56))  # physics 1-45, chemistry 46-90
    wrong = set(range(31, 41))
    report = await sit(client, paper_keys, paper["id"], "cand-1", right, wrong)

    overall = report["overall"]
    assert (overall["correct"], overall["wrong"], overall["unanswered"]) == (40, 10, 130)
    assert overall["score"] == 40 * 4 - 10
    assert (overall["max_marks"], overall["accuracy"]) == (720, 0.8)
    assert overall["time_spent_ms"] == 50 * 20_000

    subjects = {s["subject"]: s for s in report["subjects"]}
    assert list(subjects) == ["physics", "chemistry", "botany", "zoology"]
    assert (subjects["physics"]["score"], subjects["physics"]["accuracy"]) == (110, 0.75)
    assert (subjects["chemistry"]["score"], subjects["chemistry"]["accuracy"]) == (40, 1.0)
    assert subjects["botany"]["accuracy"] is None
    assert sum(c["questions"] for c in report["chapters"]) == 180
    assert sum(c["score"] for c in report["chapters"]) == overall["score"]

    weakest = report["weakest_chapters"]
    assert 1 <= len(weakest) <= 5
    shares = [c["score"] / c["max_marks"] for c in weakest]
    assert shares == sorted(shares)
    assert all(c["score"] < c["max_marks"] for c in weakest)
    assert report["standing"] == {"percentile": 100.0, "attempts": 1}


async def test_percentile_among_attempts_of_the_same_paper(
    client: httpx.AsyncClient, paper_keys: PaperKeys
) -> None:
    body = {"kind": "practice", "subject": "zoology", "chapter": "evolution", "size": 4}
    paper = (await client.post("/v1/papers", json=body)).json()
    other = (await client.post("/v1/papers", json=body)).json()
    await sit(client, paper_keys, other["id"], "elsewhere", {1, 2, 3, 4}, set())  # not compared
    scores = {}
    for candidate, right in (("a", set()), ("b", {1}), ("c", {1, 2}), ("d", {1, 2, 3})):
        scores[candidate] = (await sit(client, paper_keys, paper["id"], candidate, right, set()))[
            "standing"
        ]
    assert scores["d"] == {"percentile": 100.0, "attempts": 4}
    # Re-read the first: later attempts changed where it stands (NTA: share scoring ≤ mine).
    first = (await client.get("/v1/attempts", headers={"X-Candidate-Id": "a"})).json()["items"][0]
    report = await client.get(
        f"/v1/attempts/{first['id']}/analytics", headers={"X-Candidate-Id": "a"}
    )
    assert report.json()["standing"] == {"percentile": 25.0, "attempts": 4}


async def test_analytics_need_a_submitted_attempt(client: httpx.AsyncClient) -> None:
    body = {"kind": "practice", "subject": "botany", "chapter": "ecosystem", "size": 2}
    paper = (await client.post("/v1/papers", json=body)).json()
    headers = {"X-Candidate-Id": "early"}
    attempt = (
        await client.post("/v1/attempts", json={"paper_id": paper["id"]}, headers=headers)
    ).json()
    response = await client.get(f"/v1/attempts/{attempt['id']}/analytics", headers=headers)
    assert response.status_code == 409
    assert response.json()["type"].endswith("/attempt-not-submitted")
