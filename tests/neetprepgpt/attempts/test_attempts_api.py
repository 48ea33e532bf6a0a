"""Sitting a paper over HTTP: autosave with versions, time limit, submit once, ownership."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import httpx
import pytest

PaperKeys = Callable[[int], Awaitable[dict[int, str]]]  # the `paper_keys` fixture (conftest.py)


class FakeClock(Protocol):  # the `clock` fixture (conftest.py)
    def advance(self, **delta: float) -> None: ...


pytestmark = pytest.mark.usefixtures("seeded")
ME = {"X-Candidate-Id": "cand-1"}
SOMEONE_ELSE = {"X-Candidate-Id": "cand-2"}


async def start(client: httpx.AsyncClient, body: dict[str, Any] | None = None) -> dict[str, Any]:
    if body is None:
        paper = await client.post(
            "/v1/papers",
            json={"kind": "practice", "subject": "physics", "chapter": "gravitation", "size": 4},
        )
        body = {"paper_id": paper.json()["id"]}
    response = await client.post("/v1/attempts", json=body, headers=ME)
    assert response.status_code == 201, response.text
    attempt: dict[str, Any] = response.json()
    assert response.headers["location"] == f"http://test/v1/attempts/{attempt['id']}"
    return attempt


async def save(
    client: httpx.AsyncClient, attempt_id: int, version: int, *answers: dict[str, Any]
) -> httpx.Response:
    body = {"version": version, "answers": list(answers)}
    return await client.patch(f"/v1/attempts/{attempt_id}/answers", json=body, headers=ME)


async def test_start_sets_a_server_deadline(client: httpx.AsyncClient, clock: FakeClock) -> None:
    attempt = await start(client)
    assert attempt["status"] == "in_progress"
    assert attempt["version"] == 1
    assert attempt["seconds_left"] == 4 * 60
    assert attempt["deadline_at"] == "2026-05-03T08:34:00Z"


async def test_autosave_marks_review_and_time(client: httpx.AsyncClient) -> None:
    attempt = await start(client)
    response = await save(
        client,
        attempt["id"],
        1,
        {"position": 1, "selected": "B", "time_spent_ms": 30_000},
        {"position": 3, "marked_for_review": True},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["version"] == 2
    assert body["answers"] == [
        {"position": 1, "selected": "B", "marked_for_review": False, "time_spent_ms": 30_000},
        {"position": 3, "selected": None, "marked_for_review": True, "time_spent_ms": 0},
    ]
    cleared = await save(client, attempt["id"], 2, {"position": 1, "selected": None})
    assert cleared.json()["answers"][0] == {
        "position": 1,
        "selected": None,
        "marked_for_review": False,
        "time_spent_ms": 30_000,
    }


@pytest.mark.postgres
async def test_stale_tab_gets_409_with_current_version(client: httpx.AsyncClient) -> None:
    attempt = await start(client)
    tab_one = await save(client, attempt["id"], 1, {"position": 1, "selected": "A"})
    assert tab_one.status_code == 200
    tab_two = await save(client, attempt["id"], 1, {"position": 1, "selected": "C"})
    assert tab_two.status_code == 409
    problem = tab_two.json()
    assert problem["type"].endswith("/stale-version")
    assert problem["current_version"] == 2
    state = (await client.get(f"/v1/attempts/{attempt['id']}", headers=ME)).json()
    assert state["answers"][0]["selected"] == "A"  # the stale write changed nothing


@pytest.mark.postgres
async def test_retried_save_is_idempotent(client: httpx.AsyncClient) -> None:
    attempt = await start(client)
    change = {"position": 2, "selected": "D", "time_spent_ms": 9000}
    first = await save(client, attempt["id"], 1, change)
    retry = await save(client, attempt["id"], 1, change)  # the response to `first` was lost
    assert (first.status_code, retry.status_code) == (200, 200)
    assert retry.json()["version"] == 2  # no second bump


@pytest.mark.postgres
async def test_concurrent_saves_with_one_version_one_wins(client: httpx.AsyncClient) -> None:
    attempt = await start(client)
    responses = await asyncio.gather(
        *(save(client, attempt["id"], 1, {"position": 1, "selected": label}) for label in "ABCD")
    )
    codes = sorted(r.status_code for r in responses)
    assert codes == [200, 409, 409, 409]
    winner = next(r for r in responses if r.status_code == 200).json()
    state = (await client.get(f"/v1/attempts/{attempt['id']}", headers=ME)).json()
    assert state["version"] == 2
    assert state["answers"] == winner["answers"]


@pytest.mark.postgres
async def test_time_limit_is_enforced_by_the_server(
    client: httpx.AsyncClient, clock: FakeClock
) -> None:
    attempt = await start(client)
    clock.advance(minutes=4, seconds=20)  # past the deadline, within the 30 s grace
    in_grace = await save(client, attempt["id"], 1, {"position": 1, "selected": "A"})
    assert in_grace.status_code == 200
    assert in_grace.json()["seconds_left"] == 0
    clock.advance(seconds=11)
    late = await save(client, attempt["id"], 2, {"position": 2, "selected": "B"})
    assert late.status_code == 409
    assert late.json()["type"].endswith("/time-up")
    submitted = await client.post(f"/v1/attempts/{attempt['id']}/submission", headers=ME)
    assert submitted.status_code == 200  # a late submit still scores what was saved in time
    assert submitted.json()["result"]["correct"] + submitted.json()["result"]["wrong"] == 1


async def test_submit_once(client: httpx.AsyncClient) -> None:
    attempt = await start(client)
    first = await client.post(f"/v1/attempts/{attempt['id']}/submission", headers=ME)
    assert first.status_code == 200
    assert first.json()["status"] == "submitted"
    assert first.json()["result"] == {
        "score": 0,
        "max_marks": 16,
        "correct": 0,
        "wrong": 0,
        "unanswered": 4,
    }
    again = await client.post(f"/v1/attempts/{attempt['id']}/submission", headers=ME)
    assert again.status_code == 409
    assert again.json()["type"].endswith("/attempt-submitted")
    edit = await save(
        client, attempt["id"], first.json()["version"], {"position": 1, "selected": "A"}
    )
    assert edit.status_code == 409
    assert edit.json()["type"].endswith("/attempt-submitted")


@pytest.mark.postgres
async def test_double_submit_race_scores_once(client: httpx.AsyncClient) -> None:
    attempt = await start(client)
    url = f"/v1/attempts/{attempt['id']}/submission"
    responses = await asyncio.gather(*(client.post(url, headers=ME) for _ in range(3)))
    assert sorted(r.status_code for r in responses) == [200, 409, 409]


@pytest.mark.postgres
async def test_scoring_with_negative_marking(
    client: httpx.AsyncClient, paper_keys: PaperKeys
) -> None:
    attempt = await start(client)
    questions = (await client.get(f"/v1/attempts/{attempt['id']}/questions", headers=ME)).json()
    assert all(q["accepted_options"] is None for q in questions)  # no key before submission
    keys = await paper_keys(attempt["paper_id"])
    wrong_of = {"A": "B", "B": "C", "C": "D", "D": "A"}
    sheet = [
        {"position": 1, "selected": keys[1]},
        {"position": 2, "selected": keys[2]},
        {"position": 3, "selected": wrong_of[keys[3]]},
    ]  # position 4 left blank
    assert (await save(client, attempt["id"], 1, *sheet)).status_code == 200
    result = (await client.post(f"/v1/attempts/{attempt['id']}/submission", headers=ME)).json()
    assert result["result"] == {
        "score": 7,
        "max_marks": 16,
        "correct": 2,
        "wrong": 1,
        "unanswered": 1,
    }
    revealed = (await client.get(f"/v1/attempts/{attempt['id']}/questions", headers=ME)).json()
    assert all(q["accepted_options"] and q["explanation"] for q in revealed)
    assert all(q["external_id"] for q in revealed)  # the bank ids, for review, only now


async def test_running_attempt_hides_bank_ids(client: httpx.AsyncClient) -> None:
    """Mid-mock, nothing in the paper maps a position to the bank (and so to its key)."""
    attempt = await start(client)
    questions = (await client.get(f"/v1/attempts/{attempt['id']}/questions", headers=ME)).json()
    assert questions
    assert all(q["external_id"] is None for q in questions)
    assert all(q["explanation"] is None and q["accepted_options"] is None for q in questions)


@pytest.mark.postgres
async def test_key_correction_rescores_submitted_attempts(
    client: httpx.AsyncClient, editor: httpx.AsyncClient, paper_keys: PaperKeys
) -> None:
    attempt = await start(client)
    key = (await paper_keys(attempt["paper_id"]))[1]
    other = "A" if key != "A" else "B"
    await save(client, attempt["id"], 1, {"position": 1, "selected": other})
    await client.post(f"/v1/attempts/{attempt['id']}/submission", headers=ME)
    questions = (await client.get(f"/v1/attempts/{attempt['id']}/questions", headers=ME)).json()
    first, second = questions[0]["external_id"], questions[1]["external_id"]

    async def score() -> int:
        state = (await client.get(f"/v1/attempts/{attempt['id']}", headers=ME)).json()
        return int(state["result"]["score"])

    assert await score() == -1
    corrected = {"accepted_options": sorted({key, other})}
    assert (
        await editor.put(f"/v1/questions/{first}/answer-key", json=corrected)
    ).status_code == 200
    assert await score() == 4  # either option now earns the marks
    dropped = {"accepted_options": ["A"], "dropped": True}
    assert (await editor.put(f"/v1/questions/{second}/answer-key", json=dropped)).status_code == 200
    assert await score() == 8  # a dropped question pays everyone, even unanswered


async def test_attempts_are_private_to_their_candidate(client: httpx.AsyncClient) -> None:
    attempt = await start(client)
    url = f"/v1/attempts/{attempt['id']}"
    assert (await client.get(url, headers=SOMEONE_ELSE)).status_code == 404
    body = {"version": 1, "answers": [{"position": 1, "selected": "A"}]}
    assert (
        await client.patch(f"{url}/answers", json=body, headers=SOMEONE_ELSE)
    ).status_code == 404
    assert (await client.post(f"{url}/submission", headers=SOMEONE_ELSE)).status_code == 404
    assert (await client.get(f"{url}/analytics", headers=SOMEONE_ELSE)).status_code == 404
    assert (await client.get(f"{url}/questions", headers=SOMEONE_ELSE)).status_code == 404
    assert (await client.get(url, headers=ME)).status_code == 200


@pytest.mark.parametrize(
    ("headers", "location"),
    [({}, "header.x-candidate-id"), ({"X-Candidate-Id": "bad id!"}, "header.x-candidate-id")],
)
async def test_candidate_header_is_required_and_checked(
    client: httpx.AsyncClient, headers: dict[str, str], location: str
) -> None:
    response = await client.get("/v1/attempts", headers=headers)
    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == location


@pytest.mark.parametrize(
    ("answers", "location"),
    [
        ([{"position": 2, "selected": "A"}, {"position": 5}], "body.answers.1.position"),
        ([{"position": 2, "time_spent_ms": 300_000}], "body.answers.0.time_spent_ms"),
        ([{"position": 0, "selected": "A"}], "body.answers.0.position"),
        ([{"position": 1, "selected": "E"}], "body.answers.0.selected"),
        ([{"position": 1, "time_spent_ms": -5}], "body.answers.0.time_spent_ms"),
        ([{"position": 1, "time_spent_ms": 10_000_000}], "body.answers.0.time_spent_ms"),
        ([{"position": 1}, {"position": 1}], "body.answers"),
        ([], "body.answers"),
    ],
)
async def test_bad_saves_name_the_field_and_change_nothing(
    client: httpx.AsyncClient, answers: list[dict[str, Any]], location: str
) -> None:
    attempt = await start(client)
    response = await save(client, attempt["id"], 1, *answers)
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["location"] == location
    state = (await client.get(f"/v1/attempts/{attempt['id']}", headers=ME)).json()
    assert (state["version"], state["answers"]) == (1, [])  # nothing half-written


async def test_unknown_paper_and_attempt(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/attempts", json={"paper_id": 999}, headers=ME)
    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "body.paper_id"
    assert (await client.get("/v1/attempts/999", headers=ME)).status_code == 404
    assert (await client.post("/v1/attempts/999/submission", headers=ME)).status_code == 404


@pytest.mark.postgres
async def test_list_attempts_newest_first(client: httpx.AsyncClient) -> None:
    made = [(await start(client))["id"] for _ in range(3)]
    first = (await client.get("/v1/attempts", params={"limit": 2}, headers=ME)).json()
    rest = (
        await client.get("/v1/attempts", params={"cursor": first["next_cursor"]}, headers=ME)
    ).json()
    assert [a["id"] for a in first["items"] + rest["items"]] == made[::-1]
    assert (await client.get("/v1/attempts", headers=SOMEONE_ELSE)).json()["items"] == []


@pytest.mark.postgres
async def test_many_candidates_autosaving_at_once_all_succeed(client: httpx.AsyncClient) -> None:
    """Concurrent writers on different attempts all succeed: none sees a locked database."""
    attempts = [await start(client) for _ in range(8)]

    async def sit(attempt: dict[str, Any]) -> list[int]:
        codes, version = [], 1
        for step in range(4):
            response = await save(
                client, attempt["id"], version, {"position": 1 + step % 4, "selected": "A"}
            )
            codes.append(response.status_code)
            version = response.json().get("version", version)
        submitted = await client.post(f"/v1/attempts/{attempt['id']}/submission", headers=ME)
        return [*codes, submitted.status_code]

    results = await asyncio.gather(*(sit(attempt) for attempt in attempts))
    assert all(code == 200 for codes in results for code in codes), results
