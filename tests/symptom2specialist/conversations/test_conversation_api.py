"""Conversations over HTTP, persisted on SQLite and on PostgreSQL, with retention."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from servicekit.db import Database
from symptom2specialist.config import Settings
from symptom2specialist.conversations.models import Conversation, Message
from symptom2specialist.main import create_app


@pytest.fixture(params=["sqlite", "postgresql"], scope="module")
def backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    data_dir = tmp_path_factory.mktemp("conversations")
    if request.param == "sqlite":
        return Settings(data_dir=data_dir, max_messages=3, environment="test")
    url: str = request.getfixturevalue("postgres_database")
    return Settings(data_dir=data_dir, database_url=url, max_messages=3, environment="test")


@pytest.fixture(scope="module")
def api(backend: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(backend), raise_server_exceptions=False) as test_client:
        yield test_client


def test_conversation_refines_the_answer(api: TestClient) -> None:
    created = api.post("/v1/conversations", json={"age": 52, "text": "I have chest pain"})
    assert created.status_code == 201
    conversation = created.json()
    assert conversation["assessment"]["emergency"] is False
    assert conversation["expires_at"] > conversation["created_at"]

    added = api.post(
        f"/v1/conversations/{conversation['id']}/messages", json={"text": "now sweating a lot"}
    )
    assert added.status_code == 201
    refined = added.json()["assessment"]
    assert refined["emergency"] is True
    assert refined["red_flags"][0]["id"] == "cardiac_chest_pain"

    fetched = api.get(f"/v1/conversations/{conversation['id']}").json()
    assert [m["text"] for m in fetched["messages"]] == ["I have chest pain", "now sweating a lot"]
    assert fetched["assessment"] == refined


def test_negation_does_not_leak_between_messages(api: TestClient) -> None:
    conversation = api.post("/v1/conversations", json={"text": "I have no fever"}).json()
    answer = api.post(
        f"/v1/conversations/{conversation['id']}/messages", json={"text": "chest pain, sweating"}
    ).json()
    assert answer["assessment"]["emergency"] is True


def test_empty_conversation_has_no_assessment_yet(api: TestClient) -> None:
    created = api.post("/v1/conversations", json={"age": 8}).json()
    assert created["assessment"] is None
    first = api.post(f"/v1/conversations/{created['id']}/messages", json={"text": "ear ache"})
    assert first.json()["assessment"]["specialists"][0]["id"] == "paediatrics"


def test_full_conversation_is_409(api: TestClient) -> None:
    conversation_id = api.post("/v1/conversations", json={"text": "cough"}).json()["id"]
    for text in ("still coughing", "a little fever"):
        assert (
            api.post(
                f"/v1/conversations/{conversation_id}/messages", json={"text": text}
            ).status_code
            == 201
        )
    full = api.post(f"/v1/conversations/{conversation_id}/messages", json={"text": "more"})
    assert full.status_code == 409
    assert full.json()["type"].endswith("conversation-full")


def test_unknown_and_malformed_ids(api: TestClient) -> None:
    missing = api.get("/v1/conversations/" + "0" * 32)
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert api.get("/v1/conversations/not-an-id").status_code == 422


def test_bad_message_is_422(api: TestClient) -> None:
    conversation_id = api.post("/v1/conversations", json={}).json()["id"]
    for body in ({"text": ""}, {"text": "🙏🙏"}, {"text": 5}, {"text": "x" * 20_000}):
        response = api.post(f"/v1/conversations/{conversation_id}/messages", json=body)
        assert response.status_code == 422
    assert api.get(f"/v1/conversations/{conversation_id}").json()["messages"] == []


def test_delete_erases_the_conversation(api: TestClient) -> None:
    conversation_id = api.post("/v1/conversations", json={"text": "rash"}).json()["id"]
    assert api.delete(f"/v1/conversations/{conversation_id}").status_code == 204
    assert api.get(f"/v1/conversations/{conversation_id}").status_code == 404
    assert api.delete(f"/v1/conversations/{conversation_id}").status_code == 404


async def test_retention_hides_then_purges_old_conversations(
    api: TestClient, backend: Settings
) -> None:
    old_id = api.post("/v1/conversations", json={"text": "old cough"}).json()["id"]
    new_id = api.post("/v1/conversations", json={"text": "new cough"}).json()["id"]
    database = Database(backend.resolved_database_url("symptom2specialist"))
    try:
        long_ago = datetime.now(UTC) - timedelta(hours=backend.retention_hours + 1)
        async with database.sessions() as session:
            await session.execute(
                update(Conversation).where(Conversation.id == old_id).values(updated_at=long_ago)
            )
            await session.commit()
        # Expired but not yet purged already reads as gone.
        assert api.get(f"/v1/conversations/{old_id}").status_code == 404

        runtime = api.app.state.runtime  # type: ignore[attr-defined]
        async with database.sessions() as session:
            deleted = await runtime.conversations(session).purge_expired()
        assert deleted >= 1
        async with database.sessions() as session:
            left = await session.scalar(
                select(func.count()).select_from(Message).where(Message.conversation_id == old_id)
            )
            assert left == 0  # messages went with their conversation
            assert await session.get(Conversation, new_id) is not None
    finally:
        await database.dispose()


def test_stored_rows_hold_no_extra_personal_data() -> None:
    columns = {c.name for c in Conversation.__table__.columns}
    assert columns == {"id", "age", "sex", "duration", "created_at", "updated_at"}


def test_the_configured_database_is_the_one_in_use(backend: Settings, api: TestClient) -> None:
    assert api.get("/readyz").json()["checks"]["database"] is True
    url = api.app.state.runtime.database.url  # type: ignore[attr-defined]
    if backend.database_url:
        assert url == backend.database_url
    else:
        assert url.startswith("sqlite+aiosqlite:")
        assert (Path(backend.data_dir) / "symptom2specialist.db").exists()


def test_created_conversation_has_a_location_that_reads_it(api: TestClient) -> None:
    created = api.post("/v1/conversations", json={"text": "itchy rash on my arm"})
    assert created.status_code == 201
    location = created.headers["location"]
    assert location.endswith(f"/v1/conversations/{created.json()['id']}")
    assert api.get(location).json()["id"] == created.json()["id"]


def test_body_routes_document_413_and_415(api: TestClient) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    for path in ("/v1/conversations", "/v1/conversations/{conversation_id}/messages"):
        assert {"413", "415", "422"} <= set(paths[path]["post"]["responses"])
