from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from pydantic import BaseModel, Field

from servicekit.app import create_service_app
from servicekit.problems import Conflict, NotFound, problem_responses


class Thing(BaseModel):
    name: str = Field(min_length=1, max_length=20)
    count: int = Field(ge=0)


router = APIRouter()


@router.post("/things", status_code=201, responses=problem_responses(Conflict))
async def create_thing(thing: Thing) -> Thing:
    if thing.name == "taken":
        raise Conflict("A thing named 'taken' already exists.")
    return thing


@router.get("/things/{name}", responses=problem_responses(NotFound))
async def read_thing(name: str) -> Thing:
    raise NotFound(f"Thing {name!r} does not exist.", thing=name)


@router.get("/crash")
async def crash() -> Thing:
    raise RuntimeError("secret internals")


async def always_ready() -> bool:
    return True


async def never_ready() -> bool:
    return False


def make_app(ready: bool = True) -> FastAPI:
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
        readiness={"db": always_ready if ready else never_ready},
        max_body_bytes=200,
    )


def client(app: FastAPI) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://test")


async def test_validation_error_names_the_field() -> None:
    async with client(make_app()) as http:
        response = await http.post("/things", json={"name": "", "count": -1})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert {issue["location"] for issue in body["errors"]} == {"body.name", "body.count"}
    assert "body.name" in body["detail"]


async def test_domain_errors_become_problem_details() -> None:
    async with client(make_app()) as http:
        missing = await http.get("/things/nope")
        taken = await http.post("/things", json={"name": "taken", "count": 1})
    assert missing.status_code == 404
    assert missing.json()["type"].endswith("/not-found")
    assert missing.json()["thing"] == "nope"
    assert missing.json()["instance"] == "/things/nope"
    assert taken.status_code == 409


async def test_unknown_route_and_method_are_problems() -> None:
    async with client(make_app()) as http:
        unknown = await http.get("/nowhere")
        wrong_method = await http.delete("/things")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"
    assert wrong_method.status_code == 405
    assert "allow" in wrong_method.headers


async def test_crash_is_a_traceable_500_without_internals() -> None:
    async with client(make_app()) as http:
        response = await http.get("/crash", headers={"x-request-id": "trace-me"})
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["x-request-id"] == "trace-me"
    assert "secret" not in response.text


@pytest.mark.parametrize("chunked", [False, True])
async def test_oversized_body_is_413(chunked: bool) -> None:
    payload = b'{"name": "' + b"x" * 500 + b'", "count": 1}'

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(payload), 50):
            yield payload[start : start + 50]

    async with client(make_app()) as http:
        content = chunks() if chunked else payload
        response = await http.post(
            "/things", content=content, headers={"content-type": "application/json"}
        )
    assert response.status_code == 413
    assert response.json()["status"] == 413


async def test_request_id_is_echoed_or_created() -> None:
    async with client(make_app()) as http:
        given = await http.get("/healthz", headers={"x-request-id": "abc-123"})
        created = await http.get("/healthz")
    assert given.headers["x-request-id"] == "abc-123"
    assert len(created.headers["x-request-id"]) == 32


async def test_readiness_reports_failing_checks() -> None:
    async with client(make_app(ready=False)) as http:
        response = await http.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"db": False}


def test_openapi_documents_problem_responses() -> None:
    schema = make_app().openapi()
    post = schema["paths"]["/things"]["post"]
    assert {"409", "422"} <= set(post["responses"])
