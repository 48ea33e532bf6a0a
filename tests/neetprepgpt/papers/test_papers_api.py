"""Papers: a NEET mock has 45 distinct questions per subject, in order; practice sets too."""

import random
from collections import Counter

import httpx
import pytest

from neetprepgpt.papers.service import spread_pick

pytestmark = pytest.mark.usefixtures("seeded")
CANDIDATE = {"X-Candidate-Id": "cand-1"}


async def paper_questions(client: httpx.AsyncClient, paper_id: int) -> list[dict[str, str]]:
    """The paper's questions as a candidate reviews them: sat and submitted (bank ids shown)."""
    attempt = await client.post("/v1/attempts", json={"paper_id": paper_id}, headers=CANDIDATE)
    assert attempt.status_code == 201
    url = f"/v1/attempts/{attempt.json()['id']}"
    assert (await client.post(f"{url}/submission", headers=CANDIDATE)).status_code == 200
    response = await client.get(f"{url}/questions", headers=CANDIDATE)
    assert response.status_code == 200
    questions: list[dict[str, str]] = response.json()
    return questions


@pytest.mark.postgres
async def test_mock_has_45_distinct_questions_per_subject(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/papers", json={"kind": "mock", "seed": 11})
    assert response.status_code == 201
    paper = response.json()
    assert response.headers["location"] == f"http://test/v1/papers/{paper['id']}"
    assert (paper["question_count"], paper["max_marks"], paper["duration_minutes"]) == (
        180,
        720,
        180,
    )
    assert paper["marking"] == {"correct": 4, "wrong": -1, "unanswered": 0}
    assert [(s["subject"], s["questions"], s["first_position"]) for s in paper["sections"]] == [
        ("physics", 45, 1),
        ("chemistry", 45, 46),
        ("botany", 45, 91),
        ("zoology", 45, 136),
    ]
    questions = await paper_questions(client, paper["id"])
    assert [q["position"] for q in questions] == list(range(1, 181))
    assert len({q["external_id"] for q in questions}) == 180
    assert Counter(q["subject"] for q in questions) == dict.fromkeys(
        ["physics", "chemistry", "botany", "zoology"], 45
    )


@pytest.mark.postgres
async def test_same_seed_same_paper(client: httpx.AsyncClient) -> None:
    first = (await client.post("/v1/papers", json={"kind": "mock", "seed": 5})).json()
    second = (await client.post("/v1/papers", json={"kind": "mock", "seed": 5})).json()
    other = (await client.post("/v1/papers", json={"kind": "mock", "seed": 6})).json()
    a, b, c = [
        [q["external_id"] for q in await paper_questions(client, p["id"])]
        for p in (first, second, other)
    ]
    assert a == b
    assert a != c


async def test_practice_set_for_one_chapter(client: httpx.AsyncClient) -> None:
    body = {"kind": "practice", "subject": "physics", "chapter": "gravitation", "size": 5}
    response = await client.post("/v1/papers", json=body)
    assert response.status_code == 201
    paper = response.json()
    assert (paper["kind"], paper["chapter"], paper["duration_minutes"]) == (
        "practice",
        "gravitation",
        5,
    )
    questions = await paper_questions(client, paper["id"])
    assert len(questions) == 5
    assert {q["chapter"] for q in questions} == {"gravitation"}


async def test_not_enough_questions_is_409(client: httpx.AsyncClient) -> None:
    body = {"kind": "practice", "subject": "physics", "chapter": "gravitation", "size": 45}
    response = await client.post("/v1/papers", json=body)
    assert response.status_code == 409
    problem = response.json()
    assert problem["type"].endswith("/not-enough-questions")
    assert (problem["available"], problem["needed"]) == (25, 45)


@pytest.mark.parametrize(
    ("body", "location"),
    [
        ({"kind": "exam"}, "body"),
        ({"kind": "mock", "pattern": "NEET_1999"}, "body.mock.pattern"),
        ({"kind": "mock", "seed": -1}, "body.mock.seed"),
        ({"kind": "practice", "subject": "physics", "chapter": "evolution"}, "body.chapter"),
        ({"kind": "practice", "subject": "maths", "chapter": "sets"}, "body.practice.subject"),
        (
            {"kind": "practice", "subject": "physics", "chapter": "gravitation", "size": 0},
            "body.practice.size",
        ),
    ],
)
async def test_bad_paper_requests_name_the_field(
    client: httpx.AsyncClient, body: dict[str, object], location: str
) -> None:
    response = await client.post("/v1/papers", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["location"] == location
    assert (await client.get("/v1/papers")).json()["items"] == []  # nothing half-written


@pytest.mark.postgres
async def test_list_and_get_papers(client: httpx.AsyncClient) -> None:
    for seed in range(3):
        await client.post("/v1/papers", json={"kind": "mock", "seed": seed})
    await client.post(
        "/v1/papers", json={"kind": "practice", "subject": "botany", "chapter": "ecosystem"}
    )
    first = (await client.get("/v1/papers", params={"limit": 2})).json()
    second = (await client.get("/v1/papers", params={"cursor": first["next_cursor"]})).json()
    assert [p["id"] for p in first["items"] + second["items"]] == [1, 2, 3, 4]
    practice = (await client.get("/v1/papers", params={"kind": "practice"})).json()["items"]
    assert [p["id"] for p in practice] == [4]
    assert (await client.get("/v1/papers/4")).json()["chapter"] == "ecosystem"
    assert (await client.get("/v1/papers/99")).status_code == 404


def test_spread_pick_covers_chapters_evenly() -> None:
    pool = [(n, n % 5) for n in range(1, 101)]  # five chapters, twenty questions each
    picked = spread_pick(pool, 45, random.Random(3))
    assert len(set(picked)) == 45
    per_chapter = Counter(n % 5 for n in picked)
    assert max(per_chapter.values()) - min(per_chapter.values()) <= 1
