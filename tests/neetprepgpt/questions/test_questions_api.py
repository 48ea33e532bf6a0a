"""The question bank over HTTP: read, search, page, create, edit, correct the key, delete.

These tests act as an editor (`X-Editor-Token`); what everyone else may do and see is in
test_editorial_access.py.
"""

from typing import Any

import httpx
import pytest

from neetprepgpt.bank.loader import Bank

pytestmark = pytest.mark.usefixtures("seeded")

NEW = {
    "external_id": "PHY-900",
    "subject": "physics",
    "chapter": "gravitation",
    "difficulty": "medium",
    "stem": "Escape speed from a planet depends on which of these quantities?",
    "options": {
        "A": "Mass of the body",
        "B": "Planet's mass and radius",
        "C": "Launch angle",
        "D": "Time of day",
    },
    "answer": "B",
    "explanation": "v = √(2GM/R): only the planet's mass and radius appear.",
}


async def ids(editor: httpx.AsyncClient, **params: Any) -> list[str]:
    response = await editor.get("/v1/questions", params=params)
    assert response.status_code == 200, response.text
    return [item["external_id"] for item in response.json()["items"]]


async def test_get_question_by_id(editor: httpx.AsyncClient) -> None:
    response = await editor.get("/v1/questions/PHY-002")
    assert response.status_code == 200
    body = response.json()
    assert body["subject"] == "physics"
    assert body["chapter"] == "gravitation"
    assert body["answer_key"] == {"accepted_options": ["B"], "dropped": False, "note": None}
    assert body["source"] == "questions/physics.yaml"


async def test_unknown_question_is_404_problem(editor: httpx.AsyncClient) -> None:
    response = await editor.get("/v1/questions/PHY-999")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/question-not-found")


async def test_malformed_id_is_422_naming_the_field(editor: httpx.AsyncClient) -> None:
    response = await editor.get("/v1/questions/phy-1")
    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "path.external_id"


@pytest.mark.postgres
async def test_full_text_search_finds_words_in_stems(editor: httpx.AsyncClient) -> None:
    assert await ids(editor, q="satellite") == ["PHY-002"]
    assert await ids(editor, q="oxygen water") == ["BOT-001"]  # every word must match
    # Stemmed: "orbits" finds orbitals, an orbital speed, an orbiting station.
    assert await ids(editor, q="orbits") == ["CHE-001", "PHY-002", "PHY-003"]
    assert await ids(editor, q="satellite oxygen") == []


@pytest.mark.postgres
async def test_search_text_is_never_fts_syntax(editor: httpx.AsyncClient) -> None:
    for hostile in ['"', "AND OR NOT", "satellite*", "NEAR(a b)", "'; DROP TABLE questions;--"]:
        response = await editor.get("/v1/questions", params={"q": hostile})
        assert response.status_code in (200, 422), (hostile, response.text)


@pytest.mark.postgres
async def test_search_combines_with_filters(editor: httpx.AsyncClient) -> None:
    assert await ids(editor, q="synthetic", subject="botany", difficulty="hard", limit=100) == [
        f"BOT-{n:03d}" for n in range(3, 51) if n % 3 == 2
    ]
    assert await ids(editor, subject="physics", chapter="gravitation", q="astronaut") == ["PHY-003"]


async def test_filters_and_sort(editor: httpx.AsyncClient) -> None:
    newest = await ids(editor, subject="zoology", sort="-external_id", limit=2)
    assert newest == ["ZOO-050", "ZOO-049"]
    assert set(await ids(editor, format="match")) == {"ZOO-002"}


@pytest.mark.postgres
async def test_pages_cover_everything_once_even_with_inserts(editor: httpx.AsyncClient) -> None:
    seen: list[str] = []
    cursor = None
    inserted = False
    while True:
        params: dict[str, Any] = {"subject": "physics", "limit": 7}
        if cursor:
            params["cursor"] = cursor
        page = (await editor.get("/v1/questions", params=params)).json()
        seen += [item["external_id"] for item in page["items"]]
        if not inserted:  # a question lands before the cursor, another after it
            for external_id in ("PHY-000", "PHY-999"):
                created = await editor.post(
                    "/v1/questions", json=NEW | {"external_id": external_id}
                )
                assert created.status_code == 201
            inserted = True
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen))  # nothing repeated
    assert seen == sorted(seen)  # nothing shifted out of order
    assert "PHY-999" in seen
    assert "PHY-000" not in seen
    assert len(seen) == 51


async def test_bad_cursors_are_400(editor: httpx.AsyncClient) -> None:
    first = (await editor.get("/v1/questions", params={"limit": 1})).json()
    response = await editor.get(
        "/v1/questions", params={"cursor": first["next_cursor"], "sort": "created"}
    )
    assert response.status_code == 400
    assert response.json()["type"].endswith("/invalid-cursor")
    for junk in ("%%%", "bm90IGpzb24", "eyJzb3J0IjoiY3JlYXRlZCIsImFmdGVyIjoieCJ9"):
        assert (await editor.get("/v1/questions", params={"cursor": junk})).status_code == 400


