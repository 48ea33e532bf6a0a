"""The kit's HTTP edges: a complete Allow on 405, 415 for non-JSON bodies, 503 when the
database is saturated, and the documented 413/415 on routes with a body."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import ClassVar

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI
from pydantic import BaseModel
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from servicekit.app import create_service_app
from servicekit.http import require_json
from servicekit.problems import ProblemError, problem_responses

router = APIRouter()


class Note(BaseModel):
    text: str


class NeedsKey(ProblemError):
    status = 401
    slug = "needs-key"
    title = "Needs Key"
    headers: ClassVar[dict[str, str]] = {"WWW-Authenticate": 'Key realm="demo"'}


@router.get("/notes/{note_id}")
async def read_note(note_id: int) -> Note:
    return Note(text=str(note_id))


@router.patch(
    "/notes/{note_id}",
    dependencies=[Depends(require_json)],
    responses=problem_responses(body=True),
)
async def edit_note(note_id: int, note: Note) -> Note:
    return note


@router.delete("/notes/{note_id}", status_code=204)
async def delete_note(note_id: int) -> None:
    return None


@router.get("/locked")
async def locked() -> None:
    raise OperationalError("UPDATE t", {}, Exception("database is locked"))


@router.get("/other-db-error")
async def other_db_error() -> None:
    raise OperationalError("SELECT", {}, Exception("no such table: t"))


@router.get("/saturated")
async def saturated() -> None:
    raise PoolTimeout("QueuePool limit of size 10 overflow 10 reached")


@router.get("/key")
async def key() -> None:
    raise NeedsKey("Send a key.")


def make_app() -> FastAPI:
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield

    return create_service_app(
        name="demo",
        title="Demo",
        version="1.0",
        description="test",
        lifespan=lifespan,
        routers=[router],
        readiness={},
        max_body_bytes=1000,
    )


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=make_app(), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


async def test_405_allows_every_method_of_every_matching_route(http: httpx.AsyncClient) -> None:
    response = await http.post("/notes/1", json={"text": "x"})
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    allowed = {method.strip() for method in response.headers["allow"].split(",")}
    assert allowed == {"GET", "PATCH", "DELETE"}  # all three routes, not just the first


async def test_non_json_body_is_415(http: httpx.AsyncClient) -> None:
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "image/png"):
        response = await http.patch(
            "/notes/1", content=b'{"text": "x"}', headers={"content-type": content_type}
        )
        assert response.status_code == 415, content_type
        assert response.json()["type"].endswith("/unsupported-media-type")
    missing = await http.patch("/notes/1", content=b'{"text": "x"}')
    assert missing.status_code == 415
    assert "no content type" in missing.json()["detail"]


async def test_json_and_json_suffix_bodies_pass(http: httpx.AsyncClient) -> None:
    for content_type in ("application/json; charset=utf-8", "application/merge-patch+json"):
        response = await http.patch(
            "/notes/1", content=b'{"text": "x"}', headers={"content-type": content_type}
        )
        assert response.status_code == 200, content_type


async def test_locked_database_is_503_with_retry_after(http: httpx.AsyncClient) -> None:
    response = await http.get("/locked")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "1"
    assert response.json()["type"].endswith("/database-busy")
    other = await http.get("/other-db-error")
    assert other.status_code == 500
    assert "no such table" not in other.text


async def test_pool_timeout_is_503_with_retry_after(http: httpx.AsyncClient) -> None:
    response = await http.get("/saturated")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "1"
    assert response.headers["content-type"] == "application/problem+json"


async def test_problem_errors_carry_their_headers(http: httpx.AsyncClient) -> None:
    response = await http.get("/key")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Key realm="demo"'


def test_routes_with_a_body_document_413_and_415() -> None:
    operation = make_app().openapi()["paths"]["/notes/{note_id}"]["patch"]
    assert {"413", "415", "422"} <= set(operation["responses"])
    assert "content" in operation["responses"]["413"]
    assert "application/problem+json" in operation["responses"]["415"]["content"]
