"""Hostile and malformed input anywhere gets a 4xx problem, never a 500, on both databases."""

from typing import Any
from urllib.parse import quote

import httpx
import pytest

pytestmark = [pytest.mark.usefixtures("seeded"), pytest.mark.postgres]

ME = {"X-Candidate-Id": "cand-1"}
JUNK_TEXT = [
    "\x00",
    "a\x00b",
    "é" * 300,
    "🧪" * 50,
    "' OR 1=1 --",
    '"unclosed',
    "*",
    "NEAR(",
    "x" * 5000,
]
JUNK_JSON: list[Any] = [None, 1, "s", [], {}, {"version": "1"}, [{"position": 1}], 1e308, -(2**70)]


@pytest.mark.parametrize("text", JUNK_TEXT)
async def test_junk_in_query_strings(client: httpx.AsyncClient, text: str) -> None:
    for params in (
        {"q": text},
        {"chapter": text},
        {"cursor": text},
        {"sort": text},
        {"limit": text},
    ):
        response = await client.get("/v1/questions", params=params)
        assert response.status_code in (200, 400, 422), (params, response.text)
    part = quote(text, safe="")
    for path in (f"/v1/questions/{part}", f"/v1/papers/{part}", f"/v1/subjects/{part}"):
        assert (await client.get(path)).status_code in (404, 422)
    response = await client.get(
        "/v1/attempts", headers={"X-Candidate-Id": text.encode().hex()[:80]}
    )
    assert response.status_code in (200, 422)


@pytest.mark.parametrize("body", JUNK_JSON)
async def test_junk_bodies(editor: httpx.AsyncClient, body: Any) -> None:
    client = editor  # past the credential check, so the junk reaches validation
    paper = (await client.post("/v1/papers", json={"kind": "mock", "seed": 1})).json()
    attempt = (await client.post("/v1/attempts", json={"paper_id": paper["id"]}, headers=ME)).json()
    targets = [
        ("POST", "/v1/questions"),
        ("PATCH", "/v1/questions/PHY-001"),
        ("PUT", "/v1/questions/PHY-001/answer-key"),
        ("POST", "/v1/papers"),
        ("POST", "/v1/attempts"),
        ("PATCH", f"/v1/attempts/{attempt['id']}/answers"),
    ]
    for method, url in targets:
        response = await client.request(method, url, json=body, headers=ME)
        assert response.status_code < 500, (method, url, body, response.text)
        if response.status_code >= 400:
            assert response.headers["content-type"] == "application/problem+json"
        else:  # only an empty edit is valid here, and it changes nothing
            assert (method, body) == ("PATCH", {})


async def test_nul_in_question_text_is_422(editor: httpx.AsyncClient) -> None:
    response = await editor.patch(
        "/v1/questions/PHY-001", json={"stem": "A stem with \x00 inside it"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "body.stem"


async def test_huge_ids_are_422_not_overflow(client: httpx.AsyncClient) -> None:
    for url in ("/v1/papers/99999999999", "/v1/attempts/99999999999"):
        assert (await client.get(url, headers=ME)).status_code == 422
    response = await client.post("/v1/attempts", json={"paper_id": 2**40}, headers=ME)
    assert response.status_code == 422


async def test_forged_cursor_with_a_nul_is_400(client: httpx.AsyncClient) -> None:
    from servicekit.pagination import encode_cursor

    forged = encode_cursor({"sort": "external_id", "after": "PHY\x00"})
    response = await client.get("/v1/questions", params={"cursor": forged})
    assert response.status_code == 400
