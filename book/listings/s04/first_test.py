"""A first app and its first tests: a Symptom2Specialist skeleton with health probes.

The app is built with the shared kit (`servicekit.app.create_service_app`), as both real
services are, so it gets `/healthz`, `/readyz`, problem-details errors and request ids. Its one
endpoint lists the five urgency levels, most urgent first, at the path the real bot uses. The
tests talk to it in memory through `httpx.ASGITransport`: no server, no port, no network.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import get_args

import httpx
from fastapi import APIRouter, FastAPI

from servicekit.app import create_service_app
from symptom2specialist.triage.levels import LevelId

LEVELS: tuple[LevelId, ...] = get_args(LevelId)  # the real vocabulary, most urgent first
router = APIRouter(prefix="/v1", tags=["knowledge"])


@router.get("/triage-levels")
async def list_levels() -> list[LevelId]:
    return list(LEVELS)


def create_app() -> FastAPI:
    rules: dict[str, bool] = {"loaded": False}

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        rules["loaded"] = True  # the real bot loads its red-flag rules and classifier here
        yield
        rules["loaded"] = False

    async def red_flag_rules_ready() -> bool:
        return rules["loaded"]

    return create_service_app(
        name="symptom2specialist",
        title="Symptom2Specialist Bot",
        version="0.1.0",
        description="Red flags first, then urgency and the right specialist.",
        lifespan=lifespan,
        routers=[router],
        readiness={"red_flag_rules": red_flag_rules_ready},
        max_body_bytes=16_384,
    )


@asynccontextmanager
async def client_for(app: FastAPI, *, lifespan: bool = True) -> AsyncIterator[httpx.AsyncClient]:
    """An in-memory client. ASGITransport sends no lifespan events, so run the lifespan here."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        if not lifespan:
            yield client
            return
        async with app.router.lifespan_context(app):
            yield client


# In tests/ these are collected by pytest as they are: asyncio_mode = "auto" runs async tests.
async def test_liveness_says_the_process_runs() -> None:
    async with client_for(create_app()) as client:
        response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "service": "symptom2specialist",
        "version": "0.1.0",
        "checks": {},
    }
    assert response.headers["x-request-id"]  # added by the kit's middleware


async def test_readiness_waits_for_the_rules() -> None:
    async with client_for(create_app(), lifespan=False) as client:
        response = await client.get("/readyz")  # lifespan never ran: no rules loaded
    assert response.status_code == 503
    assert response.json()["checks"] == {"red_flag_rules": False}

    async with client_for(create_app()) as client:
        response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"red_flag_rules": True}


async def test_first_endpoint_lists_levels_most_urgent_first() -> None:
    async with client_for(create_app()) as client:
        response = await client.get("/v1/triage-levels")
    assert response.status_code == 200
    assert response.json()[0] == "emergency_ambulance"
    assert response.json()[-1] == "self_care"
    assert len(response.json()) == 5


async def test_unknown_path_is_a_problem_not_a_crash() -> None:
    async with client_for(create_app()) as client:
        response = await client.get("/v1/triage-level")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


TESTS: list[Callable[[], Awaitable[None]]] = [
    test_liveness_says_the_process_runs,
    test_readiness_waits_for_the_rules,
    test_first_endpoint_lists_levels_most_urgent_first,
    test_unknown_path_is_a_problem_not_a_crash,
]


async def main() -> None:
    for test in TESTS:
        await test()
        print(f"PASSED {test.__name__}")


if __name__ == "__main__":
    asyncio.run(main())
