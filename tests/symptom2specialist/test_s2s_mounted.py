"""Mounted under another app (as `mastery serve` does), with the parent running its lifespan."""

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from symptom2specialist.config import Settings
from symptom2specialist.main import create_app


def test_mounted_service_works(tmp_path: Path) -> None:
    service = create_app(Settings(data_dir=tmp_path))

    @contextlib.asynccontextmanager
    async def lifespan(parent: FastAPI) -> AsyncIterator[None]:
        async with service.router.lifespan_context(service):
            yield

    parent = FastAPI(lifespan=lifespan)
    parent.mount("/symptom2specialist", service)
    with TestClient(parent) as client:
        answer = client.post("/symptom2specialist/v1/triage", json={"text": "toothache"})
        assert answer.status_code == 200
        assert answer.json()["specialists"][0]["id"] == "dentistry"
        conversation = client.post("/symptom2specialist/v1/conversations", json={}).json()
        with client.websocket_connect(
            f"/symptom2specialist/v1/conversations/{conversation['id']}/chat"
        ) as socket:
            assert socket.receive_json()["type"] == "ready"
        assert client.get("/symptom2specialist/readyz").json()["status"] == "ok"
