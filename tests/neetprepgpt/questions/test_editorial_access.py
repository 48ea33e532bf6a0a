"""The bank's keys are editorial: a candidate mid-mock must not be able to look them up.

Everyone reads questions without key or explanation; `X-Editor-Token` (compared in constant
time with NEETPREPGPT_EDITOR_TOKEN) unlocks keys, explanations and every write. Missing on a
write: 401 with a WWW-Authenticate hint; wrong anywhere: 403; no token configured: nobody.
"""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from neetprepgpt.config import Settings
from neetprepgpt.main import create_app

pytestmark = pytest.mark.usefixtures("seeded")

EDITORIAL_FIELDS = {"answer", "answer_key", "explanation", "source"}
NEW = {
    "external_id": "PHY-901",
    "subject": "physics",
    "chapter": "gravitation",
    "difficulty": "easy",
    "stem": "Which quantity is the same for all bodies falling freely at one place?",
    "options": {"A": "Speed", "B": "Acceleration", "C": "Momentum", "D": "Kinetic energy"},
    "answer": "B",
    "explanation": "Free fall near the surface: every body accelerates at g, whatever its mass.",
}
WRITES: list[tuple[str, str, Any]] = [
    ("POST", "/v1/questions", NEW),
    ("PATCH", "/v1/questions/PHY-001", {"difficulty": "hard"}),
    ("PUT", "/v1/questions/PHY-001/answer-key", {"accepted_options": ["A", "B", "C", "D"]}),
    ("DELETE", "/v1/questions/PHY-001", None),
]


async def test_students_read_questions_without_keys(client: httpx.AsyncClient) -> None:
    one = await client.get("/v1/questions/PHY-002")
    assert one.status_code == 200
    assert not EDITORIAL_FIELDS & set(one.json())
    assert one.json()["options"]  # the question itself is all there
    page = await client.get("/v1/questions", params={"subject": "physics", "limit": 50})
    assert page.status_code == 200
    items = page.json()["items"]
    assert items
    assert all(not EDITORIAL_FIELDS & set(item) for item in items)


async def test_editors_read_keys_and_explanations(editor: httpx.AsyncClient) -> None:
    one = (await editor.get("/v1/questions/PHY-002")).json()
    assert set(one) >= EDITORIAL_FIELDS
    items = (await editor.get("/v1/questions", params={"limit": 5})).json()["items"]
    assert all(set(item) >= EDITORIAL_FIELDS for item in items)


@pytest.mark.parametrize(("method", "url", "body"), WRITES)
async def test_writes_without_the_credential_are_401(
    client: httpx.AsyncClient, editor: httpx.AsyncClient, method: str, url: str, body: Any
) -> None:
    before = (await editor.get("/v1/questions/PHY-001")).json()
    response = await client.request(method, url, json=body)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert "X-Editor-Token" in response.headers["www-authenticate"]
    assert response.json()["type"].endswith("/editor-token-required")
    assert (await editor.get("/v1/questions/PHY-001")).json() == before  # nothing changed
    assert (await editor.get("/v1/questions/PHY-901")).status_code == 404


@pytest.mark.parametrize(("method", "url", "body"), WRITES)
async def test_a_wrong_credential_is_403(
    client: httpx.AsyncClient, method: str, url: str, body: Any
) -> None:
    headers = {"X-Editor-Token": "not-the-editor-token-at-all"}
    response = await client.request(method, url, json=body, headers=headers)
    assert response.status_code == 403
    assert response.json()["type"].endswith("/editor-token-rejected")


async def test_a_wrong_credential_is_refused_on_reads_too(client: httpx.AsyncClient) -> None:
    headers = {"X-Editor-Token": "a-guess-at-the-editor-token"}
    assert (await client.get("/v1/questions/PHY-002", headers=headers)).status_code == 403
    assert (await client.get("/v1/questions", headers=headers)).status_code == 403


async def test_a_malformed_write_without_credential_is_still_401(
    client: httpx.AsyncClient,
) -> None:
    """The credential is checked before the body: no field-by-field hints to strangers."""
    response = await client.post("/v1/questions", json={"stem": 1})
    assert response.status_code == 401


@pytest.fixture
async def locked_app(database_url: str, tmp_path: Path) -> AsyncIterator[FastAPI]:
    settings = Settings(database_url=database_url, data_dir=tmp_path, bootstrap_on_startup=False)
    assert settings.editor_token is None  # the default
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


async def test_without_a_configured_token_nobody_edits(locked_app: FastAPI) -> None:
    transport = httpx.ASGITransport(app=locked_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        for headers in ({}, {"X-Editor-Token": "anything-at-all-really"}):
            response = await http.post("/v1/questions", json=NEW, headers=headers)
            assert response.status_code == 403, headers
            assert "disabled" in response.json()["detail"]
        plain = await http.get("/v1/questions/PHY-002")
        assert plain.status_code == 200
        assert "answer" not in plain.json()


def test_editor_errors_are_in_openapi(app: FastAPI) -> None:
    paths = app.openapi()["paths"]
    for path, method in [
        ("/v1/questions", "post"),
        ("/v1/questions/{external_id}", "patch"),
        ("/v1/questions/{external_id}", "delete"),
        ("/v1/questions/{external_id}/answer-key", "put"),
    ]:
        assert {"401", "403"} <= set(paths[path][method]["responses"]), (path, method)
    assert "403" in paths["/v1/questions/{external_id}"]["get"]["responses"]
    assert "X-Editor-Token" in str(paths["/v1/questions/{external_id}"]["get"]["parameters"])
