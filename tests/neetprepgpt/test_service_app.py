"""The app as a whole: fresh-start bootstrap, catalog, health, limits, OpenAPI, the CLI."""

from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from neetprepgpt.__main__ import main
from neetprepgpt.config import Settings
from neetprepgpt.main import create_app


async def test_fresh_install_serves_a_full_mock(tmp_path: Path) -> None:
    """Embedded SQLite, nothing prepared: the lifespan migrates, seeds the real bank, builds."""
    app = create_app(Settings(data_dir=tmp_path))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            papers = (await client.get("/v1/papers")).json()["items"]
            assert len(papers) == 1
            mock = papers[0]
            assert (mock["question_count"], mock["max_marks"]) == (180, 720)
            assert [s["questions"] for s in mock["sections"]] == [45, 45, 45, 45]
            assert (await client.get("/readyz")).json()["checks"] == {"database": True}
    assert (tmp_path / "neetprepgpt.db").exists()
    again = create_app(Settings(data_dir=tmp_path))  # a restart changes nothing
    async with again.router.lifespan_context(again):
        transport = httpx.ASGITransport(app=again)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            assert len((await client.get("/v1/papers")).json()["items"]) == 1


@pytest.mark.usefixtures("seeded")
async def test_subjects_and_chapters(client: httpx.AsyncClient) -> None:
    subjects = (await client.get("/v1/subjects")).json()
    assert [s["key"] for s in subjects] == ["physics", "chemistry", "botany", "zoology"]
    physics = (await client.get("/v1/subjects/physics")).json()
    assert physics["chapters"][1] == {
        "slug": "gravitation",
        "name": "Gravitation",
        "class_level": 11,
    }
    missing = await client.get("/v1/subjects/maths")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"


async def test_oversized_body_is_413(client: httpx.AsyncClient, app: FastAPI) -> None:
    huge = "x" * 1_100_000
    response = await client.post(
        "/v1/questions", content=huge, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["type"].endswith("/payload-too-large")


async def test_malformed_json_is_422_not_500(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/papers", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


async def test_unknown_route_is_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


async def test_openapi_has_stable_operation_ids_and_problem_responses(
    client: httpx.AsyncClient,
) -> None:
    spec = (await client.get("/openapi.json")).json()
    operations = {op["operationId"]: op for path in spec["paths"].values() for op in path.values()}
    assert {
        "list_subjects",
        "get_subject",
        "list_questions",
        "create_question",
        "get_question",
        "update_question",
        "set_answer_key",
        "delete_question",
        "create_paper",
        "list_papers",
        "get_paper",
        "start_attempt",
        "list_attempts",
        "get_attempt",
        "list_attempt_questions",
        "save_answers",
        "submit_attempt",
        "get_attempt_analytics",
    } <= set(operations)
    save = operations["save_answers"]
    assert {"404", "409", "422"} <= set(save["responses"])
    assert "application/problem+json" in save["responses"]["409"]["content"]
    create = operations["create_paper"]["requestBody"]["content"]["application/json"]
    assert set(create["examples"]) == {"mock", "practice"}
    autosave = save["requestBody"]["content"]["application/json"]
    assert set(autosave["examples"]) == {"answer", "clear"}


def test_cli_check_bank_and_seed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEETPREPGPT_DATA_DIR", str(tmp_path))
    assert main(["check-bank"]) == 0
    assert "Bank is valid" in capsys.readouterr().out
    assert main(["seed"]) == 0
    assert "questions:" in capsys.readouterr().out
    assert main(["migrate"]) == 0
    broken = tmp_path / "broken"
    (broken / "questions").mkdir(parents=True)
    (broken / "chapters.yaml").write_text("subjects: []\n")
    assert main(["check-bank", "--data-dir", str(broken)]) == 1
    assert "chapters.yaml: subjects" in capsys.readouterr().err


@pytest.mark.usefixtures("seeded")
async def test_mounted_under_a_prefix_like_mastery_serve(app: FastAPI) -> None:
    """Under a mount, links and docs carry the prefix (the app's lifespan is already running)."""
    from starlette.applications import Starlette
    from starlette.routing import Mount

    outer = Starlette(routes=[Mount("/neetprepgpt", app=app)])
    transport = httpx.ASGITransport(app=outer)
    async with httpx.AsyncClient(transport=transport, base_url="http://guide") as client:
        created = await client.post("/neetprepgpt/v1/papers", json={"kind": "mock", "seed": 2})
        assert created.status_code == 201
        paper_id = created.json()["id"]
        assert created.headers["location"] == f"http://guide/neetprepgpt/v1/papers/{paper_id}"
        assert (await client.get(created.headers["location"])).status_code == 200
        docs = await client.get("/neetprepgpt/docs")
        assert "/neetprepgpt/openapi.json" in docs.text


async def test_a_locked_database_is_503_not_500(app: FastAPI, client: httpx.AsyncClient) -> None:
    import sqlite3

    from sqlalchemy.exc import OperationalError

    async def locked() -> None:
        raise OperationalError(
            "BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked")
        )

    async def broken() -> None:
        raise OperationalError("SELECT", {}, sqlite3.OperationalError("no such table: x"))

    app.add_api_route("/test-locked", locked)
    app.add_api_route("/test-broken", broken)
    busy = await client.get("/test-locked")
    assert busy.status_code == 503
    assert busy.headers["retry-after"] == "1"
    assert busy.json()["type"].endswith("/database-busy")
    failed = await client.get("/test-broken")
    assert failed.status_code == 500
    assert "no such table" not in failed.text  # nothing internal leaks