async def test_limit_bounds(editor: httpx.AsyncClient) -> None:
    for limit in (0, 101, -1):
        response = await editor.get("/v1/questions", params={"limit": limit})
        assert response.status_code == 422
        assert response.json()["errors"][0]["location"] == "query.limit"


@pytest.mark.postgres
async def test_create_returns_201_with_location(editor: httpx.AsyncClient) -> None:
    response = await editor.post("/v1/questions", json=NEW)
    assert response.status_code == 201
    assert response.headers["location"] == "http://test/v1/questions/PHY-900"
    assert response.json()["source"] == "api"
    assert (await editor.get("/v1/questions/PHY-900")).status_code == 200
    assert await ids(editor, q="escape") == ["PHY-900"]


@pytest.mark.postgres
async def test_create_duplicate_is_409(editor: httpx.AsyncClient) -> None:
    response = await editor.post("/v1/questions", json=NEW | {"external_id": "PHY-001"})
    assert response.status_code == 409
    assert response.json()["type"].endswith("/question-exists")


@pytest.mark.parametrize(
    ("change", "location"),
    [
        ({"chapter": "astrology"}, "body.chapter"),
        ({"external_id": "CHE-900"}, "body.external_id"),
        ({"options": {"A": "x", "B": "x", "C": "y", "D": "z"}}, "body.options"),
        ({"options": {"A": "x", "B": "y", "C": "z"}}, "body.options"),
        ({"answer": "E"}, "body.answer"),
        ({"difficulty": "brutal"}, "body.difficulty"),
        ({"stem": "short"}, "body.stem"),
        ({"surprise": 1}, "body.surprise"),
    ],
)
async def test_create_rejects_bad_fields_by_name(
    editor: httpx.AsyncClient, change: dict[str, Any], location: str
) -> None:
    response = await editor.post("/v1/questions", json=NEW | change)
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["location"] == location
    assert (await editor.get("/v1/questions/PHY-900")).status_code == 404  # nothing written


async def test_patch_updates_content_and_revision(editor: httpx.AsyncClient) -> None:
    response = await editor.patch(
        "/v1/questions/PHY-001", json={"difficulty": "hard", "chapter": "gravitation"}
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["difficulty"], body["chapter"], body["revision"]) == ("hard", "gravitation", 2)
    bad = await editor.patch("/v1/questions/PHY-001", json={"chapter": "evolution"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["location"] == "body.chapter"
    assert (await editor.patch("/v1/questions/PHY-404", json={})).status_code == 404


@pytest.mark.postgres
async def test_answer_key_correction(editor: httpx.AsyncClient) -> None:
    response = await editor.put(
        "/v1/questions/PHY-001/answer-key",
        json={"accepted_options": ["B", "C"], "note": "Two readings of the data."},
    )
    assert response.status_code == 200
    assert response.json()["answer_key"]["accepted_options"] == ["B", "C"]
    empty = await editor.put("/v1/questions/PHY-001/answer-key", json={"accepted_options": []})
    assert empty.status_code == 422
    assert empty.json()["errors"][0]["location"] == "body.accepted_options"


@pytest.mark.postgres
async def test_delete(editor: httpx.AsyncClient, seeded: Bank) -> None:
    assert (await editor.post("/v1/questions", json=NEW)).status_code == 201
    assert (await editor.delete("/v1/questions/PHY-900")).status_code == 204
    assert (await editor.get("/v1/questions/PHY-900")).status_code == 404
    assert (await editor.delete("/v1/questions/PHY-900")).status_code == 404
    paper = await editor.post("/v1/papers", json={"kind": "mock", "seed": 1})
    assert paper.status_code == 201
    used = (await editor.get(f"/v1/attempts/{0}", headers={"X-Candidate-Id": "x"})).status_code
    assert used == 422
    in_paper = await editor.post(
        "/v1/attempts", json={"paper_id": paper.json()["id"]}, headers={"X-Candidate-Id": "c"}
    )
    assert in_paper.status_code == 201
    url = f"/v1/attempts/{in_paper.json()['id']}"
    submitted = await editor.post(f"{url}/submission", headers={"X-Candidate-Id": "c"})
    assert submitted.status_code == 200  # the bank ids show once the attempt is over
    questions = await editor.get(f"{url}/questions", headers={"X-Candidate-Id": "c"})
    first = questions.json()[0]["external_id"]
    refused = await editor.delete(f"/v1/questions/{first}")
    assert refused.status_code == 409
    assert refused.json()["type"].endswith("/question-in-use")
